// S3State: S3's records and how they sit in the Store. Every S3 operation
// reads and writes through this class; nothing else knows the table layout.
//
// Tables (keys use '\0' as separator; S3 keys cannot contain NUL in XML):
//   s3.buckets   name                                  -> BucketRecord JSON
//   s3.config    bucket \0 kind                        -> configuration Document JSON
//                (kind: "tagging", "policy", "cors", "acl", ... as the operations name them)
//   s3.versions  bucket \0 key \0 <16 hex, newest first> -> ObjectVersion JSON
//   s3.bodies    body id                               -> raw object bytes
//   s3.uploads   bucket \0 upload id                   -> MultipartUpload JSON
//   s3.parts     upload id \0 <5-digit part number>    -> UploadPart JSON
// Bodies live apart from metadata so that listings never load object data.
//
// Thread-safety: reads may run concurrently with anything; every
// read-modify-write must hold write_mutex() from its first read to Commit.
#ifndef CLOUDEMU_SERVICES_S3_S3_STATE_H_
#define CLOUDEMU_SERVICES_S3_S3_STATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"

namespace cloudemu::services::s3 {

// The `kind` of each bucket configuration document in s3.config. Each
// document is stored in the shape of the operation's configuration member
// (e.g. the Tagging structure for "tagging", the Policy string under
// {"Policy": ...} for "policy").
namespace config_kind {
inline constexpr std::string_view kAcl = "acl";  // {Owner, Grants}
inline constexpr std::string_view kTagging = "tagging";
inline constexpr std::string_view kPolicy = "policy";
inline constexpr std::string_view kCors = "cors";
inline constexpr std::string_view kEncryption = "encryption";
inline constexpr std::string_view kLifecycle = "lifecycle";
inline constexpr std::string_view kPublicAccessBlock = "public_access_block";
inline constexpr std::string_view kOwnershipControls = "ownership_controls";
inline constexpr std::string_view kWebsite = "website";
inline constexpr std::string_view kLogging = "logging";
inline constexpr std::string_view kNotification = "notification";
inline constexpr std::string_view kAccelerate = "accelerate";
inline constexpr std::string_view kRequestPayment = "request_payment";
inline constexpr std::string_view kReplication = "replication";
inline constexpr std::string_view kObjectLock = "object_lock";
}  // namespace config_kind

struct BucketRecord {
  std::string name;
  std::string region;
  int64_t created_millis = 0;
  std::string versioning;        // "", "Enabled", "Suspended"
  std::string mfa_delete;        // "", "Enabled", "Disabled"
  bool object_lock_enabled = false;
};

struct ObjectVersion {
  std::string bucket;
  std::string key;
  std::string version_id;  // "null" for the unversioned / suspended version
  bool delete_marker = false;
  int64_t last_modified_millis = 0;
  // The rest is meaningless on a delete marker.
  std::string body_id;  // key in s3.bodies
  uint64_t size = 0;
  std::string etag;  // with quotes: "\"<md5 hex>\"" or "\"<md5>-<parts>\""
  std::string storage_class = "STANDARD";
  // Content headers as stored and returned: ContentType, ContentEncoding,
  // ContentDisposition, ContentLanguage, CacheControl, Expires (rfc822 text),
  // WebsiteRedirectLocation.
  std::map<std::string, std::string> content_headers;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* without the prefix
  std::map<std::string, std::string> tags;
  // "CRC32" | "CRC32C" | "SHA1" | "SHA256" | "CRC64NVME" -> base64 value.
  std::map<std::string, std::string> checksums;
  std::string checksum_type;  // "FULL_OBJECT" or "COMPOSITE", "" when none
  // Server-side encryption as requested/echoed: ServerSideEncryption,
  // SSEKMSKeyId, BucketKeyEnabled ("true"/"false"), SSECustomerAlgorithm, SSECustomerKeyMD5.
  std::map<std::string, std::string> encryption;
  std::string canned_acl = "private";
  core::Document acl;  // full AccessControlPolicy when set with grants, else null
  // Part boundaries for multipart objects (size of each part, in order), so
  // GetObject/HeadObject with partNumber can answer.
  std::vector<uint64_t> part_sizes;
};

struct MultipartUpload {
  std::string bucket;
  std::string key;
  std::string upload_id;
  int64_t initiated_millis = 0;
  std::string storage_class = "STANDARD";
  std::map<std::string, std::string> content_headers;
  std::map<std::string, std::string> metadata;
  std::map<std::string, std::string> tags;
  std::map<std::string, std::string> encryption;
  std::string checksum_algorithm;  // "" when none was requested
  std::string checksum_type;
  std::string canned_acl = "private";
  core::Document acl;  // the ACL the upload's object gets when set with grants, else null
};

struct UploadPart {
  int part_number = 0;
  std::string body_id;
  uint64_t size = 0;
  std::string etag;  // with quotes
  int64_t last_modified_millis = 0;
  std::map<std::string, std::string> checksums;
};

class S3State {
 public:
  S3State(core::Store& store, core::IdGenerator& ids) : store_(store), ids_(ids) {}

