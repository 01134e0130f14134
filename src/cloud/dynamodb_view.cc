// DynamoDBView: typed calls that run DynamoDB's own operations through
// CloudState::Invoke, exactly as a request through the listener would.
#include "cloudemu/dynamodb.h"

#include "cloud/cloud_state.h"
#include "core/document.h"
#include "core/json.h"
#include "services/dynamodb/item_json.h"

namespace cloudemu {
namespace {

using core::Document;

Status StatusOf(const StatusOr<Document>& output) { return output.ok() ? Status::Ok() : output.status(); }

Document TableInput(std::string_view table) {
  Document input = Document::Map();
  input.Set("TableName", table);
  return input;
}

StatusOr<Document> ParseItemJson(std::string_view json) {
  auto parsed = core::FromJson(json);
  if (!parsed.ok() || !parsed->is_map()) {
    return Status::InvalidArgument("SerializationException", "expected a DynamoDB JSON object: " + std::string(json));
  }
  return services::dynamodb::ItemFromJson(*parsed);
}

void AddKey(const DynamoDBKey& key, const char* key_type, Document& input) {
  Document& element = input.MutableMap()["KeySchema"].Append(Document::Map());
  element.Set("AttributeName", key.name);
  element.Set("KeyType", key_type);
  Document& definition = input.MutableMap()["AttributeDefinitions"].Append(Document::Map());
  definition.Set("AttributeName", key.name);
  definition.Set("AttributeType", key.type);
}

// Runs a Query or Scan to its last page, collecting items as JSON.
StatusOr<std::vector<std::string>> AllPages(internal::CloudState& state, std::string_view operation, Document input) {
  std::vector<std::string> items;
  while (true) {
    auto page = state.Invoke("dynamodb", operation, input);
    if (!page.ok()) return page.status();
    for (const Document& item : (*page)["Items"].AsList()) items.push_back(core::ToJson(item));
    const Document* last = page->Find("LastEvaluatedKey");
    if (!last) return items;
    input.Set("ExclusiveStartKey", *last);
  }
}

}  // namespace

Status DynamoDBView::CreateTable(std::string_view table, std::string_view hash_key, std::string_view range_key) {
  DynamoDBTableSpec spec;
  spec.name = table;
  spec.hash_key.name = hash_key;
  if (!range_key.empty()) spec.range_key = DynamoDBKey{std::string(range_key), "S"};
  return CreateTable(spec);
}

Status DynamoDBView::CreateTable(const DynamoDBTableSpec& spec) {
  Document input = TableInput(spec.name);
  input.Set("BillingMode", "PAY_PER_REQUEST");
  input.Set("KeySchema", Document::List());
  input.Set("AttributeDefinitions", Document::List());
  AddKey(spec.hash_key, "HASH", input);
  if (spec.range_key) AddKey(*spec.range_key, "RANGE", input);
  if (!spec.stream_view_type.empty()) {
    Document& stream = input.Set("StreamSpecification", Document::Map());
    stream.Set("StreamEnabled", true);
    stream.Set("StreamViewType", spec.stream_view_type);
  }
  if (Status created = StatusOf(state_->Invoke("dynamodb", "CreateTable", input)); !created.ok()) return created;
  if (spec.ttl_attribute.empty()) return Status::Ok();
  Document ttl = TableInput(spec.name);
  Document& specification = ttl.Set("TimeToLiveSpecification", Document::Map());
  specification.Set("Enabled", true);
  specification.Set("AttributeName", spec.ttl_attribute);
  return StatusOf(state_->Invoke("dynamodb", "UpdateTimeToLive", ttl));
}

Status DynamoDBView::DeleteTable(std::string_view table) {
  return StatusOf(state_->Invoke("dynamodb", "DeleteTable", TableInput(table)));
}

StatusOr<std::vector<std::string>> DynamoDBView::ListTables() const {
  std::vector<std::string> names;
  Document input = Document::Map();
  while (true) {
    auto page = state_->Invoke("dynamodb", "ListTables", input);
    if (!page.ok()) return page.status();
    for (const Document& name : (*page)["TableNames"].AsList()) names.push_back(name.AsString());
    const Document* last = page->Find("LastEvaluatedTableName");
    if (!last) return names;
    input.Set("ExclusiveStartTableName", *last);
  }
}

StatusOr<DynamoDBTable> DynamoDBView::DescribeTable(std::string_view table) const {
  auto output = state_->Invoke("dynamodb", "DescribeTable", TableInput(table));
  if (!output.ok()) return output.status();
  const Document& description = (*output)["Table"];
  DynamoDBTable out;
  out.name = description["TableName"].AsString();
  out.arn = description["TableArn"].AsString();
  out.status = description["TableStatus"].AsString();
  out.billing_mode = description["BillingModeSummary"]["BillingMode"].AsString("PROVISIONED");
  out.item_count = description["ItemCount"].AsInt();
  out.size_bytes = description["TableSizeBytes"].AsInt();
  auto type_of = [&](const std::string& name) {
    for (const Document& definition : description["AttributeDefinitions"].AsList()) {
      if (definition["AttributeName"].AsString() == name) return definition["AttributeType"].AsString();
    }
    return std::string();
  };
  for (const Document& element : description["KeySchema"].AsList()) {
    DynamoDBKey key{element["AttributeName"].AsString(), type_of(element["AttributeName"].AsString())};
    if (element["KeyType"].AsString() == "HASH") {
      out.hash_key = key;
    } else {
      out.range_key = key;
    }
  }
  for (const char* member : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    for (const Document& index : description[member].AsList()) out.indexes.push_back(index["IndexName"].AsString());
  }
  if (description.Has("StreamSpecification")) out.stream_arn = description["LatestStreamArn"].AsString();
  return out;
}

Status DynamoDBView::PutItem(std::string_view table, std::string_view item_json) {
  auto item = ParseItemJson(item_json);
  if (!item.ok()) return item.status();
  Document input = TableInput(table);
  input.Set("Item", *std::move(item));
  return StatusOf(state_->Invoke("dynamodb", "PutItem", input));
}

StatusOr<std::optional<std::string>> DynamoDBView::GetItem(std::string_view table, std::string_view key_json) const {
  auto key = ParseItemJson(key_json);
  if (!key.ok()) return key.status();
  Document input = TableInput(table);
  input.Set("Key", *std::move(key));
  input.Set("ConsistentRead", true);
  auto output = state_->Invoke("dynamodb", "GetItem", input);
  if (!output.ok()) return output.status();
  const Document* item = output->Find("Item");
  if (!item) return std::optional<std::string>();
  return std::optional<std::string>(core::ToJson(*item));
}

Status DynamoDBView::DeleteItem(std::string_view table, std::string_view key_json) {
  auto key = ParseItemJson(key_json);
  if (!key.ok()) return key.status();
  Document input = TableInput(table);
  input.Set("Key", *std::move(key));
  return StatusOf(state_->Invoke("dynamodb", "DeleteItem", input));
}

StatusOr<std::vector<std::string>> DynamoDBView::Query(std::string_view table, std::string_view key_condition,
                                                       std::string_view values_json, std::string_view index) const {
  auto values = ParseItemJson(values_json);
  if (!values.ok()) return values.status();
  Document input = TableInput(table);
  input.Set("KeyConditionExpression", key_condition);
  input.Set("ExpressionAttributeValues", *std::move(values));
  if (!index.empty()) input.Set("IndexName", index);
  return AllPages(*state_, "Query", std::move(input));
}

StatusOr<std::vector<std::string>> DynamoDBView::Scan(std::string_view table) const {
  return AllPages(*state_, "Scan", TableInput(table));
}

StatusOr<std::vector<DynamoDBStreamRecord>> DynamoDBView::StreamRecords(std::string_view table) const {
  auto described = state_->Invoke("dynamodb", "DescribeTable", TableInput(table));
  if (!described.ok()) return described.status();
  std::string arn = (*described)["Table"]["LatestStreamArn"].AsString();
  if (arn.empty()) {
    return Status::InvalidArgument("ValidationException", "Table " + std::string(table) + " has no stream");
  }
  Document describe = Document::Map();
  describe.Set("StreamArn", arn);
  auto stream = state_->Invoke("dynamodbstreams", "DescribeStream", describe);
  if (!stream.ok()) return stream.status();
  Document iterator_input = describe;
  iterator_input.Set("ShardId", (*stream)["StreamDescription"]["Shards"].AsList().at(0)["ShardId"]);
  iterator_input.Set("ShardIteratorType", "TRIM_HORIZON");
  auto iterator = state_->Invoke("dynamodbstreams", "GetShardIterator", iterator_input);
  if (!iterator.ok()) return iterator.status();
  std::vector<DynamoDBStreamRecord> records;
  Document get = Document::Map();
  get.Set("ShardIterator", (*iterator)["ShardIterator"]);
  while (true) {
    auto page = state_->Invoke("dynamodbstreams", "GetRecords", get);
    if (!page.ok()) return page.status();
    for (const Document& record : (*page)["Records"].AsList()) {
      const Document& change = record["dynamodb"];
      DynamoDBStreamRecord out;
      out.event_name = record["eventName"].AsString();
      out.sequence_number = change["SequenceNumber"].AsString();
      out.keys = core::ToJson(change["Keys"]);
      if (change.Has("NewImage")) out.new_image = core::ToJson(change["NewImage"]);
      if (change.Has("OldImage")) out.old_image = core::ToJson(change["OldImage"]);
      out.by_time_to_live = record.Has("userIdentity");
      records.push_back(std::move(out));
    }
    const Document* next = page->Find("NextShardIterator");
    if (!next || (*page)["Records"].empty()) return records;
    get.Set("ShardIterator", *next);
  }
}

}  // namespace cloudemu
