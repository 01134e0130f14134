// What a write (PutObject, CopyObject, CreateMultipartUpload,
// CompleteMultipartUpload) makes of a new object version: its descriptive
// attributes taken from the request (content headers, user metadata, tags,
// storage class, encryption, ACL), and how the version joins its key's
// history as the bucket's versioning state dictates.
// Thread-safety: reads the Store; StageNewVersion's caller holds
// S3State::write_mutex() until the batch is committed.
#ifndef CLOUDEMU_SERVICES_S3_NEW_OBJECT_H_
#define CLOUDEMU_SERVICES_S3_NEW_OBJECT_H_

#include <map>
#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "core/store/store.h"
#include "services/s3/object_encryption.h"
#include "services/s3/object_tags.h"
#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

inline constexpr std::string_view kDefaultContentType = "binary/octet-stream";

struct ObjectDescription {
  std::string storage_class = "STANDARD";
  std::map<std::string, std::string> content_headers;
  std::map<std::string, std::string> metadata;
  TagMap tags;
  EncryptionSettings encryption;
  std::string canned_acl = "private";
  core::Document acl;  // null unless the request set an ACL
};

// The content headers of a write input (ContentType defaults to
// binary/octet-stream; the aws-chunked transfer coding is not kept).
std::map<std::string, std::string> ContentHeadersOf(const core::Document& input);
// The Metadata member; MetadataTooLarge beyond S3's 2 KB of user metadata.
StatusOr<std::map<std::string, std::string>> MetadataOf(const core::Document& input);

// Everything above, plus StorageClass (InvalidStorageClass for classes a
// general purpose bucket does not take), Tagging, encryption and ACL/Grant*.
// Object Lock members are refused: InvalidRequest when the bucket has no
// Object Lock, NotImplemented otherwise.
StatusOr<ObjectDescription> DescribeNewObject(const S3State& state, const BucketRecord& bucket,
                                              const core::Document& input, const RequestContext& context);

// Copies a description into a version or an upload record and back.
void ApplyDescription(const ObjectDescription& description, ObjectVersion& version);
void ApplyDescription(const ObjectDescription& description, MultipartUpload& upload);
ObjectDescription DescriptionOf(const MultipartUpload& upload);

// Gives `version` its id (a new one when the bucket's versioning is Enabled,
// "null" otherwise, which replaces the key's previous null version) and
// stages it with its body as the newest version of its key.
void StageNewVersion(const S3State& state, const BucketRecord& bucket, ObjectVersion& version, std::string body,
                     core::WriteBatch& batch);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_NEW_OBJECT_H_
