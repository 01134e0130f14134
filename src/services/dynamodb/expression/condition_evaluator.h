// Evaluates parsed conditions against items, reading values in place.
// Thread-safety: pure functions over immutable trees and caller-owned items.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_CONDITION_EVALUATOR_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_CONDITION_EVALUATOR_H_

#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/expression/ast.h"

namespace cloudemu::services::dynamodb::expression {

bool EvaluateCondition(const Condition& condition, const Item& item);

// contains(container, operand): substring, set member or list element.
bool Contains(const core::Document& container, const core::Document& operand);
// begins_with for S and B values.
bool BeginsWith(const core::Document& value, const core::Document& prefix);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_CONDITION_EVALUATOR_H_
