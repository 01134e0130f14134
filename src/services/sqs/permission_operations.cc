// AddPermission and RemovePermission: statements (Sid = label) in the queue's
// Policy attribute, as SQS writes them.
#include <mutex>

#include "core/json.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

Document PolicyOf(const QueueRecord& queue) {
  auto it = queue.attributes.find("Policy");
  if (it != queue.attributes.end()) {
    auto policy = core::FromJson(it->second);
    if (policy.ok() && policy->is_map()) return std::move(policy).value();
  }
  Document policy = Document::Map();
  policy.Set("Version", "2012-10-17");
  policy.Set("Id", queue.Arn() + "/SQSDefaultPolicy");
  policy.Set("Statement", Document::List());
  return policy;
}

bool HasLabel(const Document& policy, std::string_view label) {
  for (const Document& statement : policy["Statement"].AsList()) {
    if (statement["Sid"].AsString() == label) return true;
  }
  return false;
}

Status Save(SqsState& state, QueueRecord& queue, const Document& policy) {
  if (policy["Statement"].empty()) {
    queue.attributes.erase("Policy");
  } else {
    queue.attributes["Policy"] = core::ToJson(policy);
  }
  queue.modified_millis = state.Now();
  return state.SaveQueue(queue);
}

StatusOr<Document> AddPermission(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const std::string& label = input["Label"].AsString();
  if (label.empty()) return MissingParameter("Label");
  if (input["AWSAccountIds"].empty()) return MissingParameter("AWSAccountIds");
  if (input["Actions"].empty()) return MissingParameter("Actions");
  Document policy = PolicyOf(*queue);
  if (HasLabel(policy, label)) return InvalidParameter("Label", label, "Already exists");
  Document statement = Document::Map();
  statement.Set("Sid", label);
  statement.Set("Effect", "Allow");
  Document principals = Document::List();
  for (const Document& account : input["AWSAccountIds"].AsList()) {
    principals.Append("arn:aws:iam::" + account.AsString() + ":root");
  }
  Document& principal = statement.Set("Principal", Document::Map());
  principal.Set("AWS", principals.size() == 1 ? principals.AsList().front() : principals);
  Document actions = Document::List();
  for (const Document& action : input["Actions"].AsList()) actions.Append("SQS:" + action.AsString());
  statement.Set("Action", actions.size() == 1 ? actions.AsList().front() : actions);
  statement.Set("Resource", queue->Arn());
  policy.MutableMap()["Statement"].Append(std::move(statement));
  if (Status saved = Save(state, *queue, policy); !saved.ok()) return saved;
  return Document::Map();
}

StatusOr<Document> RemovePermission(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const std::string& label = input["Label"].AsString();
  Document policy = PolicyOf(*queue);
  if (!HasLabel(policy, label)) return InvalidParameter("Label", label, "can't find label on existing policy");
  Document kept = Document::List();
  for (const Document& statement : policy["Statement"].AsList()) {
    if (statement["Sid"].AsString() != label) kept.Append(statement);
  }
  policy.Set("Statement", std::move(kept));
  if (Status saved = Save(state, *queue, policy); !saved.ok()) return saved;
  return Document::Map();
}

}  // namespace

void RegisterPermissionOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add, {{"AddPermission", AddPermission}, {"RemovePermission", RemovePermission}});
}

}  // namespace cloudemu::services::sqs
