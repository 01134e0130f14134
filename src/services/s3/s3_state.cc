#include "services/s3/s3_state.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <tuple>

#include "services/s3/s3_errors.h"
#include "services/s3/s3_records.h"

namespace cloudemu::services::s3 {
namespace {

constexpr std::string_view kBuckets = "s3.buckets";
constexpr std::string_view kConfig = "s3.config";
constexpr std::string_view kVersions = "s3.versions";
constexpr std::string_view kBodies = "s3.bodies";
constexpr std::string_view kUploads = "s3.uploads";
constexpr std::string_view kParts = "s3.parts";
constexpr char kSep = '\0';

std::string Join(std::string_view a, std::string_view b) {
  std::string key(a);
  key += kSep;
  key += b;
  return key;
}

// "bucket \0 key \0" - every version of one key.
std::string VersionPrefix(std::string_view bucket, std::string_view key) { return Join(Join(bucket, key), ""); }

// The 16 hex digits after a version's prefix order versions newest first:
// each new version takes the number one below the newest one's.
std::string OrderSuffix(uint64_t order) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, order >>= 4) text[static_cast<size_t>(i)] = kHex[order & 0xF];
  return text;
}

uint64_t ParseOrderSuffix(std::string_view store_key) {
  std::string_view digits = store_key.substr(store_key.size() - 16);
  uint64_t order = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), order, 16);
  return order;
}

std::string PartKey(std::string_view upload_id, int part_number) {
  char number[8];
  std::snprintf(number, sizeof number, "%05d", part_number);
  return Join(upload_id, number);
}

}  // namespace

// --- buckets

std::optional<BucketRecord> S3State::FindBucket(std::string_view name) const {
  auto json = store_.Get(kBuckets, name);
  if (!json) return std::nullopt;
  return DecodeBucket(*json);
}

StatusOr<BucketRecord> S3State::RequireBucket(std::string_view name) const {
  auto bucket = FindBucket(name);
  if (!bucket) return NoSuchBucket(name);
  return *std::move(bucket);
}

std::vector<BucketRecord> S3State::ListBuckets() const {
  std::vector<BucketRecord> buckets;
  store_.Scan(kBuckets, "", [&](std::string_view, std::string_view value) {
    buckets.push_back(DecodeBucket(value));
    return true;
  });
  return buckets;
}

void S3State::PutBucket(core::WriteBatch& batch, const BucketRecord& bucket) const {
  batch.Put(kBuckets, bucket.name, EncodeBucket(bucket));
}

void S3State::DeleteBucket(core::WriteBatch& batch, std::string_view name) const {
  batch.Delete(kBuckets, name);
  store_.ScanPrefix(kConfig, Join(name, ""), [&](std::string_view key, std::string_view) {
    batch.Delete(kConfig, key);
    return true;
  });
}

bool S3State::BucketIsEmpty(std::string_view name) const {
  bool empty = true;
  auto found = [&](std::string_view, std::string_view) {
    empty = false;
    return false;
  };
  std::string prefix = Join(name, "");
  store_.ScanPrefix(kVersions, prefix, found);
  if (empty) store_.ScanPrefix(kUploads, prefix, found);
  return empty;
}

// --- bucket configuration documents

std::optional<core::Document> S3State::FindConfig(std::string_view bucket, std::string_view kind) const {
  auto json = store_.Get(kConfig, Join(bucket, kind));
  if (!json) return std::nullopt;
  return DecodeDocument(*json);
}

void S3State::PutConfig(core::WriteBatch& batch, std::string_view bucket, std::string_view kind,
                        const core::Document& config) const {
  batch.Put(kConfig, Join(bucket, kind), EncodeDocument(config));
}

void S3State::DeleteConfig(core::WriteBatch& batch, std::string_view bucket, std::string_view kind) const {
  batch.Delete(kConfig, Join(bucket, kind));
}

// --- objects and versions
//
// Version writes read the Store, not the pending batch: one batch must not
// add two versions of the same key.

std::optional<ObjectVersion> S3State::FindLatest(std::string_view bucket, std::string_view key) const {
  std::optional<ObjectVersion> latest;
  store_.ScanPrefix(kVersions, VersionPrefix(bucket, key), [&](std::string_view, std::string_view value) {
    latest = DecodeVersion(value);
    return false;
  });
  return latest;
}

std::optional<ObjectVersion> S3State::FindVersion(std::string_view bucket, std::string_view key,
                                                  std::string_view version_id) const {
  std::optional<ObjectVersion> found;
  store_.ScanPrefix(kVersions, VersionPrefix(bucket, key), [&](std::string_view, std::string_view value) {
    ObjectVersion version = DecodeVersion(value);
    if (version.version_id != version_id) return true;
    found = std::move(version);
    return false;
  });
  return found;
}

std::vector<ObjectVersion> S3State::ListVersions(std::string_view bucket, std::string_view key) const {
  std::vector<ObjectVersion> versions;
  store_.ScanPrefix(kVersions, VersionPrefix(bucket, key), [&](std::string_view, std::string_view value) {
    versions.push_back(DecodeVersion(value));
    return true;
  });
  return versions;
}

void S3State::ScanVersions(std::string_view bucket, std::string_view prefix, std::string_view start_key,
                           const std::function<bool(const ObjectVersion&)>& visit) const {
  std::string scan_prefix = Join(bucket, prefix);
  std::string start = Join(bucket, std::max(prefix, start_key));
  store_.Scan(kVersions, start, [&](std::string_view store_key, std::string_view value) {
    if (store_key.substr(0, scan_prefix.size()) != scan_prefix) return false;
    return visit(DecodeVersion(value));
  });
}

