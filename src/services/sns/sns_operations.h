// The groups of SNS operations; each group lives in its own file and adds
// its handlers through `add`. SnsService calls every Register* once.
#ifndef CLOUDEMU_SERVICES_SNS_SNS_OPERATIONS_H_
#define CLOUDEMU_SERVICES_SNS_SNS_OPERATIONS_H_

#include <functional>
#include <string>

#include "core/ids.h"
#include "services/service.h"
#include "services/sns/sns_delivery.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

using AddOperation = std::function<void(std::string operation, Service::Handler handler)>;

// What every operation group works with.
struct SnsParts {
  SnsState& state;
  SnsDelivery& delivery;
  core::IdGenerator& ids;
};

void RegisterTopicOperations(const SnsParts& sns, const AddOperation& add);         // topic_operations.cc
void RegisterTopicPolicyOperations(const SnsParts& sns, const AddOperation& add);   // topic_policy_operations.cc
void RegisterSubscriptionOperations(const SnsParts& sns, const AddOperation& add);  // subscription_operations.cc
void RegisterPublishOperations(const SnsParts& sns, const AddOperation& add);       // publish_operations.cc

// arn:aws:sns:<region>:<account>:<name>
std::string TopicArn(const RequestContext& context, std::string_view name);
// The string member `name` of `input`, or MissingParameter when absent.
StatusOr<std::string> RequiredString(const core::Document& input, std::string_view name);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SNS_OPERATIONS_H_
