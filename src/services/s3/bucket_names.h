// S3 general purpose bucket naming rules, as AWS enforces them on
// CreateBucket (3-63 characters of a-z, 0-9, '.', '-'; no IP addresses;
// reserved prefixes and suffixes refused).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_BUCKET_NAMES_H_
#define CLOUDEMU_SERVICES_S3_BUCKET_NAMES_H_

#include <string_view>

namespace cloudemu::services::s3 {

bool IsValidBucketName(std::string_view name);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BUCKET_NAMES_H_
