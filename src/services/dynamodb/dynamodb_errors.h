// The errors DynamoDB and DynamoDB Streams answer with, coded, worded and
// statused as AWS does for the common cases.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_ERRORS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_ERRORS_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::dynamodb {

Status ValidationError(std::string message);
// "One or more parameter values were invalid: <detail>".
Status InvalidParameter(std::string_view detail);
// Item operations on a missing table: "Requested resource not found".
Status ResourceNotFound();
// Table operations on a missing table, worded as the Terraform provider
// matches it: "Requested resource not found: Table: <name> not found".
Status TableNotFound(std::string_view table);
Status ResourceNotFoundMessage(std::string message);
Status ResourceInUse(std::string message);
Status KeySchemaMismatch();  // "The provided key element does not match the schema"
// ConditionalCheckFailedException, carrying `item` when not null (ALL_OLD on
// condition failure).
Status ConditionalCheckFailed(const core::Document* item);
Status LimitExceeded(std::string message);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_ERRORS_H_
