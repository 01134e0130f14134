// TableInfo: one table's definition as DynamoDB's state keeps it (schema,
// indexes, billing, stream, TTL, tags, settings), its stored form and its
// TableDescription as DescribeTable answers it.
// Thread-safety: a value type; shared as const between threads once built.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_TABLE_INFO_H_
#define CLOUDEMU_SERVICES_DYNAMODB_TABLE_INFO_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document.h"
#include "services/dynamodb/attribute_values.h"

namespace cloudemu::services::dynamodb {

struct KeyAttribute {
  std::string name;
  std::string type;  // "S", "N" or "B"
};

struct KeySchema {
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
};

struct Throughput {
  int64_t read = 0;
  int64_t write = 0;
  int64_t last_increase_millis = 0;
  int64_t last_decrease_millis = 0;
  int64_t decreases_today = 0;
};

struct IndexInfo {
  std::string name;
  bool global = false;
  KeySchema key;
  std::string projection_type = "ALL";  // ALL | KEYS_ONLY | INCLUDE
  std::vector<std::string> non_key_attributes;
  Throughput throughput;  // GSIs of provisioned tables
  int64_t created_millis = 0;
};

struct TableInfo {
  std::string name;
  std::string arn;
  std::string id;  // TableId
  int64_t created_millis = 0;
  KeySchema key;
  std::vector<KeyAttribute> attribute_definitions;
  std::string billing_mode = "PROVISIONED";  // or PAY_PER_REQUEST
  int64_t billing_mode_updated_millis = 0;    // 0 when never switched
  Throughput throughput;
  std::vector<IndexInfo> indexes;  // LSIs and GSIs in creation order
  // Streams: the current stream, if any (also kept after it is disabled).
  bool stream_enabled = false;
  std::string stream_view_type;
  std::string stream_label;  // "" when the table never had a stream
  // Time to live.
  std::string ttl_attribute;  // "" when never enabled
  bool ttl_enabled = false;
  bool point_in_time_recovery = false;
  int64_t pitr_enabled_millis = 0;
  bool deletion_protection = false;
  std::string table_class = "STANDARD";
  core::Document sse;  // SSESpecification as given when enabled, null = AWS owned key
  std::vector<std::pair<std::string, std::string>> tags;  // in insertion order

  const IndexInfo* FindIndex(std::string_view index_name) const;
  std::string StreamArn() const;  // "" without a stream
  // True when `name` is a key attribute of the table or of any index.
  bool IsKeyAttribute(std::string_view name) const;
};

core::Document EncodeTableInfo(const TableInfo& table);
TableInfo DecodeTableInfo(const core::Document& doc);

// Item counts and sizes of a table and of each of its indexes.
struct TableStats {
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  std::map<std::string, std::pair<int64_t, int64_t>, std::less<>> indexes;  // name -> (count, bytes)
};

// The TableDescription member of DescribeTable (and of Create/Update/Delete
// with `status` instead of ACTIVE).
core::Document DescribeTableInfo(const TableInfo& table, std::string_view status, const TableStats& stats,
                                 std::string_view index_status = "ACTIVE");
core::Document KeySchemaDocument(const KeySchema& key);

// Key helpers over items.
// The primary key attributes of `item` (those present).
Item KeyOf(const KeySchema& key, const Item& item);
// Index entries need both index key attributes present with the right type.
bool HasIndexKey(const IndexInfo& index, const Item& item);
// What an index holds of `item`: its projection plus the table and index keys.
Item ProjectForIndex(const TableInfo& table, const IndexInfo& index, const Item& item);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_TABLE_INFO_H_
