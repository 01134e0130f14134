// PutItem, GetItem, UpdateItem and DeleteItem.
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/item_checks.h"
#include "services/dynamodb/item_writes.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

// Runs one write under the write mutex and answers with its ReturnValues.
StatusOr<Document> RunWrite(DynamoDBState& state, WriteKind kind, const Document& input,
                            const RequestContext& context) {
  StatusOr<std::string> return_values = kind == WriteKind::kUpdate
                                            ? ReturnValuesOf(input, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW",
                                                                     "UPDATED_NEW"})
                                            : ReturnValuesOf(input, {"NONE", "ALL_OLD"});
  if (!return_values.ok()) return return_values.status();
  auto write = PrepareWrite(state, kind, input);
  if (!write.ok()) return write.status();

  WriteOutcome outcome;
  {
    std::lock_guard lock(state.write_mutex());
    core::WriteBatch batch;
    auto evaluated = EvaluateWrite(state, batch, *write, context.now_millis);
    if (!evaluated.ok()) {
      // An expired item found on the way is still removed.
      if (!batch.empty()) state.Commit(std::move(batch));
      return evaluated.status();
    }
    outcome = *std::move(evaluated);
    const Item* old_item = outcome.old_item ? &*outcome.old_item : nullptr;
    const Item* new_item = outcome.new_item ? &*outcome.new_item : nullptr;
    state.StageItemWrite(batch, *write->table, write->item_key, old_item, new_item, context.now_millis);
    if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  }

  Document output = Document::Map();
  const std::string& mode = *return_values;
  Item attributes;
  if (mode == "ALL_OLD" && outcome.old_item) attributes = *outcome.old_item;
  if (mode == "ALL_NEW" && outcome.new_item) attributes = *outcome.new_item;
  if (mode == "UPDATED_OLD" && outcome.old_item) attributes = write->update.UpdatedAttributes(*outcome.old_item);
  if (mode == "UPDATED_NEW" && outcome.new_item) attributes = write->update.UpdatedAttributes(*outcome.new_item);
  if (!attributes.empty()) output.Set("Attributes", Document(std::move(attributes)));
  const Item* old_item = outcome.old_item ? &*outcome.old_item : nullptr;
  const Item* new_item = outcome.new_item ? &*outcome.new_item : nullptr;
  ReportCapacity(input, write->table->name, WriteCapacity(*write->table, old_item, new_item, false), output);
  return output;
}

StatusOr<Document> GetItem(const DynamoDBState& state, const Document& input, const RequestContext& context) {
  auto table = RequireTable(state, input["TableName"]);
  if (!table.ok()) return table.status();
  if (Status styles = CheckParameterStyles(input, {"AttributesToGet"}, {"ProjectionExpression"}); !styles.ok()) {
    return styles;
  }
  auto attributes = RequestAttributes(input);
  if (!attributes.ok()) return attributes.status();
  ExpressionUsage usage;
  auto projection = ParseProjection(input, *attributes, usage);
  if (!projection.ok()) return projection.status();
  if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;
  auto key = ValidateKey(**table, input["Key"]);
  if (!key.ok()) return key.status();

  auto item = state.ReadItem(**table, state.ItemKey(**table, *key), context.now_millis);
  const size_t item_bytes = item ? ItemSizeBytes(*item) : 0;
  Document output = Document::Map();
  if (item) output.Set("Item", Document(projection->Apply(std::move(*item))));
  bool consistent = input["ConsistentRead"].AsBool();
  ReportCapacity(input, (*table)->name, ReadCapacity(**table, nullptr, item_bytes, consistent), output);
  return output;
}

}  // namespace

void RegisterItemOperations(DynamoDBState& state, const AddOperation& add) {
  add("PutItem", [&state](const Document& input, const RequestContext& context) {
    return RunWrite(state, WriteKind::kPut, input, context);
  });
  add("UpdateItem", [&state](const Document& input, const RequestContext& context) {
    return RunWrite(state, WriteKind::kUpdate, input, context);
  });
  add("DeleteItem", [&state](const Document& input, const RequestContext& context) {
    return RunWrite(state, WriteKind::kDelete, input, context);
  });
  add("GetItem", [&state](const Document& input, const RequestContext& context) {
    return GetItem(state, input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
