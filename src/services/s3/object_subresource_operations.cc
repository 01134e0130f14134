// The tagging and ACL subresources of an object version:
// Put/Get/DeleteObjectTagging and Put/GetObjectAcl.
#include <mutex>
#include <optional>

#include "services/s3/bucket_access.h"
#include "services/s3/object_keys.h"
#include "services/s3/object_lookup.h"
#include "services/s3/object_operation_groups.h"
#include "services/s3/object_tags.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

struct Target {
  BucketRecord bucket;
  ObjectVersion version;
};

StatusOr<Target> FindTarget(const S3State& state, const Document& input, const RequestContext& context,
                            std::string_view method) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  auto version = FindObjectVersion(state, bucket->name, key, input, method);
  if (!version.ok()) return version.status();
  return Target{*std::move(bucket), *std::move(version)};
}

// Rewrites the target's tags and answers with its VersionId.
StatusOr<Document> ReplaceTags(S3State& state, Target& target, TagMap tags) {
  target.version.tags = std::move(tags);
  core::WriteBatch batch;
  state.UpdateVersion(batch, target.version);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  Document output = Document::Map();
  SetVersionIdMember(target.bucket, target.version.version_id, output);
  return output;
}

StatusOr<Document> PutObjectTagging(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto target = FindTarget(state, input, context, "PUT");
  if (!target.ok()) return target.status();
  auto tags = TagsFromTagSet(input["Tagging"]["TagSet"]);
  if (!tags.ok()) return tags.status();
  return ReplaceTags(state, *target, *std::move(tags));
}

StatusOr<Document> DeleteObjectTagging(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto target = FindTarget(state, input, context, "DELETE");
  if (!target.ok()) return target.status();
  return ReplaceTags(state, *target, {});
}

StatusOr<Document> GetObjectTagging(S3State& state, const Document& input, const RequestContext& context) {
  auto target = FindTarget(state, input, context, "GET");
  if (!target.ok()) return target.status();
  Document output = Document::Map();
  SetVersionIdMember(target->bucket, target->version.version_id, output);
  output.Set("TagSet", TagSetOf(target->version.tags));
  return output;
}

StatusOr<Document> PutObjectAcl(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto target = FindTarget(state, input, context, "PUT");
  if (!target.ok()) return target.status();
  Document owner = AclOwner(context.account_id);
  auto from_headers = AclFromHeaders(input, owner);
  if (!from_headers.ok()) return from_headers.status();
  const Document* policy = input.Find("AccessControlPolicy");
  Document acl;
  if (from_headers->has_value()) {
    if (policy != nullptr) {
      return Status::InvalidArgument("UnexpectedContent", "This request does not support content");
    }
    acl = **from_headers;
  } else if (policy != nullptr) {
    auto from_policy = AclFromPolicy(*policy, owner);
    if (!from_policy.ok()) return from_policy.status();
    acl = *std::move(from_policy);
  } else {
    return Status::InvalidArgument("MissingSecurityHeader", "Your request was missing a required header")
        .WithDetail("MissingHeaderName", "x-amz-acl");
  }
  if (Status allowed = CheckAclAllowed(state, target->bucket.name, acl, owner); !allowed.ok()) return allowed;
  target->version.canned_acl = input["ACL"].AsString("private");
  target->version.acl = std::move(acl);
  core::WriteBatch batch;
  state.UpdateVersion(batch, target->version);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> GetObjectAcl(S3State& state, const Document& input, const RequestContext& context) {
  auto target = FindTarget(state, input, context, "GET");
  if (!target.ok()) return target.status();
  if (target->version.acl.is_map()) return target->version.acl;
  return CannedAcl(target->version.canned_acl, AclOwner(context.account_id));
}

}  // namespace

void RegisterObjectSubresourceOperations(S3State& state, const AddOperation& add) {
  add("PutObjectTagging", [&state](const Document& input, const RequestContext& context) {
    return PutObjectTagging(state, input, context);
  });
  add("GetObjectTagging", [&state](const Document& input, const RequestContext& context) {
    return GetObjectTagging(state, input, context);
  });
  add("DeleteObjectTagging", [&state](const Document& input, const RequestContext& context) {
    return DeleteObjectTagging(state, input, context);
  });
  add("PutObjectAcl",
      [&state](const Document& input, const RequestContext& context) { return PutObjectAcl(state, input, context); });
  add("GetObjectAcl",
      [&state](const Document& input, const RequestContext& context) { return GetObjectAcl(state, input, context); });
}

}  // namespace cloudemu::services::s3
