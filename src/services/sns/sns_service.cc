#include "services/sns/sns_service.h"

#include "services/sns/sns_operations.h"

namespace cloudemu::services::sns {

SnsService::SnsService(const ServiceEnvironment& env)
    : Service("sns"),
      state_(*env.store),
      signer_(state_, "sns." + env.region + ".amazonaws.com"),
      delivery_(state_, signer_, env.dispatch, *env.ids) {
  AddOperation add = [this](std::string operation, Handler handler) {
    Register(std::move(operation), std::move(handler));
  };
  const SnsParts parts{state_, delivery_, *env.ids};
  RegisterTopicOperations(parts, add);
  RegisterTopicPolicyOperations(parts, add);
  RegisterSubscriptionOperations(parts, add);
  RegisterPublishOperations(parts, add);
}

Document SnsService::ListResources() const {
  Document resources = Document::List();
  for (const TopicRecord& topic : state_.ListTopics()) {
    std::vector<SubscriptionRecord> subscriptions = state_.ListSubscriptions(topic.arn);
    Document& entry = resources.Append(Document::Map());
    entry.Set("type", "sns:topic");
    entry.Set("id", topic.name);
    entry.Set("arn", topic.arn);
    Document& attributes = entry.Set("attributes", Document::Map());
    attributes.Set("fifo", topic.fifo);
    attributes.Set("subscriptions", static_cast<int64_t>(subscriptions.size()));
    Document& tags = attributes.Set("tags", Document::Map());
    for (const auto& [key, value] : topic.tags) tags.Set(key, value);
    for (const SubscriptionRecord& subscription : subscriptions) {
      Document& sub = resources.Append(Document::Map());
      sub.Set("type", "sns:subscription");
      sub.Set("id", subscription.arn);
      sub.Set("arn", subscription.arn);
      Document& sub_attributes = sub.Set("attributes", Document::Map());
      sub_attributes.Set("topic_arn", subscription.topic_arn);
      sub_attributes.Set("protocol", subscription.protocol);
      sub_attributes.Set("endpoint", subscription.endpoint);
      sub_attributes.Set("pending_confirmation", subscription.pending);
    }
  }
  return resources;
}

void SnsService::OnStateReplaced() { signer_.Forget(); }

StatusOr<PublishedFile> SnsService::FindPublishedFile(std::string_view name) {
  if (name != SnsDelivery::kSigningCertificateFile) return Service::FindPublishedFile(name);
  auto certificate = signer_.CertificatePem();
  if (!certificate.ok()) return certificate.status();
  // The media type of an X.509 certificate in PEM form.
  return PublishedFile{"application/x-x509-ca-cert", std::move(*certificate)};
}

}  // namespace cloudemu::services::sns
