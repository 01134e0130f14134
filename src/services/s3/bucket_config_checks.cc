// Checks for the bucket configurations that are settings rather than rule
// lists: tagging, policy, CORS, default encryption, Block Public Access,
// Object Ownership, acceleration, request payment, logging, notifications.
#include <array>
#include <string>

#include "core/ascii.h"
#include "core/encoding.h"
#include "services/s3/bucket_config_checks.h"
#include "services/s3/bucket_policy.h"
#include "services/s3/bucket_tags.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr size_t kMaxCorsRules = 100;

// CORS origins and headers may hold one '*' wildcard at most.
Status CheckWildcards(const Document& values, std::string_view element) {
  for (const Document& value : values.AsList()) {
    const std::string& text = value.AsString();
    if (text.find('*') != text.rfind('*')) {
      return InvalidRequest(std::string(element) + " \"" + text + "\" can not have more than one wildcard.");
    }
  }
  return Status::Ok();
}

Status CheckCorsRule(const Document& rule) {
  if (rule["ID"].AsString().size() > kMaxConfigurationIdLength)
    return InvalidArgument("ID length should not exceed 255");
  const Document& methods = rule["AllowedMethods"];
  if (methods.empty() || rule["AllowedOrigins"].empty()) return MalformedXml();
  for (const Document& method : methods.AsList()) {
    if (!OneOf(method.AsString(), {"GET", "PUT", "HEAD", "POST", "DELETE"})) {
      return InvalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + method.AsString());
    }
  }
  if (Status s = CheckWildcards(rule["AllowedOrigins"], "AllowedOrigin"); !s.ok()) return s;
  if (rule.Has("MaxAgeSeconds") && rule["MaxAgeSeconds"].AsInt() < 0) return MalformedXml();
  return CheckWildcards(rule["AllowedHeaders"], "AllowedHeader");
}

std::string NormalizedFilterRuleName(std::string_view name) {
  const std::string lower = core::AsciiLower(name);
  if (lower == "prefix") return "Prefix";
  if (lower == "suffix") return "Suffix";
  return "";
}

// One Topic/Queue/LambdaFunction configuration; fills in its Id and the
// canonical spelling of its filter rule names.
StatusOr<Document> CheckNotificationTarget(const Document& target, std::string_view arn_member, const S3State& state) {
  if (target[arn_member].AsString().empty() || target["Events"].empty()) return MalformedXml();
  for (const Document& event : target["Events"].AsList()) {
    if (!event.AsString().starts_with("s3:")) {
      return InvalidArgument("The event is not supported for notifications", "Event", event.AsString());
    }
  }
  Document checked = target;
  if (checked["Id"].AsString().empty()) checked.Set("Id", GeneratedConfigurationId(state));
  if (const Document* rules = target["Filter"]["Key"].Find("FilterRules")) {
    Document normalized = Document::List();
    std::array<bool, 2> seen = {false, false};
    for (const Document& rule : rules->AsList()) {
      std::string name = NormalizedFilterRuleName(rule["Name"].AsString());
      if (name.empty()) return InvalidArgument("filter rule name must be either prefix or suffix");
      bool& already = seen[name == "Prefix" ? 0 : 1];
      if (already)
        return InvalidArgument("Cannot specify more than one " + rule["Name"].AsString() + " rule in a filter.");
      already = true;
      Document& entry = normalized.Append(Document::Map());
      entry.Set("Name", name);
      entry.Set("Value", rule["Value"]);
    }
    Document& key = checked.MutableMap()["Filter"].MutableMap()["Key"];
    key.Set("FilterRules", std::move(normalized));
  }
  return checked;
}

}  // namespace

bool OneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (std::string_view candidate : allowed) {
    if (value == candidate) return true;
  }
  return false;
}

std::string GeneratedConfigurationId(const S3State& state) { return core::Base64Encode(state.ids().Uuid()); }

ConfigCheckResult CheckTagging(const Document& input, ConfigChange&) {
  const Document& tag_set = input["Tagging"]["TagSet"];
  if (tag_set.empty()) return std::optional<Document>();  // an empty set removes the tags
  auto tagging = BucketTaggingFromTagSet(tag_set);
  if (!tagging.ok()) return tagging.status();
  return std::optional<Document>(*std::move(tagging));
}

