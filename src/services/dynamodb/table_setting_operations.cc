// Per-table settings: tags, time to live and continuous backups.
#include <algorithm>
#include <set>

#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr size_t kMaxTags = 50;

// "arn:aws:dynamodb:<region>:<account>:table/<name>" -> the table.
StatusOr<std::shared_ptr<const TableInfo>> TableOfArn(const DynamoDBState& state, const Document& arn_doc) {
  const std::string& arn = arn_doc.AsString();
  size_t slash = arn.find(":table/");
  if (arn.rfind("arn:", 0) != 0 || slash == std::string::npos) {
    return ValidationError("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
  }
  std::string name = arn.substr(slash + 7);
  if (size_t rest = name.find('/'); rest != std::string::npos) name.resize(rest);
  auto table = state.FindTable(name);
  if (!table || table->arn != arn.substr(0, slash + 7 + name.size())) {
    return ResourceNotFoundMessage("Requested resource not found: ResourceArn: " + arn + " not found");
  }
  return table;
}

// Runs `change` on a copy of the table named by ResourceArn and stores it.
template <typename Change>
StatusOr<Document> ChangeTags(DynamoDBState& state, const Document& input, Change change) {
  std::lock_guard lock(state.write_mutex());
  auto table = TableOfArn(state, input["ResourceArn"]);
  if (!table.ok()) return table.status();
  TableInfo copy = **table;
  if (Status changed = change(copy); !changed.ok()) return changed;
  core::WriteBatch batch;
  state.PutTable(batch, copy);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> TagResource(DynamoDBState& state, const Document& input) {
  return ChangeTags(state, input, [&](TableInfo& table) -> Status {
    for (const Document& tag : input["Tags"].AsList()) {
      const std::string& key = tag["Key"].AsString();
      auto it = std::find_if(table.tags.begin(), table.tags.end(), [&](const auto& t) { return t.first == key; });
      if (it != table.tags.end()) {
        it->second = tag["Value"].AsString();
      } else {
        table.tags.emplace_back(key, tag["Value"].AsString());
      }
    }
    if (table.tags.size() > kMaxTags) {
      return LimitExceeded("The number of tags for this resource exceeds the maximum of 50");
    }
    return Status::Ok();
  });
}

StatusOr<Document> UntagResource(DynamoDBState& state, const Document& input) {
  return ChangeTags(state, input, [&](TableInfo& table) -> Status {
    std::set<std::string, std::less<>> keys;
    for (const Document& key : input["TagKeys"].AsList()) keys.insert(key.AsString());
    std::erase_if(table.tags, [&](const auto& tag) { return keys.count(tag.first) > 0; });
    return Status::Ok();
  });
}

StatusOr<Document> ListTagsOfResource(const DynamoDBState& state, const Document& input) {
  auto table = TableOfArn(state, input["ResourceArn"]);
  if (!table.ok()) return table.status();
  Document output = Document::Map();
  Document& tags = output.Set("Tags", Document::List());
  for (const auto& [key, value] : (*table)->tags) {
    Document& tag = tags.Append(Document::Map());
    tag.Set("Key", key);
    tag.Set("Value", value);
  }
  return output;
}

StatusOr<Document> UpdateTimeToLive(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  const Document& spec = input["TimeToLiveSpecification"];
  bool enable = spec["Enabled"].AsBool();
  const std::string& attribute = spec["AttributeName"].AsString();
  std::lock_guard lock(state.write_mutex());
  auto current = state.FindTable(name);
  if (!current) return TableNotFound(name);
  if (enable && current->ttl_enabled) return ValidationError("TimeToLive is already enabled");
  if (!enable && !current->ttl_enabled) return ValidationError("TimeToLive is already disabled");
  if (!enable && attribute != current->ttl_attribute) {
    return ValidationError("TimeToLive is active on a different AttributeName: current AttributeName is " +
                           current->ttl_attribute);
  }
  TableInfo table = *current;
  // Items TTL already expired under the old setting go before it changes.
  if (!enable) {
    if (Status expired = state.ExpireItems(table, context.now_millis); !expired.ok()) return expired;
  }
  table.ttl_enabled = enable;
  table.ttl_attribute = attribute;
  core::WriteBatch batch;
  state.PutTable(batch, table);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  Document output = Document::Map();
  Document& echoed = output.Set("TimeToLiveSpecification", Document::Map());
  echoed.Set("Enabled", enable);
  echoed.Set("AttributeName", attribute);
  return output;
}

StatusOr<Document> DescribeTimeToLive(const DynamoDBState& state, const Document& input) {
  const std::string& name = input["TableName"].AsString();
  auto table = state.FindTable(name);
  if (!table) return TableNotFound(name);
  Document output = Document::Map();
  Document& description = output.Set("TimeToLiveDescription", Document::Map());
  description.Set("TimeToLiveStatus", table->ttl_enabled ? "ENABLED" : "DISABLED");
  if (table->ttl_enabled) description.Set("AttributeName", table->ttl_attribute);
  return output;
}

// What Describe/UpdateContinuousBackups answer: point-in-time recovery can
// restore to any second since it was enabled (35 days at most).
Document BackupsDescription(const TableInfo& table, int64_t now_millis) {
  constexpr int64_t kRecoveryWindowMillis = int64_t{35} * 24 * 3600 * 1000;
  Document output = Document::Map();
  Document& description = output.Set("ContinuousBackupsDescription", Document::Map());
  description.Set("ContinuousBackupsStatus", "ENABLED");
  Document& pitr = description.Set("PointInTimeRecoveryDescription", Document::Map());
  pitr.Set("PointInTimeRecoveryStatus", table.point_in_time_recovery ? "ENABLED" : "DISABLED");
  if (table.point_in_time_recovery) {
    pitr.Set("RecoveryPeriodInDays", int64_t{35});
    pitr.Set("EarliestRestorableDateTime",
             core::Timestamp{std::max(table.pitr_enabled_millis, now_millis - kRecoveryWindowMillis) / 1000 * 1000});
    pitr.Set("LatestRestorableDateTime", core::Timestamp{(now_millis - 5 * 60 * 1000) / 1000 * 1000});
  }
  return output;
}

Status TableNotFoundForBackups(std::string_view name) {
  return Status::InvalidArgument("TableNotFoundException", "Table not found: " + std::string(name));
}

StatusOr<Document> DescribeContinuousBackups(const DynamoDBState& state, const Document& input,
                                             const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  auto table = state.FindTable(name);
  if (!table) return TableNotFoundForBackups(name);
  return BackupsDescription(*table, context.now_millis);
}

StatusOr<Document> UpdateContinuousBackups(DynamoDBState& state, const Document& input,
                                           const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  std::lock_guard lock(state.write_mutex());
  auto current = state.FindTable(name);
  if (!current) return TableNotFoundForBackups(name);
  TableInfo table = *current;
  bool enable = input["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"].AsBool();
  if (enable && !table.point_in_time_recovery) table.pitr_enabled_millis = context.now_millis;
  table.point_in_time_recovery = enable;
  core::WriteBatch batch;
  state.PutTable(batch, table);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  return BackupsDescription(table, context.now_millis);
}

}  // namespace

void RegisterTableSettingOperations(DynamoDBState& state, const AddOperation& add) {
  add("TagResource", [&state](const Document& input, const RequestContext&) { return TagResource(state, input); });
  add("UntagResource",
      [&state](const Document& input, const RequestContext&) { return UntagResource(state, input); });
  add("ListTagsOfResource",
      [&state](const Document& input, const RequestContext&) { return ListTagsOfResource(state, input); });
  add("UpdateTimeToLive", [&state](const Document& input, const RequestContext& context) {
    return UpdateTimeToLive(state, input, context);
  });
  add("DescribeTimeToLive",
      [&state](const Document& input, const RequestContext&) { return DescribeTimeToLive(state, input); });
  add("DescribeContinuousBackups", [&state](const Document& input, const RequestContext& context) {
    return DescribeContinuousBackups(state, input, context);
  });
  add("UpdateContinuousBackups", [&state](const Document& input, const RequestContext& context) {
    return UpdateContinuousBackups(state, input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
