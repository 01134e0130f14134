#include "services/s3/new_object.h"

#include <array>
#include <string_view>

#include "core/time_format.h"
#include "services/s3/header_lists.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr size_t kMaxMetadataBytes = 2048;

constexpr std::array<std::string_view, 6> kStoredContentHeaders = {"CacheControl",    "ContentDisposition",
                                                                   "ContentEncoding", "ContentLanguage",
                                                                   "ContentType",     "WebsiteRedirectLocation"};

// The storage classes a general purpose bucket accepts on writes.
constexpr std::array<std::string_view, 8> kWritableStorageClasses = {
    "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
    "GLACIER",  "DEEP_ARCHIVE",       "GLACIER_IR"};

// Drops the aws-chunked coding SDKs add for streamed uploads; S3 does not store it.
std::string WithoutAwsChunked(std::string_view encoding) {
  std::string kept;
  for (std::string_view item : SplitHeaderList(encoding)) {
    if (item == "aws-chunked") continue;
    if (!kept.empty()) kept += ",";
    kept += item;
  }
  return kept;
}

StatusOr<std::string> StorageClassOf(const Document& input) {
  const Document* requested = input.Find("StorageClass");
  if (requested == nullptr) return std::string("STANDARD");
  for (std::string_view known : kWritableStorageClasses) {
    if (known == requested->AsString()) return std::string(known);
  }
  return Status::InvalidArgument("InvalidStorageClass", "The storage class you specified is not valid")
      .WithDetail("StorageClassRequested", requested->AsString());
}

// Object Lock retention and legal holds are not implemented; S3 refuses them
// outright in buckets created without Object Lock.
Status RefuseObjectLockHeaders(const BucketRecord& bucket, const Document& input) {
  for (const char* member : {"ObjectLockMode", "ObjectLockRetainUntilDate", "ObjectLockLegalHoldStatus"}) {
    if (!input.Has(member)) continue;
    if (!bucket.object_lock_enabled) return InvalidRequest("Bucket is missing Object Lock Configuration");
    return HeaderNotImplemented(member == std::string_view("ObjectLockLegalHoldStatus") ? "x-amz-object-lock-legal-hold"
                                                                                        : "x-amz-object-lock-mode");
  }
  return Status::Ok();
}

}  // namespace

std::map<std::string, std::string> ContentHeadersOf(const Document& input) {
  std::map<std::string, std::string> headers;
  for (std::string_view member : kStoredContentHeaders) {
    if (const Document* value = input.Find(member)) headers[std::string(member)] = value->AsString();
  }
  if (auto encoding = headers.find("ContentEncoding"); encoding != headers.end()) {
    encoding->second = WithoutAwsChunked(encoding->second);
    if (encoding->second.empty()) headers.erase(encoding);
  }
  if (const Document* expires = input.Find("Expires")) {
    headers["Expires"] =
        expires->is_timestamp() ? core::FormatRfc822(expires->AsTimestampMillis()) : expires->AsString();
  }
  headers.emplace("ContentType", kDefaultContentType);
  return headers;
}

StatusOr<std::map<std::string, std::string>> MetadataOf(const Document& input) {
  std::map<std::string, std::string> metadata;
  size_t bytes = 0;
  for (const auto& [name, value] : input["Metadata"].AsMap()) {
    bytes += name.size() + value.AsString().size();
    metadata[name] = value.AsString();
  }
  if (bytes > kMaxMetadataBytes) {
    return Status::InvalidArgument("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size")
        .WithDetail("Size", std::to_string(bytes))
        .WithDetail("MaxSizeAllowed", std::to_string(kMaxMetadataBytes));
  }
  return metadata;
}

StatusOr<ObjectDescription> DescribeNewObject(const S3State& state, const BucketRecord& bucket, const Document& input,
                                              const RequestContext& context) {
  if (Status lock_headers = RefuseObjectLockHeaders(bucket, input); !lock_headers.ok()) return lock_headers;
  ObjectDescription description;
  auto storage_class = StorageClassOf(input);
  if (!storage_class.ok()) return storage_class.status();
  description.storage_class = *storage_class;
  description.content_headers = ContentHeadersOf(input);
  auto metadata = MetadataOf(input);
  if (!metadata.ok()) return metadata.status();
  description.metadata = *std::move(metadata);
  if (const Document* tagging = input.Find("Tagging")) {
    auto tags = TagsFromHeader(tagging->AsString());
    if (!tags.ok()) return tags.status();
    description.tags = *std::move(tags);
  }
  auto encryption = EncryptionForWrite(state, bucket, input, context);
  if (!encryption.ok()) return encryption.status();
  description.encryption = *std::move(encryption);
  Document owner = AclOwner(context.account_id);
  auto acl = AclFromHeaders(input, owner);
  if (!acl.ok()) return acl.status();
  if (acl->has_value()) {
    if (Status allowed = CheckAclAllowed(state, bucket.name, **acl, owner); !allowed.ok()) return allowed;
    description.canned_acl = input["ACL"].AsString("private");
    description.acl = **acl;
  }
  return description;
}

void ApplyDescription(const ObjectDescription& description, ObjectVersion& version) {
  version.storage_class = description.storage_class;
  version.content_headers = description.content_headers;
  version.metadata = description.metadata;
  version.tags = description.tags;
  version.encryption = description.encryption;
  version.canned_acl = description.canned_acl;
  version.acl = description.acl;
}

void ApplyDescription(const ObjectDescription& description, MultipartUpload& upload) {
  upload.storage_class = description.storage_class;
  upload.content_headers = description.content_headers;
  upload.metadata = description.metadata;
  upload.tags = description.tags;
  upload.encryption = description.encryption;
  upload.canned_acl = description.canned_acl;
  upload.acl = description.acl;
}

ObjectDescription DescriptionOf(const MultipartUpload& upload) {
  return ObjectDescription{upload.storage_class, upload.content_headers, upload.metadata, upload.tags,
                           upload.encryption,    upload.canned_acl,      upload.acl};
}

void StageNewVersion(const S3State& state, const BucketRecord& bucket, ObjectVersion& version, std::string body,
                     core::WriteBatch& batch) {
  version.bucket = bucket.name;
  version.version_id = bucket.versioning == "Enabled" ? state.NewVersionId() : "null";
  version.delete_marker = false;
  version.body_id = state.NewBodyId();
  version.size = body.size();
  state.PutBody(batch, version.body_id, std::move(body));
  state.PutVersion(batch, version);
}

}  // namespace cloudemu::services::s3
