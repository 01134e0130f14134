#include "services/sns/sns_delivery.h"

#include <map>
#include <memory>
#include <utility>

#include "core/encoding.h"
#include "core/json.h"
#include "core/time_format.h"
#include "services/sns/notification_envelope.h"
#include "services/sns/subscription_attributes.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

constexpr std::string_view kUserAgent = "Amazon Simple Notification Service Agent";
constexpr std::string_view kContentType = "text/plain; charset=UTF-8";
// AWS's URLs name no API version; ours do, so that an unsigned GET of them
// reaches SNS and not the S3 fallback of a one-endpoint emulator.
constexpr std::string_view kVersionParameter = "&Version=2010-03-31";

bool IsHttp(std::string_view protocol) { return protocol == "http" || protocol == "https"; }

bool IsFifoQueue(std::string_view arn) { return arn.ends_with(".fifo"); }

std::string SignatureVersionOf(const TopicRecord& topic) {
  auto found = topic.attributes.find("SignatureVersion");
  return found == topic.attributes.end() ? std::string("1") : found->second;
}

// The message a subscription of `protocol` gets: with MessageStructure=json,
// its protocol's entry or the "default" one (Publish checked it exists).
std::string MessageFor(const PublishedMessage& message, std::string_view protocol) {
  if (!message.structured) return message.message;
  auto parsed = core::FromJson(message.message);
  if (!parsed.ok()) return message.message;
  const Document& own = (*parsed)[protocol];
  return own.is_string() ? own.AsString() : (*parsed)["default"].AsString();
}

Document Headers(std::string_view type, std::string_view message_id, std::string_view topic_arn) {
  Document headers = Document::Map();
  headers.Set("Content-Type", kContentType);
  headers.Set("User-Agent", kUserAgent);
  headers.Set("x-amz-sns-message-type", type);
  headers.Set("x-amz-sns-message-id", message_id);
  headers.Set("x-amz-sns-topic-arn", topic_arn);
  return headers;
}

}  // namespace

SnsDelivery::SnsDelivery(SnsState& state, MessageSigner& signer, core::Dispatch* dispatch, core::IdGenerator& ids)
    : state_(state), signer_(signer), dispatch_(dispatch), ids_(ids) {}

std::string SnsDelivery::BaseUrl(const RequestContext& context) {
  if (!context.endpoint.empty()) return context.endpoint;
  return "https://sns." + context.region + ".amazonaws.com";
}

std::string SnsDelivery::SigningCertUrl(const RequestContext& context) {
  return BaseUrl(context) + "/_cloudemu/sns/" + std::string(kSigningCertificateFile);
}

std::string SnsDelivery::SubscribeUrl(const RequestContext& context, std::string_view topic_arn,
                                      std::string_view token) {
  return BaseUrl(context) + "/?Action=ConfirmSubscription&TopicArn=" + core::UriEncode(topic_arn) +
         "&Token=" + core::UriEncode(token) + std::string(kVersionParameter);
}

std::string SnsDelivery::UnsubscribeUrl(const RequestContext& context, std::string_view subscription_arn) {
  return BaseUrl(context) + "/?Action=Unsubscribe&SubscriptionArn=" + core::UriEncode(subscription_arn) +
         std::string(kVersionParameter);
}

Status SnsDelivery::FanOut(const TopicRecord& topic, const PublishedMessage& message, const RequestContext& context) {
  const std::string signature_version = SignatureVersionOf(topic);
  // Signatures depend only on the text delivered, so each distinct text is
  // signed once per message.
  std::map<std::string, std::string> signatures;
  for (const SubscriptionRecord& subscription : state_.ListSubscriptions(topic.arn)) {
    if (subscription.pending) continue;
    const std::string text = MessageFor(message, subscription.protocol);
    if (auto filter = SubscriptionFilter(subscription); filter && !filter->Matches(message.attributes, text)) continue;

    const bool raw = RawMessageDelivery(subscription);
    std::string payload = text;
    if (!raw) {
      Envelope envelope;
      envelope.type = "Notification";
      envelope.message_id = message.message_id;
      envelope.topic_arn = topic.arn;
      envelope.subject = message.subject;
      envelope.message = text;
      envelope.timestamp = core::FormatIso8601(message.timestamp_millis);
      envelope.signature_version = signature_version;
      envelope.signing_cert_url = SigningCertUrl(context);
      envelope.unsubscribe_url = UnsubscribeUrl(context, subscription.arn);
      envelope.sequence_number = message.sequence_number;
      envelope.message_attributes = message.attributes;
      auto signature = signatures.find(text);
      if (signature == signatures.end()) {
        auto signed_text = signer_.Sign(CanonicalString(envelope), signature_version);
        if (!signed_text.ok()) return signed_text.status();
        signature = signatures.emplace(text, *signed_text).first;
      }
      envelope.signature = signature->second;
      payload = EnvelopeJson(envelope);
    }

    core::Delivery delivery;
    delivery.target = subscription.endpoint;
    delivery.source = topic.arn;
    delivery.message = Document::Map();
    if (subscription.protocol == "sqs") {
      delivery.message.Set("MessageBody", payload);
      if (raw && !message.attributes.empty()) delivery.message.Set("MessageAttributes", message.attributes);
      if (IsFifoQueue(subscription.endpoint) && !message.group_id.empty()) {
        delivery.message.Set("MessageGroupId", message.group_id);
        delivery.message.Set("MessageDeduplicationId", message.dedup_id);
      }
    } else if (IsHttp(subscription.protocol)) {
      Document headers = Headers("Notification", message.message_id, topic.arn);
      headers.Set("x-amz-sns-subscription-arn", subscription.arn);
      if (raw) headers.Set("x-amz-sns-rawdelivery", "true");
      delivery.message.Set("headers", std::move(headers));
      delivery.message.Set("body", payload);
    } else {
      Record(subscription, message.message_id, "failed", 0,
             "CloudEmu does not deliver to " + subscription.protocol + " endpoints yet", context.now_millis);
      continue;
    }
    Send(topic, subscription, message.message_id, std::move(delivery), context.now_millis);
  }
  return Status::Ok();
}

