// SendMessage and SendMessageBatch.
#include <mutex>

#include "services/sqs/batch_entries.h"
#include "services/sqs/message_content.h"
#include "services/sqs/message_flow.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

constexpr int64_t kMaxBatchBytes = 262144;

StatusOr<Document> SendMessage(SqsState& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  return SendOne(state, *queue, input, context);
}

StatusOr<Document> SendMessageBatch(SqsState& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const Document& entries = input["Entries"];
  if (Status valid = CheckBatch(entries, "SendMessageBatchRequestEntry"); !valid.ok()) return valid;
  int64_t total = 0;
  for (const Document& entry : entries.AsList()) {
    total += MessageSize(entry["MessageBody"].AsString(), entry["MessageAttributes"]);
  }
  if (total > kMaxBatchBytes) {
    return Status::InvalidArgument(
        "BatchRequestTooLong",
        "Batch requests cannot be longer than 262144 bytes. You have sent " + std::to_string(total) + " bytes.");
  }
  return RunBatch(entries, [&](const Document& entry) { return SendOne(state, *queue, entry, context); });
}

}  // namespace

void RegisterSendOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add, {{"SendMessage", SendMessage}, {"SendMessageBatch", SendMessageBatch}});
}

}  // namespace cloudemu::services::sqs
