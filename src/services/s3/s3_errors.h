// The S3 errors every S3 operation group answers with, spelled, worded and
// statused as AWS does, with the extra elements AWS puts in the <Error> body
// (<BucketName>, <Key>, <UploadId>, <ArgumentName> ...).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_S3_ERRORS_H_
#define CLOUDEMU_SERVICES_S3_S3_ERRORS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::s3 {

// --- 404s
Status NoSuchBucket(std::string_view bucket);
Status NoSuchKey(std::string_view key);
Status NoSuchVersion(std::string_view key, std::string_view version_id);
Status NoSuchUpload(std::string_view upload_id);
// A bucket configuration that was never set (or was deleted): `code` is the
// configuration's own error code (NoSuchTagSet, NoSuchBucketPolicy, ...).
Status NoSuchConfiguration(std::string code, std::string message, std::string_view bucket);

// --- 400s
Status InvalidArgument(std::string message, std::string_view argument_name = "", std::string_view argument_value = "");
Status InvalidRequest(std::string message);
Status MalformedXml();
Status InvalidBucketName(std::string_view bucket);
Status InvalidTag(std::string message);

Status InvalidBucketState(std::string message);  // 409

// --- 403s
Status AccessDenied();

// --- 409s
Status BucketAlreadyOwnedByYou(std::string_view bucket);
Status BucketNotEmpty(std::string_view bucket);

// --- others
Status MethodNotAllowed(std::string_view method, std::string_view resource_type);  // 405
Status PreconditionFailed(std::string_view condition);                             // 412
Status NotModified();                                                              // 304
Status InvalidRange(uint64_t object_size, std::string_view requested_range);       // 416
// 501: a request header asks for something CloudEmu does not do (<Header>).
Status HeaderNotImplemented(std::string_view header);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_ERRORS_H_
