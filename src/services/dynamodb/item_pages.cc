#include "services/dynamodb/item_pages.h"

#include "services/dynamodb/capacity.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/item_checks.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr size_t kPageBytes = 1024 * 1024;

bool Present(const Document& input, std::string_view member) {
  const Document* value = input.Find(member);
  return value != nullptr && !value->is_null();
}

// The Select checks AWS makes against projections and indexes.
Status CheckSelect(const std::string& select, const Document& input, const IndexInfo* index) {
  const char* projection = Present(input, "ProjectionExpression") ? "ProjectionExpression"
                           : Present(input, "AttributesToGet")    ? "AttributesToGet"
                                                                  : nullptr;
  if (select == "SPECIFIC_ATTRIBUTES") {
    if (!projection) {
      return ValidationError("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                             "SPECIFIC_ATTRIBUTES");
    }
    return Status::Ok();
  }
  if (projection && !select.empty()) {
    std::string what = select == "COUNT" ? "only the Count" : select;
    return ValidationError("Cannot specify the " + std::string(projection) + " when choosing to get " + what);
  }
  if (select == "ALL_PROJECTED_ATTRIBUTES" && !index) {
    return ValidationError("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  if (select == "ALL_ATTRIBUTES" && index && index->global && index->projection_type != "ALL") {
    return InvalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary index " + index->name +
                            " because its projection type is not ALL");
  }
  return Status::Ok();
}

// The part of `key_doc` (ExclusiveStartKey) that names an item of `schema`.
bool HasKeyOf(const KeySchema& schema, const Document& key_doc) {
  auto matches = [&](const KeyAttribute& attribute) {
    const Document* value = key_doc.Find(attribute.name);
    return value && TypeOf(*value) == attribute.type;
  };
  return matches(schema.partition) && (!schema.sort || matches(*schema.sort));
}

}  // namespace

StatusOr<ItemPage> ItemPage::Prepare(const DynamoDBState& state, const Document& input,
                                     std::string_view filter_parameter, const ExpressionAttributes& attributes,
                                     ExpressionUsage& usage) {
  ItemPage page;
  auto table = RequireTable(state, input["TableName"]);
  if (!table.ok()) return table.status();
  page.table_ = *table;
  if (Present(input, "IndexName")) {
    page.index_ = page.table_->FindIndex(input["IndexName"].AsString());
    if (!page.index_) {
      return ValidationError("The table does not have the specified index: " + input["IndexName"].AsString());
    }
  }
  page.consistent_ = input["ConsistentRead"].AsBool();
  if (page.consistent_ && page.index_ && page.index_->global) {
    return ValidationError("Consistent reads are not supported on global secondary indexes");
  }
  page.select_ = input["Select"].AsString();
  if (Status select = CheckSelect(page.select_, input, page.index_); !select.ok()) return select;

  auto projection = ParseProjection(input, attributes, usage);
  if (!projection.ok()) return projection.status();
  page.projection_ = *std::move(projection);
  if (Present(input, "FilterExpression")) {
    auto filter = ConditionExpression::Parse(input["FilterExpression"].AsString(), attributes, usage,
                                             "FilterExpression");
    if (!filter.ok()) return filter.status();
    page.filter_ = *std::move(filter);
  } else if (Present(input, filter_parameter)) {
    auto filter = ConditionFromFilter(input[filter_parameter], input["ConditionalOperator"], filter_parameter);
    if (!filter.ok()) return filter.status();
    page.filter_ = *std::move(filter);
  }
  page.limit_ = input["Limit"].AsInt(0);
  if (Present(input, "Limit") && page.limit_ < 1) {
    return ValidationError("1 validation error detected: Value '" + std::to_string(page.limit_) +
                           "' at 'limit' failed to satisfy constraint: Member must have value greater than or "
                           "equal to 1");
  }

  if (const Document* start = input.Find("ExclusiveStartKey"); start && start->is_map()) {
    for (const auto& [name, value] : start->AsMap()) {
      if (Status valid = ValidateAttributeValue(value); !valid.ok()) return valid;
    }
    bool valid = HasKeyOf(page.table_->key, *start) && (!page.index_ || HasKeyOf(page.index_->key, *start));
    if (!valid) return ValidationError("The provided starting key is invalid: The provided key element does not match the schema");
    Item key;
    for (const auto& [name, value] : start->AsMap()) key.emplace(name, NormalizeValue(value));
    page.resume_after_ = page.index_ ? state.IndexEntryKey(*page.table_, *page.index_, key)
                                     : state.ItemKey(*page.table_, key);
  }
  return page;
}

bool ItemPage::Offer(const Item& item) {
  if (full_) return false;
  // What the walk reads: the index's projection, or (LSIs) the table's item
  // when the request wants attributes beyond it.
  bool whole = !index_ || (!index_->global && (select_ == "ALL_ATTRIBUTES" || select_ == "SPECIFIC_ATTRIBUTES"));
  Item projected;
  if (!whole) projected = ProjectForIndex(*table_, *index_, item);
  const Item& visible = whole ? item : projected;

  ++scanned_;
  bytes_ += ItemSizeBytes(visible);
  Item last = KeyOf(table_->key, item);
  if (index_) {
    for (auto& [name, value] : KeyOf(index_->key, item)) last.insert_or_assign(name, value);
  }
  last_key_ = std::move(last);

  auto passes = filter_.empty() ? StatusOr<bool>(true) : filter_.Evaluate(visible);
  if (!passes.ok()) {
    error_ = passes.status();
    full_ = true;
    return false;
  }
  if (*passes) {
    ++count_;
    if (select_ != "COUNT") items_.Append(Document(projection_.Apply(visible)));
  }
  if ((limit_ > 0 && scanned_ >= limit_) || bytes_ >= kPageBytes) full_ = true;
  return !full_;
}

StatusOr<Document> ItemPage::Finish(const Document& input) const {
  if (!error_.ok()) return error_;
  Document output = Document::Map();
  if (select_ != "COUNT") output.Set("Items", items_);
  output.Set("Count", count_);
  output.Set("ScannedCount", scanned_);
  if (full_ && last_key_) output.Set("LastEvaluatedKey", Document(*last_key_));
  ReportCapacity(input, table_->name, ReadCapacity(*table_, index_, bytes_, consistent_), output);
  return output;
}

}  // namespace cloudemu::services::dynamodb
