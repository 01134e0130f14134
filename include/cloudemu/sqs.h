// SqsView: typed access to a Cloud's SQS for tests and seeding code. Every
// call except Peek runs the same operation code as a request through the
// listener; queues are named by their name in the Cloud's account.
// Thread-safety: as Cloud; a view is a cheap handle, valid while its Cloud is.
#ifndef CLOUDEMU_SQS_H_
#define CLOUDEMU_SQS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu {

namespace internal {
class CloudState;
}

struct SqsSendOptions {
  int delay_seconds = -1;                         // -1: the queue's DelaySeconds
  std::string group_id;                           // FIFO queues
  std::string deduplication_id;                   // FIFO queues without content-based de-duplication
  std::map<std::string, std::string> attributes;  // String message attributes
};

struct SqsMessage {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::map<std::string, std::string> attributes;          // every system attribute
  std::map<std::string, std::string> message_attributes;  // string/number values
};

enum class SqsMessageState { kVisible, kInFlight, kDelayed };

// A message as it sits in its queue, without receiving it.
struct SqsPeekedMessage {
  std::string message_id;
  std::string body;
  std::string group_id;
  SqsMessageState state = SqsMessageState::kVisible;
  int64_t receive_count = 0;
  int64_t sent_millis = 0;
  int64_t visible_at_millis = 0;
};

class SqsView {
 public:
  explicit SqsView(internal::CloudState* state) : state_(state) {}

  // Creates the queue (or finds it with the same attributes); its URL.
  StatusOr<std::string> CreateQueue(std::string_view name, const std::map<std::string, std::string>& attributes = {});
  StatusOr<std::string> QueueUrl(std::string_view name) const;
  Status DeleteQueue(std::string_view name);
  StatusOr<std::map<std::string, std::string>> QueueAttributes(std::string_view name) const;
  Status SetQueueAttributes(std::string_view name, const std::map<std::string, std::string>& attributes);

  // The new message's id.
  StatusOr<std::string> SendMessage(std::string_view name, std::string_view body, const SqsSendOptions& options = {});
  // visibility_timeout -1: the queue's.
  StatusOr<std::vector<SqsMessage>> ReceiveMessages(std::string_view name, int max_messages = 1,
                                                    int visibility_timeout = -1, int wait_seconds = 0);
  Status DeleteMessage(std::string_view name, std::string_view receipt_handle);

  // Every unexpired message of the queue in queue order with its state.
  StatusOr<std::vector<SqsPeekedMessage>> Peek(std::string_view name) const;

 private:
  internal::CloudState* state_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_SQS_H_
