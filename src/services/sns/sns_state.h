// SnsState: SNS's records and how they sit in the Store. Every SNS operation
// and every delivery reads and writes through this class.
//
// Tables (keys use '\0' as separator; ARNs cannot contain it):
//   sns.topics         topic ARN                        -> TopicRecord JSON
//   sns.subscriptions  topic ARN \0 subscription id     -> SubscriptionRecord JSON
//   sns.dedup          topic ARN \0 deduplication id    -> {"id","seq","expires"}
//   sns.deliveries     <16 hex digits, in order>        -> DeliveryRecord JSON
//   sns.meta           "delivery_seq"                   -> next delivery number
//   sns.meta           "signing_key" / "signing_cert"   -> PEM text (message_signer.h)
// A subscription ARN is its topic ARN + ":" + id, so the topic of any
// subscription ARN is known without a lookup.
//
// Thread-safety: reads may run concurrently with anything; every
// read-modify-write must hold write_mutex() from its first read to Commit.
#ifndef CLOUDEMU_SERVICES_SNS_SNS_STATE_H_
#define CLOUDEMU_SERVICES_SNS_SNS_STATE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "core/store/store.h"

namespace cloudemu::services::sns {

struct TopicRecord {
  std::string arn;
  std::string name;
  bool fifo = false;
  // Attributes as set (CreateTopic, SetTopicAttributes, AddPermission), each
  // the exact string a client gave; computed attributes are not stored.
  std::map<std::string, std::string> attributes;
  std::map<std::string, std::string> tags;
  std::string data_protection_policy;
  int64_t subscriptions_deleted = 0;
  uint64_t next_sequence = 1;  // FIFO SequenceNumber of the next message
};

struct SubscriptionRecord {
  std::string arn;  // topic ARN + ":" + id
  std::string topic_arn;
  std::string protocol;
  std::string endpoint;
  std::string owner;
  // Settable attributes as set (RawMessageDelivery, FilterPolicy, ...).
  std::map<std::string, std::string> attributes;
  bool pending = false;
  std::string token;  // confirmation token while pending
  bool confirmation_authenticated = false;
};

// One attempt sequence of one message to one subscription.
struct DeliveryRecord {
  uint64_t number = 0;
  std::string subscription_arn;
  std::string topic_arn;
  std::string message_id;
  std::string protocol;
  std::string endpoint;
  // "delivered", "failed" (retries exhausted, no DLQ) or "redriven" (to the
  // subscription's dead-letter queue).
  std::string status;
  int attempts = 0;
  std::string reason;  // the last failure, "" when delivered first time
  int64_t millis = 0;
};

struct DedupEntry {
  std::string message_id;
  std::string sequence_number;
  int64_t expires_millis = 0;
};

class SnsState {
 public:
  explicit SnsState(core::Store& store) : store_(store) {}

  std::mutex& write_mutex() const { return write_mutex_; }
  core::Store& store() const { return store_; }

  // --- topics
  std::optional<TopicRecord> FindTopic(std::string_view arn) const;
  // NotFound "Topic does not exist" (404) when absent.
  StatusOr<TopicRecord> RequireTopic(std::string_view arn) const;
  std::vector<TopicRecord> ListTopics() const;  // by ARN
  // Topics with ARN > `after`, at most `limit`.
  std::vector<TopicRecord> ListTopicsAfter(std::string_view after, size_t limit) const;
  void PutTopic(core::WriteBatch& batch, const TopicRecord& topic) const;
  // The topic, its subscriptions and its deduplication entries.
  void DeleteTopic(core::WriteBatch& batch, std::string_view arn) const;

  // --- subscriptions
  static std::string TopicOfSubscription(std::string_view subscription_arn);
  std::optional<SubscriptionRecord> FindSubscription(std::string_view arn) const;
  // NotFound "Subscription does not exist" (404) when absent.
  StatusOr<SubscriptionRecord> RequireSubscription(std::string_view arn) const;
  std::vector<SubscriptionRecord> ListSubscriptions(std::string_view topic_arn) const;
  std::vector<SubscriptionRecord> ListAllSubscriptions() const;
  void PutSubscription(core::WriteBatch& batch, const SubscriptionRecord& subscription) const;
  void DeleteSubscription(core::WriteBatch& batch, std::string_view arn) const;

  // --- FIFO deduplication (5-minute window)
  std::optional<DedupEntry> FindDedup(std::string_view topic_arn, std::string_view dedup_id, int64_t now) const;
  void PutDedup(core::WriteBatch& batch, std::string_view topic_arn, std::string_view dedup_id,
                const DedupEntry& entry) const;

  // --- delivery records (the newest kMaxDeliveryRecords are kept)
  static constexpr uint64_t kMaxDeliveryRecords = 10000;
  // Assigns record.number and writes it. Serialised on its own mutex, so it
  // may be called with or without write_mutex() held.
  Status AddDelivery(DeliveryRecord record) const;
  std::vector<DeliveryRecord> ListDeliveries() const;  // oldest first

  // --- small named values (sns.meta)
  std::optional<std::string> GetMeta(std::string_view name) const;
  void PutMeta(core::WriteBatch& batch, std::string_view name, std::string value) const;

 private:
  core::Store& store_;
  mutable std::mutex write_mutex_;
  mutable std::mutex delivery_mutex_;
};

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SNS_STATE_H_
