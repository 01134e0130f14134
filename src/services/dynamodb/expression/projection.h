// Copies the parts of an item a PathTrie names, keeping their nesting
// (ProjectionExpression, ReturnValues UPDATED_OLD/UPDATED_NEW).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PROJECTION_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PROJECTION_H_

#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/expression/ast.h"

namespace cloudemu::services::dynamodb::expression {

// Only what exists is returned: a path into a missing or mistyped value
// contributes nothing, and list elements keep their relative order.
Item ProjectItem(const Item& item, const PathTrie& trie);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PROJECTION_H_
