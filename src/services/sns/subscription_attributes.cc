#include "services/sns/subscription_attributes.h"

#include <algorithm>

#include "core/json.h"
#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

constexpr int kDefaultRetries = 3;
constexpr int kMaxRetries = 100;

constexpr std::string_view kDefaultEffectiveDeliveryPolicy =
    R"({"healthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,)"
    R"("numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"sicklyRetryPolicy":null,)"
    R"("throttlePolicy":null,"guaranteed":false})";

std::string Attribute(const SubscriptionRecord& subscription, std::string_view name) {
  auto found = subscription.attributes.find(std::string(name));
  return found == subscription.attributes.end() ? std::string() : found->second;
}

FilterScope ScopeOf(std::string_view scope) {
  return scope == "MessageBody" ? FilterScope::kMessageBody : FilterScope::kMessageAttributes;
}

Status Reason(std::string reason) { return InvalidParameter(std::move(reason)); }

std::optional<Document> JsonObject(std::string_view text) {
  auto parsed = core::FromJson(text);
  if (!parsed.ok() || !parsed->is_map()) return std::nullopt;
  return *std::move(parsed);
}

bool IsSqsArn(std::string_view arn) { return arn.substr(0, 12) == "arn:aws:sqs:" && arn.find(':', 12) != arn.npos; }

}  // namespace

Status ValidateSubscriptionAttribute(const SubscriptionRecord& subscription, std::string_view name,
                                     std::string_view value) {
  if (name == "RawMessageDelivery") {
    if (value != "true" && value != "false")
      return Reason("RawMessageDelivery: Invalid value [" + std::string(value) + "]");
    const std::string& protocol = subscription.protocol;
    if (value == "true" && protocol != "sqs" && protocol != "http" && protocol != "https" && protocol != "firehose") {
      return Reason("Delivery protocol [" + protocol + "] does not support raw message delivery.");
    }
    return Status::Ok();
  }
  if (name == "FilterPolicyScope") {
    if (value != "MessageAttributes" && value != "MessageBody") {
      return Reason("FilterPolicyScope: Invalid value [" + std::string(value) +
                    "]. Please use either MessageBody or MessageAttributes");
    }
    std::string policy = Attribute(subscription, "FilterPolicy");
    if (policy.empty()) return Status::Ok();
    auto compiled = FilterPolicy::Compile(policy, ScopeOf(value));
    return compiled.ok() ? Status::Ok() : Reason("FilterPolicy: " + compiled.status().message());
  }
  if (name == "FilterPolicy") {
    if (value.empty()) return Status::Ok();  // removes the policy
    auto compiled = FilterPolicy::Compile(value, ScopeOf(Attribute(subscription, "FilterPolicyScope")));
    if (!compiled.ok()) {
      const std::string& message = compiled.status().message();
      // The scope error is reported without the attribute name, as AWS does.
      return Reason(message.starts_with("Filter policy scope") ? message : "FilterPolicy: " + message);
    }
    return Status::Ok();
  }
  if (name == "RedrivePolicy") {
    if (value.empty()) return Status::Ok();
    auto policy = JsonObject(value);
    if (!policy) return Reason("RedrivePolicy: failed to parse JSON.");
    const Document& target = (*policy)["deadLetterTargetArn"];
    if (!target.is_string() || !IsSqsArn(target.AsString())) {
      return Reason("RedrivePolicy: deadLetterTargetArn is an invalid arn");
    }
    return Status::Ok();
  }
  if (name == "DeliveryPolicy" || name == "ReplayPolicy") {
    if (!value.empty() && !JsonObject(value)) return Reason(std::string(name) + ": failed to parse JSON.");
    return Status::Ok();
  }
  if (name == "SubscriptionRoleArn") return Status::Ok();
  return Reason("AttributeName");
}

Document SubscriptionAttributeMap(const SubscriptionRecord& subscription) {
  Document attributes = Document::Map();
  for (const auto& [name, value] : subscription.attributes) {
    if (!value.empty()) attributes.Set(name, value);
  }
  attributes.Set("SubscriptionArn", subscription.arn);
  attributes.Set("TopicArn", subscription.topic_arn);
  attributes.Set("Owner", subscription.owner);
  attributes.Set("Protocol", subscription.protocol);
  attributes.Set("Endpoint", subscription.endpoint);
  attributes.Set("ConfirmationWasAuthenticated", subscription.confirmation_authenticated ? "true" : "false");
  attributes.Set("PendingConfirmation", subscription.pending ? "true" : "false");
  if (!attributes.Has("RawMessageDelivery")) attributes.Set("RawMessageDelivery", "false");
  if (attributes.Has("FilterPolicy") && !attributes.Has("FilterPolicyScope")) {
    attributes.Set("FilterPolicyScope", "MessageAttributes");
  }
  std::string delivery_policy = Attribute(subscription, "DeliveryPolicy");
  attributes.Set("EffectiveDeliveryPolicy",
                 delivery_policy.empty() ? std::string(kDefaultEffectiveDeliveryPolicy) : delivery_policy);
  return attributes;
}

bool RawMessageDelivery(const SubscriptionRecord& subscription) {
  return Attribute(subscription, "RawMessageDelivery") == "true";
}

std::optional<FilterPolicy> SubscriptionFilter(const SubscriptionRecord& subscription) {
  std::string policy = Attribute(subscription, "FilterPolicy");
  if (policy.empty()) return std::nullopt;
  auto compiled = FilterPolicy::Compile(policy, ScopeOf(Attribute(subscription, "FilterPolicyScope")));
  // Stored policies were validated when set.
  if (!compiled.ok()) return std::nullopt;
  return *std::move(compiled);
}

std::string DeadLetterTarget(const SubscriptionRecord& subscription) {
  auto policy = JsonObject(Attribute(subscription, "RedrivePolicy"));
  return policy ? (*policy)["deadLetterTargetArn"].AsString("") : std::string();
}

int DeliveryRetries(const SubscriptionRecord& subscription, const TopicRecord& topic) {
  std::optional<int64_t> retries;
  if (auto own = JsonObject(Attribute(subscription, "DeliveryPolicy"))) {
    const Document& value = (*own)["healthyRetryPolicy"]["numRetries"];
    if (value.is_number()) retries = value.AsInt();
  }
  auto topic_policy = topic.attributes.find("DeliveryPolicy");
  if (!retries && topic_policy != topic.attributes.end()) {
    if (auto policy = JsonObject(topic_policy->second)) {
      const Document& value = (*policy)["http"]["defaultHealthyRetryPolicy"]["numRetries"];
      if (value.is_number()) retries = value.AsInt();
    }
  }
  return static_cast<int>(std::clamp<int64_t>(retries.value_or(kDefaultRetries), 0, kMaxRetries));
}

}  // namespace cloudemu::services::sns
