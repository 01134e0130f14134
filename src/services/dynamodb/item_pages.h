// One page of Query or Scan results: the rules the two share for Select,
// projection, filter, Limit (items evaluated before the filter), the 1 MB
// page size, LastEvaluatedKey/ExclusiveStartKey and consumed capacity.
// Thread-safety: a per-request value.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_ITEM_PAGES_H_
#define CLOUDEMU_SERVICES_DYNAMODB_ITEM_PAGES_H_

#include <memory>
#include <optional>
#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/dynamodb_state.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {

class ItemPage {
 public:
  // Parses what Query and Scan share. `filter_parameter` is "QueryFilter" or
  // "ScanFilter"; `usage` collects placeholders across the request.
  static StatusOr<ItemPage> Prepare(const DynamoDBState& state, const core::Document& input,
                                    std::string_view filter_parameter, const ExpressionAttributes& attributes,
                                    ExpressionUsage& usage);

  const TableInfo& table() const { return *table_; }
  const IndexInfo* index() const { return index_; }
  // The key schema the request walks (the index's, else the table's).
  const KeySchema& key() const { return index_ ? index_->key : table_->key; }
  // The Store key to resume after, from ExclusiveStartKey ("" when none).
  const std::string& resume_after() const { return resume_after_; }
  const ConditionExpression& filter() const { return filter_; }

  // Offers the next item (the table's whole item) in walk order; false when
  // the page is full or the filter failed.
  bool Offer(const Item& item);
  // The Query/Scan output for what was offered (or the filter's error).
  StatusOr<core::Document> Finish(const core::Document& input) const;

 private:
  ItemPage() = default;

  std::shared_ptr<const TableInfo> table_;
  const IndexInfo* index_ = nullptr;
  std::string select_;
  ProjectionExpression projection_;
  ConditionExpression filter_;
  int64_t limit_ = 0;  // 0: none
  bool consistent_ = false;
  std::string resume_after_;

  core::Document items_ = core::Document::List();
  int64_t count_ = 0;
  int64_t scanned_ = 0;
  size_t bytes_ = 0;
  bool full_ = false;
  Status error_;
  std::optional<Item> last_key_;
};

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_ITEM_PAGES_H_
