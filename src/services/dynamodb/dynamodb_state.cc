#include "services/dynamodb/dynamodb_state.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "core/json.h"
#include "core/time_format.h"
#include "services/dynamodb/key_codec.h"
#include "services/dynamodb/record_codec.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr std::string_view kTables = "dynamodb.tables";
constexpr std::string_view kItems = "dynamodb.items";
constexpr std::string_view kIndex = "dynamodb.index";
constexpr std::string_view kStreams = "dynamodb.streams";
constexpr std::string_view kRecords = "dynamodb.records";
constexpr std::string_view kMeta = "dynamodb.meta";
constexpr std::string_view kTokens = "dynamodb.tokens";
constexpr std::string_view kSequenceKey = "sequence";
constexpr int64_t kFiveYearsSeconds = int64_t{5} * 365 * 24 * 3600;

// "arn:aws:dynamodb:<region>:..." -> region.
std::string ArnRegion(std::string_view arn) {
  size_t start = 0;
  for (int field = 0; field < 3 && start != std::string_view::npos; ++field) {
    start = arn.find(':', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return "";
  return std::string(arn.substr(start, arn.find(':', start) - start));
}

void AppendKey(const KeySchema& key, const Item& item, std::string& out) {
  AppendKeyValue(item.at(key.partition.name), out);
  if (key.sort) AppendKeyValue(item.at(key.sort->name), out);
}

std::optional<Document> ParseJson(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto doc = core::FromJson(*text);
  if (!doc.ok()) return std::nullopt;
  return *std::move(doc);
}

Document EncodeStream(const StreamInfo& s) {
  Document doc = Document::Map();
  doc.Set("arn", s.arn);
  doc.Set("table", s.table);
  doc.Set("label", s.label);
  doc.Set("view_type", s.view_type);
  doc.Set("created", s.created_millis);
  doc.Set("enabled", s.enabled);
  doc.Set("shard_id", s.shard_id);
  doc.Set("starting_sequence", s.starting_sequence);
  doc.Set("ending_sequence", s.ending_sequence);
  Document& key = doc.Set("key", Document::List());
  key.Append(s.key.partition.name);
  if (s.key.sort) key.Append(s.key.sort->name);
  return doc;
}

StreamInfo DecodeStream(const Document& doc) {
  StreamInfo s;
  s.arn = doc["arn"].AsString();
  s.table = doc["table"].AsString();
  s.label = doc["label"].AsString();
  s.view_type = doc["view_type"].AsString();
  s.created_millis = doc["created"].AsInt();
  s.enabled = doc["enabled"].AsBool();
  s.shard_id = doc["shard_id"].AsString();
  s.starting_sequence = doc["starting_sequence"].AsString();
  s.ending_sequence = doc["ending_sequence"].AsString();
  const core::DocumentList& key = doc["key"].AsList();
  if (!key.empty()) s.key.partition.name = key[0].AsString();
  if (key.size() > 1) s.key.sort = KeyAttribute{key[1].AsString(), ""};
  return s;
}

}  // namespace

std::string FormatSequenceNumber(uint64_t n) {
  char text[32];
  std::snprintf(text, sizeof text, "1%020" PRIu64, n);
  return text;
}

uint64_t ParseSequenceNumber(std::string_view text) {
  if (text.size() != 21 || text[0] != '1') return 0;
  uint64_t n = 0;
  for (char c : text.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

Status DynamoDBState::Commit(core::WriteBatch batch) {
  Status committed = store_.Commit(std::move(batch));
  if (!touched_tables_.empty()) {
    std::unique_lock lock(cache_mu_);
    for (const std::string& name : touched_tables_) tables_.erase(name);
    ++cache_generation_;
    touched_tables_.clear();
  }
  return committed;
}

void DynamoDBState::Forget() {
  {
    std::unique_lock lock(cache_mu_);
    tables_.clear();
    ++cache_generation_;
  }
  std::lock_guard lock(write_mutex_);
  last_sequence_.reset();
  touched_tables_.clear();
}

// --- tables

std::shared_ptr<const TableInfo> DynamoDBState::FindTable(std::string_view name) const {
  uint64_t generation;
  {
    std::shared_lock lock(cache_mu_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return it->second;
    generation = cache_generation_;
  }
  auto doc = ParseJson(store_.Get(kTables, name));
  if (!doc) return nullptr;
  auto table = std::make_shared<const TableInfo>(DecodeTableInfo(*doc));
  std::unique_lock lock(cache_mu_);
  // A table write committed meanwhile: what was read may be stale.
  if (generation == cache_generation_) tables_.emplace(std::string(name), table);
  return table;
}

std::vector<std::string> DynamoDBState::TableNames() const {
  std::vector<std::string> names;
  store_.Scan(kTables, "", [&](std::string_view key, std::string_view) {
    names.emplace_back(key);
    return true;
  });
  return names;
}

void DynamoDBState::PutTable(core::WriteBatch& batch, const TableInfo& table) {
  batch.Put(kTables, table.name, core::ToJson(EncodeTableInfo(table)));
  touched_tables_.push_back(table.name);
}

void DynamoDBState::DeleteTable(core::WriteBatch& batch, const TableInfo& table) {
  batch.Delete(kTables, table.name);
  touched_tables_.push_back(table.name);
  std::string prefix = TablePrefix(table);
  store_.ScanPrefix(kItems, prefix, [&](std::string_view key, std::string_view) {
    batch.Delete(kItems, key);
    return true;
  });
  store_.ScanPrefix(kIndex, prefix, [&](std::string_view key, std::string_view) {
    batch.Delete(kIndex, key);
    return true;
  });
  if (table.stream_enabled) {
    TableInfo copy = table;
    StopStream(batch, copy);
  }
}

TableStats DynamoDBState::Stats(const TableInfo& table, int64_t now_millis) const {
  TableStats stats;
  for (const IndexInfo& index : table.indexes) stats.indexes[index.name] = {0, 0};
  store_.ScanPrefix(kItems, TablePrefix(table), [&](std::string_view, std::string_view value) {
    auto item = DecodeItem(value);
    if (!item || Expired(table, *item, now_millis)) return true;
    ++stats.item_count;
    stats.size_bytes += static_cast<int64_t>(ItemSizeBytes(*item));
    for (const IndexInfo& index : table.indexes) {
      if (!HasIndexKey(index, *item)) continue;
      auto& [count, bytes] = stats.indexes[index.name];
      ++count;
      bytes += static_cast<int64_t>(ItemSizeBytes(ProjectForIndex(table, index, *item)));
    }
    return true;
  });
  return stats;
}

// --- items

std::string DynamoDBState::TablePrefix(const TableInfo& table) const {
  std::string prefix = table.name;
  prefix += '\0';
  return prefix;
}

std::string DynamoDBState::IndexPrefix(const TableInfo& table, const IndexInfo& index) const {
  std::string prefix = TablePrefix(table);
  prefix += index.name;
  prefix += '\0';
  return prefix;
}

std::string DynamoDBState::ItemKey(const TableInfo& table, const Item& key) const {
  std::string out = TablePrefix(table);
  AppendKey(table.key, key, out);
  return out;
}

std::string DynamoDBState::IndexEntryKey(const TableInfo& table, const IndexInfo& index, const Item& item) const {
  std::string out = IndexPrefix(table, index);
  AppendKey(index.key, item, out);
  AppendKey(table.key, item, out);
  return out;
}

std::optional<Item> DynamoDBState::DecodeItem(std::string_view bytes) {
  auto doc = DecodeRecord(bytes);
  if (!doc || !doc->is_map()) return std::nullopt;
  return std::move(doc->MutableMap());
}

bool DynamoDBState::Expired(const TableInfo& table, const Item& item, int64_t now_millis) const {
  if (!table.ttl_enabled || table.ttl_attribute.empty()) return false;
  auto it = item.find(table.ttl_attribute);
  if (it == item.end() || TypeOf(it->second) != "N") return false;
  double expiry = std::strtod(Payload(it->second).AsString().c_str(), nullptr);
  double now = static_cast<double>(now_millis) / 1000.0;
  // TTL ignores values more than five years in the past (AWS's rule).
  return expiry < now && expiry >= now - static_cast<double>(kFiveYearsSeconds);
}

std::optional<Item> DynamoDBState::ReadItem(const TableInfo& table, std::string_view item_key,
                                            int64_t now_millis) const {
  auto bytes = store_.Get(kItems, item_key);
  if (!bytes) return std::nullopt;
  auto item = DecodeItem(*bytes);
  if (!item || Expired(table, *item, now_millis)) return std::nullopt;
  return item;
}

std::optional<std::string> DynamoDBState::RawItem(std::string_view item_key) const {
  return store_.Get(kItems, item_key);
}

std::optional<Item> DynamoDBState::ReadItemForWrite(core::WriteBatch& batch, const TableInfo& table,
                                                    std::string_view item_key, int64_t now_millis) {
  auto bytes = store_.Get(kItems, item_key);
  if (!bytes) return std::nullopt;
  auto item = DecodeItem(*bytes);
  if (!item) return std::nullopt;
  if (Expired(table, *item, now_millis)) {
    StageItemWrite(batch, table, std::string(item_key), &*item, nullptr, now_millis, ChangeOrigin::kTimeToLive);
    return std::nullopt;
  }
  return item;
}

void DynamoDBState::StageItemWrite(core::WriteBatch& batch, const TableInfo& table, const std::string& item_key,
                                   const Item* old_item, const Item* new_item, int64_t now_millis,
                                   ChangeOrigin origin) {
  if (new_item) {
    batch.Put(kItems, item_key, EncodeRecord(Document(*new_item)));
  } else {
    batch.Delete(kItems, item_key);
  }
  for (const IndexInfo& index : table.indexes) {
    std::string old_entry = old_item && HasIndexKey(index, *old_item) ? IndexEntryKey(table, index, *old_item) : "";
    std::string new_entry = new_item && HasIndexKey(index, *new_item) ? IndexEntryKey(table, index, *new_item) : "";
    if (!old_entry.empty() && old_entry != new_entry) batch.Delete(kIndex, old_entry);
    if (!new_entry.empty() && old_entry != new_entry) batch.Put(kIndex, new_entry, item_key);
  }
  if (table.stream_enabled && (old_item || new_item)) {
    StageStreamRecord(batch, table, old_item, new_item, now_millis, origin);
  }
}

Status DynamoDBState::ExpireItems(const TableInfo& table, int64_t now_millis) {
  if (!table.ttl_enabled) return Status::Ok();
  core::WriteBatch batch;
  store_.ScanPrefix(kItems, TablePrefix(table), [&](std::string_view key, std::string_view value) {
    auto item = DecodeItem(value);
    if (item && Expired(table, *item, now_millis)) {
      StageItemWrite(batch, table, std::string(key), &*item, nullptr, now_millis, ChangeOrigin::kTimeToLive);
    }
    return true;
  });
  if (batch.empty()) return Status::Ok();
  return Commit(std::move(batch));
}

void DynamoDBState::BackfillIndex(core::WriteBatch& batch, const TableInfo& table, const IndexInfo& index,
                                  int64_t now_millis) {
  store_.ScanPrefix(kItems, TablePrefix(table), [&](std::string_view key, std::string_view value) {
    auto item = DecodeItem(value);
    if (item && !Expired(table, *item, now_millis) && HasIndexKey(index, *item)) {
      batch.Put(kIndex, IndexEntryKey(table, index, *item), std::string(key));
    }
    return true;
  });
}

void DynamoDBState::DropIndex(core::WriteBatch& batch, const TableInfo& table, const IndexInfo& index) {
  store_.ScanPrefix(kIndex, IndexPrefix(table, index), [&](std::string_view key, std::string_view) {
    batch.Delete(kIndex, key);
    return true;
  });
}

void DynamoDBState::ScanItems(std::string_view prefix, std::string_view start,
                              const core::StoreVisitor& visit) const {
  store_.Scan(kItems, start, [&](std::string_view key, std::string_view value) {
    if (key.substr(0, prefix.size()) != prefix) return false;
    return visit(key, value);
  });
}

void DynamoDBState::ScanIndex(std::string_view prefix, std::string_view start,
                              const core::StoreVisitor& visit) const {
  store_.Scan(kIndex, start, [&](std::string_view key, std::string_view value) {
    if (key.substr(0, prefix.size()) != prefix) return false;
    return visit(key, value);
  });
}

// --- streams

uint64_t DynamoDBState::LastSequence() const {
  if (!last_sequence_) {
    auto stored = store_.Get(kMeta, kSequenceKey);
    last_sequence_ = stored ? std::strtoull(stored->c_str(), nullptr, 10) : 0;
  }
  return *last_sequence_;
}

std::string DynamoDBState::NextSequenceNumber() const { return FormatSequenceNumber(LastSequence() + 1); }

std::string DynamoDBState::TakeSequenceNumber(core::WriteBatch& batch) {
  uint64_t next = LastSequence() + 1;
  last_sequence_ = next;
  batch.Put(kMeta, kSequenceKey, std::to_string(next));
  return FormatSequenceNumber(next);
}

void DynamoDBState::StageStreamRecord(core::WriteBatch& batch, const TableInfo& table, const Item* old_item,
                                      const Item* new_item, int64_t now_millis, ChangeOrigin origin) {
  std::string sequence = TakeSequenceNumber(batch);
  const Item& any = new_item ? *new_item : *old_item;
  Document record = Document::Map();
  record.Set("eventID", ids_.Hex(32));
  record.Set("eventName", !old_item ? "INSERT" : !new_item ? "REMOVE" : "MODIFY");
  record.Set("eventVersion", "1.1");
  record.Set("eventSource", "aws:dynamodb");
  record.Set("awsRegion", ArnRegion(table.arn));
  Document& change = record.Set("dynamodb", Document::Map());
  change.Set("ApproximateCreationDateTime", core::Timestamp{now_millis / 1000 * 1000});
  change.Set("Keys", KeyOf(table.key, any));
  const std::string& view = table.stream_view_type;
  if (new_item && (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES")) change.Set("NewImage", *new_item);
  if (old_item && (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES")) change.Set("OldImage", *old_item);
  change.Set("SequenceNumber", sequence);
  // SizeBytes counts the keys and the images the record carries.
  size_t size = ItemSizeBytes(change["Keys"].AsMap());
  if (const Document* image = change.Find("NewImage")) size += ItemSizeBytes(image->AsMap());
  if (const Document* image = change.Find("OldImage")) size += ItemSizeBytes(image->AsMap());
  change.Set("SizeBytes", static_cast<int64_t>(size));
  change.Set("StreamViewType", view);
  if (origin == ChangeOrigin::kTimeToLive) {
    Document& identity = record.Set("userIdentity", Document::Map());
    identity.Set("PrincipalId", "dynamodb.amazonaws.com");
    identity.Set("Type", "Service");
  }
  std::string key = table.StreamArn();
  key += '\0';
  key += sequence;
  batch.Put(kRecords, key, EncodeRecord(record));
}

std::optional<StreamInfo> DynamoDBState::FindStream(std::string_view arn) const {
  auto doc = ParseJson(store_.Get(kStreams, arn));
  if (!doc) return std::nullopt;
  return DecodeStream(*doc);
}

std::vector<StreamInfo> DynamoDBState::ListStreams() const {
  std::vector<StreamInfo> streams;
  store_.Scan(kStreams, "", [&](std::string_view, std::string_view value) {
    if (auto doc = ParseJson(std::string(value))) streams.push_back(DecodeStream(*doc));
    return true;
  });
  return streams;
}

void DynamoDBState::PutStream(core::WriteBatch& batch, const StreamInfo& stream) const {
  batch.Put(kStreams, stream.arn, core::ToJson(EncodeStream(stream)));
}

void DynamoDBState::StartStream(core::WriteBatch& batch, TableInfo& table, std::string_view view_type,
                                int64_t now_millis) {
  StreamInfo stream;
  stream.table = table.name;
  stream.label = core::FormatIso8601(now_millis);
  if (!stream.label.empty() && stream.label.back() == 'Z') stream.label.pop_back();
  table.stream_label = stream.label;
  table.stream_enabled = true;
  table.stream_view_type = std::string(view_type);
  stream.arn = table.StreamArn();
  stream.view_type = table.stream_view_type;
  stream.created_millis = now_millis;
  stream.shard_id = "shardId-" + std::to_string(now_millis) + "-" + ids_.Hex(8);
  stream.starting_sequence = NextSequenceNumber();
  stream.key = table.key;
  PutStream(batch, stream);
}

void DynamoDBState::StopStream(core::WriteBatch& batch, TableInfo& table) {
  table.stream_enabled = false;
  auto stream = FindStream(table.StreamArn());
  if (!stream) return;
  stream->enabled = false;
  stream->ending_sequence = FormatSequenceNumber(LastSequence());
  PutStream(batch, *stream);
}

void DynamoDBState::ScanRecords(std::string_view stream_arn, std::string_view from,
                                const std::function<bool(const Document& record)>& visit) const {
  std::string prefix(stream_arn);
  prefix += '\0';
  store_.Scan(kRecords, prefix + std::string(from), [&](std::string_view key, std::string_view value) {
    if (key.substr(0, prefix.size()) != prefix) return false;
    auto record = DecodeRecord(value);
    return !record || visit(*record);
  });
}

// --- tokens

std::optional<Document> DynamoDBState::FindToken(std::string_view token) const {
  return ParseJson(store_.Get(kTokens, token));
}

void DynamoDBState::PutToken(core::WriteBatch& batch, std::string_view token, const Document& record) const {
  batch.Put(kTokens, token, core::ToJson(record));
}

}  // namespace cloudemu::services::dynamodb
