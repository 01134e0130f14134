// CompleteMultipartUpload: assembles the listed parts into one object
// version (ETag "<md5 of the part MD5s>-<parts>", checksums composed or
// computed over the whole object as the upload's checksum type says).
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "core/hash.h"
#include "services/s3/bucket_access.h"
#include "services/s3/multipart_operation_groups.h"
#include "services/s3/multipart_uploads.h"
#include "services/s3/new_object.h"
#include "services/s3/object_checksums.h"
#include "services/s3/object_lookup.h"
#include "services/s3/preconditions.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr uint64_t kMinPartBytes = uint64_t{5} << 20;

std::string Unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return std::string(etag);
}

Status InvalidPart(std::string_view upload_id, int64_t part_number, std::string_view etag) {
  return Status::InvalidArgument("InvalidPart",
                                 "One or more of the specified parts could not be found.  The part may not have been "
                                 "uploaded, or the specified entity tag may not have matched the part's entity tag.")
      .WithDetail("UploadId", std::string(upload_id))
      .WithDetail("PartNumber", std::to_string(part_number))
      .WithDetail("ETag", std::string(etag));
}

// The stored parts the request lists, checked against what it says of them.
StatusOr<std::vector<UploadPart>> ListedParts(const S3State& state, const MultipartUpload& upload,
                                              const Document& input) {
  const core::DocumentList& listed = input["MultipartUpload"]["Parts"].AsList();
  if (listed.empty()) return MalformedXml();
  std::vector<UploadPart> parts;
  int64_t previous = 0;
  for (const Document& entry : listed) {
    int64_t number = entry["PartNumber"].AsInt(0);
    if (number <= previous) {
      return Status::InvalidArgument("InvalidPartOrder",
                                     "The list of parts was not in ascending order. The parts list must be specified "
                                     "in order by part number.")
          .WithDetail("UploadId", upload.upload_id);
    }
    previous = number;
    const std::string& etag = entry["ETag"].AsString();
    std::optional<UploadPart> part =
        number <= kMaxPartNumber ? state.FindPart(upload.upload_id, static_cast<int>(number)) : std::nullopt;
    if (!part || Unquoted(part->etag) != Unquoted(etag)) return InvalidPart(upload.upload_id, number, etag);
    for (const auto& [algorithm, value] : part->checksums) {
      const Document* given = entry.Find(ChecksumMember(algorithm));
      if (given && given->AsString() != value) return InvalidPart(upload.upload_id, number, etag);
    }
    parts.push_back(*std::move(part));
  }
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].size < kMinPartBytes) {
      return Status::InvalidArgument("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
          .WithDetail("ProposedSize", std::to_string(parts[i].size))
          .WithDetail("MinSizeAllowed", std::to_string(kMinPartBytes));
    }
  }
  return parts;
}

// The object's checksum as the upload's algorithm and type make it; BadDigest
// when the request states another type or a different full-object value.
StatusOr<std::string> ObjectChecksum(const MultipartUpload& upload, const std::vector<std::string>& part_checksums,
                                     std::string_view body, const Document& input) {
  if (const Document* type = input.Find("ChecksumType"); type && type->AsString() != upload.checksum_type) {
    return Status::InvalidArgument("BadDigest", "The " + type->AsString() +
                                                    " checksum type you specified did not match the checksum type of "
                                                    "the upload.");
  }
  const std::string& algorithm = upload.checksum_algorithm;
  std::string value = upload.checksum_type == kComposite ? CompositeChecksum(algorithm, part_checksums)
                                                         : ComputeChecksum(algorithm, body);
  const Document* given = input.Find(ChecksumMember(algorithm));
  if (given && given->AsString() != value) {
    return Status::InvalidArgument("BadDigest",
                                   "The " + algorithm + " you specified did not match the calculated checksum.");
  }
  return value;
}

std::string ObjectLocation(const RequestContext& context, std::string_view bucket, std::string_view key) {
  std::string path = core::UriEncode(key, /*keep_slash=*/true);
  if (!context.endpoint.empty()) return context.endpoint + "/" + std::string(bucket) + "/" + path;
  return "https://" + std::string(bucket) + ".s3." + context.region + ".amazonaws.com/" + path;
}

StatusOr<Document> CompleteMultipartUpload(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto upload = FindUploadFor(state, bucket->name, input);
  if (!upload.ok()) return upload.status();
  auto parts = ListedParts(state, *upload, input);
  if (!parts.ok()) return parts.status();
  std::optional<ObjectVersion> current = CurrentObject(state, bucket->name, upload->key);
  if (Status conditions = EvaluateWriteConditions(input, upload->key, current ? &*current : nullptr);
      !conditions.ok()) {
    return conditions;
  }

  const std::string& algorithm = upload->checksum_algorithm;
  std::string body;
  std::string part_md5s;
  std::vector<std::string> part_checksums;
  ObjectVersion version;
  for (const UploadPart& part : *parts) {
    std::optional<std::string> bytes = state.ReadBody(part.body_id);
    if (!bytes) return Status::Internal("Part " + std::to_string(part.part_number) + " of the upload is missing");
    part_md5s += core::Md5(*bytes);
    if (!algorithm.empty()) {
      auto stored = part.checksums.find(algorithm);
      part_checksums.push_back(stored != part.checksums.end() ? stored->second : ComputeChecksum(algorithm, *bytes));
    }
    body += *bytes;
    version.part_sizes.push_back(part.size);
  }
  if (const Document* expected_size = input.Find("MpuObjectSize");
      expected_size && static_cast<uint64_t>(expected_size->AsInt()) != body.size()) {
    return InvalidRequest("The provided 'x-amz-mp-object-size' header value " + std::to_string(expected_size->AsInt()) +
                          " does not match what was computed: " + std::to_string(body.size()));
  }
  if (!algorithm.empty()) {
    auto checksum = ObjectChecksum(*upload, part_checksums, body, input);
    if (!checksum.ok()) return checksum.status();
    version.checksums[algorithm] = *checksum;
    version.checksum_type = upload->checksum_type;
  }
  ApplyDescription(DescriptionOf(*upload), version);
  version.key = upload->key;
  // A multipart object is dated by the start of its upload, as on S3.
  version.last_modified_millis = upload->initiated_millis;
  version.etag = "\"" + core::HexEncode(core::Md5(part_md5s)) + "-" + std::to_string(parts->size()) + "\"";
  core::WriteBatch batch;
  StageNewVersion(state, *bucket, version, std::move(body), batch);
  state.DeleteUpload(batch, *upload, /*keep_bodies=*/false);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  output.Set("Location", ObjectLocation(context, bucket->name, version.key));
  output.Set("Bucket", bucket->name);
  output.Set("Key", version.key);
  output.Set("ETag", version.etag);
  AddChecksumMembers(version.checksums, version.checksum_type, output);
  AddEncryptionMembers(version.encryption, output);
  SetVersionIdMember(*bucket, version.version_id, output);
  return output;
}

}  // namespace

void RegisterMultipartCompleteOperation(S3State& state, const AddOperation& add) {
  add("CompleteMultipartUpload", [&state](const Document& input, const RequestContext& context) {
    return CompleteMultipartUpload(state, input, context);
  });
}

}  // namespace cloudemu::services::s3
