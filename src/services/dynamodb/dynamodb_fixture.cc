// DynamoDBService::Seed: a fixture's "dynamodb" section, applied through
// CreateTable, UpdateTimeToLive and PutItem (DESIGN rule 1).
#include "services/dynamodb/dynamodb_service.h"

#include <algorithm>

#include "services/dynamodb/item_json.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

Status Invalid(const std::string& message) {
  return Status::InvalidArgument("InvalidFixture", "dynamodb: " + message);
}

void AddKey(const Document& key, const char* key_type, Document& schema, Document& definitions) {
  Document& element = schema.Append(Document::Map());
  element.Set("AttributeName", key["name"]);
  element.Set("KeyType", key_type);
  for (const Document& existing : definitions.AsList()) {
    if (existing["AttributeName"] == key["name"]) return;
  }
  Document& definition = definitions.Append(Document::Map());
  definition.Set("AttributeName", key["name"]);
  definition.Set("AttributeType", key["type"].AsString("S"));
}

Document Projection(const Document& projection) {
  Document out = Document::Map();
  if (projection.is_list()) {
    out.Set("ProjectionType", "INCLUDE");
    out.Set("NonKeyAttributes", projection);
  } else {
    out.Set("ProjectionType", projection.AsString("ALL"));
  }
  return out;
}

Document Throughput(const Document& entry) {
  Document throughput = Document::Map();
  throughput.Set("ReadCapacityUnits", entry["read_capacity"].AsInt(5));
  throughput.Set("WriteCapacityUnits", entry["write_capacity"].AsInt(5));
  return throughput;
}

// Typos fail loudly: every member must be one the format knows.
Status CheckMembers(const Document& entry, std::initializer_list<std::string_view> known, const std::string& where) {
  if (!entry.is_map()) return Invalid(where + " must be an object");
  for (const auto& [member, value] : entry.AsMap()) {
    if (std::find(known.begin(), known.end(), member) == known.end()) {
      return Invalid(where + " has an unknown member \"" + member + "\"");
    }
  }
  return Status::Ok();
}

Status CheckTableMembers(const Document& entry) {
  std::string where = "table " + entry["name"].AsString("entry");
  Status checked = CheckMembers(entry,
                                {"name", "hash_key", "range_key", "billing_mode", "read_capacity", "write_capacity",
                                 "global_secondary_indexes", "local_secondary_indexes", "stream", "ttl_attribute",
                                 "tags", "items"},
                                where);
  if (!checked.ok()) return checked;
  for (const char* member : {"global_secondary_indexes", "local_secondary_indexes"}) {
    for (const Document& index : entry[member].AsList()) {
      checked = CheckMembers(index, {"name", "hash_key", "range_key", "projection", "read_capacity", "write_capacity"},
                             where + " index " + index["name"].AsString("entry"));
      if (!checked.ok()) return checked;
    }
  }
  return Status::Ok();
}

// The CreateTable input a fixture table entry describes.
StatusOr<Document> CreateTableInput(const Document& entry) {
  if (!entry["name"].is_string()) return Invalid("every table needs a \"name\"");
  if (!entry["hash_key"]["name"].is_string()) return Invalid("table " + entry["name"].AsString() + " needs \"hash_key\": {\"name\", \"type\"}");
  Document input = Document::Map();
  input.Set("TableName", entry["name"]);
  Document& schema = input.Set("KeySchema", Document::List());
  Document& definitions = input.Set("AttributeDefinitions", Document::List());
  AddKey(entry["hash_key"], "HASH", schema, definitions);
  if (entry.Has("range_key")) AddKey(entry["range_key"], "RANGE", schema, definitions);
  std::string billing = entry["billing_mode"].AsString("PAY_PER_REQUEST");
  input.Set("BillingMode", billing);
  bool provisioned = billing == "PROVISIONED";
  if (provisioned) input.Set("ProvisionedThroughput", Throughput(entry));
  for (const auto& [member, model_member] : {std::pair{"global_secondary_indexes", "GlobalSecondaryIndexes"},
                                             {"local_secondary_indexes", "LocalSecondaryIndexes"}}) {
    if (!entry.Has(member)) continue;
    bool global = std::string_view(member) == "global_secondary_indexes";
    Document& indexes = input.Set(model_member, Document::List());
    for (const Document& index : entry[member].AsList()) {
      Document& out = indexes.Append(Document::Map());
      out.Set("IndexName", index["name"]);
      Document& index_schema = out.Set("KeySchema", Document::List());
      AddKey(global ? index["hash_key"] : entry["hash_key"], "HASH", index_schema, definitions);
      if (index.Has("range_key")) AddKey(index["range_key"], "RANGE", index_schema, definitions);
      out.Set("Projection", Projection(index["projection"]));
      if (global && provisioned) out.Set("ProvisionedThroughput", Throughput(index));
    }
  }
  if (entry["stream"].is_string()) {
    Document& stream = input.Set("StreamSpecification", Document::Map());
    stream.Set("StreamEnabled", true);
    stream.Set("StreamViewType", entry["stream"]);
  }
  if (entry["tags"].is_map()) {
    Document& tags = input.Set("Tags", Document::List());
    for (const auto& [key, value] : entry["tags"].AsMap()) {
      Document& tag = tags.Append(Document::Map());
      tag.Set("Key", key);
      tag.Set("Value", value);
    }
  }
  return input;
}

}  // namespace

Status DynamoDBService::Seed(const Document& section, const RequestContext& context) {
  if (!section.is_map() || !section["tables"].is_list()) return Invalid("expected {\"tables\": [...]}");
  if (Status checked = CheckMembers(section, {"tables"}, "the section"); !checked.ok()) return checked;
  for (const Document& entry : section["tables"].AsList()) {
    if (Status checked = CheckTableMembers(entry); !checked.ok()) return checked;
    auto create = CreateTableInput(entry);
    if (!create.ok()) return create.status();
    const std::string& name = entry["name"].AsString();
    // Seeding an existing table again only puts its items again.
    Document describe = Document::Map();
    describe.Set("TableName", name);
    auto existing = Invoke("DescribeTable", describe, context);
    if (!existing.ok()) {
      if (auto created = Invoke("CreateTable", *create, context); !created.ok()) return created.status();
    }
    if (entry["ttl_attribute"].is_string() && !existing.ok()) {
      Document ttl = Document::Map();
      ttl.Set("TableName", name);
      Document& spec = ttl.Set("TimeToLiveSpecification", Document::Map());
      spec.Set("Enabled", true);
      spec.Set("AttributeName", entry["ttl_attribute"]);
      if (auto updated = Invoke("UpdateTimeToLive", ttl, context); !updated.ok()) return updated.status();
    }
    for (const Document& item : entry["items"].AsList()) {
      Document put = Document::Map();
      put.Set("TableName", name);
      put.Set("Item", ItemFromJson(item));
      if (auto written = Invoke("PutItem", put, context); !written.ok()) return written.status();
    }
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::dynamodb
