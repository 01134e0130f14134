// BatchGetItem and BatchWriteItem: many independent reads or writes in one
// call, each with the rules of its single-item operation.
#include <deque>
#include <set>

#include "services/dynamodb/capacity.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/item_checks.h"
#include "services/dynamodb/item_writes.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr size_t kMaxGetKeys = 100;
constexpr size_t kMaxWrites = 25;
constexpr size_t kMaxResponseBytes = 16 * 1024 * 1024;

void AddCapacity(const Document& input, std::map<std::string, Capacity>& by_table, Document& output) {
  std::string_view mode = CapacityMode(input);
  if (mode == "NONE") return;
  Document& list = output.Set("ConsumedCapacity", Document::List());
  for (const auto& [table, capacity] : by_table) list.Append(CapacityDocument(table, capacity, mode));
}

StatusOr<Document> BatchGetItem(const DynamoDBState& state, const Document& input, const RequestContext& context) {
  const Document& requests = input["RequestItems"];
  size_t total = 0;
  for (const auto& [table_name, request] : requests.AsMap()) total += request["Keys"].size();
  if (total > kMaxGetKeys) return ValidationError("Too many items requested for the BatchGetItem call");
  if (requests.empty()) {
    return ValidationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: "
                           "Member must have length greater than or equal to 1");
  }

  struct TableRead {
    std::shared_ptr<const TableInfo> table;
    ProjectionExpression projection;
    std::vector<std::pair<Item, const Document*>> keys;  // validated key, as given
  };
  std::vector<TableRead> reads;
  for (const auto& [table_name, request] : requests.AsMap()) {
    TableRead read;
    auto table = RequireTable(state, Document(table_name));
    if (!table.ok()) return table.status();
    read.table = *table;
    if (Status styles = CheckParameterStyles(request, {"AttributesToGet"}, {"ProjectionExpression"}); !styles.ok()) {
      return styles;
    }
    auto attributes = RequestAttributes(request);
    if (!attributes.ok()) return attributes.status();
    ExpressionUsage usage;
    auto projection = ParseProjection(request, *attributes, usage);
    if (!projection.ok()) return projection.status();
    if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;
    read.projection = *std::move(projection);
    std::set<std::string> seen;
    for (const Document& key_doc : request["Keys"].AsList()) {
      auto key = ValidateKey(*read.table, key_doc);
      if (!key.ok()) return key.status();
      if (!seen.insert(state.ItemKey(*read.table, *key)).second) {
        return ValidationError("Provided list of item keys contains duplicates");
      }
      read.keys.emplace_back(*std::move(key), &key_doc);
    }
    reads.push_back(std::move(read));
  }

  Document output = Document::Map();
  Document& responses = output.Set("Responses", Document::Map());
  Document& unprocessed = output.Set("UnprocessedKeys", Document::Map());
  std::map<std::string, Capacity> capacity;
  size_t response_bytes = 0;
  for (const TableRead& read : reads) {
    const std::string& name = read.table->name;
    const Document& request = requests[name];
    bool consistent = request["ConsistentRead"].AsBool();
    Document& items = responses.Set(name, Document::List());
    for (const auto& [key, given] : read.keys) {
      // Past 16 MB of response, the rest is left for the caller to retry.
      if (response_bytes > kMaxResponseBytes) {
        Document& left = unprocessed.MutableMap()[name];
        if (left.is_null()) {
          left = request;
          left.Set("Keys", Document::List());
        }
        left.MutableMap()["Keys"].Append(*given);
        continue;
      }
      auto item = state.ReadItem(*read.table, state.ItemKey(*read.table, key), context.now_millis);
      size_t size = item ? ItemSizeBytes(*item) : 0;
      capacity[name].Add(ReadCapacity(*read.table, nullptr, size, consistent));
      if (!item) continue;
      response_bytes += size;
      items.Append(Document(read.projection.Apply(*item)));
    }
  }
  AddCapacity(input, capacity, output);
  return output;
}

StatusOr<Document> BatchWriteItem(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const Document& requests = input["RequestItems"];
  size_t total = 0;
  for (const auto& [table_name, list] : requests.AsMap()) total += list.size();
  if (total > kMaxWrites) return ValidationError("Too many items requested for the BatchWriteItem call");
  if (total == 0) {
    return ValidationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: "
                           "Member must have length greater than or equal to 1");
  }
  // PrepareWrite reads its request from a PutItem/DeleteItem-shaped input.
  std::deque<Document> inputs;
  std::vector<PreparedWrite> writes;
  std::set<std::string> seen;
  for (const auto& [table_name, list] : requests.AsMap()) {
    for (const Document& request : list.AsList()) {
      Document& single = inputs.emplace_back(Document::Map());
      single.Set("TableName", table_name);
      WriteKind kind;
      if (const Document* put = request.Find("PutRequest")) {
        kind = WriteKind::kPut;
        single.Set("Item", (*put)["Item"]);
      } else if (const Document* remove = request.Find("DeleteRequest")) {
        kind = WriteKind::kDelete;
        single.Set("Key", (*remove)["Key"]);
      } else {
        return ValidationError("Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
                               "the supported datatypes");
      }
      auto write = PrepareWrite(state, kind, single);
      if (!write.ok()) return write.status();
      if (!seen.insert(write->item_key).second) {
        return ValidationError("Provided list of item keys contains duplicates");
      }
      writes.push_back(*std::move(write));
    }
  }

  std::map<std::string, Capacity> capacity;
  {
    std::lock_guard lock(state.write_mutex());
    core::WriteBatch batch;
    for (const PreparedWrite& write : writes) {
      auto outcome = EvaluateWrite(state, batch, write, context.now_millis);
      if (!outcome.ok()) return outcome.status();
      const Item* old_item = outcome->old_item ? &*outcome->old_item : nullptr;
      const Item* new_item = outcome->new_item ? &*outcome->new_item : nullptr;
      state.StageItemWrite(batch, *write.table, write.item_key, old_item, new_item, context.now_millis);
      capacity[write.table->name].Add(WriteCapacity(*write.table, old_item, new_item, false));
    }
    if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  }
  Document output = Document::Map();
  output.Set("UnprocessedItems", Document::Map());
  AddCapacity(input, capacity, output);
  return output;
}

}  // namespace

void RegisterBatchOperations(DynamoDBState& state, const AddOperation& add) {
  add("BatchGetItem", [&state](const Document& input, const RequestContext& context) {
    return BatchGetItem(state, input, context);
  });
  add("BatchWriteItem", [&state](const Document& input, const RequestContext& context) {
    return BatchWriteItem(state, input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
