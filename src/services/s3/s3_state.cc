#include "services/s3/s3_state.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <tuple>

#include "core/encoding.h"
#include "core/json.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

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
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIx64, order);
  return text;
}

uint64_t ParseOrderSuffix(std::string_view store_key) {
  return std::strtoull(std::string(store_key.substr(store_key.size() - 16)).c_str(), nullptr, 16);
}

// Configuration documents and ACLs keep their exact kinds across the JSON
// round trip: timestamps and blobs (which plain JSON would flatten into
// numbers and strings) are wrapped in one-member maps.
constexpr std::string_view kTimestampTag = "$timestamp";
constexpr std::string_view kBlobTag = "$blob";

Document Wrap(const Document& doc) {
  switch (doc.kind()) {
    case Document::Kind::kTimestamp: {
      Document tagged = Document::Map();
      tagged.Set(kTimestampTag, doc.AsTimestampMillis());
      return tagged;
    }
    case Document::Kind::kBlob: {
      Document tagged = Document::Map();
      tagged.Set(kBlobTag, core::Base64Encode(doc.AsString()));
      return tagged;
    }
    case Document::Kind::kList: {
      Document list = Document::List();
      for (const Document& item : doc.AsList()) list.Append(Wrap(item));
      return list;
    }
    case Document::Kind::kMap: {
      Document map = Document::Map();
      for (const auto& [key, value] : doc.AsMap()) map.Set(key, Wrap(value));
      return map;
    }
    default:
      return doc;
  }
}

Document Unwrap(const Document& doc) {
  if (doc.is_list()) {
    Document list = Document::List();
    for (const Document& item : doc.AsList()) list.Append(Unwrap(item));
    return list;
  }
  if (!doc.is_map()) return doc;
  if (doc.size() == 1) {
    if (const Document* millis = doc.Find(kTimestampTag)) return core::Timestamp{millis->AsInt()};
    if (const Document* bytes = doc.Find(kBlobTag)) {
      return core::Blob{core::Base64Decode(bytes->AsString()).value_or("")};
    }
  }
  Document map = Document::Map();
  for (const auto& [key, value] : doc.AsMap()) map.Set(key, Unwrap(value));
  return map;
}

// Records are plain JSON; only their Document members (an ACL) are wrapped.
Document ParseRecord(std::string_view json) {
  auto parsed = core::FromJson(json);
  return parsed.ok() ? *std::move(parsed) : Document();
}

std::string EncodeDocument(const Document& doc) { return core::ToJson(Wrap(doc)); }

Document DecodeDocument(std::string_view json) { return Unwrap(ParseRecord(json)); }

Document StringMap(const std::map<std::string, std::string>& values) {
  Document map = Document::Map();
  for (const auto& [key, value] : values) map.Set(key, value);
  return map;
}

std::map<std::string, std::string> ReadStringMap(const Document& doc) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : doc.AsMap()) values[key] = value.AsString();
  return values;
}

// --- records <-> JSON

std::string EncodeBucket(const BucketRecord& b) {
  Document doc = Document::Map();
  doc.Set("name", b.name);
  doc.Set("region", b.region);
  doc.Set("created_millis", b.created_millis);
  doc.Set("versioning", b.versioning);
  doc.Set("mfa_delete", b.mfa_delete);
  doc.Set("object_lock_enabled", b.object_lock_enabled);
  return core::ToJson(doc);
}

BucketRecord DecodeBucket(std::string_view json) {
  Document doc = ParseRecord(json);
  BucketRecord b;
  b.name = doc["name"].AsString();
  b.region = doc["region"].AsString();
  b.created_millis = doc["created_millis"].AsInt();
  b.versioning = doc["versioning"].AsString();
  b.mfa_delete = doc["mfa_delete"].AsString();
  b.object_lock_enabled = doc["object_lock_enabled"].AsBool();
  return b;
}

std::string EncodeVersion(const ObjectVersion& v) {
  Document doc = Document::Map();
  doc.Set("bucket", v.bucket);
  doc.Set("key", v.key);
  doc.Set("version_id", v.version_id);
  doc.Set("delete_marker", v.delete_marker);
  doc.Set("last_modified_millis", v.last_modified_millis);
  doc.Set("body_id", v.body_id);
  doc.Set("size", v.size);
  doc.Set("etag", v.etag);
  doc.Set("storage_class", v.storage_class);
  doc.Set("content_headers", StringMap(v.content_headers));
  doc.Set("metadata", StringMap(v.metadata));
  doc.Set("tags", StringMap(v.tags));
  doc.Set("checksums", StringMap(v.checksums));
  doc.Set("checksum_type", v.checksum_type);
  doc.Set("encryption", StringMap(v.encryption));
  doc.Set("canned_acl", v.canned_acl);
  doc.Set("acl", Wrap(v.acl));
  Document& parts = doc.Set("part_sizes", Document::List());
  for (uint64_t size : v.part_sizes) parts.Append(size);
  return core::ToJson(doc);
}

