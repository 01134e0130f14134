// ExecuteStatement's NextToken: the LastEvaluatedKey of the Query or Scan a
// SELECT ran, carried opaquely to the next call as its ExclusiveStartKey.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_NEXT_TOKEN_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_NEXT_TOKEN_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::dynamodb::partiql {

std::string EncodeNextToken(const core::Document& last_evaluated_key);
// ValidationException when `token` is not one EncodeNextToken made.
StatusOr<core::Document> DecodeNextToken(std::string_view token);

}  // namespace cloudemu::services::dynamodb::partiql

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_NEXT_TOKEN_H_
