#include "services/dynamodb/capacity.h"

#include <algorithm>
#include <cmath>

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

size_t ProjectedSize(const TableInfo& table, const IndexInfo& index, const Item* item) {
  if (!item || !HasIndexKey(index, *item)) return 0;
  return ItemSizeBytes(ProjectForIndex(table, index, *item));
}

Document Units(double units) {
  Document doc = Document::Map();
  doc.Set("CapacityUnits", units);
  return doc;
}

}  // namespace

void Capacity::Add(const Capacity& other) {
  table += other.table;
  for (const auto& [name, units] : other.global_indexes) global_indexes[name] += units;
  for (const auto& [name, units] : other.local_indexes) local_indexes[name] += units;
}

double Capacity::Total() const {
  double total = table;
  for (const auto& [name, units] : global_indexes) total += units;
  for (const auto& [name, units] : local_indexes) total += units;
  return total;
}

double WriteUnits(size_t bytes) { return std::max(1.0, std::ceil(static_cast<double>(bytes) / 1024.0)); }

double ReadUnits(size_t bytes, bool consistent) {
  double units = std::max(1.0, std::ceil(static_cast<double>(bytes) / 4096.0));
  return consistent ? units : units / 2;
}

Capacity WriteCapacity(const TableInfo& table, const Item* old_item, const Item* new_item, bool transactional) {
  Capacity capacity;
  double factor = transactional ? 2 : 1;
  size_t bytes = std::max(old_item ? ItemSizeBytes(*old_item) : 0, new_item ? ItemSizeBytes(*new_item) : 0);
  capacity.table = WriteUnits(bytes) * factor;
  for (const IndexInfo& index : table.indexes) {
    size_t old_size = ProjectedSize(table, index, old_item);
    size_t new_size = ProjectedSize(table, index, new_item);
    if (old_size == 0 && new_size == 0) continue;
    bool same_entry = old_size && new_size && KeyOf(index.key, *old_item) == KeyOf(index.key, *new_item);
    double units = same_entry ? WriteUnits(std::max(old_size, new_size))
                              : (old_size ? WriteUnits(old_size) : 0) + (new_size ? WriteUnits(new_size) : 0);
    (index.global ? capacity.global_indexes : capacity.local_indexes)[index.name] += units * factor;
  }
  return capacity;
}

Capacity ReadCapacity(const TableInfo&, const IndexInfo* index, size_t bytes, bool consistent, bool transactional) {
  Capacity capacity;
  double units = transactional ? ReadUnits(bytes, true) * 2 : ReadUnits(bytes, consistent);
  if (index == nullptr) {
    capacity.table = units;
  } else {
    (index->global ? capacity.global_indexes : capacity.local_indexes)[index->name] = units;
  }
  return capacity;
}

std::string_view CapacityMode(const Document& input) {
  const std::string& mode = input["ReturnConsumedCapacity"].AsString();
  return mode.empty() ? std::string_view("NONE") : std::string_view(mode);
}

Document CapacityDocument(std::string_view table_name, const Capacity& capacity, std::string_view mode) {
  Document doc = Units(capacity.Total());
  doc.Set("TableName", table_name);
  if (mode == "INDEXES") {
    doc.Set("Table", Units(capacity.table));
    auto add = [&](const char* member, const std::map<std::string, double>& indexes) {
      if (indexes.empty()) return;
      Document& map = doc.Set(member, Document::Map());
      for (const auto& [name, units] : indexes) map.Set(name, Units(units));
    };
    add("GlobalSecondaryIndexes", capacity.global_indexes);
    add("LocalSecondaryIndexes", capacity.local_indexes);
  }
  return doc;
}

void ReportCapacity(const Document& input, std::string_view table_name, const Capacity& capacity, Document& output) {
  std::string_view mode = CapacityMode(input);
  if (mode == "NONE") return;
  output.Set("ConsumedCapacity", CapacityDocument(table_name, capacity, mode));
}

}  // namespace cloudemu::services::dynamodb
