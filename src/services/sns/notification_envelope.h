// The JSON documents SNS sends to subscribers - a Notification, or a
// SubscriptionConfirmation to an HTTP(S) endpoint - with AWS's member order,
// and the canonical string AWS signs for each (the "Signature" member).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SNS_NOTIFICATION_ENVELOPE_H_
#define CLOUDEMU_SERVICES_SNS_NOTIFICATION_ENVELOPE_H_

#include <string>

#include "core/document.h"

namespace cloudemu::services::sns {

struct Envelope {
  std::string type;  // "Notification" or "SubscriptionConfirmation"
  std::string message_id;
  std::string token;  // SubscriptionConfirmation only
  std::string topic_arn;
  std::string subject;  // Notification only; omitted when empty
  std::string message;
  std::string subscribe_url;      // SubscriptionConfirmation only
  std::string timestamp;          // ISO 8601 with milliseconds, Z
  std::string signature_version;  // "1" or "2"
  std::string signature;          // base64; filled in from CanonicalString
  std::string signing_cert_url;
  std::string unsubscribe_url;  // Notification only
  std::string sequence_number;  // FIFO topics only
  // Publish's MessageAttributes ({Name: {DataType, StringValue|BinaryValue}});
  // written as {Name: {"Type", "Value"}} (binary values base64).
  core::Document message_attributes;
};

// The string AWS signs: "Name\nvalue\n" for each signed member in
// alphabetical order (Subject only when present).
std::string CanonicalString(const Envelope& envelope);

// The envelope as the JSON text a subscriber receives.
std::string EnvelopeJson(const Envelope& envelope);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_NOTIFICATION_ENVELOPE_H_
