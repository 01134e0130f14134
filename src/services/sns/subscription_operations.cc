// Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic)
// and Get/SetSubscriptionAttributes.
#include <algorithm>
#include <mutex>

#include "core/encoding.h"
#include "services/sns/sns_errors.h"
#include "services/sns/sns_operations.h"
#include "services/sns/subscription_attributes.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

constexpr size_t kPageSize = 100;
// AWS's confirmation tokens are long hex strings.
constexpr size_t kTokenLength = 256;
constexpr std::string_view kPendingArn = "PendingConfirmation";

bool IsArnOf(std::string_view arn, std::string_view service) {
  return arn.starts_with("arn:aws:" + std::string(service) + ":");
}

// Checks that `endpoint` suits `protocol`, with AWS's messages.
Status ValidateEndpoint(std::string_view protocol, std::string_view endpoint) {
  if (protocol == "sqs") {
    return IsArnOf(endpoint, "sqs") ? Status::Ok() : InvalidParameter("Invalid parameter: SQS endpoint ARN");
  }
  if (protocol == "http" || protocol == "https") {
    std::string scheme = std::string(protocol) + "://";
    return endpoint.starts_with(scheme) && endpoint.size() > scheme.size()
               ? Status::Ok()
               : InvalidParameter("Invalid parameter: Endpoint must match the specified protocol");
  }
  if (protocol == "lambda") {
    return IsArnOf(endpoint, "lambda") ? Status::Ok() : InvalidParameter("Invalid parameter: Lambda endpoint ARN");
  }
  if (protocol == "firehose") {
    return IsArnOf(endpoint, "firehose") ? Status::Ok() : InvalidParameter("Invalid parameter: Firehose endpoint ARN");
  }
  if (protocol == "email" || protocol == "email-json") {
    size_t at = endpoint.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < endpoint.size()
               ? Status::Ok()
               : InvalidParameter("Invalid parameter: Email address");
  }
  if (protocol == "sms") {
    return endpoint.empty() ? InvalidParameter("Invalid parameter: SMS endpoint") : Status::Ok();
  }
  if (protocol == "application") {
    return IsArnOf(endpoint, "sns") ? Status::Ok() : InvalidParameter("Invalid parameter: Application endpoint ARN");
  }
  return InvalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: " +
                          std::string(protocol));
}

// Protocols whose subscriptions wait for the endpoint owner to confirm.
bool NeedsConfirmation(std::string_view protocol) {
  return protocol == "http" || protocol == "https" || protocol == "email" || protocol == "email-json";
}

Document SummaryOf(const SubscriptionRecord& subscription) {
  Document entry = Document::Map();
  entry.Set("SubscriptionArn", subscription.pending ? std::string(kPendingArn) : subscription.arn);
  entry.Set("Owner", subscription.owner);
  entry.Set("Protocol", subscription.protocol);
  entry.Set("Endpoint", subscription.endpoint);
  entry.Set("TopicArn", subscription.topic_arn);
  return entry;
}

// A page of `subscriptions` after the one whose ARN the token names.
StatusOr<Document> Page(std::vector<SubscriptionRecord> subscriptions, const Document& input) {
  // Tokens name an ARN, so pages follow ARN order.
  std::sort(subscriptions.begin(), subscriptions.end(),
            [](const SubscriptionRecord& a, const SubscriptionRecord& b) { return a.arn < b.arn; });
  size_t start = 0;
  if (const Document* token = input.Find("NextToken")) {
    auto after = core::Base64Decode(token->AsString());
    if (!after || after->empty()) return InvalidParameter("Invalid parameter: NextToken");
    while (start < subscriptions.size() && subscriptions[start].arn <= *after) ++start;
  }
  Document output = Document::Map();
  Document& list = output.Set("Subscriptions", Document::List());
  size_t end = std::min(subscriptions.size(), start + kPageSize);
  for (size_t i = start; i < end; ++i) list.Append(SummaryOf(subscriptions[i]));
  if (end < subscriptions.size()) output.Set("NextToken", core::Base64Encode(subscriptions[end - 1].arn));
  return output;
}

