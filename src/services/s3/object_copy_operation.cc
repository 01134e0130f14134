// CopyObject: a new object version from an existing one, with its metadata
// and tags copied or replaced as the directives say.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "services/s3/bucket_access.h"
#include "services/s3/copy_source.h"
#include "services/s3/new_object.h"
#include "services/s3/object_checksums.h"
#include "services/s3/object_keys.h"
#include "services/s3/object_lookup.h"
#include "services/s3/object_operation_groups.h"
#include "services/s3/preconditions.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr uint64_t kMaxCopySourceBytes = uint64_t{5} << 30;
constexpr std::string_view kWebsiteRedirect = "WebsiteRedirectLocation";

// COPY (the default) or REPLACE; InvalidArgument for anything else.
StatusOr<bool> Replaces(const Document& input, std::string_view member, std::string_view header,
                        std::string_view what) {
  const Document* directive = input.Find(member);
  if (directive == nullptr || directive->AsString() == "COPY") return false;
  if (directive->AsString() == "REPLACE") return true;
  return InvalidArgument("Unknown " + std::string(what) + " directive.", header, directive->AsString());
}

// A copy onto the source itself must change something S3 keeps about it.
bool ChangesTheObject(const Document& input, bool replaces_metadata) {
  if (replaces_metadata) return true;
  for (const char* member : {"StorageClass", "WebsiteRedirectLocation", "ServerSideEncryption", "SSEKMSKeyId",
                             "SSECustomerAlgorithm", "ChecksumAlgorithm"}) {
    if (input.Has(member)) return true;
  }
  return false;
}

StatusOr<Document> CopyObject(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  auto replaces_metadata = Replaces(input, "MetadataDirective", "x-amz-metadata-directive", "metadata");
  if (!replaces_metadata.ok()) return replaces_metadata.status();
  auto replaces_tags = Replaces(input, "TaggingDirective", "x-amz-tagging-directive", "tagging");
  if (!replaces_tags.ok()) return replaces_tags.status();
  auto source = ResolveCopySource(state, input);
  if (!source.ok()) return source.status();
  if (const Document* owner = input.Find("ExpectedSourceBucketOwner");
      owner && owner->AsString() != context.account_id) {
    return AccessDenied();
  }
  const ObjectVersion& from = source->version;
  if (from.size > kMaxCopySourceBytes) {
    return InvalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: " +
                          std::to_string(kMaxCopySourceBytes));
  }
  std::optional<ObjectVersion> current = CurrentObject(state, bucket->name, key);
  bool onto_itself =
      source->bucket.name == bucket->name && from.key == key && current && current->version_id == from.version_id;
  if (onto_itself && !ChangesTheObject(input, *replaces_metadata)) {
    return InvalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the "
        "object's metadata, storage class, website redirect location or encryption attributes.");
  }
  auto requested_checksum = RequestedChecksumOf(input);
  if (!requested_checksum.ok()) return requested_checksum.status();
  auto description = DescribeNewObject(state, *bucket, input, context);
  if (!description.ok()) return description.status();
  if (!*replaces_metadata) {
    auto redirect = description->content_headers.find(std::string(kWebsiteRedirect));
    std::optional<std::string> requested_redirect;
    if (redirect != description->content_headers.end()) requested_redirect = redirect->second;
    description->content_headers = from.content_headers;
    // The redirect location is never copied; only the request sets it.
    description->content_headers.erase(std::string(kWebsiteRedirect));
    if (requested_redirect) description->content_headers[std::string(kWebsiteRedirect)] = *requested_redirect;
    description->metadata = from.metadata;
  }
  if (!*replaces_tags) description->tags = from.tags;
  if (Status conditions = EvaluateWriteConditions(input, key, current ? &*current : nullptr); !conditions.ok()) {
    return conditions;
  }
  auto body = ReadObjectBody(state, from);
  if (!body.ok()) return body.status();

  ObjectVersion version;
  ApplyDescription(*description, version);
  version.key = key;
  version.last_modified_millis = context.now_millis;
  version.etag = Md5Etag(*body);
  // The copy keeps the source's checksum algorithms (or takes the requested
  // one), computed over the whole new object.
  std::vector<std::string> algorithms;
  if (requested_checksum->has_value()) {
    algorithms.push_back((*requested_checksum)->algorithm);
  } else {
    for (const auto& [algorithm, value] : from.checksums) algorithms.push_back(algorithm);
  }
  for (const std::string& algorithm : algorithms) version.checksums[algorithm] = ComputeChecksum(algorithm, *body);
  if (!algorithms.empty()) version.checksum_type = std::string(kFullObject);
  core::WriteBatch batch;
  StageNewVersion(state, *bucket, version, *std::move(body), batch);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  Document& result = output.Set("CopyObjectResult", Document::Map());
  result.Set("ETag", version.etag);
  result.Set("LastModified", core::Timestamp{version.last_modified_millis});
  AddChecksumMembers(version.checksums, version.checksum_type, result);
  SetCopySourceVersionId(*source, output);
  SetVersionIdMember(*bucket, version.version_id, output);
  AddEncryptionMembers(version.encryption, output, /*with_context=*/true);
  return output;
}

}  // namespace

void RegisterObjectCopyOperation(S3State& state, const AddOperation& add) {
  add("CopyObject",
      [&state](const Document& input, const RequestContext& context) { return CopyObject(state, input, context); });
}

}  // namespace cloudemu::services::s3
