// Conditional requests as S3 evaluates them: If-Match / If-None-Match /
// If-Modified-Since / If-Unmodified-Since of GetObject and HeadObject, their
// x-amz-copy-source-if-* twins on copies, and the conditional writes
// (If-None-Match: * and If-Match) of PutObject, CopyObject and
// CompleteMultipartUpload.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_PRECONDITIONS_H_
#define CLOUDEMU_SERVICES_S3_PRECONDITIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

// The four read conditions of a request; absent members stay empty.
struct ReadConditions {
  std::optional<std::string> if_match = std::nullopt;
  std::optional<std::string> if_none_match = std::nullopt;
  std::optional<int64_t> if_modified_since = std::nullopt;    // millis
  std::optional<int64_t> if_unmodified_since = std::nullopt;  // millis

  // From input members <prefix>IfMatch, <prefix>IfNoneMatch, ... : prefix ""
  // for GET/HEAD, "CopySource" for CopyObject/UploadPartCopy.
  static ReadConditions FromInput(const core::Document& input, std::string_view prefix = "");
};

// GET/HEAD: If-Match beats If-Unmodified-Since and If-None-Match beats
// If-Modified-Since (RFC 7232 section 6, as S3 documents it). A failed
// If-Match/If-Unmodified-Since is PreconditionFailed (412), a failed
// If-None-Match/If-Modified-Since is NotModified (304). Dates compare at the
// one-second resolution of HTTP dates.
Status EvaluateReadConditions(const ReadConditions& conditions, std::string_view etag, int64_t last_modified_millis);

// Copy source: the same precedence, but every failure is PreconditionFailed.
Status EvaluateCopySourceConditions(const ReadConditions& conditions, std::string_view etag,
                                    int64_t last_modified_millis);

// Conditional writes against the key's current object (null when the key has
// none or its latest version is a delete marker). IfNoneMatch accepts only
// "*" (anything else is NotImplemented, as S3 answers); it fails with 412
// when the object exists. IfMatch fails with NoSuchKey when it does not and
// with 412 when the ETag differs.
Status EvaluateWriteConditions(const core::Document& input, std::string_view key, const ObjectVersion* current);

// True when an If-Match style list ("*", or comma separated ETags, quoted or
// not, weak or not) names `etag`.
bool EtagListMatches(std::string_view list, std::string_view etag);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_PRECONDITIONS_H_
