#include "services/dynamodb/table_info.h"

#include <algorithm>

#include "core/json.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

Document EncodeKey(const KeySchema& key) {
  Document doc = Document::Map();
  doc.Set("pk", key.partition.name);
  doc.Set("pk_type", key.partition.type);
  if (key.sort) {
    doc.Set("sk", key.sort->name);
    doc.Set("sk_type", key.sort->type);
  }
  return doc;
}

KeySchema DecodeKey(const Document& doc) {
  KeySchema key;
  key.partition = {doc["pk"].AsString(), doc["pk_type"].AsString()};
  if (doc.Has("sk")) key.sort = KeyAttribute{doc["sk"].AsString(), doc["sk_type"].AsString()};
  return key;
}

Document EncodeThroughput(const Throughput& t) {
  Document doc = Document::Map();
  doc.Set("read", t.read);
  doc.Set("write", t.write);
  doc.Set("last_increase", t.last_increase_millis);
  doc.Set("last_decrease", t.last_decrease_millis);
  doc.Set("decreases_today", t.decreases_today);
  return doc;
}

Throughput DecodeThroughput(const Document& doc) {
  Throughput t;
  t.read = doc["read"].AsInt();
  t.write = doc["write"].AsInt();
  t.last_increase_millis = doc["last_increase"].AsInt();
  t.last_decrease_millis = doc["last_decrease"].AsInt();
  t.decreases_today = doc["decreases_today"].AsInt();
  return t;
}

Document DescribeThroughput(const Throughput& t) {
  Document doc = Document::Map();
  if (t.last_increase_millis) doc.Set("LastIncreaseDateTime", core::Timestamp{t.last_increase_millis});
  if (t.last_decrease_millis) doc.Set("LastDecreaseDateTime", core::Timestamp{t.last_decrease_millis});
  doc.Set("NumberOfDecreasesToday", t.decreases_today);
  doc.Set("ReadCapacityUnits", t.read);
  doc.Set("WriteCapacityUnits", t.write);
  return doc;
}

Document DescribeProjection(const IndexInfo& index) {
  Document doc = Document::Map();
  doc.Set("ProjectionType", index.projection_type);
  if (!index.non_key_attributes.empty()) {
    Document& names = doc.Set("NonKeyAttributes", Document::List());
    for (const std::string& name : index.non_key_attributes) names.Append(name);
  }
  return doc;
}

void CopyAttribute(const Item& from, const std::string& name, Item& to) {
  auto it = from.find(name);
  if (it != from.end()) to.insert_or_assign(name, it->second);
}

void CopyKey(const KeySchema& key, const Item& from, Item& to) {
  CopyAttribute(from, key.partition.name, to);
  if (key.sort) CopyAttribute(from, key.sort->name, to);
}

}  // namespace

const IndexInfo* TableInfo::FindIndex(std::string_view index_name) const {
  for (const IndexInfo& index : indexes) {
    if (index.name == index_name) return &index;
  }
  return nullptr;
}

std::string TableInfo::StreamArn() const {
  return stream_label.empty() ? std::string() : arn + "/stream/" + stream_label;
}

bool TableInfo::IsKeyAttribute(std::string_view attribute) const {
  auto in = [&](const KeySchema& k) { return k.partition.name == attribute || (k.sort && k.sort->name == attribute); };
  if (in(key)) return true;
  return std::any_of(indexes.begin(), indexes.end(), [&](const IndexInfo& index) { return in(index.key); });
}

