// One item write (Put, Update, Delete, or a transaction's ConditionCheck)
// in two steps, so that single writes, BatchWriteItem and TransactWriteItems
// share every rule: Prepare parses and validates the request without
// reading the item; Evaluate reads the current item, checks the condition
// and computes the new item without writing anything.
// Thread-safety: Prepare reads state only; Evaluate must run under the
// state's write mutex.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_ITEM_WRITES_H_
#define CLOUDEMU_SERVICES_DYNAMODB_ITEM_WRITES_H_

#include <memory>
#include <optional>
#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "core/store/store.h"
#include "services/dynamodb/dynamodb_state.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {

enum class WriteKind { kPut, kUpdate, kDelete, kConditionCheck };

struct PreparedWrite {
  WriteKind kind = WriteKind::kPut;
  std::shared_ptr<const TableInfo> table;
  Item key;
  std::string item_key;  // store key
  Item put_item;         // kPut: the validated item
  UpdateExpression update;
  ConditionExpression condition;
  const core::Document* input = nullptr;  // the request, for ReturnValuesOnConditionCheckFailure
};

struct WriteOutcome {
  std::optional<Item> old_item;
  std::optional<Item> new_item;  // nullopt after a delete; unchanged item for a condition check
};

// `input` is PutItem's / UpdateItem's / DeleteItem's input, or a
// TransactWriteItems element's Put / Update / Delete / ConditionCheck (which
// have no legacy parameters). It must outlive the PreparedWrite.
StatusOr<PreparedWrite> PrepareWrite(const DynamoDBState& state, WriteKind kind, const core::Document& input);

// Reads the current item (staging a TTL removal in `batch` if it expired),
// checks the condition (ConditionalCheckFailedException) and applies the
// write to a copy.
StatusOr<WriteOutcome> EvaluateWrite(DynamoDBState& state, core::WriteBatch& batch, const PreparedWrite& write,
                                     int64_t now_millis);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_ITEM_WRITES_H_
