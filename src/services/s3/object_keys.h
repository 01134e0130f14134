// The rules S3 applies to object key names on every object operation.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_KEYS_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_KEYS_H_

#include <cstddef>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::s3 {

inline constexpr size_t kMaxObjectKeyBytes = 1024;

// InvalidRequest for an empty key; KeyTooLongError (with <Size> and
// <MaxSizeAllowed>) for a key longer than 1024 bytes of UTF-8.
Status ValidateObjectKey(std::string_view key);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_KEYS_H_
