// AddPermission and RemovePermission (which edit the topic's Policy
// attribute), and Get/PutDataProtectionPolicy.
#include <mutex>

#include "core/json.h"
#include "services/sns/sns_errors.h"
#include "services/sns/sns_operations.h"
#include "services/sns/topic_attributes.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

// The topic's policy as a document: as set, else AWS's default.
Document CurrentPolicy(const TopicRecord& topic, std::string_view account_id) {
  auto set = topic.attributes.find("Policy");
  std::string text = set == topic.attributes.end() ? DefaultTopicPolicy(topic.arn, account_id) : set->second;
  auto parsed = core::FromJson(text);
  return parsed.ok() && parsed->is_map() ? *std::move(parsed) : Document::Map();
}

// One value stays a plain string in a policy; several become a list.
Document OneOrList(const std::vector<std::string>& values) {
  if (values.size() == 1) return values.front();
  Document list = Document::List();
  for (const std::string& value : values) list.Append(value);
  return list;
}

Status StorePolicy(const SnsState& state, TopicRecord& topic, const Document& policy) {
  topic.attributes["Policy"] = core::ToJson(policy);
  core::WriteBatch batch;
  state.PutTopic(batch, topic);
  return state.store().Commit(std::move(batch));
}

StatusOr<Document> AddPermission(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  auto label = RequiredString(input, "Label");
  if (!label.ok()) return label.status();
  std::vector<std::string> principals, actions;
  for (const Document& account : input["AWSAccountId"].AsList()) {
    principals.push_back("arn:aws:iam::" + account.AsString() + ":root");
  }
  for (const Document& action : input["ActionName"].AsList()) actions.push_back("SNS:" + action.AsString());
  if (principals.empty()) return MissingParameter("AWSAccountId");
  if (actions.empty()) return MissingParameter("ActionName");

  std::lock_guard lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  Document policy = CurrentPolicy(*topic, context.account_id);
  Document& statements = policy.MutableMap()["Statement"];
  for (const Document& statement : statements.AsList()) {
    if (statement["Sid"].AsString() == *label) return InvalidParameter("Invalid parameter: Statement already exists");
  }
  Document statement = Document::Map();
  statement.Set("Sid", *label);
  statement.Set("Effect", "Allow");
  statement.Set("Principal", Document::Map()).Set("AWS", OneOrList(principals));
  statement.Set("Action", OneOrList(actions));
  statement.Set("Resource", *arn);
  statements.Append(std::move(statement));
  if (Status stored = StorePolicy(sns.state, *topic, policy); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> RemovePermission(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  auto label = RequiredString(input, "Label");
  if (!label.ok()) return label.status();
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  Document policy = CurrentPolicy(*topic, context.account_id);
  Document kept = Document::List();
  for (const Document& statement : policy["Statement"].AsList()) {
    if (statement["Sid"].AsString() != *label) kept.Append(statement);
  }
  if (kept.size() == policy["Statement"].size()) return Document::Map();  // no such label: nothing to do
  policy.Set("Statement", std::move(kept));
  if (Status stored = StorePolicy(sns.state, *topic, policy); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> GetDataProtectionPolicy(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "ResourceArn");
  if (!arn.ok()) return arn.status();
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  Document output = Document::Map();
  output.Set("DataProtectionPolicy", topic->data_protection_policy);
  return output;
}

StatusOr<Document> PutDataProtectionPolicy(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "ResourceArn");
  if (!arn.ok()) return arn.status();
  auto text = RequiredString(input, "DataProtectionPolicy");
  if (!text.ok()) return text.status();
  auto parsed = core::FromJson(*text);
  if (!parsed.ok() || !parsed->is_map()) {
    return InvalidParameter("Invalid parameter: DataProtectionPolicy Reason: Failed to parse the policy as JSON");
  }
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  topic->data_protection_policy = *text;
  core::WriteBatch batch;
  sns.state.PutTopic(batch, *topic);
  if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  return Document::Map();
}

}  // namespace

void RegisterTopicPolicyOperations(const SnsParts& sns, const AddOperation& add) {
  add("AddPermission", [sns](const Document& in, const RequestContext& ctx) { return AddPermission(sns, in, ctx); });
  add("RemovePermission",
      [sns](const Document& in, const RequestContext& ctx) { return RemovePermission(sns, in, ctx); });
  add("GetDataProtectionPolicy",
      [sns](const Document& in, const RequestContext&) { return GetDataProtectionPolicy(sns, in); });
  add("PutDataProtectionPolicy",
      [sns](const Document& in, const RequestContext&) { return PutDataProtectionPolicy(sns, in); });
}

}  // namespace cloudemu::services::sns
