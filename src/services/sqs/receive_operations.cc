// ReceiveMessage (with long polling and FIFO receive attempts) and DeleteMessage(Batch).
#include <algorithm>
#include <chrono>
#include <mutex>
#include <vector>

#include "services/sqs/batch_entries.h"
#include "services/sqs/message_flow.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/receive_attempts.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

// A long poll re-checks at least this often, so messages made visible by the
// clock alone (a ManualClock moved by a test) are found.
constexpr auto kRecheckInterval = std::chrono::milliseconds(250);

StatusOr<int64_t> Bounded(const Document& input, std::string_view name, int64_t fallback, int64_t min, int64_t max,
                          std::string_view reason) {
  const Document* member = input.Find(name);
  if (member == nullptr || member->is_null()) return fallback;
  int64_t value = member->AsInt();
  if (value < min || value > max) return InvalidParameter(name, std::to_string(value), reason);
  return value;
}

Document ReceiveOutput(const QueueRecord& queue, const std::vector<MessageRecord>& taken, const Document& input) {
  Document output = Document::Map();
  if (taken.empty()) return output;
  Document& messages = output.Set("Messages", Document::List());
  for (const MessageRecord& message : taken) messages.Append(PresentMessage(queue, message, input));
  return output;
}

StatusOr<Document> ReceiveMessage(SqsState& state, const Document& input, const RequestContext&) {
  std::unique_lock lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  auto max = Bounded(input, "MaxNumberOfMessages", 1, 1, 10, "Must be between 1 and 10, if provided");
  if (!max.ok()) return max.status();
  auto visibility = Bounded(input, "VisibilityTimeout", queue->IntAttribute("VisibilityTimeout"), 0, 43200,
                            "Must be between 0 and 43200, if provided");
  if (!visibility.ok()) return visibility.status();
  auto wait = Bounded(input, "WaitTimeSeconds", queue->IntAttribute("ReceiveMessageWaitTimeSeconds"), 0, 20,
                      "Must be >= 0 and <= 20, if provided");
  if (!wait.ok()) return wait.status();
  auto attempt_id = AttemptIdOf(*queue, input);
  if (!attempt_id.ok()) return attempt_id.status();
  if (*attempt_id) {
    auto replayed = ReplayAttempt(state, *queue, **attempt_id, *visibility, state.Now());
    if (!replayed.ok()) return replayed.status();
    if (*replayed) return ReceiveOutput(*queue, **replayed, input);
  }

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*wait);
  while (true) {
    int64_t now = state.Now();
    if (Status advanced = AdvanceMoveTasks(state, now); !advanced.ok()) return advanced;
    auto taken = TakeMessages(state, *queue, *max, *visibility, now);
    if (!taken.ok()) return taken.status();
    auto steady_now = std::chrono::steady_clock::now();
    if (!taken->empty() || steady_now >= deadline) {
      if (*attempt_id) {
        if (Status kept = RememberAttempt(state, *queue, **attempt_id, *taken, now); !kept.ok()) return kept;
      }
      return ReceiveOutput(*queue, *taken, input);
    }
    auto wake = std::min(deadline, steady_now + kRecheckInterval);
    if (auto next = state.NextVisibleAt(*queue, now)) {
      wake = std::min(wake, steady_now + std::chrono::milliseconds(*next - now));
    }
    state.changed().wait_until(lock, wake);
    // The queue may have been changed or deleted meanwhile.
    queue = ResolveQueue(state, input);
    if (!queue.ok()) return queue.status();
  }
}

// Deletes the message a receipt handle names. A handle of an earlier receive
// succeeds without deleting (AWS: "the request succeeds, but the message
// might not be deleted"), as does one of a message already deleted.
StatusOr<Document> DeleteByHandle(SqsState& state, const QueueRecord& queue, const Document& entry) {
  const std::string& handle = entry["ReceiptHandle"].AsString();
  if (handle.empty()) return MissingParameter("ReceiptHandle");
  auto target = FindByHandle(state, queue, handle);
  if (!target.ok()) return target.status();
  if (target->message && target->current) {
    if (Status removed = state.RemoveMessage(queue, target->message->sequence); !removed.ok()) return removed;
  }
  return Document::Map();
}

StatusOr<Document> DeleteMessage(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  return DeleteByHandle(state, *queue, input);
}

StatusOr<Document> DeleteMessageBatch(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const Document& entries = input["Entries"];
  if (Status valid = CheckBatch(entries, "DeleteMessageBatchRequestEntry"); !valid.ok()) return valid;
  return RunBatch(entries, [&](const Document& entry) { return DeleteByHandle(state, *queue, entry); });
}

}  // namespace

void RegisterReceiveOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add,
         {{"ReceiveMessage", ReceiveMessage},
          {"DeleteMessage", DeleteMessage},
          {"DeleteMessageBatch", DeleteMessageBatch}});
}

}  // namespace cloudemu::services::sqs
