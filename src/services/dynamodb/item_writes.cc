#include "services/dynamodb/item_writes.h"

#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/item_checks.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

Status CheckStyles(WriteKind kind, const Document& input) {
  switch (kind) {
    case WriteKind::kPut:
    case WriteKind::kDelete:
      return CheckParameterStyles(input, {"Expected"}, {"ConditionExpression"});
    case WriteKind::kUpdate:
      return CheckParameterStyles(input, {"AttributeUpdates", "Expected"}, {"UpdateExpression", "ConditionExpression"});
    case WriteKind::kConditionCheck:
      return Status::Ok();
  }
  return Status::Ok();
}

StatusOr<UpdateExpression> ParseUpdate(const Document& input, const ExpressionAttributes& attributes,
                                       ExpressionUsage& usage) {
  if (const Document* text = input.Find("UpdateExpression"); text && !text->is_null()) {
    return UpdateExpression::Parse(text->AsString(), attributes, usage);
  }
  if (const Document* updates = input.Find("AttributeUpdates"); updates && !updates->is_null()) {
    return UpdateFromAttributeUpdates(*updates);
  }
  return UpdateExpression();
}

}  // namespace

StatusOr<PreparedWrite> PrepareWrite(const DynamoDBState& state, WriteKind kind, const Document& input) {
  PreparedWrite write;
  write.kind = kind;
  write.input = &input;
  auto table = RequireTable(state, input["TableName"]);
  if (!table.ok()) return table.status();
  write.table = *table;
  if (Status styles = CheckStyles(kind, input); !styles.ok()) return styles;
  auto attributes = RequestAttributes(input);
  if (!attributes.ok()) return attributes.status();
  ExpressionUsage usage;

  if (kind == WriteKind::kPut) {
    if (!input["Item"].is_map()) return InvalidParameter("Missing the key " + write.table->key.partition.name + " in the item");
    write.put_item = input["Item"].AsMap();
    if (Status valid = ValidateItemForWrite(*write.table, write.put_item); !valid.ok()) return valid;
    write.key = KeyOf(write.table->key, write.put_item);
  } else {
    auto key = ValidateKey(*write.table, input["Key"]);
    if (!key.ok()) return key.status();
    write.key = *std::move(key);
  }
  if (kind == WriteKind::kUpdate) {
    auto update = ParseUpdate(input, *attributes, usage);
    if (!update.ok()) return update.status();
    for (const std::string& name : update->TopLevelAttributes()) {
      const KeySchema& key = write.table->key;
      if (name == key.partition.name || (key.sort && name == key.sort->name)) {
        return InvalidParameter("Cannot update attribute " + name + ". This attribute is part of the key");
      }
    }
    write.update = *std::move(update);
  }
  auto condition = ParseWriteCondition(input, *attributes, usage);
  if (!condition.ok()) return condition.status();
  write.condition = *std::move(condition);
  if (kind == WriteKind::kConditionCheck && write.condition.empty()) {
    return ValidationError("The ConditionExpression for a ConditionCheck must be specified");
  }
  if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;
  write.item_key = state.ItemKey(*write.table, write.key);
  return write;
}

StatusOr<WriteOutcome> EvaluateWrite(DynamoDBState& state, core::WriteBatch& batch, const PreparedWrite& write,
                                     int64_t now_millis) {
  WriteOutcome outcome;
  outcome.old_item = state.ReadItemForWrite(batch, *write.table, write.item_key, now_millis);
  if (Status holds = CheckCondition(write.condition, outcome.old_item, *write.input); !holds.ok()) return holds;
  switch (write.kind) {
    case WriteKind::kPut:
      outcome.new_item = write.put_item;
      break;
    case WriteKind::kDelete:
      break;
    case WriteKind::kConditionCheck:
      outcome.new_item = outcome.old_item;
      break;
    case WriteKind::kUpdate: {
      Item item = outcome.old_item ? *outcome.old_item : write.key;
      if (Status applied = write.update.Apply(item); !applied.ok()) return applied;
      if (Status valid = ValidateItemForWrite(*write.table, item); !valid.ok()) return valid;
      outcome.new_item = std::move(item);
      break;
    }
  }
  return outcome;
}

}  // namespace cloudemu::services::dynamodb
