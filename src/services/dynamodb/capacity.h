// Consumed capacity as DynamoDB counts it: a write unit per started KB of
// the larger of the old and new item, a read unit per started 4 KB (half for
// eventually consistent reads), doubled inside transactions; index writes
// counted per index from the projected item.
// Thread-safety: values and pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_CAPACITY_H_
#define CLOUDEMU_SERVICES_DYNAMODB_CAPACITY_H_

#include <map>
#include <string>
#include <string_view>

#include "core/document.h"
#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/table_info.h"

namespace cloudemu::services::dynamodb {

struct Capacity {
  double table = 0;
  std::map<std::string, double> global_indexes;
  std::map<std::string, double> local_indexes;

  void Add(const Capacity& other);
  double Total() const;
};

double WriteUnits(size_t bytes);
double ReadUnits(size_t bytes, bool consistent);

// A write of `old_item` -> `new_item` (either may be null).
Capacity WriteCapacity(const TableInfo& table, const Item* old_item, const Item* new_item, bool transactional);
// Reading `bytes` from the table, or from `index` when not null.
Capacity ReadCapacity(const TableInfo& table, const IndexInfo* index, size_t bytes, bool consistent,
                      bool transactional = false);

// The ReturnConsumedCapacity mode of a request: "NONE", "TOTAL" or "INDEXES".
std::string_view CapacityMode(const core::Document& input);
// The ConsumedCapacity structure for `mode` ("TOTAL" or "INDEXES").
core::Document CapacityDocument(std::string_view table_name, const Capacity& capacity, std::string_view mode);
// Adds ConsumedCapacity to `output` when the request asked for it.
void ReportCapacity(const core::Document& input, std::string_view table_name, const Capacity& capacity,
                    core::Document& output);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_CAPACITY_H_
