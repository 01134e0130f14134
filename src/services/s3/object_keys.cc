#include "services/s3/object_keys.h"

#include <string>

#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {

Status ValidateObjectKey(std::string_view key) {
  if (key.empty()) return InvalidRequest("A key must be specified");
  if (key.size() > kMaxObjectKeyBytes) {
    return Status::InvalidArgument("KeyTooLongError", "Your key is too long")
        .WithDetail("Size", std::to_string(key.size()))
        .WithDetail("MaxSizeAllowed", std::to_string(kMaxObjectKeyBytes));
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::s3
