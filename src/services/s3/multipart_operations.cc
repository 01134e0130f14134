// CreateMultipartUpload, UploadPart, UploadPartCopy and AbortMultipartUpload;
// RegisterMultipartOperations also gathers the other multipart files
// (multipart_operation_groups.h).
#include <mutex>
#include <optional>

#include "services/s3/bucket_access.h"
#include "services/s3/byte_range.h"
#include "services/s3/copy_source.h"
#include "services/s3/multipart_operation_groups.h"
#include "services/s3/multipart_uploads.h"
#include "services/s3/new_object.h"
#include "services/s3/object_checksums.h"
#include "services/s3/object_keys.h"
#include "services/s3/preconditions.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr uint64_t kMaxPartBytes = uint64_t{5} << 30;

StatusOr<Document> CreateMultipartUpload(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  auto requested_checksum = RequestedChecksumOf(input);
  if (!requested_checksum.ok()) return requested_checksum.status();
  std::string algorithm = requested_checksum->has_value() ? (*requested_checksum)->algorithm : "";
  auto checksum_type = MultipartChecksumType(algorithm, input["ChecksumType"].AsString());
  if (!checksum_type.ok()) return checksum_type.status();
  auto description = DescribeNewObject(state, *bucket, input, context);
  if (!description.ok()) return description.status();

  MultipartUpload upload;
  ApplyDescription(*description, upload);
  upload.bucket = bucket->name;
  upload.key = key;
  upload.upload_id = state.NewUploadId();
  upload.initiated_millis = context.now_millis;
  upload.checksum_algorithm = algorithm;
  upload.checksum_type = *checksum_type;
  core::WriteBatch batch;
  state.PutUpload(batch, upload);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  output.Set("Bucket", upload.bucket);
  output.Set("Key", upload.key);
  output.Set("UploadId", upload.upload_id);
  AddEncryptionMembers(upload.encryption, output, /*with_context=*/true);
  if (!algorithm.empty()) {
    output.Set("ChecksumAlgorithm", algorithm);
    output.Set("ChecksumType", upload.checksum_type);
  }
  return output;
}

// The checksums an uploaded part gets (see PartChecksumRequest).
StatusOr<std::map<std::string, std::string>> PartChecksums(const MultipartUpload& upload, const Document& input,
                                                           std::string_view data) {
  auto requested = PartChecksumRequest(upload.checksum_algorithm, input);
  if (!requested.ok()) return requested.status();
  std::map<std::string, std::string> checksums;
  if (requested->has_value()) {
    auto value = VerifyChecksum(**requested, data);
    if (!value.ok()) return value.status();
    checksums[(*requested)->algorithm] = *value;
  }
  return checksums;
}

// Stages `data` as part `part_number` of `upload`.
UploadPart StagePart(const S3State& state, const MultipartUpload& upload, int part_number, std::string data,
                     std::map<std::string, std::string> checksums, int64_t now_millis, core::WriteBatch& batch) {
  UploadPart part;
  part.part_number = part_number;
  part.body_id = state.NewBodyId();
  part.size = data.size();
  part.etag = Md5Etag(data);
  part.last_modified_millis = now_millis;
  part.checksums = std::move(checksums);
  state.PutBody(batch, part.body_id, std::move(data));
  state.PutPart(batch, upload.upload_id, part);
  return part;
}

StatusOr<Document> UploadPartOperation(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto upload = FindUploadFor(state, bucket->name, input);
  if (!upload.ok()) return upload.status();
  auto part_number = PartNumberOf(input);
  if (!part_number.ok()) return part_number.status();
  std::string data = input["Body"].AsString();
  if (data.size() > kMaxPartBytes) {
    return Status::InvalidArgument("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
        .WithDetail("ProposedSize", std::to_string(data.size()))
        .WithDetail("MaxSizeAllowed", std::to_string(kMaxPartBytes));
  }
  if (Status md5 = VerifyContentMd5(input, data); !md5.ok()) return md5;
  auto checksums = PartChecksums(*upload, input, data);
  if (!checksums.ok()) return checksums.status();
  if (Status sse = CheckCustomerKeyForRead(upload->encryption, input); !sse.ok()) return sse;
  core::WriteBatch batch;
  UploadPart part =
      StagePart(state, *upload, *part_number, std::move(data), *std::move(checksums), context.now_millis, batch);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  output.Set("ETag", part.etag);
  AddChecksumMembers(part.checksums, "", output);
  AddEncryptionMembers(upload->encryption, output);
  return output;
}

StatusOr<Document> UploadPartCopy(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto upload = FindUploadFor(state, bucket->name, input);
  if (!upload.ok()) return upload.status();
  auto part_number = PartNumberOf(input);
  if (!part_number.ok()) return part_number.status();
  auto source = ResolveCopySource(state, input);
  if (!source.ok()) return source.status();
  if (const Document* owner = input.Find("ExpectedSourceBucketOwner");
      owner && owner->AsString() != context.account_id) {
    return AccessDenied();
  }
  ByteRange range{0, source->version.size - 1};
  if (const Document* requested = input.Find("CopySourceRange")) {
    auto resolved = ResolveCopySourceRange(requested->AsString(), source->version.size);
    if (!resolved.ok()) return resolved.status();
    range = *resolved;
  }
  uint64_t length = source->version.size == 0 ? 0 : range.length();
  if (length > kMaxPartBytes) {
    return InvalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: " +
                          std::to_string(kMaxPartBytes));
  }
  auto body = ReadObjectBody(state, source->version);
  if (!body.ok()) return body.status();
  std::string data = body->substr(length == 0 ? 0 : range.first, length);
  std::map<std::string, std::string> checksums;
  if (!upload->checksum_algorithm.empty()) {
    checksums[upload->checksum_algorithm] = ComputeChecksum(upload->checksum_algorithm, data);
  }
  core::WriteBatch batch;
  UploadPart part = StagePart(state, *upload, *part_number, std::move(data), checksums, context.now_millis, batch);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;

  Document output = Document::Map();
  SetCopySourceVersionId(*source, output);
  Document& result = output.Set("CopyPartResult", Document::Map());
  result.Set("ETag", part.etag);
  result.Set("LastModified", core::Timestamp{part.last_modified_millis});
  AddChecksumMembers(part.checksums, "", result);
  AddEncryptionMembers(upload->encryption, output);
  return output;
}

StatusOr<Document> AbortMultipartUpload(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto upload = FindUploadFor(state, bucket->name, input);
  if (!upload.ok()) return upload.status();
  if (const Document* initiated = input.Find("IfMatchInitiatedTime");
      initiated && initiated->AsTimestampMillis() / 1000 != upload->initiated_millis / 1000) {
    return PreconditionFailed("x-amz-if-match-initiated-time");
  }
  core::WriteBatch batch;
  state.DeleteUpload(batch, *upload, /*keep_bodies=*/false);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

}  // namespace

void RegisterMultipartOperations(S3State& state, const AddOperation& add) {
  add("CreateMultipartUpload", [&state](const Document& input, const RequestContext& context) {
    return CreateMultipartUpload(state, input, context);
  });
  add("UploadPart", [&state](const Document& input, const RequestContext& context) {
    return UploadPartOperation(state, input, context);
  });
  add("UploadPartCopy",
      [&state](const Document& input, const RequestContext& context) { return UploadPartCopy(state, input, context); });
  add("AbortMultipartUpload", [&state](const Document& input, const RequestContext& context) {
    return AbortMultipartUpload(state, input, context);
  });
  RegisterMultipartCompleteOperation(state, add);
  RegisterMultipartListOperations(state, add);
}

}  // namespace cloudemu::services::s3
