// The life of a message: sending one (checks, FIFO de-duplication, delays),
// receiving (visibility, retention, dead-letter redrive), receipt handles,
// and how a received message is presented. Send, batch send, the Dispatch
// receiver, fixtures and move tasks all go through these.
// Thread-safety: every function requires the state's mutex.
#ifndef CLOUDEMU_SERVICES_SQS_MESSAGE_FLOW_H_
#define CLOUDEMU_SERVICES_SQS_MESSAGE_FLOW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/service.h"
#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

// A FIFO id (MessageGroupId, MessageDeduplicationId, ReceiveRequestAttemptId):
// 1-128 alphanumeric or punctuation characters, else InvalidParameterValue.
Status CheckFifoId(std::string_view name, std::string_view value);

// Sends one message: `entry` has the members of SendMessage's input (or of a
// SendMessageBatchRequestEntry). Answers SendMessage's output members.
StatusOr<Document> SendOne(SqsState& state, const QueueRecord& queue, const Document& entry,
                           const RequestContext& context);

// Takes up to `max` messages that may be received now, makes them invisible
// for `visibility_seconds` and gives each a new receipt token. Expired
// messages are dropped and over-received ones moved to the dead-letter queue
// on the way.
StatusOr<std::vector<MessageRecord>> TakeMessages(SqsState& state, const QueueRecord& queue, int64_t max,
                                                  int64_t visibility_seconds, int64_t now);

// A received message as ReceiveMessage answers it, with the system
// attributes and message attributes the request asked for.
Document PresentMessage(const QueueRecord& queue, const MessageRecord& message, const Document& request);

std::string ReceiptHandle(const QueueRecord& queue, const MessageRecord& message);
struct ParsedHandle {
  std::string account;
  std::string name;
  uint64_t sequence = 0;
  std::string token;
};
std::optional<ParsedHandle> ParseReceiptHandle(std::string_view handle);

// The message a receipt handle of `queue` names, with ReceiptHandleIsInvalid
// for a handle that is no handle (or of another queue). The message is
// absent when it was deleted; `current` tells whether the handle is the one
// of its latest receive.
struct HandleTarget {
  std::optional<MessageRecord> message;
  bool current = false;
};
StatusOr<HandleTarget> FindByHandle(const SqsState& state, const QueueRecord& queue, std::string_view handle);

// The SequenceNumber SQS shows for a sequence: 20 digits, increasing.
std::string SequenceNumberText(uint64_t sequence);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_MESSAGE_FLOW_H_
