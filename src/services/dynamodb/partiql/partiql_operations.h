// PartiQL for DynamoDB: ExecuteStatement, BatchExecuteStatement and
// ExecuteTransaction.
//
// A statement is parsed and translated into the service's own operations
// (GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem,
// TransactGetItems, TransactWriteItems), which run through `invoke`; PartiQL
// has no second copy of item behaviour (DESIGN rule 1).
// Thread-safety: the registered handlers keep no state of their own; they are
// as thread-safe as `invoke`.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARTIQL_OPERATIONS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARTIQL_OPERATIONS_H_

#include <functional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/service.h"

namespace cloudemu::services::dynamodb {

// Runs one of the service's own operations ("GetItem", "Query", ...) with an
// input Document shaped as the model's input.
using OperationInvoker = std::function<StatusOr<core::Document>(
    std::string_view operation, const core::Document& input, const RequestContext& context)>;
// Registers a handler under an operation name (the service's Register).
using AddOperation = std::function<void(std::string operation, Service::Handler handler)>;

// Adds ExecuteStatement, BatchExecuteStatement and ExecuteTransaction.
void RegisterPartiqlOperations(const AddOperation& add, OperationInvoker invoke);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARTIQL_OPERATIONS_H_
