#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {

Status InvalidParameter(std::string message) { return Status::InvalidArgument("InvalidParameter", std::move(message)); }

Status ParameterValueInvalid(std::string message) {
  return Status::InvalidArgument("ParameterValueInvalid", std::move(message));
}

Status NotFound(std::string message) { return Status::NotFound("NotFound", std::move(message)); }

Status ResourceNotFound(std::string message) { return Status::NotFound("ResourceNotFound", std::move(message)); }

Status MissingParameter(std::string_view member) {
  return InvalidParameter("Invalid parameter: " + std::string(member));
}

}  // namespace cloudemu::services::sns
