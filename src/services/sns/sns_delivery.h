// SnsDelivery: how a published message (or a subscription confirmation)
// leaves SNS - always through the Cloud's core::Dispatch (DESIGN rule 3),
// never into another service's state - and how each attempt is recorded.
//
// What it submits, per subscription protocol:
//   sqs        target = queue ARN, message = {"MessageBody", "MessageAttributes"?
//              (raw delivery only, Publish's shape), "MessageGroupId"?,
//              "MessageDeduplicationId"? (FIFO queues only)}
//   http(s)    target = endpoint URL, message = {"headers": {name: value},
//              "body": text} (see server/http_delivery.h)
// The body is the signed JSON envelope (notification_envelope.h) or, with
// RawMessageDelivery, the message itself. Other protocols (lambda, email,
// ...) have no receiver in CloudEmu yet: their deliveries are recorded as
// failed, nothing is sent.
// A failed delivery is retried immediately up to the delivery policy's
// numRetries, then sent to the subscription's dead-letter queue when its
// RedrivePolicy names one. Every outcome becomes a DeliveryRecord.
// Thread-safety: all methods may be called concurrently; callers submit a
// FIFO topic's messages while holding the state's write mutex, so they reach
// the dispatch queue in sequence order.
#ifndef CLOUDEMU_SERVICES_SNS_SNS_DELIVERY_H_
#define CLOUDEMU_SERVICES_SNS_SNS_DELIVERY_H_

#include <string>

#include "cloudemu/status.h"
#include "core/dispatch.h"
#include "core/document.h"
#include "services/service.h"
#include "services/sns/message_signer.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

struct PublishedMessage {
  std::string message_id;
  std::string message;      // as published
  bool structured = false;  // MessageStructure=json: one message per protocol
  std::string subject;
  core::Document attributes;  // Publish's MessageAttributes
  std::string group_id;       // FIFO only, like the two below
  std::string dedup_id;
  std::string sequence_number;
  int64_t timestamp_millis = 0;
};

class SnsDelivery {
 public:
  SnsDelivery(SnsState& state, MessageSigner& signer, core::Dispatch* dispatch, core::IdGenerator& ids);

  // Hands `message` to every confirmed subscription of `topic` whose filter
  // policy matches it.
  Status FanOut(const TopicRecord& topic, const PublishedMessage& message, const RequestContext& context);
  // POSTs the SubscriptionConfirmation of a new HTTP(S) subscription.
  Status SendConfirmation(const TopicRecord& topic, const SubscriptionRecord& subscription,
                          const RequestContext& context);

  // The certificate's name among SNS's published files; SigningCertUrl is
  // BaseUrl + /_cloudemu/sns/ + this.
  static constexpr std::string_view kSigningCertificateFile = "SimpleNotificationService.pem";

  // The URLs SNS puts in its messages, based on where the Cloud listens.
  static std::string BaseUrl(const RequestContext& context);
  static std::string SigningCertUrl(const RequestContext& context);
  static std::string SubscribeUrl(const RequestContext& context, std::string_view topic_arn, std::string_view token);
  static std::string UnsubscribeUrl(const RequestContext& context, std::string_view subscription_arn);

 private:
  // Submits `delivery` with retries, redrive and recording attached.
  void Send(const TopicRecord& topic, const SubscriptionRecord& subscription, std::string_view message_id,
            core::Delivery delivery, int64_t now);
  void Record(const SubscriptionRecord& subscription, std::string_view message_id, std::string status, int attempts,
              std::string reason, int64_t now);

  SnsState& state_;
  MessageSigner& signer_;
  core::Dispatch* dispatch_;
  core::IdGenerator& ids_;
};

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SNS_DELIVERY_H_
