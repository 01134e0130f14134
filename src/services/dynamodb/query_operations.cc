// Query and Scan: walks over the Store's ordered keys (a partition of the
// table or of an index for Query, the whole table or index for Scan), paged
// by ItemPage.
#include <algorithm>
#include <cstdint>

#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/item_checks.h"
#include "services/dynamodb/item_pages.h"
#include "services/dynamodb/key_codec.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

bool Present(const Document& input, std::string_view member) {
  const Document* value = input.Find(member);
  return value != nullptr && !value->is_null();
}

// Visits, in key order from `start`, the items under `prefix` of the table
// (or of `index`, whose entries point at the table's items). Items TTL has
// expired are skipped.
void WalkItems(const DynamoDBState& state, const TableInfo& table, const IndexInfo* index, std::string_view prefix,
               std::string_view start, int64_t now_millis,
               const std::function<bool(std::string_view key, const Item& item)>& visit) {
  if (index == nullptr) {
    state.ScanItems(prefix, start, [&](std::string_view key, std::string_view value) {
      auto item = DynamoDBState::DecodeItem(value);
      if (!item || state.Expired(table, *item, now_millis)) return true;
      return visit(key, *item);
    });
    return;
  }
  state.ScanIndex(prefix, start, [&](std::string_view key, std::string_view item_key) {
    auto item = state.ReadItem(table, item_key, now_millis);
    if (!item) return true;
    return visit(key, *item);
  });
}

std::string After(const std::string& key) { return key + '\0'; }

StatusOr<KeyCondition> ParseKeyCondition(const Document& input, const KeySchema& key,
                                         const ExpressionAttributes& attributes, ExpressionUsage& usage) {
  KeySchemaNames names;
  names.partition = key.partition.name;
  names.partition_type = key.partition.type;
  if (key.sort) {
    names.sort = key.sort->name;
    names.sort_type = key.sort->type;
  }
  if (Present(input, "KeyConditionExpression")) {
    return KeyCondition::Parse(input["KeyConditionExpression"].AsString(), attributes, usage, names);
  }
  if (Present(input, "KeyConditions")) return KeyConditionFromLegacy(input["KeyConditions"], names);
  return ValidationError("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
}

StatusOr<Document> Query(const DynamoDBState& state, const Document& input, const RequestContext& context) {
  if (Status styles = CheckParameterStyles(input, {"KeyConditions", "QueryFilter", "AttributesToGet"},
                                           {"KeyConditionExpression", "FilterExpression", "ProjectionExpression"});
      !styles.ok()) {
    return styles;
  }
  auto attributes = RequestAttributes(input);
  if (!attributes.ok()) return attributes.status();
  ExpressionUsage usage;
  auto page = ItemPage::Prepare(state, input, "QueryFilter", *attributes, usage);
  if (!page.ok()) return page.status();
  auto condition = ParseKeyCondition(input, page->key(), *attributes, usage);
  if (!condition.ok()) return condition.status();
  for (const std::string& name : page->filter().TopLevelAttributes()) {
    const KeySchema& key = page->key();
    if (name == key.partition.name || (key.sort && name == key.sort->name)) {
      return ValidationError("Filter Expression can only contain non-primary key attributes: Primary key attribute: " +
                             name);
    }
  }
  if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;

  const TableInfo& table = page->table();
  const IndexInfo* index = page->index();
  std::string prefix = index ? state.IndexPrefix(table, *index) : state.TablePrefix(table);
  AppendKeyValue(NormalizeValue(condition->partition_value), prefix);

  // The first key the sort condition can match.
  std::string start = prefix;
  const std::optional<KeyCondition::SortCondition>& sort = condition->sort;
  Document low = sort ? NormalizeValue(sort->low) : Document();
  if (sort && sort->op == "begins_with") {
    start += EncodeKeyPrefix(low);
  } else if (sort && sort->op != "<" && sort->op != "<=") {
    AppendKeyValue(low, start);
  }
  // Sorted keys: matches form one run; a '>' run starts after the equal keys.
  auto walk = [&](std::string_view from, const std::function<bool(std::string_view, const Item&)>& visit) {
    bool matched = false;
    WalkItems(state, table, index, prefix, from, context.now_millis, [&](std::string_view key, const Item& item) {
      bool matches = !sort || condition->MatchesSort(item.at(sort->name));
      if (!matches) return !matched && sort->op == ">";
      matched = true;
      return visit(key, item);
    });
  };

  bool forward = input["ScanIndexForward"].AsBool(true);
  if (forward) {
    std::string from = page->resume_after().empty() ? start : std::max(start, After(page->resume_after()));
    walk(from, [&](std::string_view, const Item& item) { return page->Offer(item); });
  } else {
    std::vector<std::pair<std::string, Item>> run;
    walk(start, [&](std::string_view key, const Item& item) {
      if (!page->resume_after().empty() && key >= page->resume_after()) return false;
      run.emplace_back(std::string(key), item);
      return true;
    });
    for (auto it = run.rbegin(); it != run.rend() && page->Offer(it->second); ++it) {
    }
  }
  return page->Finish(input);
}

// FNV-1a over the encoded partition key: which parallel-scan segment an item is in.
int64_t SegmentOf(const Item& item, const KeySchema& key, int64_t total_segments) {
  std::string encoded = EncodeKeyValue(item.at(key.partition.name));
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : encoded) hash = (hash ^ c) * 1099511628211ULL;
  return static_cast<int64_t>(hash % static_cast<uint64_t>(total_segments));
}