Document EncodeTableInfo(const TableInfo& t) {
  Document doc = Document::Map();
  doc.Set("name", t.name);
  doc.Set("arn", t.arn);
  doc.Set("id", t.id);
  doc.Set("created", t.created_millis);
  doc.Set("key", EncodeKey(t.key));
  Document& definitions = doc.Set("attributes", Document::List());
  for (const KeyAttribute& a : t.attribute_definitions) {
    definitions.Append(Document(core::DocumentList{Document(a.name), Document(a.type)}));
  }
  doc.Set("billing_mode", t.billing_mode);
  doc.Set("billing_updated", t.billing_mode_updated_millis);
  doc.Set("throughput", EncodeThroughput(t.throughput));
  Document& indexes = doc.Set("indexes", Document::List());
  for (const IndexInfo& index : t.indexes) {
    Document& entry = indexes.Append(Document::Map());
    entry.Set("name", index.name);
    entry.Set("global", index.global);
    entry.Set("key", EncodeKey(index.key));
    entry.Set("projection", index.projection_type);
    Document& non_key = entry.Set("non_key", Document::List());
    for (const std::string& name : index.non_key_attributes) non_key.Append(name);
    entry.Set("throughput", EncodeThroughput(index.throughput));
    entry.Set("created", index.created_millis);
  }
  doc.Set("stream_enabled", t.stream_enabled);
  doc.Set("stream_view_type", t.stream_view_type);
  doc.Set("stream_label", t.stream_label);
  doc.Set("ttl_attribute", t.ttl_attribute);
  doc.Set("ttl_enabled", t.ttl_enabled);
  doc.Set("pitr", t.point_in_time_recovery);
  doc.Set("pitr_enabled", t.pitr_enabled_millis);
  doc.Set("deletion_protection", t.deletion_protection);
  doc.Set("table_class", t.table_class);
  doc.Set("sse", t.sse);
  Document& tags = doc.Set("tags", Document::List());
  for (const auto& [key, value] : t.tags) tags.Append(Document(core::DocumentList{Document(key), Document(value)}));
  return doc;
}

TableInfo DecodeTableInfo(const Document& doc) {
  TableInfo t;
  t.name = doc["name"].AsString();
  t.arn = doc["arn"].AsString();
  t.id = doc["id"].AsString();
  t.created_millis = doc["created"].AsInt();
  t.key = DecodeKey(doc["key"]);
  for (const Document& a : doc["attributes"].AsList()) {
    t.attribute_definitions.push_back({a.AsList().at(0).AsString(), a.AsList().at(1).AsString()});
  }
  t.billing_mode = doc["billing_mode"].AsString("PROVISIONED");
  t.billing_mode_updated_millis = doc["billing_updated"].AsInt();
  t.throughput = DecodeThroughput(doc["throughput"]);
  for (const Document& entry : doc["indexes"].AsList()) {
    IndexInfo index;
    index.name = entry["name"].AsString();
    index.global = entry["global"].AsBool();
    index.key = DecodeKey(entry["key"]);
    index.projection_type = entry["projection"].AsString("ALL");
    for (const Document& name : entry["non_key"].AsList()) index.non_key_attributes.push_back(name.AsString());
    index.throughput = DecodeThroughput(entry["throughput"]);
    index.created_millis = entry["created"].AsInt();
    t.indexes.push_back(std::move(index));
  }
  t.stream_enabled = doc["stream_enabled"].AsBool();
  t.stream_view_type = doc["stream_view_type"].AsString();
  t.stream_label = doc["stream_label"].AsString();
  t.ttl_attribute = doc["ttl_attribute"].AsString();
  t.ttl_enabled = doc["ttl_enabled"].AsBool();
  t.point_in_time_recovery = doc["pitr"].AsBool();
  t.pitr_enabled_millis = doc["pitr_enabled"].AsInt();
  t.deletion_protection = doc["deletion_protection"].AsBool();
  t.table_class = doc["table_class"].AsString("STANDARD");
  t.sse = doc["sse"];
  for (const Document& tag : doc["tags"].AsList()) {
    t.tags.emplace_back(tag.AsList().at(0).AsString(), tag.AsList().at(1).AsString());
  }
  return t;
}

Document KeySchemaDocument(const KeySchema& key) {
  Document list = Document::List();
  Document& hash = list.Append(Document::Map());
  hash.Set("AttributeName", key.partition.name);
  hash.Set("KeyType", "HASH");
  if (key.sort) {
    Document& range = list.Append(Document::Map());
    range.Set("AttributeName", key.sort->name);
    range.Set("KeyType", "RANGE");
  }
  return list;
}

