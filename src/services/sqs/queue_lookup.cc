#include "services/sqs/queue_lookup.h"

#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {

std::string QueueUrl(const QueueRecord& queue, const RequestContext& context) {
  std::string base = context.endpoint.empty() ? "https://sqs." + queue.region + ".amazonaws.com" : context.endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + queue.account + "/" + queue.name;
}

StatusOr<QueueRecord> ResolveQueue(const SqsState& state, const Document& input) {
  const Document* url_member = input.Find("QueueUrl");
  if (url_member == nullptr || url_member->AsString().empty()) return MissingParameter("QueueUrl");
  std::string_view url = url_member->AsString();
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    size_t path = url.find('/', scheme + 3);
    url = path == std::string_view::npos ? std::string_view() : url.substr(path);
  }
  if (size_t query = url.find('?'); query != std::string_view::npos) url = url.substr(0, query);
  // "/<account>/<name>"
  if (url.size() < 4 || url.front() != '/') {
    return Status::NotFound("InvalidAddress",
                            "The address " + url_member->AsString() + " is not valid for this endpoint.");
  }
  url.remove_prefix(1);
  size_t slash = url.find('/');
  if (slash == std::string_view::npos || url.find('/', slash + 1) != std::string_view::npos) {
    return Status::NotFound("InvalidAddress",
                            "The address " + url_member->AsString() + " is not valid for this endpoint.");
  }
  auto queue = state.FindQueue(url.substr(0, slash), url.substr(slash + 1));
  if (!queue) return QueueDoesNotExist();
  return std::move(*queue);
}

StatusOr<QueueRecord> ResolveQueueArn(const SqsState& state, std::string_view arn) {
  auto queue = state.FindQueueByArn(arn);
  if (!queue) return QueueDoesNotExist();
  return std::move(*queue);
}

}  // namespace cloudemu::services::sqs
