// ListParts and ListMultipartUploads.
#include <string>

#include "services/s3/bucket_access.h"
#include "services/s3/list_pagination.h"
#include "services/s3/multipart_operation_groups.h"
#include "services/s3/multipart_uploads.h"
#include "services/s3/object_checksums.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

StatusOr<Document> ListParts(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto upload = FindUploadFor(state, bucket->name, input);
  if (!upload.ok()) return upload.status();
  auto max_parts = ListLimit(input, "MaxParts", "max-parts");
  if (!max_parts.ok()) return max_parts.status();
  int64_t marker = input["PartNumberMarker"].AsInt(0);

  Document parts = Document::List();
  bool truncated = false;
  int64_t next_marker = marker;
  for (const UploadPart& part : state.ListParts(upload->upload_id)) {
    if (part.part_number <= marker) continue;
    if (static_cast<int64_t>(parts.size()) >= *max_parts) {
      truncated = true;
      break;
    }
    Document& entry = parts.Append(Document::Map());
    entry.Set("PartNumber", part.part_number);
    entry.Set("LastModified", core::Timestamp{part.last_modified_millis});
    entry.Set("ETag", part.etag);
    entry.Set("Size", part.size);
    AddChecksumMembers(part.checksums, "", entry);
    next_marker = part.part_number;
  }
  Document owner = AclOwner(context.account_id);
  Document output = Document::Map();
  output.Set("Bucket", bucket->name);
  output.Set("Key", upload->key);
  output.Set("UploadId", upload->upload_id);
  output.Set("PartNumberMarker", marker);
  output.Set("NextPartNumberMarker", next_marker);
  output.Set("MaxParts", *max_parts);
  output.Set("IsTruncated", truncated);
  if (!parts.empty()) output.Set("Parts", std::move(parts));
  output.Set("Initiator", owner);
  output.Set("Owner", owner);
  output.Set("StorageClass", upload->storage_class);
  if (!upload->checksum_algorithm.empty()) {
    output.Set("ChecksumAlgorithm", upload->checksum_algorithm);
    output.Set("ChecksumType", upload->checksum_type);
  }
  return output;
}

Document UploadEntry(const MultipartUpload& upload, const Document& owner, bool url_encoding) {
  Document entry = Document::Map();
  entry.Set("UploadId", upload.upload_id);
  entry.Set("Key", ListingEncode(upload.key, url_encoding));
  entry.Set("Initiated", core::Timestamp{upload.initiated_millis});
  entry.Set("StorageClass", upload.storage_class);
  entry.Set("Owner", owner);
  entry.Set("Initiator", owner);
  if (!upload.checksum_algorithm.empty()) {
    entry.Set("ChecksumAlgorithm", upload.checksum_algorithm);
    entry.Set("ChecksumType", upload.checksum_type);
  }
  return entry;
}

StatusOr<Document> ListMultipartUploads(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto max_uploads = ListLimit(input, "MaxUploads", "max-uploads");
  if (!max_uploads.ok()) return max_uploads.status();
  auto url_encoding = UrlEncodingRequested(input);
  if (!url_encoding.ok()) return url_encoding.status();
  const std::string& prefix = input["Prefix"].AsString();
  const std::string& key_marker = input["KeyMarker"].AsString();
  const std::string& upload_id_marker = input["UploadIdMarker"].AsString();
  ListingPage page(prefix, input["Delimiter"].AsString(), *max_uploads);
  Document owner = AclOwner(context.account_id);

  Document uploads = Document::List();
  const MultipartUpload* last_upload = nullptr;
  bool past_upload_id_marker = upload_id_marker.empty();
  std::vector<MultipartUpload> all = state.ListUploads(bucket->name);
  for (const MultipartUpload& upload : all) {
    if (upload.key.compare(0, prefix.size(), prefix) != 0) continue;
    if (!key_marker.empty()) {
      // With an upload id marker, the marker key's uploads after that id still follow.
      if (!upload_id_marker.empty() && upload.key == key_marker && page.CommonPrefixOf(upload.key).empty()) {
        if (!past_upload_id_marker) {
          past_upload_id_marker = upload.upload_id == upload_id_marker;
          continue;
        }
      } else if (page.CoveredByMarker(upload.key, key_marker)) {
        continue;
      }
    }
    ListingPage::Placement placement = page.Offer(upload.key);
    if (placement == ListingPage::Placement::kPageFull) break;
    if (placement == ListingPage::Placement::kEntry) {
      uploads.Append(UploadEntry(upload, owner, *url_encoding));
      last_upload = &upload;
    } else if (placement == ListingPage::Placement::kNewCommonPrefix) {
      last_upload = nullptr;
    }
  }

  Document output = Document::Map();
  output.Set("Bucket", bucket->name);
  output.Set("KeyMarker", ListingEncode(key_marker, *url_encoding));
  output.Set("UploadIdMarker", upload_id_marker);
  if (page.truncated()) {
    output.Set("NextKeyMarker", ListingEncode(page.last_placed(), *url_encoding));
    if (last_upload != nullptr) output.Set("NextUploadIdMarker", last_upload->upload_id);
  }
  if (input.Has("Prefix")) output.Set("Prefix", ListingEncode(prefix, *url_encoding));
  if (input.Has("Delimiter")) output.Set("Delimiter", ListingEncode(input["Delimiter"].AsString(), *url_encoding));
  output.Set("MaxUploads", *max_uploads);
  output.Set("IsTruncated", page.truncated());
  if (!uploads.empty()) output.Set("Uploads", std::move(uploads));
  AddCommonPrefixes(page, *url_encoding, output);
  if (*url_encoding) output.Set("EncodingType", "url");
  return output;
}

}  // namespace

void RegisterMultipartListOperations(S3State& state, const AddOperation& add) {
  add("ListParts",
      [&state](const Document& input, const RequestContext& context) { return ListParts(state, input, context); });
  add("ListMultipartUploads", [&state](const Document& input, const RequestContext& context) {
    return ListMultipartUploads(state, input, context);
  });
}

}  // namespace cloudemu::services::s3
