// Finding the multipart upload an operation names (NoSuchUpload when the id
// is unknown or belongs to another key) and checking a part number.
// Thread-safety: reads the Store only.
#ifndef CLOUDEMU_SERVICES_S3_MULTIPART_UPLOADS_H_
#define CLOUDEMU_SERVICES_S3_MULTIPART_UPLOADS_H_

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

inline constexpr int64_t kMaxPartNumber = 10000;

// The upload of input["UploadId"] for input["Key"] in `bucket`.
StatusOr<MultipartUpload> FindUploadFor(const S3State& state, std::string_view bucket, const core::Document& input);

// input["PartNumber"] when it lies in 1..10000; InvalidArgument otherwise.
StatusOr<int> PartNumberOf(const core::Document& input);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_MULTIPART_UPLOADS_H_
