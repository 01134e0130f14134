// TransactWriteItems and TransactGetItems: all-or-nothing groups of item
// operations, evaluated and written under the write mutex in one batch.
#include <set>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/json.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/item_checks.h"
#include "services/dynamodb/item_writes.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr size_t kMaxTransactionItems = 100;
constexpr int64_t kTokenLifetimeMillis = 10 * 60 * 1000;

Status TooManyItems() {
  return ValidationError("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: "
                         "Member must have length less than or equal to 100");
}

Status SameItemTwice() {
  return ValidationError("Transaction request cannot include multiple operations on one item");
}

Document Reason(std::string code, std::string message = "") {
  Document reason = Document::Map();
  reason.Set("Code", std::move(code));
  if (!message.empty()) reason.Set("Message", std::move(message));
  return reason;
}

// The cancellation reason for an item whose evaluation failed.
Document ReasonFor(const Status& status) {
  if (status.code() != "ConditionalCheckFailedException") return Reason("ValidationError", status.message());
  Document reason = Reason("ConditionalCheckFailed", status.message());
  for (const auto& [name, value] : status.details()) {
    if (name != "Item") continue;
    if (auto item = core::FromJson(value); item.ok()) reason.Set("Item", *std::move(item));
  }
  return reason;
}

StatusOr<PreparedWrite> PrepareElement(const DynamoDBState& state, const Document& element) {
  static constexpr std::pair<const char*, WriteKind> kKinds[] = {{"ConditionCheck", WriteKind::kConditionCheck},
                                                                 {"Put", WriteKind::kPut},
                                                                 {"Delete", WriteKind::kDelete},
                                                                 {"Update", WriteKind::kUpdate}};
  const Document* request = nullptr;
  WriteKind kind = WriteKind::kPut;
  for (const auto& [member, member_kind] : kKinds) {
    const Document* found = element.Find(member);
    if (!found || found->is_null()) continue;
    if (request) {
      return ValidationError("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    request = found;
    kind = member_kind;
  }
  if (!request) return ValidationError("TransactItems can only contain one of Check, Put, Update or Delete");
  return PrepareWrite(state, kind, *request);
}

StatusOr<Document> TransactWriteItems(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const core::DocumentList& elements = input["TransactItems"].AsList();
  if (elements.size() > kMaxTransactionItems) return TooManyItems();
  std::vector<PreparedWrite> writes;
  std::set<std::string> seen;
  for (const Document& element : elements) {
    auto write = PrepareElement(state, element);
    if (!write.ok()) return write.status();
    if (!seen.insert(write->item_key).second) return SameItemTwice();
    writes.push_back(*std::move(write));
  }
  const std::string& token = input["ClientRequestToken"].AsString();
  std::string fingerprint = core::HexEncode(core::Sha256(core::ToJson(input["TransactItems"])));

  std::map<std::string, Capacity> capacity;
  std::lock_guard lock(state.write_mutex());
  if (!token.empty()) {
    auto previous = state.FindToken(token);
    if (previous && context.now_millis - (*previous)["millis"].AsInt() < kTokenLifetimeMillis) {
      if ((*previous)["fingerprint"].AsString() != fingerprint) {
        return Status::InvalidArgument("IdempotentParameterMismatchException",
                                       "The request uses the same client token as a previous, but non-identical "
                                       "request. Try again with a new client token.");
      }
      return Document::Map();  // already applied
    }
  }
  core::WriteBatch batch;
  std::vector<WriteOutcome> outcomes;
  Document reasons = Document::List();
  bool cancelled = false;
  for (const PreparedWrite& write : writes) {
    auto outcome = EvaluateWrite(state, batch, write, context.now_millis);
    if (!outcome.ok()) {
      cancelled = true;
      reasons.Append(ReasonFor(outcome.status()));
      outcomes.emplace_back();
      continue;
    }
    reasons.Append(Reason("None"));
    outcomes.push_back(*std::move(outcome));
  }
  if (cancelled) {
    std::string codes;
    for (const Document& reason : reasons.AsList()) codes += (codes.empty() ? "" : ", ") + reason["Code"].AsString();
    Status status = Status::InvalidArgument(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
    status.WithDetail("CancellationReasons", core::ToJson(reasons));
    return status;
  }
  for (size_t i = 0; i < writes.size(); ++i) {
    const PreparedWrite& write = writes[i];
    const WriteOutcome& outcome = outcomes[i];
    const Item* old_item = outcome.old_item ? &*outcome.old_item : nullptr;
    const Item* new_item = outcome.new_item ? &*outcome.new_item : nullptr;
    if (write.kind == WriteKind::kConditionCheck) {
      capacity[write.table->name].Add(ReadCapacity(*write.table, nullptr, old_item ? ItemSizeBytes(*old_item) : 0,
                                                   true, true));
      continue;
    }
    state.StageItemWrite(batch, *write.table, write.item_key, old_item, new_item, context.now_millis);
    capacity[write.table->name].Add(WriteCapacity(*write.table, old_item, new_item, true));
  }
  if (!token.empty()) {
    Document record = Document::Map();
    record.Set("fingerprint", fingerprint);
    record.Set("millis", context.now_millis);
    state.PutToken(batch, token, record);
  }
  if (Status committed = state.Commit(std::move(batch)); !committed.ok()) return committed;
  Document output = Document::Map();
  std::string_view mode = CapacityMode(input);
  if (mode != "NONE") {
    Document& list = output.Set("ConsumedCapacity", Document::List());
    for (const auto& [table, units] : capacity) list.Append(CapacityDocument(table, units, mode));
  }
  return output;
}

StatusOr<Document> TransactGetItems(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const core::DocumentList& elements = input["TransactItems"].AsList();
  if (elements.size() > kMaxTransactionItems) return TooManyItems();
  struct Read {
    std::shared_ptr<const TableInfo> table;
    std::string item_key;
    ProjectionExpression projection;
  };
  std::vector<Read> reads;
  std::set<std::string> seen;
  for (const Document& element : elements) {
    const Document& get = element["Get"];
    auto table = RequireTable(state, get["TableName"]);
    if (!table.ok()) return table.status();
    auto attributes = RequestAttributes(get);
    if (!attributes.ok()) return attributes.status();
    ExpressionUsage usage;
    auto projection = ParseProjection(get, *attributes, usage);
    if (!projection.ok()) return projection.status();
    if (Status used = usage.CheckAllUsed(*attributes); !used.ok()) return used;
    auto key = ValidateKey(**table, get["Key"]);
    if (!key.ok()) return key.status();
    Read read{*table, state.ItemKey(**table, *key), *std::move(projection)};
    if (!seen.insert(read.item_key).second) return SameItemTwice();
    reads.push_back(std::move(read));
  }
  Document output = Document::Map();
  Document& responses = output.Set("Responses", Document::List());
  std::map<std::string, Capacity> capacity;
  {
    // Reads see one consistent state: no write commits in between.
    std::lock_guard lock(state.write_mutex());
    for (const Read& read : reads) {
      auto item = state.ReadItem(*read.table, read.item_key, context.now_millis);
      Document& response = responses.Append(Document::Map());
      if (item) response.Set("Item", Document(read.projection.Apply(*item)));
      capacity[read.table->name].Add(
          ReadCapacity(*read.table, nullptr, item ? ItemSizeBytes(*item) : 0, true, true));
    }
  }
  std::string_view mode = CapacityMode(input);
  if (mode != "NONE") {
    Document& list = output.Set("ConsumedCapacity", Document::List());
    for (const auto& [table, units] : capacity) list.Append(CapacityDocument(table, units, mode));
  }
  return output;
}

}  // namespace

void RegisterTransactionOperations(DynamoDBState& state, const AddOperation& add) {
  add("TransactWriteItems", [&state](const Document& input, const RequestContext& context) {
    return TransactWriteItems(state, input, context);
  });
  add("TransactGetItems", [&state](const Document& input, const RequestContext& context) {
    return TransactGetItems(state, input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
