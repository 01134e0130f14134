// Buckets themselves: CreateBucket, DeleteBucket, HeadBucket, ListBuckets,
// GetBucketLocation, versioning and the bucket ACL.
#include <algorithm>
#include <optional>
#include <string>

#include "core/encoding.h"
#include "services/s3/bucket_access.h"
#include "services/s3/bucket_names.h"
#include "services/s3/bucket_tags.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"
#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {
namespace {

constexpr std::string_view kUsEast1 = "us-east-1";
constexpr int64_t kMaxBucketsPerPage = 10000;

Status InvalidLocationConstraint(std::string_view constraint) {
  return Status::InvalidArgument("InvalidLocationConstraint", "The specified location-constraint is not valid")
      .WithDetail("LocationConstraint", std::string(constraint));
}

Status IllegalLocationConstraint(std::string_view constraint) {
  std::string which = constraint.empty() ? "unspecified" : std::string(constraint);
  return Status::InvalidArgument("IllegalLocationConstraintException",
                                 "The " + which +
                                     " location constraint is incompatible for the region specific endpoint this "
                                     "request was sent to.");
}

// A region code such as "eu-west-1" or "us-gov-east-1".
bool LooksLikeRegion(std::string_view text) {
  size_t last_dash = text.rfind('-');
  if (last_dash == std::string_view::npos || last_dash + 1 >= text.size() || text.find('-') != 2) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool digit = c >= '0' && c <= '9';
    if (i > last_dash ? !digit : !((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return text.find("--") == std::string_view::npos;
}

// The region a CreateBucket request puts the bucket in, as AWS decides it
// from the endpoint's region and the LocationConstraint.
StatusOr<std::string> BucketRegionFor(std::string_view constraint, std::string_view endpoint_region) {
  std::string region = constraint == "EU" ? std::string("eu-west-1") : std::string(constraint);
  if (!region.empty() && !LooksLikeRegion(region)) return InvalidLocationConstraint(constraint);
  if (endpoint_region == kUsEast1) {
    // The global endpoint creates buckets anywhere, but us-east-1 is named
    // by leaving the constraint out.
    if (region == kUsEast1) return InvalidLocationConstraint(constraint);
    return region.empty() ? std::string(kUsEast1) : region;
  }
  if (region != endpoint_region) return IllegalLocationConstraint(constraint);
  return region;
}

Document OwnershipControls(std::string_view ownership) {
  Document rule = Document::Map();
  rule.Set("ObjectOwnership", ownership);
  Document controls = Document::Map();
  controls.Set("Rules", Document::List()).Append(std::move(rule));
  return controls;
}

// New buckets block all public access, as on AWS since April 2023.
Document BlockAllPublicAccess() {
  Document block = Document::Map();
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    block.Set(setting, true);
  }
  return block;
}

Document LocationOf(const BucketRecord& bucket) {
  Document output = Document::Map();
  output.Set("Location",
             bucket.region == kUsEast1 ? "/" + bucket.name : "http://" + bucket.name + ".s3.amazonaws.com/");
  return output;
}

StatusOr<Document> CreateBucket(S3State& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["Bucket"].AsString();
  if (!IsValidBucketName(name)) return InvalidBucketName(name);
  const Document& configuration = input["CreateBucketConfiguration"];
  auto region = BucketRegionFor(configuration["LocationConstraint"].AsString(), context.region);
  if (!region.ok()) return region.status();

  std::string ownership = input["ObjectOwnership"].AsString("BucketOwnerEnforced");
  if (ownership != "BucketOwnerEnforced" && ownership != "BucketOwnerPreferred" && ownership != "ObjectWriter") {
    return InvalidArgument("Invalid x-amz-object-ownership header: " + ownership, "x-amz-object-ownership", ownership);
  }
  Document owner = AclOwner(context.account_id);
  auto requested_acl = AclFromHeaders(input, owner);
  if (!requested_acl.ok()) return requested_acl.status();
  Document acl = requested_acl->has_value() ? **requested_acl : *CannedAcl("private", owner);
  if (ownership == "BucketOwnerEnforced" && !AclIsOwnerFullControlOnly(acl, owner)) {
    return Status::InvalidArgument("InvalidBucketAclWithObjectOwnership",
                                   "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  if (AclGrantsPublicAccess(acl)) {
    return Status::InvalidArgument("InvalidBucketAclWithBlockPublicAccessError",
                                   "Bucket cannot have public ACLs set with BlockPublicAccess enabled");
  }
  std::optional<Document> tagging;
  if (const Document* tags = configuration.Find("Tags")) {
    auto checked = BucketTaggingFromTagSet(*tags);
    if (!checked.ok()) return checked.status();
    tagging = *std::move(checked);
  }

  std::lock_guard lock(state.write_mutex());
  core::WriteBatch batch;
  if (auto existing = state.FindBucket(name)) {
    // Legacy us-east-1 behaviour: re-creating your own bucket succeeds and
    // resets its ACL.
    if (existing->region != kUsEast1 || *region != kUsEast1) return BucketAlreadyOwnedByYou(name);
    state.PutConfig(batch, name, config_kind::kAcl, acl);
    if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
    return LocationOf(*existing);
  }
  BucketRecord bucket;
  bucket.name = name;
  bucket.region = *region;
  bucket.created_millis = context.now_millis;
  bucket.object_lock_enabled = input["ObjectLockEnabledForBucket"].AsBool();
  if (bucket.object_lock_enabled) {
    bucket.versioning = "Enabled";  // Object Lock needs versioning, and turns it on.
    Document lock_configuration = Document::Map();
    lock_configuration.Set("ObjectLockEnabled", "Enabled");
    state.PutConfig(batch, name, config_kind::kObjectLock, lock_configuration);
  }
  state.PutBucket(batch, bucket);
  state.PutConfig(batch, name, config_kind::kAcl, acl);
  state.PutConfig(batch, name, config_kind::kOwnershipControls, OwnershipControls(ownership));
  state.PutConfig(batch, name, config_kind::kPublicAccessBlock, BlockAllPublicAccess());
  if (tagging) state.PutConfig(batch, name, config_kind::kTagging, *tagging);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return LocationOf(bucket);
}

StatusOr<Document> DeleteBucket(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  if (!state.BucketIsEmpty(bucket->name)) return BucketNotEmpty(bucket->name);
  core::WriteBatch batch;
  state.DeleteBucket(batch, bucket->name);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> HeadBucket(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  Document output = Document::Map();
  output.Set("BucketRegion", bucket->region);
  output.Set("AccessPointAlias", false);
  return output;
}

StatusOr<Document> ListBuckets(S3State& state, const Document& input, const RequestContext& context) {
  // Paginated calls (any of these members) get regions and tokens; a bare
  // call gets every bucket, as on AWS.
  bool paginated =
      input.Has("MaxBuckets") || input.Has("ContinuationToken") || input.Has("Prefix") || input.Has("BucketRegion");
  int64_t max_buckets = input["MaxBuckets"].AsInt(kMaxBucketsPerPage);
  if (max_buckets < 1 || max_buckets > kMaxBucketsPerPage) {
    return InvalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets",
                           std::to_string(max_buckets));
  }
  std::string after;
  if (const Document* token = input.Find("ContinuationToken")) {
    auto decoded = core::Base64Decode(token->AsString());
    if (!decoded || decoded->empty()) {
      return InvalidArgument("The continuation token provided is incorrect", "continuation-token", token->AsString());
    }
    after = *std::move(decoded);
  }
  const std::string& prefix = input["Prefix"].AsString();
  const std::string& region_filter = input["BucketRegion"].AsString();

  Document output = Document::Map();
  Document& buckets = output.Set("Buckets", Document::List());
  std::string last_listed;
  bool truncated = false;
  for (const BucketRecord& bucket : state.ListBuckets()) {
    if (bucket.name <= after || !bucket.name.starts_with(prefix)) continue;
    if (!region_filter.empty() && bucket.region != region_filter) continue;
    if (static_cast<int64_t>(buckets.size()) == max_buckets) {
      truncated = true;
      break;
    }
    Document& entry = buckets.Append(Document::Map());
    entry.Set("Name", bucket.name);
    entry.Set("CreationDate", core::Timestamp{bucket.created_millis});
    if (paginated) entry.Set("BucketRegion", bucket.region);
    last_listed = bucket.name;
  }
  output.Set("Owner", AclOwner(context.account_id));
  if (truncated) output.Set("ContinuationToken", core::Base64Encode(last_listed));
  if (input.Has("Prefix")) output.Set("Prefix", prefix);
  return output;
}

StatusOr<Document> GetBucketLocation(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  Document output = Document::Map();
  // us-east-1 answers an empty LocationConstraint.
  if (bucket->region != kUsEast1) output.Set("LocationConstraint", bucket->region);
  return output;
}

StatusOr<Document> PutBucketVersioning(S3State& state, const Document& input, const RequestContext& context) {
  const Document& configuration = input["VersioningConfiguration"];
  const Document* status = configuration.Find("Status");
  const Document* mfa_delete = configuration.Find("MFADelete");
  if (status && status->AsString() != "Enabled" && status->AsString() != "Suspended") return MalformedXml();
  if (mfa_delete && mfa_delete->AsString() != "Enabled" && mfa_delete->AsString() != "Disabled") return MalformedXml();

  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  bool needs_mfa = bucket->mfa_delete == "Enabled" || (mfa_delete && mfa_delete->AsString() == "Enabled");
  if (needs_mfa && input["MFA"].AsString().find(' ') == std::string::npos) {
    return Status::Error("AccessDenied", "Mfa Authentication must be used for this request", 403);
  }
  if (status && status->AsString() != "Enabled" && bucket->object_lock_enabled) {
    return InvalidBucketState(
        "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
  }
  if (status) bucket->versioning = status->AsString();
  if (mfa_delete) bucket->mfa_delete = mfa_delete->AsString();
  core::WriteBatch batch;
  state.PutBucket(batch, *bucket);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> GetBucketVersioning(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  // A bucket whose versioning was never configured answers an empty configuration.
  Document output = Document::Map();
  if (!bucket->versioning.empty()) output.Set("Status", bucket->versioning);
  if (!bucket->mfa_delete.empty()) output.Set("MFADelete", bucket->mfa_delete);
  return output;
}

StatusOr<Document> PutBucketAcl(S3State& state, const Document& input, const RequestContext& context) {
  Document owner = AclOwner(context.account_id);
  auto from_headers = AclFromHeaders(input, owner);
  if (!from_headers.ok()) return from_headers.status();
  const Document* policy = input.Find("AccessControlPolicy");
  if (from_headers->has_value() && policy) {
    return Status::InvalidArgument("UnexpectedContent", "This request does not support content");
  }
  if (!from_headers->has_value() && !policy) {
    return Status::InvalidArgument("MissingSecurityHeader", "Your request was missing a required header")
        .WithDetail("MissingHeaderName", "x-amz-acl");
  }
  auto acl = from_headers->has_value() ? StatusOr<Document>(**from_headers) : AclFromPolicy(*policy, owner);
  if (!acl.ok()) return acl.status();

  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  if (Status allowed = CheckAclAllowed(state, bucket->name, *acl, owner); !allowed.ok()) return allowed;
  core::WriteBatch batch;
  state.PutConfig(batch, bucket->name, config_kind::kAcl, *acl);
  if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  return Document::Map();
}

StatusOr<Document> GetBucketAcl(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto acl = state.FindConfig(bucket->name, config_kind::kAcl);
  if (!acl) return CannedAcl("private", AclOwner(context.account_id));
  return *std::move(acl);
}

}  // namespace

void RegisterBucketOperations(S3State& state, const AddOperation& add) {
  using Operation = StatusOr<Document> (*)(S3State&, const Document&, const RequestContext&);
  const std::pair<const char*, Operation> operations[] = {
      {"CreateBucket", CreateBucket},
      {"DeleteBucket", DeleteBucket},
      {"HeadBucket", HeadBucket},
      {"ListBuckets", ListBuckets},
      {"GetBucketLocation", GetBucketLocation},
      {"PutBucketVersioning", PutBucketVersioning},
      {"GetBucketVersioning", GetBucketVersioning},
      {"PutBucketAcl", PutBucketAcl},
      {"GetBucketAcl", GetBucketAcl},
  };
  for (const auto& [name, operation] : operations) {
    add(name, [&state, operation](const Document& input, const RequestContext& context) {
      return operation(state, input, context);
    });
  }
}

}  // namespace cloudemu::services::s3