Status CommitOne(const SnsState& state, const SubscriptionRecord& subscription) {
  core::WriteBatch batch;
  state.PutSubscription(batch, subscription);
  return state.store().Commit(std::move(batch));
}

StatusOr<Document> Subscribe(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto topic_arn = RequiredString(input, "TopicArn");
  if (!topic_arn.ok()) return topic_arn.status();
  auto protocol = RequiredString(input, "Protocol");
  if (!protocol.ok()) return protocol.status();
  const std::string endpoint = input["Endpoint"].AsString("");
  if (Status valid = ValidateEndpoint(*protocol, endpoint); !valid.ok()) return valid;

  std::unique_lock lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*topic_arn);
  if (!topic.ok()) return topic.status();
  if (*protocol == "sqs" && !topic->fifo && endpoint.ends_with(".fifo")) {
    return InvalidParameter(
        "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS "
        "topics");
  }

  SubscriptionRecord subscription;
  subscription.topic_arn = *topic_arn;
  subscription.protocol = *protocol;
  subscription.endpoint = endpoint;
  subscription.owner = context.account_id;
  // Attributes are validated in a stable order: the scope before the policy
  // it applies to.
  const Document& attributes = input["Attributes"];
  if (const Document* scope = attributes.Find("FilterPolicyScope")) {
    subscription.attributes["FilterPolicyScope"] = scope->AsString();
  }
  for (const auto& [name, value] : attributes.AsMap()) {
    if (Status valid = ValidateSubscriptionAttribute(subscription, name, value.AsString()); !valid.ok()) {
      return InvalidParameter("Invalid parameter: Attributes Reason: " + valid.message());
    }
    subscription.attributes[name] = value.AsString();
  }

  // Subscribing the same endpoint again returns the existing subscription.
  for (const SubscriptionRecord& existing : sns.state.ListSubscriptions(*topic_arn)) {
    if (existing.protocol != *protocol || existing.endpoint != endpoint) continue;
    for (const auto& [name, value] : subscription.attributes) {
      auto current = existing.attributes.find(name);
      if (current == existing.attributes.end() || current->second != value) {
        return InvalidParameter(
            "Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
      }
    }
    Document output = Document::Map();
    output.Set("SubscriptionArn", existing.pending && !input["ReturnSubscriptionArn"].AsBool()
                                      ? std::string("pending confirmation")
                                      : existing.arn);
    return output;
  }

  subscription.arn = *topic_arn + ":" + sns.ids.Uuid();
  subscription.pending = NeedsConfirmation(*protocol);
  subscription.confirmation_authenticated = !subscription.pending;
  if (subscription.pending) subscription.token = sns.ids.Hex(kTokenLength);
  if (Status stored = CommitOne(sns.state, subscription); !stored.ok()) return stored;
  lock.unlock();

  if (*protocol == "http" || *protocol == "https") {
    if (Status sent = sns.delivery.SendConfirmation(*topic, subscription, context); !sent.ok()) return sent;
  }
  Document output = Document::Map();
  output.Set("SubscriptionArn", subscription.pending && !input["ReturnSubscriptionArn"].AsBool()
                                    ? std::string("pending confirmation")
                                    : subscription.arn);
  return output;
}

