// CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables,
// DescribeLimits and DescribeEndpoints. Tables become ACTIVE as soon as the
// call that creates or updates them returns: the response carries AWS's
// transitional status (CREATING, UPDATING, DELETING) and the next read sees
// the settled one, which is what clients' and Terraform's waiters poll for.
#include <algorithm>

#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/table_definition.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr int64_t kDefaultListLimit = 100;

Document TableOutput(const TableInfo& table, std::string_view status, const TableStats& stats,
                     std::string_view index_status = "ACTIVE") {
  Document output = Document::Map();
  output.Set("TableDescription", DescribeTableInfo(table, status, stats, index_status));
  return output;
}

StatusOr<Document> CreateTable(DynamoDBState& state, const Document& input, const RequestContext& context) {
  auto table = TableFromCreateRequest(input, context);
  if (!table.ok()) return table.status();
  table->id = state.ids().Uuid();
  std::lock_guard lock(state.write_mutex());
  if (state.FindTable(table->name)) return ResourceInUse("Table already exists: " + table->name);
  core::WriteBatch batch;
  const Document& stream = input["StreamSpecification"];
  if (stream["StreamEnabled"].AsBool()) {
    if (stream["StreamViewType"].AsString().empty()) {
      return InvalidParameter("StreamViewType is required when StreamEnabled is true");
    }
    state.StartStream(batch, *table, stream["StreamViewType"].AsString(), context.now_millis);
  }
  state.PutTable(batch, *table);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  return TableOutput(*table, "CREATING", TableStats{}, "CREATING");
}

StatusOr<Document> DescribeTable(const DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  auto table = state.FindTable(name);
  if (!table) return TableNotFound(name);
  Document output = Document::Map();
  output.Set("Table", DescribeTableInfo(*table, "ACTIVE", state.Stats(*table, context.now_millis)));
  return output;
}

StatusOr<Document> DeleteTable(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  std::lock_guard lock(state.write_mutex());
  auto table = state.FindTable(name);
  if (!table) return TableNotFound(name);
  if (table->deletion_protection) {
    return ValidationError(
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
        "first.");
  }
  TableStats stats = state.Stats(*table, context.now_millis);
  core::WriteBatch batch;
  state.DeleteTable(batch, *table);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  return TableOutput(*table, "DELETING", stats);
}

StatusOr<Document> ListTables(const DynamoDBState& state, const Document& input, const RequestContext&) {
  int64_t limit = input["Limit"].AsInt(kDefaultListLimit);
  if (limit < 1 || limit > kDefaultListLimit) {
    return ValidationError("1 validation error detected: Value '" + std::to_string(limit) +
                           "' at 'limit' failed to satisfy constraint: Member must have value less than or equal "
                           "to 100");
  }
  const std::string& start = input["ExclusiveStartTableName"].AsString();
  std::vector<std::string> names = state.TableNames();
  auto it = start.empty() ? names.begin() : std::upper_bound(names.begin(), names.end(), start);
  Document output = Document::Map();
  Document& list = output.Set("TableNames", Document::List());
  for (; it != names.end() && static_cast<int64_t>(list.size()) < limit; ++it) list.Append(*it);
  if (it != names.end() && !list.empty()) output.Set("LastEvaluatedTableName", list.AsList().back());
  return output;
}

// GlobalSecondaryIndexUpdates: Create (backfilled at once), Update
// (throughput) and Delete.
Status ApplyIndexUpdates(DynamoDBState& state, core::WriteBatch& batch, TableInfo& table, const Document& updates,
                         int64_t now_millis) {
  for (const Document& update : updates.AsList()) {
    if (const Document* create = update.Find("Create")) {
      auto index = GlobalIndexFromCreate(*create, table, now_millis);
      if (!index.ok()) return index.status();
      state.BackfillIndex(batch, table, *index, now_millis);
      table.indexes.push_back(*std::move(index));
    } else if (const Document* remove = update.Find("Delete")) {
      const std::string& name = (*remove)["IndexName"].AsString();
      auto it = std::find_if(table.indexes.begin(), table.indexes.end(),
                             [&](const IndexInfo& index) { return index.global && index.name == name; });
      if (it == table.indexes.end()) return ResourceNotFoundMessage("Requested resource not found: Index: " + name);
      state.DropIndex(batch, table, *it);
      table.indexes.erase(it);
    } else if (const Document* change = update.Find("Update")) {
      const std::string& name = (*change)["IndexName"].AsString();
      auto it = std::find_if(table.indexes.begin(), table.indexes.end(),
                             [&](const IndexInfo& index) { return index.global && index.name == name; });
      if (it == table.indexes.end()) return ResourceNotFoundMessage("Requested resource not found: Index: " + name);
      auto throughput = ThroughputFor((*change)["ProvisionedThroughput"], table.billing_mode, name);
      if (!throughput.ok()) return throughput.status();
      it->throughput.read = throughput->read;
      it->throughput.write = throughput->write;
    }
  }
  return Status::Ok();
}

