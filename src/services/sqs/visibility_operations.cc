// ChangeMessageVisibility(Batch).
#include <mutex>

#include "services/sqs/batch_entries.h"
#include "services/sqs/message_flow.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

constexpr int64_t kMaxVisibilitySeconds = 43200;

StatusOr<Document> ChangeByHandle(SqsState& state, const QueueRecord& queue, const Document& entry) {
  const std::string& handle = entry["ReceiptHandle"].AsString();
  if (handle.empty()) return MissingParameter("ReceiptHandle");
  if (!entry.Has("VisibilityTimeout")) return MissingParameter("VisibilityTimeout");
  int64_t timeout = entry["VisibilityTimeout"].AsInt();
  if (timeout < 0 || timeout > kMaxVisibilitySeconds) {
    return InvalidParameter("VisibilityTimeout", std::to_string(timeout), "Must be between 0 and 43200");
  }
  auto target = FindByHandle(state, queue, handle);
  if (!target.ok()) return target.status();
  int64_t now = state.Now();
  if (!target->message) {
    return InvalidParameter("ReceiptHandle", handle,
                            "Message does not exist or is not available for visibility timeout change");
  }
  if (!target->current) return InvalidParameter("ReceiptHandle", handle, "The receipt handle has expired");
  MessageRecord& message = *target->message;
  if (!message.in_flight(now)) {
    return Status::InvalidArgument("MessageNotInflight",
                                   "Message does not exist or is not available for visibility timeout change.");
  }
  message.visible_at_millis = now + timeout * 1000;
  if (Status updated = state.UpdateMessage(queue, message); !updated.ok()) return updated;
  return Document::Map();
}

StatusOr<Document> ChangeMessageVisibility(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  return ChangeByHandle(state, *queue, input);
}

StatusOr<Document> ChangeMessageVisibilityBatch(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const Document& entries = input["Entries"];
  if (Status valid = CheckBatch(entries, "ChangeMessageVisibilityBatchRequestEntry"); !valid.ok()) return valid;
  return RunBatch(entries, [&](const Document& entry) { return ChangeByHandle(state, *queue, entry); });
}

}  // namespace

void RegisterVisibilityOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add,
         {{"ChangeMessageVisibility", ChangeMessageVisibility},
          {"ChangeMessageVisibilityBatch", ChangeMessageVisibilityBatch}});
}

}  // namespace cloudemu::services::sqs
