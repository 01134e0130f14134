// Parses one PartiQL statement for DynamoDB into a Statement.
//
// `parameters` are the request's Parameters (AttributeValues) that replace the
// statement's `?` marks in order; their count must match. Syntax errors are
// ValidationException "Statement wasn't well formed, can't be processed: ...".
// Thread-safety: a pure function.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARSER_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARSER_H_

#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/partiql/statement.h"

namespace cloudemu::services::dynamodb::partiql {

StatusOr<Statement> ParseStatement(std::string_view text, const core::DocumentList& parameters);

}  // namespace cloudemu::services::dynamodb::partiql

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_PARSER_H_
