// SnsView: typed calls that run SNS's own operations through
// CloudState::Invoke, exactly as a request through the listener would.
#include "cloudemu/sns.h"

#include "cloud/cloud_state.h"
#include "core/document.h"
#include "services/sns/sns_service.h"

namespace cloudemu {
namespace {

using core::Document;

Document Input(std::string_view member, std::string_view value) {
  Document input = Document::Map();
  input.Set(member, value);
  return input;
}

Status StatusOf(const StatusOr<Document>& output) { return output.ok() ? Status::Ok() : output.status(); }

Document AttributeMap(const SnsAttributes& attributes) {
  Document map = Document::Map();
  for (const auto& [name, value] : attributes) map.Set(name, value);
  return map;
}

StatusOr<SnsAttributes> Attributes(const StatusOr<Document>& output) {
  if (!output.ok()) return output.status();
  SnsAttributes attributes;
  for (const auto& [name, value] : (*output)["Attributes"].AsMap()) attributes[name] = value.AsString();
  return attributes;
}

services::sns::SnsService* Service(internal::CloudState& state) {
  return dynamic_cast<services::sns::SnsService*>(state.FindService("sns"));
}

Status NoSns() { return Status::Internal("this Cloud has no SNS service"); }

}  // namespace

StatusOr<std::string> SnsView::CreateTopic(std::string_view name, const SnsAttributes& attributes,
                                           const SnsAttributes& tags) {
  Document input = Input("Name", name);
  if (!attributes.empty()) input.Set("Attributes", AttributeMap(attributes));
  if (!tags.empty()) {
    Document& list = input.Set("Tags", Document::List());
    for (const auto& [key, value] : tags) {
      Document& tag = list.Append(Document::Map());
      tag.Set("Key", key);
      tag.Set("Value", value);
    }
  }
  auto output = state_->Invoke("sns", "CreateTopic", input);
  if (!output.ok()) return output.status();
  return (*output)["TopicArn"].AsString();
}

Status SnsView::DeleteTopic(std::string_view topic_arn) {
  return StatusOf(state_->Invoke("sns", "DeleteTopic", Input("TopicArn", topic_arn)));
}

StatusOr<std::vector<std::string>> SnsView::ListTopics() const {
  std::vector<std::string> arns;
  Document input = Document::Map();
  while (true) {
    auto page = state_->Invoke("sns", "ListTopics", input);
    if (!page.ok()) return page.status();
    for (const Document& topic : (*page)["Topics"].AsList()) arns.push_back(topic["TopicArn"].AsString());
    const Document* token = page->Find("NextToken");
    if (!token) return arns;
    input.Set("NextToken", *token);
  }
}

StatusOr<SnsAttributes> SnsView::GetTopicAttributes(std::string_view topic_arn) const {
  return Attributes(state_->Invoke("sns", "GetTopicAttributes", Input("TopicArn", topic_arn)));
}

Status SnsView::SetTopicAttribute(std::string_view topic_arn, std::string_view name, std::string_view value) {
  Document input = Input("TopicArn", topic_arn);
  input.Set("AttributeName", name);
  input.Set("AttributeValue", value);
  return StatusOf(state_->Invoke("sns", "SetTopicAttributes", input));
}

StatusOr<std::string> SnsView::Subscribe(std::string_view topic_arn, std::string_view protocol,
                                         std::string_view endpoint, const SnsAttributes& attributes) {
  Document input = Input("TopicArn", topic_arn);
  input.Set("Protocol", protocol);
  input.Set("Endpoint", endpoint);
  input.Set("ReturnSubscriptionArn", true);
  if (!attributes.empty()) input.Set("Attributes", AttributeMap(attributes));
  auto output = state_->Invoke("sns", "Subscribe", input);
  if (!output.ok()) return output.status();
  return (*output)["SubscriptionArn"].AsString();
}

Status SnsView::Unsubscribe(std::string_view subscription_arn) {
  return StatusOf(state_->Invoke("sns", "Unsubscribe", Input("SubscriptionArn", subscription_arn)));
}

StatusOr<std::vector<SnsSubscription>> SnsView::ListSubscriptions(std::string_view topic_arn) const {
  std::vector<SnsSubscription> subscriptions;
  const bool by_topic = !topic_arn.empty();
  Document input = by_topic ? Input("TopicArn", topic_arn) : Document::Map();
  while (true) {
    auto page = state_->Invoke("sns", by_topic ? "ListSubscriptionsByTopic" : "ListSubscriptions", input);
    if (!page.ok()) return page.status();
    for (const Document& entry : (*page)["Subscriptions"].AsList()) {
      SnsSubscription subscription;
      subscription.arn = entry["SubscriptionArn"].AsString();
      subscription.topic_arn = entry["TopicArn"].AsString();
      subscription.protocol = entry["Protocol"].AsString();
      subscription.endpoint = entry["Endpoint"].AsString();
      subscription.pending_confirmation = subscription.arn == "PendingConfirmation";
      subscriptions.push_back(std::move(subscription));
    }
    const Document* token = page->Find("NextToken");
    if (!token) break;
    input.Set("NextToken", *token);
  }
  return subscriptions;
}

StatusOr<SnsAttributes> SnsView::GetSubscriptionAttributes(std::string_view subscription_arn) const {
  return Attributes(state_->Invoke("sns", "GetSubscriptionAttributes", Input("SubscriptionArn", subscription_arn)));
}

Status SnsView::SetSubscriptionAttribute(std::string_view subscription_arn, std::string_view name,
                                         std::string_view value) {
  Document input = Input("SubscriptionArn", subscription_arn);
  input.Set("AttributeName", name);
  input.Set("AttributeValue", value);
  return StatusOf(state_->Invoke("sns", "SetSubscriptionAttributes", input));
}

StatusOr<SnsPublishResult> SnsView::Publish(std::string_view topic_arn, std::string_view message,
                                            const SnsPublishOptions& options) {
  Document input = Input("TopicArn", topic_arn);
  input.Set("Message", message);
  if (!options.subject.empty()) input.Set("Subject", options.subject);
  if (options.json_structure) input.Set("MessageStructure", "json");
  if (!options.group_id.empty()) input.Set("MessageGroupId", options.group_id);
  if (!options.deduplication_id.empty()) input.Set("MessageDeduplicationId", options.deduplication_id);
  if (!options.attributes.empty()) {
    Document& attributes = input.Set("MessageAttributes", Document::Map());
    for (const auto& [name, attribute] : options.attributes) {
      Document& value = attributes.Set(name, Document::Map());
      value.Set("DataType", attribute.data_type);
      if (attribute.data_type.starts_with("Binary")) {
        value.Set("BinaryValue", core::Blob{attribute.value});
      } else {
        value.Set("StringValue", attribute.value);
      }
    }
  }
  auto output = state_->Invoke("sns", "Publish", input);
  if (!output.ok()) return output.status();
  return SnsPublishResult{(*output)["MessageId"].AsString(), (*output)["SequenceNumber"].AsString("")};
}

StatusOr<std::vector<SnsDeliveryAttempt>> SnsView::Deliveries() const {
  services::sns::SnsService* service = Service(*state_);
  if (!service) return NoSns();
  std::vector<SnsDeliveryAttempt> attempts;
  for (const services::sns::DeliveryRecord& record : service->Deliveries()) {
    attempts.push_back({record.subscription_arn, record.topic_arn, record.message_id, record.protocol, record.endpoint,
                        record.status, record.attempts, record.reason});
  }
  return attempts;
}

StatusOr<std::string> SnsView::SigningCertificatePem() const {
  services::sns::SnsService* service = Service(*state_);
  if (!service) return NoSns();
  return service->SigningCertificatePem();
}

}  // namespace cloudemu
