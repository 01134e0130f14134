// The checks and parsing item operations share: table lookup, key and item
// validation with AWS's messages, condition parsing (expression or legacy),
// ReturnValues, and the mixing of legacy and expression parameters.
// Thread-safety: pure functions over their arguments (and reads of state).
#ifndef CLOUDEMU_SERVICES_DYNAMODB_ITEM_CHECKS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_ITEM_CHECKS_H_

#include <initializer_list>
#include <memory>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/dynamodb_state.h"
#include "services/dynamodb/expressions.h"
#include "services/dynamodb/table_info.h"

namespace cloudemu::services::dynamodb {

inline constexpr size_t kMaxItemBytes = 400 * 1024;

// The table an item operation names; "Requested resource not found" when absent.
StatusOr<std::shared_ptr<const TableInfo>> RequireTable(const DynamoDBState& state, const core::Document& name);

// A Key parameter: exactly the table's key attributes with the right types
// and non-empty values, numbers normalised.
StatusOr<Item> ValidateKey(const TableInfo& table, const core::Document& key);
// A whole item about to be written (PutItem's Item, or an item after an
// update): valid values, the key present with the right types, index keys
// of the right types and non-empty, at most 400 KB. Normalises `item`.
Status ValidateItemForWrite(const TableInfo& table, Item& item);

// The request's ExpressionAttributeNames/Values, checked.
StatusOr<ExpressionAttributes> RequestAttributes(const core::Document& input);
// Rejects a request that gives both `legacy` and `modern` parameters, and
// ExpressionAttributeNames/Values without any expression.
Status CheckParameterStyles(const core::Document& input, std::initializer_list<std::string_view> legacy,
                            std::initializer_list<std::string_view> modern);
// ConditionExpression or Expected/ConditionalOperator; empty when neither.
StatusOr<ConditionExpression> ParseWriteCondition(const core::Document& input, const ExpressionAttributes& attributes,
                                                  ExpressionUsage& usage);
// ProjectionExpression or AttributesToGet; empty (whole item) when neither.
StatusOr<ProjectionExpression> ParseProjection(const core::Document& input, const ExpressionAttributes& attributes,
                                               ExpressionUsage& usage);
// ReturnValues must be one of `allowed` (absent = NONE).
StatusOr<std::string> ReturnValuesOf(const core::Document& input, std::initializer_list<std::string_view> allowed);

// Evaluates `condition` against `item` (absent = empty item); a failed
// check is ConditionalCheckFailedException, carrying the item when
// ReturnValuesOnConditionCheckFailure is ALL_OLD.
Status CheckCondition(const ConditionExpression& condition, const std::optional<Item>& item,
                      const core::Document& input);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_ITEM_CHECKS_H_
