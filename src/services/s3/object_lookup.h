// Finding the object version an operation acts on, with S3's answers when
// there is none: NoSuchKey, NoSuchVersion, a malformed version id, and the
// delete-marker cases (NoSuchKey when the latest version is a delete marker,
// MethodNotAllowed when a version id names one). Errors about a delete
// marker carry "x-amz-delete-marker" and "x-amz-version-id" details, which
// the REST codec sends as headers, as S3 does.
// Thread-safety: reads the Store only; writers hold S3State::write_mutex().
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_LOOKUP_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_LOOKUP_H_

#include <optional>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

// The version named by input["VersionId"], or the latest one. `method` is
// the HTTP method MethodNotAllowed reports ("GET", "HEAD", "PUT", ...).
StatusOr<ObjectVersion> FindObjectVersion(const S3State& state, std::string_view bucket, std::string_view key,
                                          const core::Document& input, std::string_view method);

// The key's current object: its latest version unless that is a delete marker.
std::optional<ObjectVersion> CurrentObject(const S3State& state, std::string_view bucket, std::string_view key);

// InvalidArgument unless `version_id` is "null" or has the form of the ids S3 hands out.
Status ValidateVersionId(std::string_view version_id);

// Sets output["VersionId"] as S3 reports it: once the bucket has had
// versioning configured (Enabled or Suspended), never before.
void SetVersionIdMember(const BucketRecord& bucket, std::string_view version_id, core::Document& output);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_LOOKUP_H_
