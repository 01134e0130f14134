#include "services/dynamodb/dynamodb_errors.h"

#include "core/json.h"

namespace cloudemu::services::dynamodb {

Status ValidationError(std::string message) {
  return Status::InvalidArgument("ValidationException", std::move(message));
}

Status InvalidParameter(std::string_view detail) {
  return ValidationError("One or more parameter values were invalid: " + std::string(detail));
}

Status ResourceNotFound() { return ResourceNotFoundMessage("Requested resource not found"); }

Status TableNotFound(std::string_view table) {
  return ResourceNotFoundMessage("Requested resource not found: Table: " + std::string(table) + " not found");
}

Status ResourceNotFoundMessage(std::string message) {
  return Status::InvalidArgument("ResourceNotFoundException", std::move(message));
}

Status ResourceInUse(std::string message) {
  return Status::InvalidArgument("ResourceInUseException", std::move(message));
}

Status KeySchemaMismatch() { return ValidationError("The provided key element does not match the schema"); }

Status ConditionalCheckFailed(const core::Document* item) {
  Status status = Status::InvalidArgument("ConditionalCheckFailedException", "The conditional request failed");
  // The codec writes a structured detail as the member's JSON.
  if (item != nullptr) status.WithDetail("Item", core::ToJson(*item));
  return status;
}

Status LimitExceeded(std::string message) {
  return Status::InvalidArgument("LimitExceededException", std::move(message));
}

}  // namespace cloudemu::services::dynamodb
