#include "services/s3/copy_source.h"

#include "core/encoding.h"
#include "services/s3/object_encryption.h"
#include "services/s3/object_lookup.h"
#include "services/s3/preconditions.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

constexpr std::string_view kCopySourceHeader = "x-amz-copy-source";
constexpr std::string_view kVersionIdQuery = "versionId=";

}  // namespace

StatusOr<CopySource> ParseCopySource(std::string_view header) {
  std::string_view text = header;
  CopySource source;
  if (size_t query = text.find('?'); query != std::string_view::npos) {
    std::string_view parameters = text.substr(query + 1);
    text = text.substr(0, query);
    if (parameters.substr(0, kVersionIdQuery.size()) != kVersionIdQuery) {
      return InvalidArgument("Unsupported copy source parameter.", kCopySourceHeader, header);
    }
    source.version_id = core::UriDecode(parameters.substr(kVersionIdQuery.size()));
  }
  std::string path = core::UriDecode(text);
  if (!path.empty() && path.front() == '/') path.erase(0, 1);
  size_t slash = path.find('/');
  if (slash == std::string::npos || slash == 0) {
    return InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                           kCopySourceHeader, header);
  }
  source.bucket = path.substr(0, slash);
  source.key = path.substr(slash + 1);
  if (source.key.empty()) return InvalidArgument("Invalid copy source object key", kCopySourceHeader, header);
  return source;
}

StatusOr<ResolvedCopySource> ResolveCopySource(const S3State& state, const core::Document& input) {
  auto source = ParseCopySource(input["CopySource"].AsString());
  if (!source.ok()) return source.status();
  auto bucket = state.RequireBucket(source->bucket);
  if (!bucket.ok()) return bucket.status();
  ResolvedCopySource resolved{*bucket, {}};
  if (source->version_id) {
    if (Status valid = ValidateVersionId(*source->version_id); !valid.ok()) return valid;
    std::optional<ObjectVersion> version = state.FindVersion(source->bucket, source->key, *source->version_id);
    if (!version) return NoSuchVersion(source->key, *source->version_id);
    if (version->delete_marker) {
      return InvalidRequest(
          "The source of a copy request may not specifically refer to a delete marker by version id.");
    }
    resolved.version = *std::move(version);
  } else {
    std::optional<ObjectVersion> current = CurrentObject(state, source->bucket, source->key);
    if (!current) return NoSuchKey(source->key);
    resolved.version = *std::move(current);
  }
  if (IsArchived(resolved.version)) {
    return Status::Error("ObjectNotInActiveTierError",
                         "The source object of the COPY action is not in the active tier and is only stored in "
                         "Amazon S3 Glacier.",
                         403);
  }
  if (Status key = CheckCustomerKeyForRead(resolved.version.encryption, input, "CopySource"); !key.ok()) return key;
  Status conditions = EvaluateCopySourceConditions(ReadConditions::FromInput(input, "CopySource"),
                                                   resolved.version.etag, resolved.version.last_modified_millis);
  if (!conditions.ok()) return conditions;
  return resolved;
}

void SetCopySourceVersionId(const ResolvedCopySource& source, core::Document& output) {
  if (!source.bucket.versioning.empty()) output.Set("CopySourceVersionId", source.version.version_id);
}

StatusOr<std::string> ReadObjectBody(const S3State& state, const ObjectVersion& version) {
  std::optional<std::string> body = state.ReadBody(version.body_id);
  if (!body) return Status::Internal("The body of " + version.bucket + "/" + version.key + " is missing");
  return *std::move(body);
}

bool IsArchived(const ObjectVersion& version) {
  return version.storage_class == "GLACIER" || version.storage_class == "DEEP_ARCHIVE";
}

}  // namespace cloudemu::services::s3
