#include "services/sns/sns_state.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "core/json.h"
#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

constexpr std::string_view kTopics = "sns.topics";
constexpr std::string_view kSubscriptions = "sns.subscriptions";
constexpr std::string_view kDedup = "sns.dedup";
constexpr std::string_view kDeliveries = "sns.deliveries";
constexpr std::string_view kMeta = "sns.meta";
constexpr std::string_view kDeliverySeq = "delivery_seq";

std::string Join(std::string_view a, std::string_view b) {
  std::string key(a);
  key += '\0';
  key += b;
  return key;
}

std::string Hex16(uint64_t number) {
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIx64, number);
  return text;
}

Document StringMap(const std::map<std::string, std::string>& values) {
  Document map = Document::Map();
  for (const auto& [key, value] : values) map.Set(key, value);
  return map;
}

std::map<std::string, std::string> ReadStringMap(const Document& doc) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : doc.AsMap()) values[key] = value.AsString();
  return values;
}

Document Parse(std::string_view json) {
  auto parsed = core::FromJson(json);
  return parsed.ok() ? *std::move(parsed) : Document::Map();
}

std::string EncodeTopic(const TopicRecord& topic) {
  Document doc = Document::Map();
  doc.Set("arn", topic.arn);
  doc.Set("name", topic.name);
  doc.Set("fifo", topic.fifo);
  doc.Set("attributes", StringMap(topic.attributes));
  doc.Set("tags", StringMap(topic.tags));
  doc.Set("data_protection_policy", topic.data_protection_policy);
  doc.Set("subscriptions_deleted", topic.subscriptions_deleted);
  doc.Set("next_sequence", topic.next_sequence);
  return core::ToJson(doc);
}

TopicRecord DecodeTopic(std::string_view json) {
  Document doc = Parse(json);
  TopicRecord topic;
  topic.arn = doc["arn"].AsString();
  topic.name = doc["name"].AsString();
  topic.fifo = doc["fifo"].AsBool();
  topic.attributes = ReadStringMap(doc["attributes"]);
  topic.tags = ReadStringMap(doc["tags"]);
  topic.data_protection_policy = doc["data_protection_policy"].AsString();
  topic.subscriptions_deleted = doc["subscriptions_deleted"].AsInt();
  topic.next_sequence = static_cast<uint64_t>(doc["next_sequence"].AsInt(1));
  return topic;
}

std::string EncodeSubscription(const SubscriptionRecord& subscription) {
  Document doc = Document::Map();
  doc.Set("arn", subscription.arn);
  doc.Set("topic_arn", subscription.topic_arn);
  doc.Set("protocol", subscription.protocol);
  doc.Set("endpoint", subscription.endpoint);
  doc.Set("owner", subscription.owner);
  doc.Set("attributes", StringMap(subscription.attributes));
  doc.Set("pending", subscription.pending);
  doc.Set("token", subscription.token);
  doc.Set("confirmation_authenticated", subscription.confirmation_authenticated);
  return core::ToJson(doc);
}

SubscriptionRecord DecodeSubscription(std::string_view json) {
  Document doc = Parse(json);
  SubscriptionRecord subscription;
  subscription.arn = doc["arn"].AsString();
  subscription.topic_arn = doc["topic_arn"].AsString();
  subscription.protocol = doc["protocol"].AsString();
  subscription.endpoint = doc["endpoint"].AsString();
  subscription.owner = doc["owner"].AsString();
  subscription.attributes = ReadStringMap(doc["attributes"]);
  subscription.pending = doc["pending"].AsBool();
  subscription.token = doc["token"].AsString();
  subscription.confirmation_authenticated = doc["confirmation_authenticated"].AsBool();
  return subscription;
}

std::string EncodeDelivery(const DeliveryRecord& record) {
  Document doc = Document::Map();
  doc.Set("number", record.number);
  doc.Set("subscription_arn", record.subscription_arn);
  doc.Set("topic_arn", record.topic_arn);
  doc.Set("message_id", record.message_id);
  doc.Set("protocol", record.protocol);
  doc.Set("endpoint", record.endpoint);
  doc.Set("status", record.status);
  doc.Set("attempts", record.attempts);
  doc.Set("reason", record.reason);
  doc.Set("millis", record.millis);
  return core::ToJson(doc);
}

DeliveryRecord DecodeDelivery(std::string_view json) {
  Document doc = Parse(json);
  DeliveryRecord record;
  record.number = static_cast<uint64_t>(doc["number"].AsInt());
  record.subscription_arn = doc["subscription_arn"].AsString();
  record.topic_arn = doc["topic_arn"].AsString();
  record.message_id = doc["message_id"].AsString();
  record.protocol = doc["protocol"].AsString();
  record.endpoint = doc["endpoint"].AsString();
  record.status = doc["status"].AsString();
  record.attempts = static_cast<int>(doc["attempts"].AsInt());
  record.reason = doc["reason"].AsString();
  record.millis = doc["millis"].AsInt();
  return record;
}

// "topic ARN \0 id" for a subscription ARN "topic ARN:id".
std::string SubscriptionKey(std::string_view subscription_arn) {
  size_t colon = subscription_arn.rfind(':');
  if (colon == std::string_view::npos) return std::string(subscription_arn);
  return Join(subscription_arn.substr(0, colon), subscription_arn.substr(colon + 1));
}

}  // namespace

// --- topics

std::optional<TopicRecord> SnsState::FindTopic(std::string_view arn) const {
  auto json = store_.Get(kTopics, arn);
  if (!json) return std::nullopt;
  return DecodeTopic(*json);
}