Status SnsDelivery::SendConfirmation(const TopicRecord& topic, const SubscriptionRecord& subscription,
                                     const RequestContext& context) {
  Envelope envelope;
  envelope.type = "SubscriptionConfirmation";
  envelope.message_id = ids_.Uuid();
  envelope.token = subscription.token;
  envelope.topic_arn = topic.arn;
  envelope.message = "You have chosen to subscribe to the topic " + topic.arn +
                     ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
  envelope.subscribe_url = SubscribeUrl(context, topic.arn, subscription.token);
  envelope.timestamp = core::FormatIso8601(context.now_millis);
  envelope.signature_version = SignatureVersionOf(topic);
  envelope.signing_cert_url = SigningCertUrl(context);
  auto signature = signer_.Sign(CanonicalString(envelope), envelope.signature_version);
  if (!signature.ok()) return signature.status();
  envelope.signature = *signature;

  core::Delivery delivery;
  delivery.target = subscription.endpoint;
  delivery.source = topic.arn;
  delivery.message = Document::Map();
  delivery.message.Set("headers", Headers(envelope.type, envelope.message_id, topic.arn));
  delivery.message.Set("body", EnvelopeJson(envelope));
  Send(topic, subscription, envelope.message_id, std::move(delivery), context.now_millis);
  return Status::Ok();
}

void SnsDelivery::Send(const TopicRecord& topic, const SubscriptionRecord& subscription, std::string_view message_id,
                       core::Delivery delivery, int64_t now) {
  const int retries = DeliveryRetries(subscription, topic);
  const std::string dead_letter = DeadLetterTarget(subscription);
  // The callback needs the delivery it reports on, to retry it.
  auto retained = std::make_shared<core::Delivery>(delivery);
  delivery.on_result = [this, retained, retries, dead_letter, subscription, id = std::string(message_id),
                        now](const Status& first) {
    Status result = first;
    int attempts = 1;
    // Retries run at once, on the dispatch thread, so later messages (a FIFO
    // topic's order) wait for them.
    while (!result.ok() && attempts <= retries) {
      result = dispatch_->DeliverNow(*retained);
      ++attempts;
    }
    if (result.ok()) {
      Record(subscription, id, "delivered", attempts, attempts > 1 ? first.message() : "", now);
      return;
    }
    if (dead_letter.empty()) {
      Record(subscription, id, "failed", attempts, result.message(), now);
      return;
    }
    core::Delivery redrive;
    redrive.target = dead_letter;
    redrive.source = subscription.arn;
    redrive.message = Document::Map();
    const Document& original = retained->message;
    redrive.message.Set("MessageBody", original.Has("MessageBody") ? original["MessageBody"] : original["body"]);
    if (const Document* attributes = original.Find("MessageAttributes")) {
      redrive.message.Set("MessageAttributes", *attributes);
    }
    if (IsFifoQueue(dead_letter) && original.Has("MessageGroupId")) {
      redrive.message.Set("MessageGroupId", original["MessageGroupId"]);
      redrive.message.Set("MessageDeduplicationId", original["MessageDeduplicationId"]);
    }
    Status redriven = dispatch_->DeliverNow(redrive);
    Record(subscription, id, redriven.ok() ? "redriven" : "failed", attempts,
           redriven.ok() ? result.message() : result.message() + "; dead-letter queue: " + redriven.message(), now);
  };
  dispatch_->Submit(std::move(delivery));
}

void SnsDelivery::Record(const SubscriptionRecord& subscription, std::string_view message_id, std::string status,
                         int attempts, std::string reason, int64_t now) {
  DeliveryRecord record;
  record.subscription_arn = subscription.arn;
  record.topic_arn = subscription.topic_arn;
  record.message_id = std::string(message_id);
  record.protocol = subscription.protocol;
  record.endpoint = subscription.endpoint;
  record.status = std::move(status);
  record.attempts = attempts;
  record.reason = std::move(reason);
  record.millis = now;
  // A record that cannot be written is lost; the delivery itself happened.
  (void)state_.AddDelivery(std::move(record));
}

}  // namespace cloudemu::services::sns
