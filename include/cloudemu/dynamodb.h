// DynamoDBView: typed access to a Cloud's DynamoDB (and its streams) for
// tests and seeding code. Every call runs the same operation code as a
// request through the listener.
//
// Items and keys are DynamoDB JSON text, as the AWS CLI writes them:
//   dynamodb.PutItem("users", R"({"id":{"S":"u1"},"age":{"N":"42"}})");
// Binaries are base64 text ({"B":"AAE="}); numbers may also be JSON numbers
// on input ({"N":42}); outputs always give numbers as text.
// Thread-safety: as Cloud; a view is a cheap handle, valid while its Cloud is.
#ifndef CLOUDEMU_DYNAMODB_H_
#define CLOUDEMU_DYNAMODB_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu {

namespace internal {
class CloudState;
}

struct DynamoDBKey {
  std::string name;
  std::string type = "S";  // "S", "N" or "B"
};

struct DynamoDBTableSpec {
  std::string name;
  DynamoDBKey hash_key;
  std::optional<DynamoDBKey> range_key;
  // "" for no stream, else NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES | KEYS_ONLY.
  std::string stream_view_type;
  std::string ttl_attribute;  // "" for no time to live
};

struct DynamoDBTable {
  std::string name;
  std::string arn;
  std::string status;  // "ACTIVE"
  std::string billing_mode;
  DynamoDBKey hash_key;
  std::optional<DynamoDBKey> range_key;
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  std::vector<std::string> indexes;  // global and local secondary index names
  std::string stream_arn;            // "" without a stream
};

struct DynamoDBStreamRecord {
  std::string event_name;  // INSERT | MODIFY | REMOVE
  std::string sequence_number;
  std::string keys;       // DynamoDB JSON
  std::string new_image;  // "" when the view type leaves it out
  std::string old_image;
  bool by_time_to_live = false;  // removed by TTL, not by a request
};

class DynamoDBView {
 public:
  explicit DynamoDBView(internal::CloudState* state) : state_(state) {}

  // An on-demand table with string keys (no range key when `range_key` is "").
  Status CreateTable(std::string_view table, std::string_view hash_key, std::string_view range_key = "");
  Status CreateTable(const DynamoDBTableSpec& spec);
  Status DeleteTable(std::string_view table);
  StatusOr<std::vector<std::string>> ListTables() const;  // every page
  StatusOr<DynamoDBTable> DescribeTable(std::string_view table) const;

  Status PutItem(std::string_view table, std::string_view item_json);
  // The item (DynamoDB JSON), or nullopt when there is none. Consistent read.
  StatusOr<std::optional<std::string>> GetItem(std::string_view table, std::string_view key_json) const;
  Status DeleteItem(std::string_view table, std::string_view key_json);
  // Every item matching `key_condition` (a KeyConditionExpression whose
  // values are in `values_json`, e.g. {":p":{"S":"x"}}), following pages.
  StatusOr<std::vector<std::string>> Query(std::string_view table, std::string_view key_condition,
                                           std::string_view values_json, std::string_view index = "") const;
  // Every item of the table, following pages.
  StatusOr<std::vector<std::string>> Scan(std::string_view table) const;

  // Every record of the table's latest stream, oldest first.
  StatusOr<std::vector<DynamoDBStreamRecord>> StreamRecords(std::string_view table) const;

 private:
  internal::CloudState* state_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_DYNAMODB_H_
