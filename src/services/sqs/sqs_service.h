// SqsService: Amazon SQS (model "sqs") - its state (SqsState), every
// operation group of sqs_operations.h, the resource listing, fixture seeding
// and the receiver for deliveries from other services.
//
// Deliveries (core::Dispatch, kind "sqs"): other services (SNS, EventBridge,
// S3 notifications) hand SQS a Delivery with
//   target  = the queue ARN ("arn:aws:sqs:<region>:<account>:<name>")
//   message = {"MessageBody": string,                       required
//              "MessageAttributes": {name: {"DataType", "StringValue" |
//                                    "BinaryValue" (blob)}},   optional
//              "MessageSystemAttributes": {...same shape...},  optional
//              "MessageGroupId": string,                     FIFO queues
//              "MessageDeduplicationId": string}             FIFO queues
//                                                            without content-based dedup
// and SQS runs its own SendMessage with those members. The receiver's status
// is SendMessage's: QueueDoesNotExist (query code
// AWS.SimpleQueueService.NonExistentQueue) when the queue is gone, or the
// validation error SendMessage gives.
//
// Thread-safety: as Service; operations serialise on the state's mutex
// (a long-polling ReceiveMessage waits on it without holding it).
#ifndef CLOUDEMU_SERVICES_SQS_SQS_SERVICE_H_
#define CLOUDEMU_SERVICES_SQS_SQS_SERVICE_H_

#include <string_view>
#include <vector>

#include "services/service.h"
#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

class SqsService final : public Service {
 public:
  explicit SqsService(const ServiceEnvironment& env);

  // Queues ("sqs:queue") with url, arn and message counts.
  Document ListResources() const override;
  // {"queues": [{"name", "attributes"?: {name: string}, "tags"?: {k: v},
  // "messages"?: [{"body", "attributes"?: {name: string value}}]}]}, applied
  // through CreateQueue and SendMessage.
  Status Seed(const Document& section, const RequestContext& context) override;
  void OnStateReplaced() override;

  // The unexpired messages of a queue in queue order, without receiving
  // them (for the typed view's assertions); QueueDoesNotExist when absent.
  StatusOr<std::vector<MessageRecord>> Peek(std::string_view account, std::string_view name) const;

 private:
  Status Deliver(const core::Delivery& delivery);

  ServiceEnvironment env_;
  SqsState state_;
};

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_SQS_SERVICE_H_