Status ApplyThroughput(TableInfo& table, const Document& requested, int64_t now_millis) {
  auto throughput = ThroughputFor(requested, table.billing_mode, "");
  if (!throughput.ok()) return throughput.status();
  if (throughput->read == table.throughput.read && throughput->write == table.throughput.write) {
    return ValidationError("The provisioned throughput for the table will not change. The requested value equals "
                           "the current value. Current ReadCapacityUnits provisioned for the table: " +
                           std::to_string(table.throughput.read) + ". Requested ReadCapacityUnits: " +
                           std::to_string(throughput->read) + ". Current WriteCapacityUnits provisioned for the "
                           "table: " + std::to_string(table.throughput.write) + ". Requested WriteCapacityUnits: " +
                           std::to_string(throughput->write) + ". Refer to the Amazon DynamoDB Developer Guide for "
                           "current limits and how to request higher limits.");
  }
  bool increase = throughput->read > table.throughput.read || throughput->write > table.throughput.write;
  bool decrease = throughput->read < table.throughput.read || throughput->write < table.throughput.write;
  if (increase) table.throughput.last_increase_millis = now_millis;
  if (decrease) {
    table.throughput.last_decrease_millis = now_millis;
    ++table.throughput.decreases_today;
  }
  table.throughput.read = throughput->read;
  table.throughput.write = throughput->write;
  return Status::Ok();
}

Status ApplyBillingMode(TableInfo& table, const Document& input, int64_t now_millis) {
  const std::string& mode = input["BillingMode"].AsString();
  if (mode.empty() || mode == table.billing_mode) return Status::Ok();
  table.billing_mode = mode;
  table.billing_mode_updated_millis = now_millis;
  if (mode == "PAY_PER_REQUEST") {
    table.throughput.read = table.throughput.write = 0;
    for (IndexInfo& index : table.indexes) index.throughput.read = index.throughput.write = 0;
    return Status::Ok();
  }
  if (!input["ProvisionedThroughput"].is_map()) {
    return InvalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
                            "PROVISIONED");
  }
  // Every GSI needs throughput once the table is provisioned.
  for (IndexInfo& index : table.indexes) {
    if (!index.global) continue;
    bool given = false;
    for (const Document& update : input["GlobalSecondaryIndexUpdates"].AsList()) {
      given = given || update["Update"]["IndexName"].AsString() == index.name;
    }
    if (!given) return InvalidParameter("ProvisionedThroughput must be specified for index: " + index.name);
  }
  return Status::Ok();
}

Status ApplyStream(DynamoDBState& state, core::WriteBatch& batch, TableInfo& table, const Document& spec,
                   int64_t now_millis) {
  if (spec["StreamEnabled"].AsBool()) {
    if (table.stream_enabled) return ValidationError("Table already has an enabled stream: " + table.StreamArn());
    const std::string& view = spec["StreamViewType"].AsString();
    if (view.empty()) return InvalidParameter("StreamViewType is required when StreamEnabled is true");
    state.StartStream(batch, table, view, now_millis);
  } else {
    if (!table.stream_enabled) return ValidationError("Table does not have a stream to disable: " + table.name);
    state.StopStream(batch, table);
  }
  return Status::Ok();
}