ConfigCheckResult CheckPolicy(const Document& input, ConfigChange& change) {
  const std::string& text = input["Policy"].AsString();
  if (Status valid = ValidateBucketPolicy(text); !valid.ok()) return valid;
  if (BucketPolicyIsPublic(text) && BucketBlocksPublic(change.state, change.bucket.name, "BlockPublicPolicy")) {
    return AccessDenied();
  }
  Document stored = Document::Map();
  stored.Set("Policy", text);
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckCors(const Document& input, ConfigChange&) {
  const Document& configuration = input["CORSConfiguration"];
  const Document& rules = configuration["CORSRules"];
  if (rules.empty() || rules.size() > kMaxCorsRules) return MalformedXml();
  for (const Document& rule : rules.AsList()) {
    if (Status s = CheckCorsRule(rule); !s.ok()) return s;
  }
  return std::optional<Document>(configuration);
}

ConfigCheckResult CheckEncryption(const Document& input, ConfigChange&) {
  const Document& configuration = input["ServerSideEncryptionConfiguration"];
  const Document& rules = configuration["Rules"];
  if (rules.size() != 1) return MalformedXml();
  for (const Document& rule : rules.AsList()) {
    const Document& by_default = rule["ApplyServerSideEncryptionByDefault"];
    if (by_default.is_null()) continue;
    const std::string& algorithm = by_default["SSEAlgorithm"].AsString();
    if (!OneOf(algorithm, {"AES256", "aws:kms", "aws:kms:dsse"})) return MalformedXml();
    if (by_default.Has("KMSMasterKeyID") && algorithm == "AES256") {
      return InvalidArgument(
          "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
    }
  }
  return std::optional<Document>(configuration);
}

ConfigCheckResult CheckPublicAccessBlock(const Document& input, ConfigChange&) {
  const Document& configuration = input["PublicAccessBlockConfiguration"];
  Document stored = Document::Map();
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    stored.Set(setting, configuration[setting].AsBool(false));
  }
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckOwnershipControls(const Document& input, ConfigChange& change) {
  const Document& rules = input["OwnershipControls"]["Rules"];
  if (rules.size() != 1) return MalformedXml();
  const std::string& ownership = rules.AsList().front()["ObjectOwnership"].AsString();
  if (!OneOf(ownership, {"BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"})) return MalformedXml();
  if (ownership == "BucketOwnerEnforced") {
    Document owner = AclOwner(change.context.account_id);
    auto acl = change.state.FindConfig(change.bucket.name, config_kind::kAcl);
    if (acl && !AclIsOwnerFullControlOnly(*acl, owner)) {
      return Status::InvalidArgument("InvalidBucketAclWithObjectOwnership",
                                     "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    }
  }
  return std::optional<Document>(input["OwnershipControls"]);
}

ConfigCheckResult CheckAccelerate(const Document& input, ConfigChange& change) {
  const std::string& status = input["AccelerateConfiguration"]["Status"].AsString();
  if (!OneOf(status, {"Enabled", "Suspended"})) return MalformedXml();
  if (status == "Enabled" && change.bucket.name.find('.') != std::string::npos) {
    return InvalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names");
  }
  Document stored = Document::Map();
  stored.Set("Status", status);
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckRequestPayment(const Document& input, ConfigChange&) {
  const std::string& payer = input["RequestPaymentConfiguration"]["Payer"].AsString();
  if (!OneOf(payer, {"Requester", "BucketOwner"})) return MalformedXml();
  Document stored = Document::Map();
  stored.Set("Payer", payer);
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckLogging(const Document& input, ConfigChange& change) {
  const Document* enabled = input["BucketLoggingStatus"].Find("LoggingEnabled");
  if (!enabled) return std::optional<Document>();  // an empty status turns logging off
  const std::string& target_name = (*enabled)["TargetBucket"].AsString();
  if (target_name.empty() || !enabled->Has("TargetPrefix")) return MalformedXml();
  auto target = change.state.FindBucket(target_name);
  if (!target) {
    return Status::InvalidArgument("InvalidTargetBucketForLogging", "The target bucket for logging does not exist")
        .WithDetail("TargetBucket", target_name);
  }
  if (target->region != change.bucket.region) {
    return Status::Error("CrossLocationLoggingProhibitted", "Cross S3 location logging not allowed. ", 403)
        .WithDetail("SourceBucketLocation", change.bucket.region)
        .WithDetail("TargetBucketLocation", target->region);
  }
  Document stored = Document::Map();
  stored.Set("LoggingEnabled", *enabled);
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckNotification(const Document& input, ConfigChange& change) {
  const Document& configuration = input["NotificationConfiguration"];
  constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kTargets = {{
      {"TopicConfigurations", "TopicArn"},
      {"QueueConfigurations", "QueueArn"},
      {"LambdaFunctionConfigurations", "LambdaFunctionArn"},
  }};
  Document stored = Document::Map();
  for (const auto& [list_member, arn_member] : kTargets) {
    const Document& targets = configuration[list_member];
    if (targets.empty()) continue;
    Document& checked = stored.Set(list_member, Document::List());
    for (const Document& target : targets.AsList()) {
      auto one = CheckNotificationTarget(target, arn_member, change.state);
      if (!one.ok()) return one.status();
      checked.Append(*std::move(one));
    }
  }
  if (const Document* event_bridge = configuration.Find("EventBridgeConfiguration")) {
    stored.Set("EventBridgeConfiguration", event_bridge->is_map() ? *event_bridge : Document::Map());
  }
  if (stored.empty()) return std::optional<Document>();  // an empty configuration turns notifications off
  return std::optional<Document>(std::move(stored));
}

}  // namespace cloudemu::services::s3
