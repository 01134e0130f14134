#include "services/s3/multipart_uploads.h"

#include <string>

#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {

StatusOr<MultipartUpload> FindUploadFor(const S3State& state, std::string_view bucket, const core::Document& input) {
  const std::string& upload_id = input["UploadId"].AsString();
  std::optional<MultipartUpload> upload = state.FindUpload(bucket, upload_id);
  if (!upload || upload->key != input["Key"].AsString()) return NoSuchUpload(upload_id);
  return *std::move(upload);
}

StatusOr<int> PartNumberOf(const core::Document& input) {
  int64_t part_number = input["PartNumber"].AsInt(0);
  if (part_number < 1 || part_number > kMaxPartNumber) {
    return InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber",
                           std::to_string(part_number));
  }
  return static_cast<int>(part_number);
}

}  // namespace cloudemu::services::s3
