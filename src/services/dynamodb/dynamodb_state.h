// DynamoDBState: DynamoDB's records and how they sit in the Store, shared by
// the DynamoDB and DynamoDB Streams services. Nothing else knows the layout.
//
// Tables (keys use '\0' after names; table and index names cannot hold it):
//   dynamodb.tables   table                           -> TableInfo JSON
//   dynamodb.items    table \0 key(pk) key(sk)         -> item (record_codec)
//   dynamodb.index    table \0 index \0 key(ipk) key(isk) key(pk) key(sk) -> item store key
//   dynamodb.streams  stream arn                       -> StreamInfo JSON
//   dynamodb.records  stream arn \0 sequence number    -> stream record (record_codec)
//   dynamodb.meta     "sequence"                       -> last stream sequence number
//   dynamodb.tokens   client request token             -> TransactWriteItems idempotency JSON
// key() is key_codec's order-preserving encoding, so a partition is a key
// prefix listed in sort order. Items are written together with their index
// entries and stream record in one batch.
//
// A cache of parsed TableInfos is derived data: dropped on every table write
// and by OnStateReplaced().
// Thread-safety: reads may run concurrently with anything; every
// read-modify-write holds write_mutex() from its first read to Commit.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_STATE_H_
#define CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_STATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/table_info.h"

namespace cloudemu::services::dynamodb {

struct StreamInfo {
  std::string arn;
  std::string table;
  std::string label;
  std::string view_type;
  int64_t created_millis = 0;
  bool enabled = true;
  std::string shard_id;
  std::string starting_sequence;  // first sequence number the stream may hold
  std::string ending_sequence;    // "" while enabled
  KeySchema key;
};

// Stream sequence numbers: "1" followed by a 20-digit counter, so that their
// text order is their numeric order. Parse gives 0 for malformed text.
std::string FormatSequenceNumber(uint64_t n);
uint64_t ParseSequenceNumber(std::string_view text);

// Who made a change, for the stream record's userIdentity.
enum class ChangeOrigin { kRequest, kTimeToLive };

class DynamoDBState {
 public:
  DynamoDBState(core::Store& store, core::IdGenerator& ids) : store_(store), ids_(ids) {}

  std::mutex& write_mutex() const { return write_mutex_; }
  core::IdGenerator& ids() const { return ids_; }
  // Commits and drops cached table definitions the batch rewrote.
  Status Commit(core::WriteBatch batch);
  // Drops derived data after the Store was cleared or restored.
  void Forget();

  // --- tables
  std::shared_ptr<const TableInfo> FindTable(std::string_view name) const;
  std::vector<std::string> TableNames() const;  // sorted
  void PutTable(core::WriteBatch& batch, const TableInfo& table);
  // Removes the table, its items and index entries; disables its stream.
  void DeleteTable(core::WriteBatch& batch, const TableInfo& table);
  TableStats Stats(const TableInfo& table, int64_t now_millis) const;

  // --- items
  // The store key of the item with primary key `key` (validated).
  std::string ItemKey(const TableInfo& table, const Item& key) const;
  std::string TablePrefix(const TableInfo& table) const;
  std::string IndexPrefix(const TableInfo& table, const IndexInfo& index) const;
  // The store key of `item`'s entry in `index` (it must have the index key).
  std::string IndexEntryKey(const TableInfo& table, const IndexInfo& index, const Item& item) const;
  // The item, or nullopt when absent or expired by TTL at `now_millis`.
  std::optional<Item> ReadItem(const TableInfo& table, std::string_view item_key, int64_t now_millis) const;
  // Decodes a stored item.
  static std::optional<Item> DecodeItem(std::string_view bytes);
  bool Expired(const TableInfo& table, const Item& item, int64_t now_millis) const;
  // Like ReadItem, for a write: an item TTL has expired is deleted in `batch`
  // (with its REMOVE stream record) and reported absent.
  std::optional<Item> ReadItemForWrite(core::WriteBatch& batch, const TableInfo& table, std::string_view item_key,
                                       int64_t now_millis);
  // Stages the change from `old_item` to `new_item` (either may be null):
  // the item, its index entries and its stream record.
  void StageItemWrite(core::WriteBatch& batch, const TableInfo& table, const std::string& item_key,
                      const Item* old_item, const Item* new_item, int64_t now_millis,
                      ChangeOrigin origin = ChangeOrigin::kRequest);
  // Deletes, with stream records, every item of `table` TTL has expired.
  Status ExpireItems(const TableInfo& table, int64_t now_millis);
  // Copies existing items into a new index.
  void BackfillIndex(core::WriteBatch& batch, const TableInfo& table, const IndexInfo& index, int64_t now_millis);
  void DropIndex(core::WriteBatch& batch, const TableInfo& table, const IndexInfo& index);

  // Raw walks: entries of dynamodb.items / dynamodb.index from `start` while
  // they begin with `prefix`.
  void ScanItems(std::string_view prefix, std::string_view start, const core::StoreVisitor& visit) const;
  void ScanIndex(std::string_view prefix, std::string_view start, const core::StoreVisitor& visit) const;
  std::optional<std::string> RawItem(std::string_view item_key) const;

  // --- streams
  std::optional<StreamInfo> FindStream(std::string_view arn) const;
  std::vector<StreamInfo> ListStreams() const;  // by arn
  // Starts a new stream for `table` (sets its label) or disables the current one.
  void StartStream(core::WriteBatch& batch, TableInfo& table, std::string_view view_type, int64_t now_millis);
  void StopStream(core::WriteBatch& batch, TableInfo& table);
  // Records of `stream` with sequence number >= `from` (21-digit text).
  void ScanRecords(std::string_view stream_arn, std::string_view from,
                   const std::function<bool(const core::Document& record)>& visit) const;
  // The sequence number the next stream record gets.
  std::string NextSequenceNumber() const;

  // --- TransactWriteItems idempotency tokens
  std::optional<core::Document> FindToken(std::string_view token) const;
  void PutToken(core::WriteBatch& batch, std::string_view token, const core::Document& record) const;

 private:
  uint64_t LastSequence() const;  // under write_mutex_
  std::string TakeSequenceNumber(core::WriteBatch& batch);
  void StageStreamRecord(core::WriteBatch& batch, const TableInfo& table, const Item* old_item,
                         const Item* new_item, int64_t now_millis, ChangeOrigin origin);
  void PutStream(core::WriteBatch& batch, const StreamInfo& stream) const;

  core::Store& store_;
  core::IdGenerator& ids_;
  mutable std::mutex write_mutex_;

  mutable std::shared_mutex cache_mu_;
  mutable std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;
  mutable uint64_t cache_generation_ = 0;
  std::vector<std::string> touched_tables_;  // rewritten by the batch being built
  mutable std::optional<uint64_t> last_sequence_;  // loaded on first use
};

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_STATE_H_
