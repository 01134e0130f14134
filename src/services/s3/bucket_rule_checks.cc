// Checks for the bucket configurations made of rules: lifecycle,
// replication, website routing and Object Lock.
#include <set>
#include <string>

#include "services/s3/bucket_config_checks.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr size_t kMaxRules = 1000;
constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;

int CountMembers(const Document& doc, std::initializer_list<std::string_view> members) {
  int count = 0;
  for (std::string_view member : members) count += doc.Has(member) ? 1 : 0;
  return count;
}

// Fills in a missing rule ID and refuses long or repeated ones.
Status NameRule(Document& rule, std::set<std::string>& ids, const S3State& state) {
  if (rule["ID"].AsString().empty()) rule.Set("ID", GeneratedConfigurationId(state));
  const std::string& id = rule["ID"].AsString();
  if (id.size() > kMaxConfigurationIdLength) return InvalidArgument("ID length should not exceed allowed limit of 255");
  if (!ids.insert(id).second) return InvalidArgument("Rule ID must be unique. Found same ID for more than one rule");
  return Status::Ok();
}

Status CheckTransitionTime(const Document& action, std::string_view action_name) {
  if (CountMembers(action, {"Date", "Days"}) != 1) return MalformedXml();
  if (action.Has("Days") && action["Days"].AsInt() < 0) {
    return InvalidArgument("'Days' in " + std::string(action_name) + " action must be nonnegative");
  }
  if (action.Has("Date") && action["Date"].AsTimestampMillis() % kMillisPerDay != 0) {
    return InvalidArgument("'Date' must be at midnight GMT");
  }
  if (action["StorageClass"].AsString().empty()) return MalformedXml();
  return Status::Ok();
}

Status CheckPositive(const Document& action, std::string_view member, std::string_view action_name) {
  if (action.Has(member) && action[member].AsInt() <= 0) {
    return InvalidArgument("'" + std::string(member) + "' for " + std::string(action_name) +
                           " action must be a positive integer");
  }
  return Status::Ok();
}

Status CheckLifecycleRule(const Document& rule) {
  if (!OneOf(rule["Status"].AsString(), {"Enabled", "Disabled"})) return MalformedXml();
  if (rule.Has("Prefix") && rule.Has("Filter")) return MalformedXml();
  const Document& filter = rule["Filter"];
  if (CountMembers(filter, {"Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And"}) > 1) {
    return MalformedXml();
  }
  if (CountMembers(rule, {"Expiration", "Transitions", "NoncurrentVersionExpiration", "NoncurrentVersionTransitions",
                          "AbortIncompleteMultipartUpload"}) == 0) {
    return InvalidRequest("At least one action needs to be specified in a rule");
  }
  if (const Document* expiration = rule.Find("Expiration")) {
    if (CountMembers(*expiration, {"Date", "Days", "ExpiredObjectDeleteMarker"}) != 1) return MalformedXml();
    if (Status s = CheckPositive(*expiration, "Days", "Expiration"); !s.ok()) return s;
    if (expiration->Has("Date") && (*expiration)["Date"].AsTimestampMillis() % kMillisPerDay != 0) {
      return InvalidArgument("'Date' must be at midnight GMT");
    }
  }
  for (const Document& transition : rule["Transitions"].AsList()) {
    if (Status s = CheckTransitionTime(transition, "Transition"); !s.ok()) return s;
  }
  for (const Document& transition : rule["NoncurrentVersionTransitions"].AsList()) {
    if (transition["NoncurrentDays"].AsInt(-1) < 0) {
      return InvalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be nonnegative");
    }
    if (transition["StorageClass"].AsString().empty()) return MalformedXml();
  }
  if (Status s = CheckPositive(rule["NoncurrentVersionExpiration"], "NoncurrentDays", "NoncurrentVersionExpiration");
      !s.ok()) {
    return s;
  }
  if (const Document* abort = rule.Find("AbortIncompleteMultipartUpload")) {
    if (Status s = CheckPositive(*abort, "DaysAfterInitiation", "AbortIncompleteMultipartUpload"); !s.ok()) return s;
    if (filter.Has("Tag") || filter["And"].Has("Tags")) {
      return InvalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.");
    }
  }
  return Status::Ok();
}

Status CheckReplicationRule(const Document& rule, const S3State& state) {
  if (!OneOf(rule["Status"].AsString(), {"Enabled", "Disabled"})) return MalformedXml();
  if (rule.Has("Filter")) {
    if (rule.Has("Prefix")) return MalformedXml();
    if (!rule.Has("Priority")) {
      return InvalidRequest(
          "Priority must be specified for this version of Cross Region Replication configuration "
          "schema.");
    }
    if (!rule.Has("DeleteMarkerReplication")) {
      return InvalidRequest(
          "DeleteMarkerReplication must be specified for this version of Cross Region Replication "
          "configuration schema.");
    }
  }
  constexpr std::string_view kArnPrefix = "arn:aws:s3:::";
  const std::string& destination_arn = rule["Destination"]["Bucket"].AsString();
  if (!destination_arn.starts_with(kArnPrefix)) return InvalidArgument("Invalid bucket ARN", "Bucket", destination_arn);
  auto destination = state.FindBucket(std::string_view(destination_arn).substr(kArnPrefix.size()));
  if (!destination) return InvalidRequest("Destination bucket must exist.");
  if (destination->versioning != "Enabled") return InvalidRequest("Destination bucket must have versioning enabled.");
  return Status::Ok();
}

