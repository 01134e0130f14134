#include "services/sns/sns_operations.h"

#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {

std::string TopicArn(const RequestContext& context, std::string_view name) {
  return "arn:aws:sns:" + context.region + ":" + context.account_id + ":" + std::string(name);
}

StatusOr<std::string> RequiredString(const core::Document& input, std::string_view name) {
  const core::Document* value = input.Find(name);
  if (!value || !value->is_string()) return MissingParameter(name);
  return value->AsString();
}

}  // namespace cloudemu::services::sns
