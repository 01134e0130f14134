// PutObject, GetObject and HeadObject; RegisterObjectOperations also gathers
// the other object operation files (object_operation_groups.h).
#include <algorithm>
#include <array>
#include <mutex>
#include <optional>

#include "core/time_format.h"
#include "services/s3/bucket_access.h"
#include "services/s3/byte_range.h"
#include "services/s3/copy_source.h"
#include "services/s3/multipart_uploads.h"
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

// response-* query parameters and the headers they override.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kResponseOverrides = {{
    {"ResponseCacheControl", "CacheControl"},
    {"ResponseContentDisposition", "ContentDisposition"},
    {"ResponseContentEncoding", "ContentEncoding"},
    {"ResponseContentLanguage", "ContentLanguage"},
    {"ResponseContentType", "ContentType"},
}};

// What a PutObject computes from its request alone (digests of the body),
// worked out before the write lock so that concurrent writers wait for each
// other only over the state.
struct PutDigests {
  explicit PutDigests(const Document& input)
      : body(input["Body"].AsString()), etag(Md5Etag(body)), requested_checksum(RequestedChecksumOf(input)) {
    if (requested_checksum.ok() && requested_checksum->has_value()) {
      checksum = VerifyChecksum(**requested_checksum, body);
    }
  }

  std::string body;
  std::string etag;
  StatusOr<std::optional<RequestedChecksum>> requested_checksum;
  StatusOr<std::string> checksum = std::string();  // of the requested algorithm, when one is
};

StatusOr<Document> PutObject(S3State& state, const Document& input, const RequestContext& context) {
  PutDigests digests(input);
  // Errors below keep S3's order whatever was computed first.
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  if (input.Has("WriteOffsetBytes")) return HeaderNotImplemented("x-amz-write-offset-bytes");
  if (Status md5 = VerifyContentMd5(input, digests.body); !md5.ok()) return md5;
  const auto& requested_checksum = digests.requested_checksum;
  if (!requested_checksum.ok()) return requested_checksum.status();
  ObjectVersion version;
  if (requested_checksum->has_value()) {
    if (!digests.checksum.ok()) return digests.checksum.status();
    version.checksums[(*requested_checksum)->algorithm] = *digests.checksum;
    version.checksum_type = std::string(kFullObject);
  }
  auto description = DescribeNewObject(state, *bucket, input, context);
  if (!description.ok()) return description.status();
  std::optional<ObjectVersion> current = CurrentObject(state, bucket->name, key);
  if (Status conditions = EvaluateWriteConditions(input, key, current ? &*current : nullptr); !conditions.ok()) {
    return conditions;
  }
  ApplyDescription(*description, version);
  version.key = key;
  version.last_modified_millis = context.now_millis;
  version.etag = std::move(digests.etag);
  core::WriteBatch batch;
  StageNewVersion(state, *bucket, version, std::move(digests.body), batch);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  output.Set("ETag", version.etag);
  AddChecksumMembers(version.checksums, version.checksum_type, output);
  AddEncryptionMembers(version.encryption, output, /*with_context=*/true);
  SetVersionIdMember(*bucket, version.version_id, output);
  return output;
}

// Where a multipart object's part `part_number` lies.
ByteRange PartRange(const ObjectVersion& version, int64_t part_number) {
  uint64_t first = 0;
  for (int64_t i = 0; i + 1 < part_number; ++i) first += version.part_sizes[static_cast<size_t>(i)];
  uint64_t size = version.part_sizes[static_cast<size_t>(part_number - 1)];
  return ByteRange{first, first + size - 1};
}

// The part of the object a read asks for (Range or PartNumber); nullopt for all of it.
StatusOr<std::optional<ByteRange>> RequestedBytes(const ObjectVersion& version, const Document& input) {
  const Document* part = input.Find("PartNumber");
  const Document* range = input.Find("Range");
  if (part != nullptr && range != nullptr) {
    return InvalidRequest("Cannot specify both Range header and partNumber query parameter");
  }
  if (range != nullptr) return ResolveRange(range->AsString(), version.size);
  if (part == nullptr) return std::optional<ByteRange>();
  auto checked_part = PartNumberOf(input);
  if (!checked_part.ok()) return checked_part.status();
  int64_t part_number = *checked_part;
  int64_t parts = std::max<int64_t>(1, static_cast<int64_t>(version.part_sizes.size()));
  if (part_number > parts) {
    return Status::Error("InvalidPartNumber", "The requested partnumber is not satisfiable", 416)
        .WithDetail("PartNumberRequested", std::to_string(part_number))
        .WithDetail("ActualPartCount", std::to_string(parts));
  }
  if (version.part_sizes.empty() || version.part_sizes[static_cast<size_t>(part_number - 1)] == 0) {
    return std::optional<ByteRange>();
  }
  return std::optional<ByteRange>(PartRange(version, part_number));
}