StatusOr<Document> UpdateTable(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["TableName"].AsString();
  std::lock_guard lock(state.write_mutex());
  auto current = state.FindTable(name);
  if (!current) return TableNotFound(name);
  TableInfo table = *current;
  bool changed = false;
  core::WriteBatch batch;
  if (input.Has("AttributeDefinitions")) {
    if (Status merged = MergeAttributeDefinitions(table, input["AttributeDefinitions"]); !merged.ok()) return merged;
  }
  if (input.Has("BillingMode")) {
    if (Status billed = ApplyBillingMode(table, input, context.now_millis); !billed.ok()) return billed;
    changed = true;
  }
  if (input["ProvisionedThroughput"].is_map()) {
    if (Status applied = ApplyThroughput(table, input["ProvisionedThroughput"], context.now_millis); !applied.ok()) {
      return applied;
    }
    changed = true;
  }
  if (input["GlobalSecondaryIndexUpdates"].is_list()) {
    Status applied = ApplyIndexUpdates(state, batch, table, input["GlobalSecondaryIndexUpdates"], context.now_millis);
    if (!applied.ok()) return applied;
    changed = true;
  }
  if (input["StreamSpecification"].is_map()) {
    Status applied = ApplyStream(state, batch, table, input["StreamSpecification"], context.now_millis);
    if (!applied.ok()) return applied;
    changed = true;
  }
  if (input["SSESpecification"].is_map()) {
    auto sse = SseFromSpecification(input["SSESpecification"], context);
    if (!sse.ok()) return sse.status();
    table.sse = *std::move(sse);
    changed = true;
  }
  if (input.Has("TableClass")) {
    table.table_class = input["TableClass"].AsString();
    changed = true;
  }
  if (input.Has("DeletionProtectionEnabled")) {
    table.deletion_protection = input["DeletionProtectionEnabled"].AsBool();
    changed = true;
  }
  if (!changed) {
    return ValidationError(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
        "SSESpecification or ReplicaUpdates is required");
  }
  // Definitions no key uses any more are dropped, as AWS does.
  PruneAttributeDefinitions(table);
  state.PutTable(batch, table);
  TableStats stats = state.Stats(table, context.now_millis);
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  return TableOutput(table, "UPDATING", stats);
}

// AWS's default account quotas (Service Quotas for DynamoDB).
StatusOr<Document> DescribeLimits(const Document&, const RequestContext&) {
  Document output = Document::Map();
  output.Set("AccountMaxReadCapacityUnits", int64_t{80000});
  output.Set("AccountMaxWriteCapacityUnits", int64_t{80000});
  output.Set("TableMaxReadCapacityUnits", int64_t{40000});
  output.Set("TableMaxWriteCapacityUnits", int64_t{40000});
  return output;
}

// The endpoint clients should use: this listener when there is one.
StatusOr<Document> DescribeEndpoints(const Document&, const RequestContext& context) {
  std::string address = context.endpoint;
  if (size_t scheme = address.find("://"); scheme != std::string::npos) address = address.substr(scheme + 3);
  if (address.empty()) address = "dynamodb." + context.region + ".amazonaws.com";
  Document output = Document::Map();
  Document& endpoint = output.Set("Endpoints", Document::List()).Append(Document::Map());
  endpoint.Set("Address", address);
  endpoint.Set("CachePeriodInMinutes", int64_t{1440});
  return output;
}

}  // namespace

void RegisterTableOperations(DynamoDBState& state, const AddOperation& add) {
  add("CreateTable", [&state](const Document& input, const RequestContext& context) {
    return CreateTable(state, input, context);
  });
  add("DescribeTable", [&state](const Document& input, const RequestContext& context) {
    return DescribeTable(state, input, context);
  });
  add("UpdateTable", [&state](const Document& input, const RequestContext& context) {
    return UpdateTable(state, input, context);
  });
  add("DeleteTable", [&state](const Document& input, const RequestContext& context) {
    return DeleteTable(state, input, context);
  });
  add("ListTables", [&state](const Document& input, const RequestContext& context) {
    return ListTables(state, input, context);
  });
  add("DescribeLimits", DescribeLimits);
  add("DescribeEndpoints", DescribeEndpoints);
}

}  // namespace cloudemu::services::dynamodb
