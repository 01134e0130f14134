#include "services/dynamodb/table_definition.h"

#include <algorithm>
#include <set>

#include "services/dynamodb/dynamodb_errors.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr size_t kMaxLocalIndexes = 5;
constexpr size_t kMaxGlobalIndexes = 20;
constexpr size_t kMaxProjectedAttributes = 100;

std::string ListText(const std::vector<std::string>& names) {
  std::string text = "[";
  for (size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text + "]";
}

const KeyAttribute* FindDefinition(const TableInfo& table, std::string_view name) {
  for (const KeyAttribute& a : table.attribute_definitions) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// A KeySchema list -> names; types come from the table's definitions.
StatusOr<KeySchema> ParseKeySchema(const Document& schema, const TableInfo& table) {
  const core::DocumentList& elements = schema.AsList();
  if (elements.empty() || elements.size() > 2) {
    return ValidationError(elements.empty() ? "Invalid KeySchema: Some index key attribute have no definition"
                                            : "Invalid KeySchema: Too many key schema elements");
  }
  if (elements[0]["KeyType"].AsString() != "HASH") {
    return ValidationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (elements.size() == 2) {
    if (elements[1]["KeyType"].AsString() != "RANGE") {
      return ValidationError("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    if (elements[1]["AttributeName"].AsString() == elements[0]["AttributeName"].AsString()) {
      return ValidationError("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
  }
  KeySchema key;
  std::vector<std::string> missing;
  auto resolve = [&](const Document& element) {
    const std::string& name = element["AttributeName"].AsString();
    const KeyAttribute* definition = FindDefinition(table, name);
    if (!definition) missing.push_back(name);
    return KeyAttribute{name, definition ? definition->type : ""};
  };
  key.partition = resolve(elements[0]);
  if (elements.size() == 2) key.sort = resolve(elements[1]);
  if (!missing.empty()) {
    std::vector<std::string> defined;
    for (const KeyAttribute& a : table.attribute_definitions) defined.push_back(a.name);
    return InvalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: " + ListText(missing) +
                            ", AttributeDefinitions: " + ListText(defined));
  }
  return key;
}

Status ParseProjection(const Document& projection, IndexInfo& index) {
  index.projection_type = projection["ProjectionType"].AsString("ALL");
  const Document& non_key = projection["NonKeyAttributes"];
  if (index.projection_type == "INCLUDE") {
    if (non_key.empty()) {
      return InvalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
  } else if (!non_key.is_null()) {
    return InvalidParameter("ProjectionType is " + index.projection_type + ", but NonKeyAttributes is specified");
  }
  std::set<std::string> seen;
  for (const Document& name : non_key.AsList()) {
    if (!seen.insert(name.AsString()).second) {
      return InvalidParameter("Duplicate attribute in NonKeyAttributes: " + name.AsString());
    }
    index.non_key_attributes.push_back(name.AsString());
  }
  if (index.non_key_attributes.size() > kMaxProjectedAttributes) {
    return InvalidParameter("Too many NonKeyAttributes in the projection of index " + index.name);
  }
  return Status::Ok();
}

StatusOr<IndexInfo> ParseIndex(const Document& entry, const TableInfo& table, bool global, int64_t now_millis) {
  IndexInfo index;
  index.name = entry["IndexName"].AsString();
  index.global = global;
  index.created_millis = now_millis;
  auto key = ParseKeySchema(entry["KeySchema"], table);
  if (!key.ok()) return key.status();
  index.key = *std::move(key);
  if (Status projection = ParseProjection(entry["Projection"], index); !projection.ok()) return projection;
  if (!global) {
    if (!table.key.sort) {
      return InvalidParameter(
          "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
    }
    if (index.key.partition.name != table.key.partition.name) {
      return InvalidParameter("Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                              index.name + ". index hash key: " + index.key.partition.name +
                              ", table hash key: " + table.key.partition.name);
    }
    if (!index.key.sort) {
      return InvalidParameter("Index KeySchema for a LocalSecondaryIndex must have a range key: " + index.name);
    }
    return index;
  }
  auto throughput = ThroughputFor(entry["ProvisionedThroughput"], table.billing_mode, index.name);
  if (!throughput.ok()) return throughput.status();
  index.throughput = *throughput;
  return index;
}

}  // namespace

Status MergeAttributeDefinitions(TableInfo& table, const Document& definitions) {
  std::set<std::string> seen;
  for (const Document& definition : definitions.AsList()) {
    const std::string& name = definition["AttributeName"].AsString();
    const std::string& type = definition["AttributeType"].AsString();
    if (!seen.insert(name).second) return InvalidParameter("Cannot have two attributes with the same name");
    if (type != "S" && type != "N" && type != "B") {
      return InvalidParameter("Member must satisfy enum value set: [B, N, S] for AttributeType of " + name);
    }
    const KeyAttribute* existing = FindDefinition(table, name);
    if (existing && existing->type != type) {
      return InvalidParameter("Cannot change the type of attribute " + name + " from " + existing->type + " to " +
                              type);
    }
    if (!existing) table.attribute_definitions.push_back({name, type});
  }
  return Status::Ok();
}

void PruneAttributeDefinitions(TableInfo& table) {
  std::erase_if(table.attribute_definitions,
                [&](const KeyAttribute& a) { return !table.IsKeyAttribute(a.name); });
}

StatusOr<Throughput> ThroughputFor(const Document& throughput, std::string_view billing_mode,
                                   std::string_view index_name) {
  Throughput out;
  if (billing_mode == "PAY_PER_REQUEST") {
    if (throughput.is_map()) {
      return InvalidParameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    return out;
  }
  if (!throughput.is_map()) {
    return InvalidParameter(index_name.empty()
                                ? std::string("ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                                              "BillingMode is PROVISIONED")
                                : "ProvisionedThroughput must be specified for index: " + std::string(index_name));
  }
  out.read = throughput["ReadCapacityUnits"].AsInt();
  out.write = throughput["WriteCapacityUnits"].AsInt();
  if (out.read < 1 || out.write < 1) {
    return InvalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be at least 1");
  }
  return out;
}

StatusOr<Document> SseFromSpecification(const Document& specification, const RequestContext& context) {
  if (!specification["Enabled"].AsBool()) return Document();
  const std::string& type = specification["SSEType"].AsString("KMS");
  if (type != "KMS") return ValidationError("SSEType " + type + " is not supported; use KMS");
  std::string key = specification["KMSMasterKeyId"].AsString();
  if (key.empty()) {
    key = "arn:aws:kms:" + context.region + ":" + context.account_id + ":alias/aws/dynamodb";
  } else if (key.rfind("arn:", 0) != 0) {
    key = "arn:aws:kms:" + context.region + ":" + context.account_id +
          (key.rfind("alias/", 0) == 0 ? ":" : ":key/") + key;
  }
  Document sse = Document::Map();
  sse.Set("KMSMasterKeyArn", key);
  return sse;
}

StatusOr<TableInfo> TableFromCreateRequest(const Document& input, const RequestContext& context) {
  TableInfo table;
  table.name = input["TableName"].AsString();
  table.arn = "arn:aws:dynamodb:" + context.region + ":" + context.account_id + ":table/" + table.name;
  table.created_millis = context.now_millis;
  if (Status merged = MergeAttributeDefinitions(table, input["AttributeDefinitions"]); !merged.ok()) return merged;
  auto key = ParseKeySchema(input["KeySchema"], table);
  if (!key.ok()) return key.status();
  table.key = *std::move(key);
  table.billing_mode = input["BillingMode"].AsString("PROVISIONED");
  auto throughput = ThroughputFor(input["ProvisionedThroughput"], table.billing_mode, "");
  if (!throughput.ok()) return throughput.status();
  table.throughput = *throughput;

  std::set<std::string> names;
  for (const auto& [member, global] : {std::pair{"LocalSecondaryIndexes", false}, {"GlobalSecondaryIndexes", true}}) {
    const core::DocumentList& entries = input[member].AsList();
    if (input.Has(member) && input[member].is_list() && entries.empty()) {
      return InvalidParameter(std::string("List of ") + member + " is empty");
    }
    if (entries.size() > (global ? kMaxGlobalIndexes : kMaxLocalIndexes)) {
      return InvalidParameter(std::string(global ? "GlobalSecondaryIndex" : "LocalSecondaryIndex") +
                              " count exceeds the per-table limit of " +
                              std::to_string(global ? kMaxGlobalIndexes : kMaxLocalIndexes));
    }
    for (const Document& entry : entries) {
      auto index = ParseIndex(entry, table, global, context.now_millis);
      if (!index.ok()) return index.status();
      if (!names.insert(index->name).second) return InvalidParameter("Duplicate index name: " + index->name);
      table.indexes.push_back(*std::move(index));
    }
  }
  size_t used = static_cast<size_t>(std::count_if(table.attribute_definitions.begin(), table.attribute_definitions.end(),
                                                  [&](const KeyAttribute& a) { return table.IsKeyAttribute(a.name); }));
  if (used != table.attribute_definitions.size()) {
    return InvalidParameter(
        "Number of attributes in KeySchema does not exactly match number of attributes defined in "
        "AttributeDefinitions");
  }
  auto sse = SseFromSpecification(input["SSESpecification"], context);
  if (!sse.ok()) return sse.status();
  table.sse = *std::move(sse);
  table.table_class = input["TableClass"].AsString("STANDARD");
  table.deletion_protection = input["DeletionProtectionEnabled"].AsBool();
  std::set<std::string> tag_keys;
  for (const Document& tag : input["Tags"].AsList()) {
    const std::string& tag_key = tag["Key"].AsString();
    if (!tag_keys.insert(tag_key).second) return InvalidParameter("Duplicate tag keys found: " + tag_key);
    table.tags.emplace_back(tag_key, tag["Value"].AsString());
  }
  return table;
}

StatusOr<IndexInfo> GlobalIndexFromCreate(const Document& create, const TableInfo& table, int64_t now_millis) {
  if (table.FindIndex(create["IndexName"].AsString())) {
    return ValidationError("Attempting to create an index which already exists");
  }
  size_t global = static_cast<size_t>(
      std::count_if(table.indexes.begin(), table.indexes.end(), [](const IndexInfo& i) { return i.global; }));
  if (global >= kMaxGlobalIndexes) {
    return LimitExceeded("Subscriber limit exceeded: The number of global secondary indexes exceeds the limit of 20");
  }
  return ParseIndex(create, table, true, now_millis);
}

}  // namespace cloudemu::services::dynamodb
