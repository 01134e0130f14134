// The key-schema rules shared by KeyConditionExpression and the legacy
// KeyConditions parameter: one equality on the partition key, at most one
// condition on the sort key, nothing else, values of the schema's types.
// Thread-safety: a pure function.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_KEY_CONDITION_RULES_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_KEY_CONDITION_RULES_H_

#include <string>
#include <vector>

#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb::expression {

// One condition on one attribute: op is = < <= > >= BETWEEN begins_with.
struct KeyTerm {
  std::string name;
  std::string op;
  std::vector<const core::Document*> values;  // 2 for BETWEEN, else 1
};

StatusOr<KeyCondition> BuildKeyCondition(const std::vector<KeyTerm>& terms, const KeySchemaNames& schema);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_KEY_CONDITION_RULES_H_
