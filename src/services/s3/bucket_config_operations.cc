// The bucket configuration operations (Put/Get/Delete of tagging, policy,
// CORS, encryption, lifecycle, website, ...). They share one shape - check
// and store a document, read it back, remove it - so they are described by a
// table; what differs is the check (bucket_config_checks.h) and how a Get
// answers when the configuration is absent, which follows AWS exactly
// because clients such as Terraform read every one of them.
#include <string>
#include <vector>

#include "services/s3/bucket_access.h"
#include "services/s3/bucket_config_checks.h"
#include "services/s3/bucket_policy.h"
#include "services/s3/s3_errors.h"
#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {
namespace {

struct ConfigOperations {
  std::string_view kind;
  const char* put;
  const char* get;
  const char* remove;  // nullptr: AWS has no Delete for it
  ConfigCheck check;
  // The Get output member that holds the stored document; "" when the
  // document's members are the output's members.
  std::string_view output_member;
  // What a Get answers when the configuration is absent: this 404 error, or
  // (when the code is empty) the output of `absent_output`.
  std::string_view missing_code;
  std::string_view missing_message;
  Document (*absent_output)();
  // A member of the stored document the Put also answers with.
  std::string_view put_echo;
};

Document EmptyOutput() { return Document::Map(); }

// Every bucket encrypts with SSE-S3 unless configured otherwise (AWS, January 2023).
Document DefaultEncryption() {
  Document by_default = Document::Map();
  by_default.Set("SSEAlgorithm", "AES256");
  Document rule = Document::Map();
  rule.Set("ApplyServerSideEncryptionByDefault", std::move(by_default));
  rule.Set("BucketKeyEnabled", false);
  Document configuration = Document::Map();
  configuration.Set("Rules", Document::List()).Append(std::move(rule));
  Document output = Document::Map();
  output.Set("ServerSideEncryptionConfiguration", std::move(configuration));
  return output;
}

Document BucketOwnerPays() {
  Document output = Document::Map();
  output.Set("Payer", "BucketOwner");
  return output;
}

const std::vector<ConfigOperations>& AllConfigOperations() {
  static const std::vector<ConfigOperations> kOperations = {
      {config_kind::kTagging, "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging", CheckTagging, "",
       "NoSuchTagSet", "The TagSet does not exist", nullptr, ""},
      {config_kind::kPolicy, "PutBucketPolicy", "GetBucketPolicy", "DeleteBucketPolicy", CheckPolicy, "",
       "NoSuchBucketPolicy", "The bucket policy does not exist", nullptr, ""},
      {config_kind::kCors, "PutBucketCors", "GetBucketCors", "DeleteBucketCors", CheckCors, "",
       "NoSuchCORSConfiguration", "The CORS configuration does not exist", nullptr, ""},
      {config_kind::kEncryption, "PutBucketEncryption", "GetBucketEncryption", "DeleteBucketEncryption",
       CheckEncryption, "ServerSideEncryptionConfiguration", "", "", DefaultEncryption, ""},
      {config_kind::kLifecycle, "PutBucketLifecycleConfiguration", "GetBucketLifecycleConfiguration",
       "DeleteBucketLifecycle", CheckLifecycle, "", "NoSuchLifecycleConfiguration",
       "The lifecycle configuration does not exist", nullptr, "TransitionDefaultMinimumObjectSize"},
      {config_kind::kPublicAccessBlock, "PutPublicAccessBlock", "GetPublicAccessBlock", "DeletePublicAccessBlock",
       CheckPublicAccessBlock, "PublicAccessBlockConfiguration", "NoSuchPublicAccessBlockConfiguration",
       "The public access block configuration was not found", nullptr, ""},
      {config_kind::kOwnershipControls, "PutBucketOwnershipControls", "GetBucketOwnershipControls",
       "DeleteBucketOwnershipControls", CheckOwnershipControls, "OwnershipControls", "OwnershipControlsNotFoundError",
       "The bucket ownership controls were not found", nullptr, ""},
      {config_kind::kWebsite, "PutBucketWebsite", "GetBucketWebsite", "DeleteBucketWebsite", CheckWebsite, "",
       "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration", nullptr, ""},
      {config_kind::kLogging, "PutBucketLogging", "GetBucketLogging", nullptr, CheckLogging, "", "", "", EmptyOutput,
       ""},
      {config_kind::kNotification, "PutBucketNotificationConfiguration", "GetBucketNotificationConfiguration", nullptr,
       CheckNotification, "", "", "", EmptyOutput, ""},
      {config_kind::kAccelerate, "PutBucketAccelerateConfiguration", "GetBucketAccelerateConfiguration", nullptr,
       CheckAccelerate, "", "", "", EmptyOutput, ""},
      {config_kind::kRequestPayment, "PutBucketRequestPayment", "GetBucketRequestPayment", nullptr, CheckRequestPayment,
       "", "", "", BucketOwnerPays, ""},
      {config_kind::kReplication, "PutBucketReplication", "GetBucketReplication", "DeleteBucketReplication",
       CheckReplication, "ReplicationConfiguration", "ReplicationConfigurationNotFoundError",
       "The replication configuration was not found", nullptr, ""},
      {config_kind::kObjectLock, "PutObjectLockConfiguration", "GetObjectLockConfiguration", nullptr, CheckObjectLock,
       "ObjectLockConfiguration", "ObjectLockConfigurationNotFoundError",
       "Object Lock configuration does not exist for this bucket", nullptr, ""},
  };
  return kOperations;
}

StatusOr<Document> PutConfiguration(S3State& state, const ConfigOperations& spec, const Document& input,
                                    const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  ConfigChange change{state, context, *bucket};
  auto checked = spec.check(input, change);
  if (!checked.ok()) return checked.status();
  core::WriteBatch batch;
  if (checked->has_value()) {
    state.PutConfig(batch, bucket->name, spec.kind, **checked);
  } else {
    state.DeleteConfig(batch, bucket->name, spec.kind);
  }
  if (change.bucket_changed) state.PutBucket(batch, *bucket);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  Document output = Document::Map();
  if (!spec.put_echo.empty() && checked->has_value()) {
    if (const Document* echo = (**checked).Find(spec.put_echo)) output.Set(spec.put_echo, *echo);
  }
  return output;
}

StatusOr<Document> GetConfiguration(const S3State& state, const ConfigOperations& spec, const Document& input,
                                    const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto stored = state.FindConfig(bucket->name, spec.kind);
  if (!stored) {
    if (!spec.missing_code.empty()) {
      return NoSuchConfiguration(std::string(spec.missing_code), std::string(spec.missing_message), bucket->name);
    }
    return spec.absent_output();
  }
  if (spec.output_member.empty()) return *std::move(stored);
  Document output = Document::Map();
  output.Set(spec.output_member, *std::move(stored));
  return output;
}

StatusOr<Document> DeleteConfiguration(S3State& state, const ConfigOperations& spec, const Document& input,
                                       const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  core::WriteBatch batch;
  state.DeleteConfig(batch, bucket->name, spec.kind);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> GetBucketPolicyStatus(const S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto policy = state.FindConfig(bucket->name, config_kind::kPolicy);
  if (!policy) return NoSuchConfiguration("NoSuchBucketPolicy", "The bucket policy does not exist", bucket->name);
  Document output = Document::Map();
  output.Set("PolicyStatus", Document::Map()).Set("IsPublic", BucketPolicyIsPublic((*policy)["Policy"].AsString()));
  return output;
}

}  // namespace

void RegisterBucketConfigOperations(S3State& state, const AddOperation& add) {
  for (const ConfigOperations& spec : AllConfigOperations()) {
    add(spec.put, [&state, &spec](const Document& input, const RequestContext& context) {
      return PutConfiguration(state, spec, input, context);
    });
    add(spec.get, [&state, &spec](const Document& input, const RequestContext& context) {
      return GetConfiguration(state, spec, input, context);
    });
    if (spec.remove) {
      add(spec.remove, [&state, &spec](const Document& input, const RequestContext& context) {
        return DeleteConfiguration(state, spec, input, context);
      });
    }
  }
  add("GetBucketPolicyStatus", [&state](const Document& input, const RequestContext& context) {
    return GetBucketPolicyStatus(state, input, context);
  });
}

}  // namespace cloudemu::services::s3
