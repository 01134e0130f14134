#include "services/sqs/receive_attempts.h"

#include "services/sqs/message_flow.h"
#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {
namespace {

constexpr std::string_view kAttemptIdName = "ReceiveRequestAttemptId";
// "You can use ReceiveRequestAttemptId only for 5 minutes after a
// ReceiveMessage action." (ReceiveMessage API reference)
constexpr int64_t kAttemptWindowMillis = 5 * 60 * 1000;

ReceiveAttempt::Taken TakenOf(const MessageRecord& message) {
  return {message.sequence, message.receipt_token, message.visible_at_millis};
}

}  // namespace

StatusOr<std::optional<std::string>> AttemptIdOf(const QueueRecord& queue, const Document& input) {
  const Document* id = input.Find(kAttemptIdName);
  if (!queue.fifo() || id == nullptr || id->is_null()) return std::optional<std::string>();
  if (Status valid = CheckFifoId(kAttemptIdName, id->AsString()); !valid.ok()) return valid;
  return std::optional<std::string>(id->AsString());
}

StatusOr<std::optional<std::vector<MessageRecord>>> ReplayAttempt(SqsState& state, const QueueRecord& queue,
                                                                  std::string_view attempt_id,
                                                                  int64_t visibility_seconds, int64_t now) {
  std::optional<ReceiveAttempt> attempt = state.FindAttempt(queue, attempt_id, now);
  if (!attempt) return std::optional<std::vector<MessageRecord>>();
  std::vector<MessageRecord> messages;
  for (const ReceiveAttempt::Taken& taken : attempt->messages) {
    std::optional<MessageRecord> message = state.FindMessage(queue, taken.sequence);
    if (!message || message->receipt_token != taken.receipt_token ||
        message->visible_at_millis != taken.visible_at_millis) {
      // AWS's answer to a retry after such a change.
      return InvalidParameter(kAttemptIdName, attempt_id,
                              "The receiveRequestAttemptId is not valid anymore since the receive call is not "
                              "retryable");
    }
    messages.push_back(std::move(*message));
  }
  // "If a retry occurs within the deduplication interval, it resets the
  // visibility timeout." The attempt keeps its first expiry.
  attempt->messages.clear();
  for (MessageRecord& message : messages) {
    message.visible_at_millis = now + visibility_seconds * 1000;
    if (Status updated = state.UpdateMessage(queue, message); !updated.ok()) return updated;
    attempt->messages.push_back(TakenOf(message));
  }
  if (Status saved = state.SaveAttempt(queue, attempt_id, *attempt, now); !saved.ok()) return saved;
  return std::optional<std::vector<MessageRecord>>(std::move(messages));
}

Status RememberAttempt(SqsState& state, const QueueRecord& queue, std::string_view attempt_id,
                       const std::vector<MessageRecord>& taken, int64_t now) {
  ReceiveAttempt attempt;
  attempt.expires_millis = now + kAttemptWindowMillis;
  for (const MessageRecord& message : taken) attempt.messages.push_back(TakenOf(message));
  return state.SaveAttempt(queue, attempt_id, attempt, now);
}

}  // namespace cloudemu::services::sqs
