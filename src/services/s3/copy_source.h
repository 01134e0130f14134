// The source of CopyObject and UploadPartCopy: the x-amz-copy-source value
// ("bucket/key", URL-encoded, optional leading '/', optional
// "?versionId=..."), the source version it resolves to, and the checks S3
// makes on it (delete markers, archived storage classes, SSE-C key,
// x-amz-copy-source-if-* conditions).
// Thread-safety: reads the Store only.
#ifndef CLOUDEMU_SERVICES_S3_COPY_SOURCE_H_
#define CLOUDEMU_SERVICES_S3_COPY_SOURCE_H_

#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

struct CopySource {
  std::string bucket;
  std::string key;
  std::optional<std::string> version_id;
};

StatusOr<CopySource> ParseCopySource(std::string_view header);

struct ResolvedCopySource {
  BucketRecord bucket;
  ObjectVersion version;
};

// Resolves input["CopySource"] and checks it against the request's
// CopySource* members.
StatusOr<ResolvedCopySource> ResolveCopySource(const S3State& state, const core::Document& input);

// Sets CopySourceVersionId when S3 reports it (the source bucket has had versioning).
void SetCopySourceVersionId(const ResolvedCopySource& source, core::Document& output);

// The bytes of an object version (InternalError if its body is gone).
StatusOr<std::string> ReadObjectBody(const S3State& state, const ObjectVersion& version);

// GLACIER and DEEP_ARCHIVE objects must be restored before they are read; CloudEmu has no restore.
bool IsArchived(const ObjectVersion& version);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_COPY_SOURCE_H_