Status CheckRoutingRule(const Document& rule) {
  if (const Document* condition = rule.Find("Condition")) {
    if (CountMembers(*condition, {"HttpErrorCodeReturnedEquals", "KeyPrefixEquals"}) == 0) {
      return InvalidRequest(
          "Condition cannot be empty. To redirect all requests without a condition, the condition "
          "element shouldn't be present.");
    }
  }
  const Document* redirect = rule.Find("Redirect");
  if (!redirect) return MalformedXml();
  if (redirect->Has("ReplaceKeyPrefixWith") && redirect->Has("ReplaceKeyWith")) {
    return InvalidRequest("You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
  }
  if (const Document* code = redirect->Find("HttpRedirectCode")) {
    const std::string& text = code->AsString();
    if (text.size() != 3 || text[0] != '3' || text == "300" ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidRequest("The provided HTTP redirect code (" + text +
                            ") is not valid. Valid codes are 3XX except 300.");
    }
  }
  if (redirect->Has("Protocol") && !OneOf((*redirect)["Protocol"].AsString(), {"http", "https"})) return MalformedXml();
  return Status::Ok();
}

}  // namespace

ConfigCheckResult CheckLifecycle(const Document& input, ConfigChange& change) {
  const Document& rules = input["LifecycleConfiguration"]["Rules"];
  if (rules.empty() || rules.size() > kMaxRules) return MalformedXml();
  std::string minimum_size = input["TransitionDefaultMinimumObjectSize"].AsString("all_storage_classes_128K");
  if (!OneOf(minimum_size, {"varies_by_storage_class", "all_storage_classes_128K"})) {
    return InvalidArgument("Invalid TransitionDefaultMinimumObjectSize", "x-amz-transition-default-minimum-object-size",
                           minimum_size);
  }
  std::set<std::string> ids;
  Document stored = Document::Map();
  Document& stored_rules = stored.Set("Rules", Document::List());
  for (const Document& rule : rules.AsList()) {
    if (Status s = CheckLifecycleRule(rule); !s.ok()) return s;
    Document named = rule;
    if (Status s = NameRule(named, ids, change.state); !s.ok()) return s;
    stored_rules.Append(std::move(named));
  }
  stored.Set("TransitionDefaultMinimumObjectSize", minimum_size);
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckReplication(const Document& input, ConfigChange& change) {
  if (change.bucket.versioning != "Enabled") {
    return InvalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  }
  const Document& configuration = input["ReplicationConfiguration"];
  const Document& rules = configuration["Rules"];
  if (configuration["Role"].AsString().empty() || rules.empty() || rules.size() > kMaxRules) return MalformedXml();
  std::set<std::string> ids;
  Document stored = configuration;
  Document& stored_rules = stored.Set("Rules", Document::List());
  for (const Document& rule : rules.AsList()) {
    if (Status s = CheckReplicationRule(rule, change.state); !s.ok()) return s;
    Document named = rule;
    if (Status s = NameRule(named, ids, change.state); !s.ok()) return s;
    stored_rules.Append(std::move(named));
  }
  return std::optional<Document>(std::move(stored));
}

ConfigCheckResult CheckWebsite(const Document& input, ConfigChange&) {
  const Document& configuration = input["WebsiteConfiguration"];
  if (const Document* redirect_all = configuration.Find("RedirectAllRequestsTo")) {
    if ((*redirect_all)["HostName"].AsString().empty()) return MalformedXml();
    if (CountMembers(configuration, {"IndexDocument", "ErrorDocument", "RoutingRules"}) > 0) {
      return InvalidRequest("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.");
    }
    if (redirect_all->Has("Protocol") && !OneOf((*redirect_all)["Protocol"].AsString(), {"http", "https"})) {
      return MalformedXml();
    }
    return std::optional<Document>(configuration);
  }
  const Document* index = configuration.Find("IndexDocument");
  if (!index) {
    return InvalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
                           "IndexDocument", "");
  }
  const std::string& suffix = (*index)["Suffix"].AsString();
  if (suffix.empty() || suffix.find('/') != std::string::npos) {
    return InvalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", suffix);
  }
  if (configuration.Has("ErrorDocument") && configuration["ErrorDocument"]["Key"].AsString().empty()) {
    return MalformedXml();
  }
  for (const Document& rule : configuration["RoutingRules"].AsList()) {
    if (Status s = CheckRoutingRule(rule); !s.ok()) return s;
  }
  return std::optional<Document>(configuration);
}

ConfigCheckResult CheckObjectLock(const Document& input, ConfigChange& change) {
  const Document& configuration = input["ObjectLockConfiguration"];
  if (configuration["ObjectLockEnabled"].AsString() != "Enabled") return MalformedXml();
  if (const Document* rule = configuration.Find("Rule")) {
    const Document* retention = rule->Find("DefaultRetention");
    if (!retention || !OneOf((*retention)["Mode"].AsString(), {"GOVERNANCE", "COMPLIANCE"}) ||
        CountMembers(*retention, {"Days", "Years"}) != 1) {
      return MalformedXml();
    }
    if ((*retention)["Days"].AsInt(1) <= 0 || (*retention)["Years"].AsInt(1) <= 0) {
      return InvalidArgument("Default retention period must be a positive integer value");
    }
  }
  if (!change.bucket.object_lock_enabled) {
    // Object Lock can be turned on for an existing bucket once it is versioned.
    if (change.bucket.versioning != "Enabled") {
      return InvalidBucketState("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
    }
    change.bucket.object_lock_enabled = true;
    change.bucket_changed = true;
  }
  return std::optional<Document>(configuration);
}

}  // namespace cloudemu::services::s3
