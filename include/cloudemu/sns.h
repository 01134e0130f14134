// SnsView: typed access to a Cloud's SNS for tests and seeding code. Every
// AWS call runs the same operation code as a request through the listener;
// Deliveries() and SigningCertificatePem() show what SNS did and signed with.
// Deliveries are asynchronous, as on AWS: call Cloud::Settle() after
// publishing and before looking at a subscriber or at Deliveries().
// Thread-safety: as Cloud; a view is a cheap handle, valid while its Cloud is.
#ifndef CLOUDEMU_SNS_H_
#define CLOUDEMU_SNS_H_

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

using SnsAttributes = std::map<std::string, std::string>;

struct SnsSubscription {
  std::string arn;  // "PendingConfirmation" until confirmed, as ListSubscriptions shows it
  std::string topic_arn;
  std::string protocol;
  std::string endpoint;
  bool pending_confirmation = false;
};

struct SnsMessageAttribute {
  std::string data_type;  // "String", "Number", "Binary", "String.Array", ...
  std::string value;      // the bytes themselves for Binary types
};

struct SnsPublishOptions {
  std::string subject;
  bool json_structure = false;  // MessageStructure=json
  std::map<std::string, SnsMessageAttribute> attributes;
  std::string group_id;  // FIFO topics
  std::string deduplication_id;
};

struct SnsPublishResult {
  std::string message_id;
  std::string sequence_number;  // FIFO topics only
};

// One message's delivery to one subscription (after retries and redrive).
struct SnsDeliveryAttempt {
  std::string subscription_arn;
  std::string topic_arn;
  std::string message_id;
  std::string protocol;
  std::string endpoint;
  std::string status;  // "delivered", "failed" or "redriven"
  int attempts = 0;
  std::string reason;  // the last failure
};

class SnsView {
 public:
  explicit SnsView(internal::CloudState* state) : state_(state) {}

  // Returns the topic ARN.
  StatusOr<std::string> CreateTopic(std::string_view name, const SnsAttributes& attributes = {},
                                    const SnsAttributes& tags = {});
  Status DeleteTopic(std::string_view topic_arn);
  // Every topic ARN, following ListTopics pages.
  StatusOr<std::vector<std::string>> ListTopics() const;
  StatusOr<SnsAttributes> GetTopicAttributes(std::string_view topic_arn) const;
  Status SetTopicAttribute(std::string_view topic_arn, std::string_view name, std::string_view value);

  // Returns the subscription ARN (ReturnSubscriptionArn=true).
  StatusOr<std::string> Subscribe(std::string_view topic_arn, std::string_view protocol, std::string_view endpoint,
                                  const SnsAttributes& attributes = {});
  Status Unsubscribe(std::string_view subscription_arn);
  // The subscriptions of `topic_arn`, or of every topic when empty.
  StatusOr<std::vector<SnsSubscription>> ListSubscriptions(std::string_view topic_arn = "") const;
  StatusOr<SnsAttributes> GetSubscriptionAttributes(std::string_view subscription_arn) const;
  Status SetSubscriptionAttribute(std::string_view subscription_arn, std::string_view name, std::string_view value);

  StatusOr<SnsPublishResult> Publish(std::string_view topic_arn, std::string_view message,
                                     const SnsPublishOptions& options = {});

  // Every recorded delivery, oldest first.
  StatusOr<std::vector<SnsDeliveryAttempt>> Deliveries() const;
  // The PEM certificate whose key signs every message of this Cloud.
  StatusOr<std::string> SigningCertificatePem() const;

 private:
  internal::CloudState* state_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_SNS_H_
