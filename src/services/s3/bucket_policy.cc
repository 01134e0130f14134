#include "services/s3/bucket_policy.h"

#include <string>

#include "core/document.h"
#include "core/json.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

Status MalformedPolicy(std::string message) { return Status::InvalidArgument("MalformedPolicy", std::move(message)); }

// A policy element may be one value or a list of them.
core::DocumentList Values(const Document& element) {
  if (element.is_list()) return element.AsList();
  return core::DocumentList{element};
}

core::DocumentList Statements(const Document& policy) { return Values(policy["Statement"]); }

bool IsActionString(const Document& action) {
  const std::string& text = action.AsString();
  return action.is_string() && (text == "*" || (text.starts_with("s3:") && text.size() > 3));
}

Status ValidateStatement(const Document& statement) {
  if (!statement.is_map()) return MalformedPolicy("Statement is not well formed");
  const Document* effect = statement.Find("Effect");
  if (!effect) return MalformedPolicy("Missing required field Effect");
  if (effect->AsString() != "Allow" && effect->AsString() != "Deny") {
    return MalformedPolicy("Invalid effect: " + effect->AsString());
  }
  if (!statement.Has("Principal") && !statement.Has("NotPrincipal")) {
    return MalformedPolicy("Missing required field Principal");
  }
  const Document* actions = statement.Find("Action");
  if (!actions) actions = statement.Find("NotAction");
  if (!actions) return MalformedPolicy("Missing required field Action");
  for (const Document& action : Values(*actions)) {
    if (!IsActionString(action)) return MalformedPolicy("Policy has invalid action");
  }
  const Document* resources = statement.Find("Resource");
  if (!resources) resources = statement.Find("NotResource");
  if (!resources) return MalformedPolicy("Missing required field Resource");
  for (const Document& resource : Values(*resources)) {
    const std::string& text = resource.AsString();
    if (!resource.is_string() || (text != "*" && !text.starts_with("arn:aws:s3:::"))) {
      return MalformedPolicy("Policy has invalid resource");
    }
  }
  return Status::Ok();
}

bool NamesEveryone(const Document& principal) {
  if (principal.AsString() == "*") return true;
  for (const Document& value : Values(principal["AWS"])) {
    if (value.AsString() == "*") return true;
  }
  return false;
}

}  // namespace

Status ValidateBucketPolicy(std::string_view policy_text) {
  size_t first = policy_text.find_first_not_of(" \t\r\n");
  auto policy = core::FromJson(policy_text);
  if (first == std::string_view::npos || policy_text[first] != '{' || !policy.ok() || !policy->is_map()) {
    return MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (const Document* version = policy->Find("Version")) {
    if (version->AsString() != "2012-10-17" && version->AsString() != "2008-10-17") {
      return MalformedPolicy("The policy must contain a valid version string");
    }
  }
  if (!policy->Has("Statement")) return MalformedPolicy("Missing required field Statement");
  core::DocumentList statements = Statements(*policy);
  if (statements.empty()) return MalformedPolicy("Could not parse the policy: Statement is empty!");
  for (const Document& statement : statements) {
    if (Status s = ValidateStatement(statement); !s.ok()) return s;
  }
  return Status::Ok();
}

bool BucketPolicyIsPublic(std::string_view policy_text) {
  auto policy = core::FromJson(policy_text);
  if (!policy.ok()) return false;
  for (const Document& statement : Statements(*policy)) {
    if (statement["Effect"].AsString() == "Allow" && NamesEveryone(statement["Principal"]) &&
        !statement.Has("Condition")) {
      return true;
    }
  }
  return false;
}

}  // namespace cloudemu::services::s3