Document DescribeTableInfo(const TableInfo& t, std::string_view status, const TableStats& stats,
                           std::string_view index_status) {
  Document doc = Document::Map();
  Document& definitions = doc.Set("AttributeDefinitions", Document::List());
  for (const KeyAttribute& a : t.attribute_definitions) {
    Document& entry = definitions.Append(Document::Map());
    entry.Set("AttributeName", a.name);
    entry.Set("AttributeType", a.type);
  }
  doc.Set("TableName", t.name);
  doc.Set("KeySchema", KeySchemaDocument(t.key));
  doc.Set("TableStatus", status);
  doc.Set("CreationDateTime", core::Timestamp{t.created_millis});
  doc.Set("ProvisionedThroughput", DescribeThroughput(t.throughput));
  doc.Set("TableSizeBytes", stats.size_bytes);
  doc.Set("ItemCount", stats.item_count);
  doc.Set("TableArn", t.arn);
  doc.Set("TableId", t.id);
  if (t.billing_mode == "PAY_PER_REQUEST" || t.billing_mode_updated_millis != 0) {
    Document& billing = doc.Set("BillingModeSummary", Document::Map());
    billing.Set("BillingMode", t.billing_mode);
    if (t.billing_mode_updated_millis != 0) {
      billing.Set("LastUpdateToPayPerRequestDateTime", core::Timestamp{t.billing_mode_updated_millis});
    }
  }
  Document local = Document::List();
  Document global = Document::List();
  for (const IndexInfo& index : t.indexes) {
    Document entry = Document::Map();
    entry.Set("IndexName", index.name);
    entry.Set("KeySchema", KeySchemaDocument(index.key));
    entry.Set("Projection", DescribeProjection(index));
    auto counts = stats.indexes.find(index.name);
    entry.Set("IndexSizeBytes", counts == stats.indexes.end() ? int64_t{0} : counts->second.second);
    entry.Set("ItemCount", counts == stats.indexes.end() ? int64_t{0} : counts->second.first);
    entry.Set("IndexArn", t.arn + "/index/" + index.name);
    if (index.global) {
      entry.Set("IndexStatus", index_status);
      entry.Set("ProvisionedThroughput", DescribeThroughput(index.throughput));
      global.Append(std::move(entry));
    } else {
      local.Append(std::move(entry));
    }
  }
  if (!local.empty()) doc.Set("LocalSecondaryIndexes", std::move(local));
  if (!global.empty()) doc.Set("GlobalSecondaryIndexes", std::move(global));
  if (!t.stream_label.empty()) {
    if (t.stream_enabled) {
      Document& stream = doc.Set("StreamSpecification", Document::Map());
      stream.Set("StreamEnabled", true);
      stream.Set("StreamViewType", t.stream_view_type);
    }
    doc.Set("LatestStreamLabel", t.stream_label);
    doc.Set("LatestStreamArn", t.StreamArn());
  }
  if (t.sse.is_map()) {
    Document& sse = doc.Set("SSEDescription", Document::Map());
    sse.Set("Status", "ENABLED");
    sse.Set("SSEType", "KMS");
    sse.Set("KMSMasterKeyArn", t.sse["KMSMasterKeyArn"].AsString());
  }
  Document& table_class = doc.Set("TableClassSummary", Document::Map());
  table_class.Set("TableClass", t.table_class);
  doc.Set("DeletionProtectionEnabled", t.deletion_protection);
  return doc;
}

Item KeyOf(const KeySchema& key, const Item& item) {
  Item out;
  CopyKey(key, item, out);
  return out;
}

bool HasIndexKey(const IndexInfo& index, const Item& item) {
  auto matches = [&](const KeyAttribute& attribute) {
    auto it = item.find(attribute.name);
    return it != item.end() && TypeOf(it->second) == attribute.type;
  };
  return matches(index.key.partition) && (!index.key.sort || matches(*index.key.sort));
}

Item ProjectForIndex(const TableInfo& table, const IndexInfo& index, const Item& item) {
  if (index.projection_type == "ALL") return item;
  Item out;
  CopyKey(table.key, item, out);
  CopyKey(index.key, item, out);
  for (const std::string& name : index.non_key_attributes) CopyAttribute(item, name, out);
  return out;
}

}  // namespace cloudemu::services::dynamodb
