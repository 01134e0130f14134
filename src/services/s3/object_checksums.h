// Object integrity as S3 checks it: Content-MD5, the additional checksums
// (x-amz-checksum-<algorithm> / x-amz-sdk-checksum-algorithm) of uploads,
// full-object and composite checksums of multipart objects, and how stored
// checksums show up in outputs (Checksum<ALG> members plus ChecksumType).
// Checksum values are base64 of the big-endian digest, as S3 sends them.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_CHECKSUMS_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_CHECKSUMS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::s3 {

inline constexpr std::string_view kFullObject = "FULL_OBJECT";
inline constexpr std::string_view kComposite = "COMPOSITE";

// "CRC32" -> "ChecksumCRC32".
std::string ChecksumMember(std::string_view algorithm);
// Algorithms CloudEmu computes: CRC32, CRC32C, CRC64NVME, SHA1, SHA256, MD5.
bool IsComputableAlgorithm(std::string_view algorithm);
// Base64 checksum of `data`; `algorithm` must be computable.
std::string ComputeChecksum(std::string_view algorithm, std::string_view data);

// The checksum an upload asks for: named by ChecksumAlgorithm and/or by the
// one Checksum<ALG> member present, with the value the client computed.
struct RequestedChecksum {
  std::string algorithm;
  std::optional<std::string> expected;  // base64, when the client sent one
};
// nullopt when the request asks for no checksum. InvalidRequest for an
// unknown algorithm, several Checksum<ALG> members or a malformed value;
// BadDigest when ChecksumAlgorithm names another algorithm than the value;
// NotImplemented for algorithms of the model that CloudEmu cannot compute.
StatusOr<std::optional<RequestedChecksum>> RequestedChecksumOf(const core::Document& input);
// The checksum an UploadPart asks for in an upload created with
// `upload_algorithm` ("" for none): that algorithm (InvalidRequest when the
// request names another), else whatever the request asks for.
StatusOr<std::optional<RequestedChecksum>> PartChecksumRequest(std::string_view upload_algorithm,
                                                               const core::Document& input);
// The base64 checksum of `data`, or BadDigest ("The CRC32 you specified did
// not match the calculated checksum.") when the client's value differs.
StatusOr<std::string> VerifyChecksum(const RequestedChecksum& requested, std::string_view data);

// The ETag of an object or part uploaded in one piece: its quoted MD5 hex.
std::string Md5Etag(std::string_view data);

// Content-MD5 (when present): InvalidDigest when it is not the base64 of 16
// bytes, BadDigest when it does not match `data`.
Status VerifyContentMd5(const core::Document& input, std::string_view data);

// The checksum type of a multipart upload from CreateMultipartUpload's
// ChecksumAlgorithm/ChecksumType: CRC64NVME defaults to FULL_OBJECT and
// allows nothing else, SHA1/SHA256 are COMPOSITE only, CRC32/CRC32C allow
// both and default to COMPOSITE. "" when no algorithm is named.
StatusOr<std::string> MultipartChecksumType(std::string_view algorithm, std::string_view requested_type);

// COMPOSITE checksum of a multipart object: the algorithm over the
// concatenated binary part checksums, base64, then "-<parts>".
std::string CompositeChecksum(std::string_view algorithm, const std::vector<std::string>& part_checksums);

// Sets Checksum<ALG> for each stored checksum and, when given, ChecksumType.
void AddChecksumMembers(const std::map<std::string, std::string>& checksums, std::string_view checksum_type,
                        core::Document& output);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_CHECKSUMS_H_
