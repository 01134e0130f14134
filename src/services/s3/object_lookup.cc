#include "services/s3/object_lookup.h"

#include <cctype>
#include <string>

#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

// S3 version ids are 32 characters; "null" names the unversioned version.
constexpr size_t kVersionIdLength = 32;

Status WithDeleteMarker(Status status, const ObjectVersion& marker) {
  return status.WithDetail("x-amz-delete-marker", "true").WithDetail("x-amz-version-id", marker.version_id);
}

}  // namespace

Status ValidateVersionId(std::string_view version_id) {
  if (version_id == "null") return Status::Ok();
  bool well_formed = version_id.size() == kVersionIdLength;
  for (char c : version_id) {
    well_formed = well_formed && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
  }
  if (!well_formed) return InvalidArgument("Invalid version id specified", "versionId", version_id);
  return Status::Ok();
}

StatusOr<ObjectVersion> FindObjectVersion(const S3State& state, std::string_view bucket, std::string_view key,
                                          const core::Document& input, std::string_view method) {
  if (const core::Document* requested = input.Find("VersionId")) {
    const std::string& version_id = requested->AsString();
    if (Status valid = ValidateVersionId(version_id); !valid.ok()) return valid;
    std::optional<ObjectVersion> version = state.FindVersion(bucket, key, version_id);
    if (!version) return NoSuchVersion(key, version_id);
    if (version->delete_marker) return WithDeleteMarker(MethodNotAllowed(method, "DeleteMarker"), *version);
    return *std::move(version);
  }
  std::optional<ObjectVersion> latest = state.FindLatest(bucket, key);
  if (!latest) return NoSuchKey(key);
  if (latest->delete_marker) return WithDeleteMarker(NoSuchKey(key), *latest);
  return *std::move(latest);
}

std::optional<ObjectVersion> CurrentObject(const S3State& state, std::string_view bucket, std::string_view key) {
  std::optional<ObjectVersion> latest = state.FindLatest(bucket, key);
  if (latest && latest->delete_marker) return std::nullopt;
  return latest;
}

void SetVersionIdMember(const BucketRecord& bucket, std::string_view version_id, core::Document& output) {
  if (!bucket.versioning.empty()) output.Set("VersionId", version_id);
}

}  // namespace cloudemu::services::s3
