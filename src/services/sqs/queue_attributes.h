// Queue attributes: which may be set, their ranges and defaults, and the
// computed ones GetQueueAttributes adds.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SQS_QUEUE_ATTRIBUTES_H_
#define CLOUDEMU_SERVICES_SQS_QUEUE_ATTRIBUTES_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "services/sqs/sqs_records.h"
#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

using AttributeMap = std::map<std::string, std::string>;

// Finds a queue by ARN, for checking a RedrivePolicy's target.
using QueueByArn = std::function<std::optional<QueueRecord>(std::string_view arn)>;

// The attributes a new queue starts with (before the client's own).
AttributeMap DefaultAttributes(bool fifo);

// Checks `requested` (an Attributes input member) for a queue of the given
// type and returns them as strings. `creating` allows FifoQueue.
StatusOr<AttributeMap> CheckAttributes(const Document& requested, bool fifo, bool creating,
                                       const QueueByArn& find_queue);

// Applies checked attributes: an empty Policy/RedrivePolicy/RedriveAllowPolicy
// or KmsMasterKeyId removes it; KMS and SQS-managed encryption exclude each
// other as on AWS.
void ApplyAttributes(const AttributeMap& changes, AttributeMap& attributes);

// The first attribute in `requested` whose value differs from the queue's,
// for CreateQueue on an existing name.
std::optional<std::string> DifferingAttribute(const AttributeMap& requested, const AttributeMap& current);

// The maxReceiveCount and target of a queue's RedrivePolicy, if it has one.
struct Redrive {
  std::string target_arn;
  int64_t max_receive_count = 0;
};
std::optional<Redrive> RedriveOf(const QueueRecord& queue);

// GetQueueAttributes' Attributes member for the names asked ("All" = every
// one); InvalidAttributeName for a name SQS does not know.
StatusOr<Document> QueueAttributesOutput(const QueueRecord& queue, const MessageCounts& counts, const Document& names);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_QUEUE_ATTRIBUTES_H_