  std::mutex& write_mutex() const { return write_mutex_; }
  core::Store& store() const { return store_; }
  core::IdGenerator& ids() const { return ids_; }

  // --- buckets
  std::optional<BucketRecord> FindBucket(std::string_view name) const;
  // NoSuchBucket (404, with <BucketName>) when absent.
  StatusOr<BucketRecord> RequireBucket(std::string_view name) const;
  std::vector<BucketRecord> ListBuckets() const;  // sorted by name
  void PutBucket(core::WriteBatch& batch, const BucketRecord& bucket) const;
  // Deletes the bucket record and all its configuration.
  void DeleteBucket(core::WriteBatch& batch, std::string_view name) const;
  bool BucketIsEmpty(std::string_view name) const;  // no versions, markers or uploads

  // --- bucket configuration documents
  std::optional<core::Document> FindConfig(std::string_view bucket, std::string_view kind) const;
  void PutConfig(core::WriteBatch& batch, std::string_view bucket, std::string_view kind,
                 const core::Document& config) const;
  void DeleteConfig(core::WriteBatch& batch, std::string_view bucket, std::string_view kind) const;

  // --- objects and versions
  // The newest version (which may be a delete marker), or nullopt.
  std::optional<ObjectVersion> FindLatest(std::string_view bucket, std::string_view key) const;
  std::optional<ObjectVersion> FindVersion(std::string_view bucket, std::string_view key,
                                           std::string_view version_id) const;
  // Every version of `key`, newest first.
  std::vector<ObjectVersion> ListVersions(std::string_view bucket, std::string_view key) const;
  // Walks every version of every key in `bucket` whose key starts with
  // `prefix`, keys in ascending byte order and, within a key, newest first,
  // starting at key `start_key` (inclusive). Return false to stop.
  void ScanVersions(std::string_view bucket, std::string_view prefix, std::string_view start_key,
                    const std::function<bool(const ObjectVersion&)>& visit) const;
  // Adds `version` as the newest version of its key. When its version_id is
  // "null", an existing "null" version of the key is replaced (its body freed).
  void PutVersion(core::WriteBatch& batch, const ObjectVersion& version) const;
  // Removes one version (and frees its body).
  void DeleteVersion(core::WriteBatch& batch, const ObjectVersion& version) const;
  // Rewrites a version's metadata in place (tags, ACL), keeping its position.
  void UpdateVersion(core::WriteBatch& batch, const ObjectVersion& version) const;

  // --- bodies
  std::string NewBodyId() const;
  void PutBody(core::WriteBatch& batch, std::string_view body_id, std::string bytes) const;
  std::optional<std::string> ReadBody(std::string_view body_id) const;

  // --- multipart uploads
  std::optional<MultipartUpload> FindUpload(std::string_view bucket, std::string_view upload_id) const;
  // Uploads of `bucket`, ordered by key then initiation.
  std::vector<MultipartUpload> ListUploads(std::string_view bucket) const;
  void PutUpload(core::WriteBatch& batch, const MultipartUpload& upload) const;
  // Removes the upload and its parts (and, unless keep_bodies, the part bodies).
  void DeleteUpload(core::WriteBatch& batch, const MultipartUpload& upload, bool keep_bodies) const;
  std::vector<UploadPart> ListParts(std::string_view upload_id) const;  // by part number
  std::optional<UploadPart> FindPart(std::string_view upload_id, int part_number) const;
  void PutPart(core::WriteBatch& batch, std::string_view upload_id, const UploadPart& part) const;

  // New ids in S3's formats.
  std::string NewVersionId() const;
  std::string NewUploadId() const;

 private:
  core::Store& store_;
  core::IdGenerator& ids_;
  mutable std::mutex write_mutex_;
};

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_STATE_H_
