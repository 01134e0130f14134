// SqsState: how SQS's records sit in the Store, plus the in-memory index
// that makes send and receive O(log n).
//
// Tables (keys use '\0' as separator; queue names cannot contain it):
//   sqs.queues    account \0 name                      -> QueueRecord JSON
//   sqs.messages  account \0 name \0 <20-digit seq>     -> MessageRecord JSON
//   sqs.dedup     account \0 name \0 scope \0 dedup id  -> {"expires","id","seq"}
//   sqs.attempts  account \0 name \0 receive attempt id -> ReceiveAttempt JSON
//   sqs.deleted   account \0 name                      -> deletion time (ms)
//   sqs.tasks     task handle                          -> message move task JSON
// The index (per queue: messages by sequence and by visible-at time) is
// derived data, rebuilt from sqs.messages at start and by Rebuild() after a
// reset or restore; the Store stays the only copy of every message.
//
// Thread-safety: every method requires mutex() to be held by the caller;
// changed() is the condition long polls wait on (with that mutex).
#ifndef CLOUDEMU_SERVICES_SQS_SQS_STATE_H_
#define CLOUDEMU_SERVICES_SQS_SQS_STATE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cloudemu/clock.h"
#include "cloudemu/status.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "services/sqs/sqs_records.h"

namespace cloudemu::services::sqs {

struct MessageCounts {
  int64_t visible = 0;
  int64_t in_flight = 0;
  int64_t delayed = 0;
};

struct DedupEntry {
  std::string message_id;
  uint64_t sequence = 0;
};

class SqsState {
 public:
  SqsState(core::Store& store, const Clock& clock, core::IdGenerator& ids);

  std::mutex& mutex() const { return mu_; }
  std::condition_variable& changed() const { return changed_; }
  int64_t Now() const { return clock_.NowMillis(); }
  core::IdGenerator& ids() const { return ids_; }

  // Queues.
  std::optional<QueueRecord> FindQueue(std::string_view account, std::string_view name) const;
  // "arn:aws:sqs:<region>:<account>:<name>"
  std::optional<QueueRecord> FindQueueByArn(std::string_view arn) const;
  // Queues of `account` (every account when empty), by name.
  std::vector<QueueRecord> Queues(std::string_view account) const;
  Status SaveQueue(const QueueRecord& queue);
  // Removes the queue with its messages and de-duplication ids and remembers
  // when, for QueueDeletedRecently.
  Status DeleteQueue(const QueueRecord& queue, int64_t now);
  std::optional<int64_t> DeletedAt(std::string_view account, std::string_view name) const;
  // Drops every message of the queue; saves `queue` (its purge time) with it.
  Status Purge(const QueueRecord& queue);

  // Messages. AddMessage assigns the next sequence of the queue, which is
  // never below now*10^6, so sequences increase across restarts.
  Status AddMessage(const QueueRecord& queue, MessageRecord& message, int64_t now);
  std::optional<MessageRecord> FindMessage(const QueueRecord& queue, uint64_t sequence) const;
  Status UpdateMessage(const QueueRecord& queue, const MessageRecord& message);
  Status RemoveMessage(const QueueRecord& queue, uint64_t sequence);
  // Moves `message` (row `message.sequence` of `from`) to the end of `to` in
  // one commit; `message.sequence` becomes its sequence in `to`.
  Status MoveMessage(const QueueRecord& from, const QueueRecord& to, MessageRecord& message, int64_t now);

  // Up to `limit` messages a receive may take now, oldest first, skipping
  // `taken`. Standard queues: visible ones by visible-at time. FIFO queues:
  // in sequence order, skipping every group that has a message in flight or
  // delayed ahead of it.
  std::vector<uint64_t> Candidates(const QueueRecord& queue, int64_t now, size_t limit,
                                   const std::unordered_set<uint64_t>& taken) const;
  // Every message of the queue in sequence order (for peeking and moves).
  std::vector<uint64_t> Sequences(const QueueRecord& queue) const;
  // Unexpired messages by state.
  MessageCounts Count(const QueueRecord& queue, int64_t now) const;
  // The earliest future visible-at time of the queue's messages, if any.
  std::optional<int64_t> NextVisibleAt(const QueueRecord& queue, int64_t now) const;

  // De-duplication ids (FIFO): live ones only. Saving one also drops the
  // ids that expired by `now`, so the table holds about five minutes' worth.
  std::optional<DedupEntry> FindDedup(const QueueRecord& queue, std::string_view scoped_id, int64_t now) const;
  Status SaveDedup(const QueueRecord& queue, std::string_view scoped_id, const DedupEntry& entry, int64_t expires,
                   int64_t now);

  // Receive attempts (FIFO ReceiveRequestAttemptId): live ones only. Saving
  // one also drops what expired by `now`, as SaveDedup does.
  std::optional<ReceiveAttempt> FindAttempt(const QueueRecord& queue, std::string_view attempt_id, int64_t now) const;
  Status SaveAttempt(const QueueRecord& queue, std::string_view attempt_id, const ReceiveAttempt& attempt, int64_t now);

  // Message move tasks, as JSON documents keyed by their handle.
  Status SaveTask(std::string_view handle, const Document& task);
  std::optional<Document> FindTask(std::string_view handle) const;
  std::vector<std::pair<std::string, Document>> Tasks() const;

  // Rebuilds the index from the Store and wakes every long poll.
  void Rebuild();

 private:
  struct IndexEntry {
    int64_t visible_at = 0;
    int64_t sent = 0;
    bool received = false;
    std::string group_id;
  };
  struct QueueIndex {
    std::map<uint64_t, IndexEntry> messages;
    std::set<std::pair<int64_t, uint64_t>> by_visibility;
    uint64_t last_sequence = 0;
  };

  uint64_t NextSequence(const std::string& queue_key, int64_t now);
  void IndexMessage(const std::string& queue_key, const MessageRecord& message);
  void UnindexMessage(const std::string& queue_key, uint64_t sequence);
  const QueueIndex* IndexOf(const QueueRecord& queue) const;
  void ScanPrefix(std::string_view table, std::string_view prefix, core::WriteBatch& batch) const;
  // Writes a row of a table whose rows expire (sqs.dedup, sqs.attempts: JSON
  // maps with "expires") and deletes the rows of both that expired by `now`.
  Status PutExpiring(std::string_view table, std::string key, std::string json, int64_t expires, int64_t now);

  core::Store& store_;
  const Clock& clock_;
  core::IdGenerator& ids_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::unordered_map<std::string, QueueIndex> index_;
  // Rows of the expiring tables (table, key) by expiry time (a row saved
  // again appears twice; the stored row decides).
  std::multimap<int64_t, std::pair<std::string_view, std::string>> expiring_;
};

// "<queue key>\0<20-digit sequence>"
std::string MessageKey(std::string_view queue_key, uint64_t sequence);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_SQS_STATE_H_
