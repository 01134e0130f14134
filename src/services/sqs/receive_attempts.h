// ReceiveRequestAttemptId (FIFO queues; standard queues ignore it, as on
// AWS). A ReceiveMessage retried with the same id within five minutes of the
// first answers the same messages and receipt handles, and resets their
// visibility timeout, as long as none of them was deleted or had its
// visibility changed (or was received again) in between; after such a
// change the id is no longer retryable and the retry fails with AWS's
// InvalidParameterValue. A receive that took no messages is remembered too:
// its retry answers none.
// Thread-safety: every function requires the state's mutex.
#ifndef CLOUDEMU_SERVICES_SQS_RECEIVE_ATTEMPTS_H_
#define CLOUDEMU_SERVICES_SQS_RECEIVE_ATTEMPTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

// The ReceiveRequestAttemptId of a ReceiveMessage input: none for a standard
// queue or when absent; InvalidParameterValue unless 1-128 alphanumeric or
// punctuation characters.
StatusOr<std::optional<std::string>> AttemptIdOf(const QueueRecord& queue, const Document& input);

// The messages the receive under `attempt_id` took, now invisible for
// `visibility_seconds` again; nothing when there was no such receive in the
// last five minutes.
StatusOr<std::optional<std::vector<MessageRecord>>> ReplayAttempt(SqsState& state, const QueueRecord& queue,
                                                                  std::string_view attempt_id,
                                                                  int64_t visibility_seconds, int64_t now);

// Remembers what a receive under `attempt_id` took, for five minutes.
Status RememberAttempt(SqsState& state, const QueueRecord& queue, std::string_view attempt_id,
                       const std::vector<MessageRecord>& taken, int64_t now);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_RECEIVE_ATTEMPTS_H_