StatusOr<Document> ConfirmSubscription(const SnsParts& sns, const Document& input) {
  auto topic_arn = RequiredString(input, "TopicArn");
  if (!topic_arn.ok()) return topic_arn.status();
  auto token = RequiredString(input, "Token");
  if (!token.ok()) return token.status();
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*topic_arn);
  if (!topic.ok()) return topic.status();
  for (SubscriptionRecord& subscription : sns.state.ListSubscriptions(*topic_arn)) {
    if (subscription.token.empty() || subscription.token != *token) continue;
    if (subscription.pending) {
      subscription.pending = false;
      subscription.confirmation_authenticated = input["AuthenticateOnUnsubscribe"].AsString() == "true";
      if (Status stored = CommitOne(sns.state, subscription); !stored.ok()) return stored;
    }
    Document output = Document::Map();
    output.Set("SubscriptionArn", subscription.arn);
    return output;
  }
  return InvalidParameter("Invalid token");
}

StatusOr<Document> Unsubscribe(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "SubscriptionArn");
  if (!arn.ok()) return arn.status();
  std::lock_guard lock(sns.state.write_mutex());
  auto subscription = sns.state.FindSubscription(*arn);
  if (!subscription) return Document::Map();  // already gone: nothing to do, as on AWS
  core::WriteBatch batch;
  sns.state.DeleteSubscription(batch, *arn);
  if (auto topic = sns.state.FindTopic(subscription->topic_arn)) {
    ++topic->subscriptions_deleted;
    sns.state.PutTopic(batch, *topic);
  }
  if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> ListSubscriptions(const SnsParts& sns, const Document& input) {
  return Page(sns.state.ListAllSubscriptions(), input);
}

StatusOr<Document> ListSubscriptionsByTopic(const SnsParts& sns, const Document& input) {
  auto topic_arn = RequiredString(input, "TopicArn");
  if (!topic_arn.ok()) return topic_arn.status();
  if (!sns.state.FindTopic(*topic_arn)) return NotFound("Topic does not exist");
  return Page(sns.state.ListSubscriptions(*topic_arn), input);
}

StatusOr<Document> GetSubscriptionAttributes(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "SubscriptionArn");
  if (!arn.ok()) return arn.status();
  auto subscription = sns.state.RequireSubscription(*arn);
  if (!subscription.ok()) return subscription.status();
  Document output = Document::Map();
  output.Set("Attributes", SubscriptionAttributeMap(*subscription));
  return output;
}

StatusOr<Document> SetSubscriptionAttributes(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "SubscriptionArn");
  if (!arn.ok()) return arn.status();
  auto name = RequiredString(input, "AttributeName");
  if (!name.ok()) return name.status();
  const std::string value = input["AttributeValue"].AsString("");
  std::lock_guard lock(sns.state.write_mutex());
  auto subscription = sns.state.RequireSubscription(*arn);
  if (!subscription.ok()) return subscription.status();
  if (Status valid = ValidateSubscriptionAttribute(*subscription, *name, value); !valid.ok()) {
    return InvalidParameter("Invalid parameter: " + valid.message());
  }
  subscription->attributes[*name] = value;
  if (Status stored = CommitOne(sns.state, *subscription); !stored.ok()) return stored;
  return Document::Map();
}

}  // namespace

void RegisterSubscriptionOperations(const SnsParts& sns, const AddOperation& add) {
  add("Subscribe", [sns](const Document& in, const RequestContext& ctx) { return Subscribe(sns, in, ctx); });
  add("ConfirmSubscription", [sns](const Document& in, const RequestContext&) { return ConfirmSubscription(sns, in); });
  add("Unsubscribe", [sns](const Document& in, const RequestContext&) { return Unsubscribe(sns, in); });
  add("ListSubscriptions", [sns](const Document& in, const RequestContext&) { return ListSubscriptions(sns, in); });
  add("ListSubscriptionsByTopic",
      [sns](const Document& in, const RequestContext&) { return ListSubscriptionsByTopic(sns, in); });
  add("GetSubscriptionAttributes",
      [sns](const Document& in, const RequestContext&) { return GetSubscriptionAttributes(sns, in); });
  add("SetSubscriptionAttributes",
      [sns](const Document& in, const RequestContext&) { return SetSubscriptionAttributes(sns, in); });
}

}  // namespace cloudemu::services::sns