ObjectVersion DecodeVersion(std::string_view json) {
  Document doc = ParseRecord(json);
  ObjectVersion v;
  v.bucket = doc["bucket"].AsString();
  v.key = doc["key"].AsString();
  v.version_id = doc["version_id"].AsString();
  v.delete_marker = doc["delete_marker"].AsBool();
  v.last_modified_millis = doc["last_modified_millis"].AsInt();
  v.body_id = doc["body_id"].AsString();
  v.size = static_cast<uint64_t>(doc["size"].AsInt());
  v.etag = doc["etag"].AsString();
  v.storage_class = doc["storage_class"].AsString("STANDARD");
  v.content_headers = ReadStringMap(doc["content_headers"]);
  v.metadata = ReadStringMap(doc["metadata"]);
  v.tags = ReadStringMap(doc["tags"]);
  v.checksums = ReadStringMap(doc["checksums"]);
  v.checksum_type = doc["checksum_type"].AsString();
  v.encryption = ReadStringMap(doc["encryption"]);
  v.canned_acl = doc["canned_acl"].AsString("private");
  v.acl = Unwrap(doc["acl"]);
  for (const Document& size : doc["part_sizes"].AsList()) v.part_sizes.push_back(static_cast<uint64_t>(size.AsInt()));
  return v;
}

std::string EncodeUpload(const MultipartUpload& u) {
  Document doc = Document::Map();
  doc.Set("bucket", u.bucket);
  doc.Set("key", u.key);
  doc.Set("upload_id", u.upload_id);
  doc.Set("initiated_millis", u.initiated_millis);
  doc.Set("storage_class", u.storage_class);
  doc.Set("content_headers", StringMap(u.content_headers));
  doc.Set("metadata", StringMap(u.metadata));
  doc.Set("tags", StringMap(u.tags));
  doc.Set("encryption", StringMap(u.encryption));
  doc.Set("checksum_algorithm", u.checksum_algorithm);
  doc.Set("checksum_type", u.checksum_type);
  doc.Set("canned_acl", u.canned_acl);
  doc.Set("acl", Wrap(u.acl));
  return core::ToJson(doc);
}

MultipartUpload DecodeUpload(std::string_view json) {
  Document doc = ParseRecord(json);
  MultipartUpload u;
  u.bucket = doc["bucket"].AsString();
  u.key = doc["key"].AsString();
  u.upload_id = doc["upload_id"].AsString();
  u.initiated_millis = doc["initiated_millis"].AsInt();
  u.storage_class = doc["storage_class"].AsString("STANDARD");
  u.content_headers = ReadStringMap(doc["content_headers"]);
  u.metadata = ReadStringMap(doc["metadata"]);
  u.tags = ReadStringMap(doc["tags"]);
  u.encryption = ReadStringMap(doc["encryption"]);
  u.checksum_algorithm = doc["checksum_algorithm"].AsString();
  u.checksum_type = doc["checksum_type"].AsString();
  u.canned_acl = doc["canned_acl"].AsString("private");
  u.acl = Unwrap(doc["acl"]);
  return u;
}

std::string EncodePart(const UploadPart& p) {
  Document doc = Document::Map();
  doc.Set("part_number", p.part_number);
  doc.Set("body_id", p.body_id);
  doc.Set("size", p.size);
  doc.Set("etag", p.etag);
  doc.Set("last_modified_millis", p.last_modified_millis);
  doc.Set("checksums", StringMap(p.checksums));
  return core::ToJson(doc);
}

UploadPart DecodePart(std::string_view json) {
  Document doc = ParseRecord(json);
  UploadPart p;
  p.part_number = static_cast<int>(doc["part_number"].AsInt());
  p.body_id = doc["body_id"].AsString();
  p.size = static_cast<uint64_t>(doc["size"].AsInt());
  p.etag = doc["etag"].AsString();
  p.last_modified_millis = doc["last_modified_millis"].AsInt();
  p.checksums = ReadStringMap(doc["checksums"]);
  return p;
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