// What GetObject and HeadObject answer about `version`, without the body.
Document ObjectReadOutput(const BucketRecord& bucket, const ObjectVersion& version, const Document& input,
                          const std::optional<ByteRange>& range) {
  Document output = Document::Map();
  output.Set("AcceptRanges", "bytes");
  output.Set("LastModified", core::Timestamp{version.last_modified_millis});
  output.Set("ContentLength", range ? range->length() : version.size);
  output.Set("ETag", version.etag);
  if (input["ChecksumMode"].AsString() == "ENABLED" && !range) {
    AddChecksumMembers(version.checksums, version.checksum_type, output);
  }
  SetVersionIdMember(bucket, version.version_id, output);
  for (const auto& [member, value] : version.content_headers) output.Set(member, value);
  for (const auto& [parameter, member] : kResponseOverrides) {
    if (const Document* value = input.Find(parameter)) output.Set(member, value->AsString());
  }
  if (const Document* expires = input.Find("ResponseExpires")) {
    output.Set("Expires",
               expires->is_timestamp() ? core::FormatRfc822(expires->AsTimestampMillis()) : expires->AsString());
  }
  if (range) output.Set("ContentRange", ContentRange(*range, version.size));
  AddEncryptionMembers(version.encryption, output);
  if (!version.metadata.empty()) {
    Document& metadata = output.Set("Metadata", Document::Map());
    for (const auto& [name, value] : version.metadata) metadata.Set(name, value);
  }
  if (version.storage_class != "STANDARD") output.Set("StorageClass", version.storage_class);
  if (input.Has("PartNumber") && !version.part_sizes.empty()) {
    output.Set("PartsCount", static_cast<int64_t>(version.part_sizes.size()));
  }
  if (!version.tags.empty()) output.Set("TagCount", static_cast<int64_t>(version.tags.size()));
  return output;
}

// The checks GetObject and HeadObject share, in S3's order; the version and
// the byte range to answer with.
struct ObjectRead {
  BucketRecord bucket;
  ObjectVersion version;
  std::optional<ByteRange> range;
};

StatusOr<ObjectRead> PrepareRead(const S3State& state, const Document& input, const RequestContext& context,
                                 std::string_view method) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  auto version = FindObjectVersion(state, bucket->name, key, input, method);
  if (!version.ok()) return version.status();
  if (Status sse = CheckCustomerKeyForRead(version->encryption, input); !sse.ok()) return sse;
  Status conditions =
      EvaluateReadConditions(ReadConditions::FromInput(input), version->etag, version->last_modified_millis);
  if (!conditions.ok()) return conditions;
  auto range = RequestedBytes(*version, input);
  if (!range.ok()) return range.status();
  return ObjectRead{*std::move(bucket), *std::move(version), *range};
}

StatusOr<Document> ReadObject(const S3State& state, const Document& input, const RequestContext& context) {
  auto read = PrepareRead(state, input, context, "GET");
  if (!read.ok()) return read.status();
  if (IsArchived(read->version)) {
    return Status::Error("InvalidObjectState", "The operation is not valid for the object's storage class", 403)
        .WithDetail("StorageClass", read->version.storage_class);
  }
  auto body = ReadObjectBody(state, read->version);
  if (!body.ok()) return body.status();
  Document output = ObjectReadOutput(read->bucket, read->version, input, read->range);
  std::string bytes = read->range ? body->substr(read->range->first, read->range->length()) : *std::move(body);
  output.Set("Body", core::Blob{std::move(bytes)});
  return output;
}

StatusOr<Document> GetObject(S3State& state, const Document& input, const RequestContext& context) {
  auto output = ReadObject(state, input, context);
  if (output.ok() || output.status().code() != "InternalError") return output;
  // Reads take no lock, so an overwrite may free the body between the lookup
  // and the read; read again while no writer runs.
  std::lock_guard lock(state.write_mutex());
  return ReadObject(state, input, context);
}

StatusOr<Document> HeadObject(S3State& state, const Document& input, const RequestContext& context) {
  auto read = PrepareRead(state, input, context, "HEAD");
  if (!read.ok()) return read.status();
  return ObjectReadOutput(read->bucket, read->version, input, read->range);
}

}  // namespace

void RegisterObjectOperations(S3State& state, const AddOperation& add) {
  add("PutObject",
      [&state](const Document& input, const RequestContext& context) { return PutObject(state, input, context); });
  add("GetObject",
      [&state](const Document& input, const RequestContext& context) { return GetObject(state, input, context); });
  add("HeadObject",
      [&state](const Document& input, const RequestContext& context) { return HeadObject(state, input, context); });
  RegisterObjectDeleteOperations(state, add);
  RegisterObjectCopyOperation(state, add);
  RegisterObjectSubresourceOperations(state, add);
  RegisterObjectAttributesOperation(state, add);
}

}  // namespace cloudemu::services::s3