StatusOr<TopicRecord> SnsState::RequireTopic(std::string_view arn) const {
  auto topic = FindTopic(arn);
  if (!topic) return NotFound("Topic does not exist");
  return *std::move(topic);
}

std::vector<TopicRecord> SnsState::ListTopics() const { return ListTopicsAfter("", SIZE_MAX); }

std::vector<TopicRecord> SnsState::ListTopicsAfter(std::string_view after, size_t limit) const {
  std::vector<TopicRecord> topics;
  store_.Scan(kTopics, after, [&](std::string_view key, std::string_view value) {
    if (key == after && !after.empty()) return true;
    if (topics.size() >= limit) return false;
    topics.push_back(DecodeTopic(value));
    return true;
  });
  return topics;
}

void SnsState::PutTopic(core::WriteBatch& batch, const TopicRecord& topic) const {
  batch.Put(kTopics, topic.arn, EncodeTopic(topic));
}

void SnsState::DeleteTopic(core::WriteBatch& batch, std::string_view arn) const {
  batch.Delete(kTopics, arn);
  const std::string prefix = Join(arn, "");
  for (std::string_view table : {kSubscriptions, kDedup}) {
    store_.ScanPrefix(table, prefix, [&](std::string_view key, std::string_view) {
      batch.Delete(table, key);
      return true;
    });
  }
}

// --- subscriptions

std::string SnsState::TopicOfSubscription(std::string_view subscription_arn) {
  size_t colon = subscription_arn.rfind(':');
  return std::string(colon == std::string_view::npos ? std::string_view() : subscription_arn.substr(0, colon));
}

std::optional<SubscriptionRecord> SnsState::FindSubscription(std::string_view arn) const {
  auto json = store_.Get(kSubscriptions, SubscriptionKey(arn));
  if (!json) return std::nullopt;
  return DecodeSubscription(*json);
}

StatusOr<SubscriptionRecord> SnsState::RequireSubscription(std::string_view arn) const {
  auto subscription = FindSubscription(arn);
  if (!subscription) return NotFound("Subscription does not exist");
  return *std::move(subscription);
}

std::vector<SubscriptionRecord> SnsState::ListSubscriptions(std::string_view topic_arn) const {
  std::vector<SubscriptionRecord> subscriptions;
  store_.ScanPrefix(kSubscriptions, Join(topic_arn, ""), [&](std::string_view, std::string_view value) {
    subscriptions.push_back(DecodeSubscription(value));
    return true;
  });
  return subscriptions;
}

std::vector<SubscriptionRecord> SnsState::ListAllSubscriptions() const {
  std::vector<SubscriptionRecord> subscriptions;
  store_.Scan(kSubscriptions, "", [&](std::string_view, std::string_view value) {
    subscriptions.push_back(DecodeSubscription(value));
    return true;
  });
  return subscriptions;
}

void SnsState::PutSubscription(core::WriteBatch& batch, const SubscriptionRecord& subscription) const {
  batch.Put(kSubscriptions, SubscriptionKey(subscription.arn), EncodeSubscription(subscription));
}

void SnsState::DeleteSubscription(core::WriteBatch& batch, std::string_view arn) const {
  batch.Delete(kSubscriptions, SubscriptionKey(arn));
}

// --- deduplication

std::optional<DedupEntry> SnsState::FindDedup(std::string_view topic_arn, std::string_view dedup_id,
                                              int64_t now) const {
  auto json = store_.Get(kDedup, Join(topic_arn, dedup_id));
  if (!json) return std::nullopt;
  Document doc = Parse(*json);
  DedupEntry entry{doc["id"].AsString(), doc["seq"].AsString(), doc["expires"].AsInt()};
  if (entry.expires_millis <= now) return std::nullopt;
  return entry;
}

void SnsState::PutDedup(core::WriteBatch& batch, std::string_view topic_arn, std::string_view dedup_id,
                        const DedupEntry& entry) const {
  Document doc = Document::Map();
  doc.Set("id", entry.message_id);
  doc.Set("seq", entry.sequence_number);
  doc.Set("expires", entry.expires_millis);
  batch.Put(kDedup, Join(topic_arn, dedup_id), core::ToJson(doc));
}

// --- deliveries

Status SnsState::AddDelivery(DeliveryRecord record) const {
  std::lock_guard lock(delivery_mutex_);
  auto stored = GetMeta(kDeliverySeq);
  record.number = stored ? std::strtoull(stored->c_str(), nullptr, 10) : 1;
  core::WriteBatch batch;
  batch.Put(kDeliveries, Hex16(record.number), EncodeDelivery(record));
  if (record.number > kMaxDeliveryRecords) batch.Delete(kDeliveries, Hex16(record.number - kMaxDeliveryRecords));
  PutMeta(batch, kDeliverySeq, std::to_string(record.number + 1));
  return store_.Commit(std::move(batch));
}

std::vector<DeliveryRecord> SnsState::ListDeliveries() const {
  std::vector<DeliveryRecord> records;
  store_.Scan(kDeliveries, "", [&](std::string_view, std::string_view value) {
    records.push_back(DecodeDelivery(value));
    return true;
  });
  return records;
}

// --- meta

std::optional<std::string> SnsState::GetMeta(std::string_view name) const { return store_.Get(kMeta, name); }

void SnsState::PutMeta(core::WriteBatch& batch, std::string_view name, std::string value) const {
  batch.Put(kMeta, name, std::move(value));
}

}  // namespace cloudemu::services::sns