void S3State::PutVersion(core::WriteBatch& batch, const ObjectVersion& version) const {
  std::string prefix = VersionPrefix(version.bucket, version.key);
  uint64_t newest_order = std::numeric_limits<uint64_t>::max();
  bool first = true;
  store_.ScanPrefix(kVersions, prefix, [&](std::string_view store_key, std::string_view value) {
    if (first) {
      newest_order = ParseOrderSuffix(store_key);
      first = false;
    }
    if (version.version_id != "null") return false;
    ObjectVersion existing = DecodeVersion(value);
    if (existing.version_id != "null") return true;
    batch.Delete(kVersions, store_key);
    if (!existing.body_id.empty() && existing.body_id != version.body_id) batch.Delete(kBodies, existing.body_id);
    return false;
  });
  batch.Put(kVersions, prefix + OrderSuffix(newest_order - 1), EncodeVersion(version));
}

void S3State::DeleteVersion(core::WriteBatch& batch, const ObjectVersion& version) const {
  store_.ScanPrefix(kVersions, VersionPrefix(version.bucket, version.key),
                    [&](std::string_view store_key, std::string_view value) {
                      if (DecodeVersion(value).version_id != version.version_id) return true;
                      batch.Delete(kVersions, store_key);
                      return false;
                    });
  if (!version.body_id.empty()) batch.Delete(kBodies, version.body_id);
}

void S3State::UpdateVersion(core::WriteBatch& batch, const ObjectVersion& version) const {
  store_.ScanPrefix(kVersions, VersionPrefix(version.bucket, version.key),
                    [&](std::string_view store_key, std::string_view value) {
                      if (DecodeVersion(value).version_id != version.version_id) return true;
                      batch.Put(kVersions, store_key, EncodeVersion(version));
                      return false;
                    });
}

// --- bodies

std::string S3State::NewBodyId() const { return ids_.Hex(32); }

void S3State::PutBody(core::WriteBatch& batch, std::string_view body_id, std::string bytes) const {
  batch.Put(kBodies, body_id, std::move(bytes));
}

std::optional<std::string> S3State::ReadBody(std::string_view body_id) const { return store_.Get(kBodies, body_id); }

// --- multipart uploads

std::optional<MultipartUpload> S3State::FindUpload(std::string_view bucket, std::string_view upload_id) const {
  auto json = store_.Get(kUploads, Join(bucket, upload_id));
  if (!json) return std::nullopt;
  return DecodeUpload(*json);
}

std::vector<MultipartUpload> S3State::ListUploads(std::string_view bucket) const {
  std::vector<MultipartUpload> uploads;
  store_.ScanPrefix(kUploads, Join(bucket, ""), [&](std::string_view, std::string_view value) {
    uploads.push_back(DecodeUpload(value));
    return true;
  });
  std::sort(uploads.begin(), uploads.end(), [](const MultipartUpload& a, const MultipartUpload& b) {
    return std::tie(a.key, a.initiated_millis, a.upload_id) < std::tie(b.key, b.initiated_millis, b.upload_id);
  });
  return uploads;
}

void S3State::PutUpload(core::WriteBatch& batch, const MultipartUpload& upload) const {
  batch.Put(kUploads, Join(upload.bucket, upload.upload_id), EncodeUpload(upload));
}

void S3State::DeleteUpload(core::WriteBatch& batch, const MultipartUpload& upload, bool keep_bodies) const {
  batch.Delete(kUploads, Join(upload.bucket, upload.upload_id));
  store_.ScanPrefix(kParts, Join(upload.upload_id, ""), [&](std::string_view store_key, std::string_view value) {
    batch.Delete(kParts, store_key);
    if (!keep_bodies) {
      UploadPart part = DecodePart(value);
      if (!part.body_id.empty()) batch.Delete(kBodies, part.body_id);
    }
    return true;
  });
}

std::vector<UploadPart> S3State::ListParts(std::string_view upload_id) const {
  std::vector<UploadPart> parts;
  store_.ScanPrefix(kParts, Join(upload_id, ""), [&](std::string_view, std::string_view value) {
    parts.push_back(DecodePart(value));
    return true;
  });
  return parts;
}

std::optional<UploadPart> S3State::FindPart(std::string_view upload_id, int part_number) const {
  auto json = store_.Get(kParts, PartKey(upload_id, part_number));
  if (!json) return std::nullopt;
  return DecodePart(*json);
}

// A part uploaded again under the same number replaces the earlier one.
void S3State::PutPart(core::WriteBatch& batch, std::string_view upload_id, const UploadPart& part) const {
  auto replaced = FindPart(upload_id, part.part_number);
  if (replaced && !replaced->body_id.empty() && replaced->body_id != part.body_id) {
    batch.Delete(kBodies, replaced->body_id);
  }
  batch.Put(kParts, PartKey(upload_id, part.part_number), EncodePart(part));
}

// --- ids

// Version ids are 32 characters, upload ids 64, as AWS hands them out.
std::string S3State::NewVersionId() const { return ids_.Alphanumeric(32); }

std::string S3State::NewUploadId() const { return ids_.Alphanumeric(64); }

}  // namespace cloudemu::services::s3
