#include "services/sqs/sqs_state.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "core/json.h"

namespace cloudemu::services::sqs {
namespace {

constexpr std::string_view kQueues = "sqs.queues";
constexpr std::string_view kMessages = "sqs.messages";
constexpr std::string_view kDedup = "sqs.dedup";
constexpr std::string_view kAttempts = "sqs.attempts";
constexpr std::string_view kDeleted = "sqs.deleted";
constexpr std::string_view kTasks = "sqs.tasks";
constexpr size_t kSequenceDigits = 20;

std::string Prefix(std::string_view queue_key) {
  std::string prefix(queue_key);
  prefix += '\0';
  return prefix;
}

bool Expired(int64_t sent, int64_t retention_millis, int64_t now) { return sent + retention_millis <= now; }

}  // namespace

std::string MessageKey(std::string_view queue_key, uint64_t sequence) {
  char digits[kSequenceDigits + 1];
  std::snprintf(digits, sizeof digits, "%020" PRIu64, sequence);
  return Prefix(queue_key) + digits;
}

SqsState::SqsState(core::Store& store, const Clock& clock, core::IdGenerator& ids)
    : store_(store), clock_(clock), ids_(ids) {
  Rebuild();
}

std::optional<QueueRecord> SqsState::FindQueue(std::string_view account, std::string_view name) const {
  auto json = store_.Get(kQueues, QueueRecord::KeyOf(account, name));
  if (!json) return std::nullopt;
  return DecodeQueue(*json);
}

std::optional<QueueRecord> SqsState::FindQueueByArn(std::string_view arn) const {
  // arn:aws:sqs:<region>:<account>:<name>
  constexpr std::string_view kPrefix = "arn:aws:sqs:";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = arn.substr(kPrefix.size());
  size_t region_end = rest.find(':');
  if (region_end == std::string_view::npos) return std::nullopt;
  std::string_view region = rest.substr(0, region_end);
  rest = rest.substr(region_end + 1);
  size_t account_end = rest.find(':');
  if (account_end == std::string_view::npos) return std::nullopt;
  auto queue = FindQueue(rest.substr(0, account_end), rest.substr(account_end + 1));
  if (!queue || queue->region != region) return std::nullopt;
  return queue;
}

std::vector<QueueRecord> SqsState::Queues(std::string_view account) const {
  std::vector<QueueRecord> queues;
  std::string prefix = account.empty() ? std::string() : Prefix(account);
  store_.ScanPrefix(kQueues, prefix, [&](std::string_view, std::string_view value) {
    if (auto queue = DecodeQueue(value)) queues.push_back(std::move(*queue));
    return true;
  });
  return queues;
}

Status SqsState::SaveQueue(const QueueRecord& queue) {
  Status saved = store_.Put(kQueues, queue.Key(), EncodeQueue(queue));
  if (saved.ok()) index_.try_emplace(queue.Key());
  return saved;
}

void SqsState::ScanPrefix(std::string_view table, std::string_view prefix, core::WriteBatch& batch) const {
  store_.ScanPrefix(table, prefix, [&](std::string_view key, std::string_view) {
    batch.Delete(table, key);
    return true;
  });
}

Status SqsState::DeleteQueue(const QueueRecord& queue, int64_t now) {
  core::WriteBatch batch;
  batch.Delete(kQueues, queue.Key());
  ScanPrefix(kMessages, Prefix(queue.Key()), batch);
  ScanPrefix(kDedup, Prefix(queue.Key()), batch);
  ScanPrefix(kAttempts, Prefix(queue.Key()), batch);
  batch.Put(kDeleted, queue.Key(), std::to_string(now));
  Status committed = store_.Commit(std::move(batch));
  if (committed.ok()) index_.erase(queue.Key());
  changed_.notify_all();
  return committed;
}

std::optional<int64_t> SqsState::DeletedAt(std::string_view account, std::string_view name) const {
  auto value = store_.Get(kDeleted, QueueRecord::KeyOf(account, name));
  if (!value) return std::nullopt;
  return std::strtoll(value->c_str(), nullptr, 10);
}

Status SqsState::Purge(const QueueRecord& queue) {
  core::WriteBatch batch;
  ScanPrefix(kMessages, Prefix(queue.Key()), batch);
  batch.Put(kQueues, queue.Key(), EncodeQueue(queue));
  Status committed = store_.Commit(std::move(batch));
  if (committed.ok()) {
    QueueIndex& index = index_[queue.Key()];
    index.messages.clear();
    index.by_visibility.clear();
  }
  return committed;
}

Status SqsState::AddMessage(const QueueRecord& queue, MessageRecord& message, int64_t now) {
  message.sequence = NextSequence(queue.Key(), now);
  Status saved = store_.Put(kMessages, MessageKey(queue.Key(), message.sequence), EncodeMessage(message));
  if (!saved.ok()) return saved;
  IndexMessage(queue.Key(), message);
  changed_.notify_all();
  return saved;
}

std::optional<MessageRecord> SqsState::FindMessage(const QueueRecord& queue, uint64_t sequence) const {
  auto json = store_.Get(kMessages, MessageKey(queue.Key(), sequence));
  if (!json) return std::nullopt;
  return DecodeMessage(*json);
}

Status SqsState::UpdateMessage(const QueueRecord& queue, const MessageRecord& message) {
  Status saved = store_.Put(kMessages, MessageKey(queue.Key(), message.sequence), EncodeMessage(message));
  if (!saved.ok()) return saved;
  UnindexMessage(queue.Key(), message.sequence);
  IndexMessage(queue.Key(), message);
  changed_.notify_all();
  return saved;
}

Status SqsState::RemoveMessage(const QueueRecord& queue, uint64_t sequence) {
  Status removed = store_.Delete(kMessages, MessageKey(queue.Key(), sequence));
  if (removed.ok()) UnindexMessage(queue.Key(), sequence);
  return removed;
}

Status SqsState::MoveMessage(const QueueRecord& from, const QueueRecord& to, MessageRecord& message, int64_t now) {
  uint64_t old_sequence = message.sequence;
  message.sequence = NextSequence(to.Key(), now);
  core::WriteBatch batch;
  batch.Delete(kMessages, MessageKey(from.Key(), old_sequence));
  batch.Put(kMessages, MessageKey(to.Key(), message.sequence), EncodeMessage(message));
  Status committed = store_.Commit(std::move(batch));
  if (!committed.ok()) {
    message.sequence = old_sequence;
    return committed;
  }
  UnindexMessage(from.Key(), old_sequence);
  IndexMessage(to.Key(), message);
  changed_.notify_all();
  return committed;
}

uint64_t SqsState::NextSequence(const std::string& queue_key, int64_t now) {
  return std::max(index_[queue_key].last_sequence + 1, static_cast<uint64_t>(now) * 1000000);
}

void SqsState::IndexMessage(const std::string& queue_key, const MessageRecord& message) {
  QueueIndex& index = index_[queue_key];
  index.messages[message.sequence] =
      IndexEntry{message.visible_at_millis, message.sent_millis, message.receive_count > 0, message.group_id};
  index.by_visibility.emplace(message.visible_at_millis, message.sequence);
  index.last_sequence = std::max(index.last_sequence, message.sequence);
}

void SqsState::UnindexMessage(const std::string& queue_key, uint64_t sequence) {
  auto queue = index_.find(queue_key);
  if (queue == index_.end()) return;
  auto entry = queue->second.messages.find(sequence);
  if (entry == queue->second.messages.end()) return;
  queue->second.by_visibility.erase({entry->second.visible_at, sequence});
  queue->second.messages.erase(entry);
}

const SqsState::QueueIndex* SqsState::IndexOf(const QueueRecord& queue) const {
  auto it = index_.find(queue.Key());
  return it == index_.end() ? nullptr : &it->second;
}

std::vector<uint64_t> SqsState::Candidates(const QueueRecord& queue, int64_t now, size_t limit,
                                           const std::unordered_set<uint64_t>& taken) const {
  std::vector<uint64_t> found;
  const QueueIndex* index = IndexOf(queue);
  if (index == nullptr) return found;
  if (!queue.fifo()) {
    for (const auto& [visible_at, sequence] : index->by_visibility) {
      if (visible_at > now || found.size() >= limit) break;
      if (!taken.count(sequence)) found.push_back(sequence);
    }
    return found;
  }
  std::set<std::string_view> blocked;
  for (const auto& [sequence, entry] : index->messages) {
    if (found.size() >= limit) break;
    if (taken.count(sequence) || blocked.count(entry.group_id)) continue;
    if (entry.visible_at > now) {
      blocked.insert(entry.group_id);  // in flight or delayed: later ones of the group wait
      continue;
    }
    found.push_back(sequence);
  }
  return found;
}

std::vector<uint64_t> SqsState::Sequences(const QueueRecord& queue) const {
  std::vector<uint64_t> sequences;
  if (const QueueIndex* index = IndexOf(queue)) {
    for (const auto& [sequence, entry] : index->messages) sequences.push_back(sequence);
  }
  return sequences;
}

MessageCounts SqsState::Count(const QueueRecord& queue, int64_t now) const {
  MessageCounts counts;
  const QueueIndex* index = IndexOf(queue);
  if (index == nullptr) return counts;
  int64_t retention = queue.IntAttribute("MessageRetentionPeriod") * 1000;
  for (const auto& [sequence, entry] : index->messages) {
    if (Expired(entry.sent, retention, now)) continue;
    if (entry.visible_at <= now) {
      ++counts.visible;
    } else if (entry.received) {
      ++counts.in_flight;
    } else {
      ++counts.delayed;
    }
  }
  return counts;
}

std::optional<int64_t> SqsState::NextVisibleAt(const QueueRecord& queue, int64_t now) const {
  const QueueIndex* index = IndexOf(queue);
  if (index == nullptr) return std::nullopt;
  auto it = index->by_visibility.upper_bound({now, UINT64_MAX});
  if (it == index->by_visibility.end()) return std::nullopt;
  return it->first;
}

std::optional<DedupEntry> SqsState::FindDedup(const QueueRecord& queue, std::string_view scoped_id, int64_t now) const {
  auto json = store_.Get(kDedup, Prefix(queue.Key()) + std::string(scoped_id));
  if (!json) return std::nullopt;
  auto doc = core::FromJson(*json);
  if (!doc.ok() || (*doc)["expires"].AsInt() <= now) return std::nullopt;
  return DedupEntry{(*doc)["id"].AsString(), static_cast<uint64_t>((*doc)["seq"].AsInt())};
}

Status SqsState::SaveDedup(const QueueRecord& queue, std::string_view scoped_id, const DedupEntry& entry,
                           int64_t expires, int64_t now) {
  Document doc = Document::Map();
  doc.Set("expires", expires);
  doc.Set("id", entry.message_id);
  doc.Set("seq", static_cast<int64_t>(entry.sequence));
  return PutExpiring(kDedup, Prefix(queue.Key()) + std::string(scoped_id), core::ToJson(doc), expires, now);
}

std::optional<ReceiveAttempt> SqsState::FindAttempt(const QueueRecord& queue, std::string_view attempt_id,
                                                    int64_t now) const {
  auto json = store_.Get(kAttempts, Prefix(queue.Key()) + std::string(attempt_id));
  if (!json) return std::nullopt;
  auto attempt = DecodeAttempt(*json);
  if (!attempt || attempt->expires_millis <= now) return std::nullopt;
  return attempt;
}

Status SqsState::SaveAttempt(const QueueRecord& queue, std::string_view attempt_id, const ReceiveAttempt& attempt,
                             int64_t now) {
  return PutExpiring(kAttempts, Prefix(queue.Key()) + std::string(attempt_id), EncodeAttempt(attempt),
                     attempt.expires_millis, now);
}

Status SqsState::PutExpiring(std::string_view table, std::string key, std::string json, int64_t expires, int64_t now) {
  core::WriteBatch batch;
  while (!expiring_.empty() && expiring_.begin()->first <= now) {
    const auto& [old_table, old_key] = expiring_.begin()->second;
    if (auto row = store_.Get(old_table, old_key)) {
      auto doc = core::FromJson(*row);
      if (!doc.ok() || (*doc)["expires"].AsInt() <= now) batch.Delete(old_table, old_key);
    }
    expiring_.erase(expiring_.begin());
  }
  batch.Put(table, key, std::move(json));
  Status committed = store_.Commit(std::move(batch));
  if (committed.ok()) expiring_.emplace(expires, std::make_pair(table, std::move(key)));
  return committed;
}

Status SqsState::SaveTask(std::string_view handle, const Document& task) {
  return store_.Put(kTasks, handle, core::ToJson(task));
}

std::optional<Document> SqsState::FindTask(std::string_view handle) const {
  auto json = store_.Get(kTasks, handle);
  if (!json) return std::nullopt;
  auto doc = core::FromJson(*json);
  if (!doc.ok()) return std::nullopt;
  return std::move(doc).value();
}

std::vector<std::pair<std::string, Document>> SqsState::Tasks() const {
  std::vector<std::pair<std::string, Document>> tasks;
  store_.Scan(kTasks, "", [&](std::string_view key, std::string_view value) {
    auto doc = core::FromJson(value);
    if (doc.ok()) tasks.emplace_back(std::string(key), std::move(doc).value());
    return true;
  });
  return tasks;
}

void SqsState::Rebuild() {
  index_.clear();
  expiring_.clear();
  for (std::string_view table : {kDedup, kAttempts}) {
    store_.Scan(table, "", [&](std::string_view key, std::string_view value) {
      auto doc = core::FromJson(value);
      if (doc.ok()) expiring_.emplace((*doc)["expires"].AsInt(), std::make_pair(table, std::string(key)));
      return true;
    });
  }
  store_.Scan(kQueues, "", [&](std::string_view key, std::string_view) {
    index_.try_emplace(std::string(key));
    return true;
  });
  store_.Scan(kMessages, "", [&](std::string_view key, std::string_view value) {
    if (key.size() <= kSequenceDigits + 1) return true;
    std::string queue_key(key.substr(0, key.size() - kSequenceDigits - 1));
    if (auto message = DecodeMessage(value)) IndexMessage(queue_key, *message);
    return true;
  });
  changed_.notify_all();
}

}  // namespace cloudemu::services::sqs