StatusOr<Document> Scan(const DynamoDBState& state, const Document& input, const RequestContext& context) {
  if (Status styles = CheckParameterStyles(input, {"ScanFilter", "AttributesToGet"},
                                           {"FilterExpression", "ProjectionExpression"});
      !styles.ok()) {
    return styles;
  }
  bool has_segment = Present(input, "Segment");
  bool has_total = Present(input, "TotalSegments");
  if (has_segment && !has_total) {
    return ValidationError("The TotalSegments parameter is required but was not present in the request when "
                           "Segment parameter is present");
  }
  if (has_total && !has_segment) {
    return ValidationError("The Segment parameter is required but was not present in the request when parameter "
                           "TotalSegments is present");
  }
  int64_t segment = input["Segment"].AsInt();
  int64_t total = input["TotalSegments"].AsInt(1);
  if (has_total && (total < 1 || total > 1000000)) {
    return ValidationError("1 validation error detected: Value '" + std::to_string(total) +
                           "' at 'totalSegments' failed to satisfy constraint: Member must have value less than or "
                           "equal to 1000000");
  }
  if (segment < 0 || segment >= total) {
    return ValidationError("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                           "Segment: " + std::to_string(segment) + " is not less than TotalSegments: " +
                           std::to_string(total));
  }
  auto attributes = RequestAttributes(input);
  if (!attributes.ok()) return attributes.status();
  ExpressionUsage usage;
  auto page = ItemPage::Prepare(state, input, "ScanFilter", *attributes, usage);
  if (!page.ok()) return page.status();
  if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;

  const TableInfo& table = page->table();
  const IndexInfo* index = page->index();
  std::string prefix = index ? state.IndexPrefix(table, *index) : state.TablePrefix(table);
  std::string from = page->resume_after().empty() ? prefix : After(page->resume_after());
  WalkItems(state, table, index, prefix, from, context.now_millis, [&](std::string_view, const Item& item) {
    if (total > 1 && SegmentOf(item, table.key, total) != segment) return true;
    return page->Offer(item);
  });
  return page->Finish(input);
}

}  // namespace

void RegisterQueryOperations(DynamoDBState& state, const AddOperation& add) {
  add("Query", [&state](const Document& input, const RequestContext& context) { return Query(state, input, context); });
  add("Scan", [&state](const Document& input, const RequestContext& context) { return Scan(state, input, context); });
}

}  // namespace cloudemu::services::dynamodb
