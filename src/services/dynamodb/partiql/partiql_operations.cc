#include "services/dynamodb/partiql/partiql_operations.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/partiql/next_token.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql/translator.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;
using core::DocumentList;
using partiql::Statement;
using partiql::Translation;

Status DuplicateItem() {
  return Status::InvalidArgument("DuplicateItemException", "Duplicate primary key exists in table");
}

Status MixedReadsAndWrites() {
  return ValidationError("Unsupported operation: a request holds either only reads (SELECT) or only writes");
}

partiql::KeyAttributes KeysOf(const Document& key_schema) {
  partiql::KeyAttributes keys;
  for (const Document& element : key_schema.AsList()) {
    (element["KeyType"].AsString() == "HASH" ? keys.partition : keys.sort) = element["AttributeName"].AsString();
  }
  return keys;
}

// The members of ConsumedCapacity that add up across calls on one table.
void AddCapacity(Document& total, const Document& more) {
  for (const char* member : {"CapacityUnits", "ReadCapacityUnits", "WriteCapacityUnits"}) {
    if (more.Has(member)) total.Set(member, total[member].AsDouble() + more[member].AsDouble());
    if (more["Table"].Has(member)) {
      total.MutableMap()["Table"].Set(member, total["Table"][member].AsDouble() + more["Table"][member].AsDouble());
    }
  }
}

// ConsumedCapacity per table, in the order tables were first touched.
class CapacityTally {
 public:
  void Add(const Document& output) {
    const Document& capacity = output["ConsumedCapacity"];
    if (!capacity.is_map()) return;
    for (Document& entry : entries_.MutableList()) {
      if (entry["TableName"] == capacity["TableName"]) {
        AddCapacity(entry, capacity);
        return;
      }
    }
    Document entry = Document::Map();
    entry.Set("TableName", capacity["TableName"]);
    AddCapacity(entry, capacity);
    entries_.Append(std::move(entry));
  }
  void AddTo(Document& output) const {
    if (!entries_.empty()) output.Set("ConsumedCapacity", entries_);
  }

 private:
  Document entries_ = Document::List();
};

// One statement, parsed and translated against its table's key schema.
struct Prepared {
  Statement statement;
  Translation translation;
};

class PartiqlExecutor {
 public:
  explicit PartiqlExecutor(OperationInvoker invoke) : invoke_(std::move(invoke)) {}

  StatusOr<Document> ExecuteStatement(const Document& input, const RequestContext& context) const {
    auto prepared = Prepare(input["Statement"].AsString(), input["Parameters"], context);
    if (!prepared.ok()) return prepared.status();
    if (prepared->statement.kind == Statement::Kind::kExists) {
      return ValidationError("Unsupported operation: EXISTS is only allowed in ExecuteTransaction");
    }
    Document& call = prepared->translation.input;
    const std::string& operation = prepared->translation.operation;
    CopyIfPresent(input, "ReturnConsumedCapacity", call);
    if (prepared->statement.is_read()) {
      CopyIfPresent(input, "ConsistentRead", call);
      if (operation != "GetItem") {
        CopyIfPresent(input, "Limit", call);
        if (input.Has("NextToken")) {
          auto start = partiql::DecodeNextToken(input["NextToken"].AsString());
          if (!start.ok()) return start.status();
          call.Set("ExclusiveStartKey", std::move(start).value());
        }
      }
    } else {
      CopyIfPresent(input, "ReturnValuesOnConditionCheckFailure", call);
    }
    auto output = Run(*prepared, context);
    if (!output.ok()) return output.status();
    Document result = Document::Map();
    Document& items = result.Set("Items", Document::List());
    if (operation == "GetItem" || !prepared->statement.is_read()) {
      const Document& item = (*output)[operation == "GetItem" ? "Item" : "Attributes"];
      if (item.is_map()) items.Append(item);
    } else {
      items = (*output)["Items"];
      if (output->Has("LastEvaluatedKey")) {
        result.Set("LastEvaluatedKey", (*output)["LastEvaluatedKey"]);
        result.Set("NextToken", partiql::EncodeNextToken((*output)["LastEvaluatedKey"]));
      }
    }
    CopyIfPresent(*output, "ConsumedCapacity", result);
    return result;
  }

  // Each statement runs on its own; one's failure is reported in its
  // response and does not stop the others.
  StatusOr<Document> BatchExecuteStatement(const Document& input, const RequestContext& context) const {
    const DocumentList& requests = input["Statements"].AsList();
    std::vector<StatusOr<Prepared>> prepared;
    bool reads = false, writes = false;
    for (const Document& request : requests) {
      prepared.push_back(Prepare(request["Statement"].AsString(), request["Parameters"], context));
      if (!prepared.back().ok()) continue;
      (prepared.back()->statement.is_read() ? reads : writes) = true;
    }
    if (reads && writes) return MixedReadsAndWrites();
    CapacityTally capacity;
    Document result = Document::Map();
    Document& responses = result.Set("Responses", Document::List());
    for (size_t i = 0; i < requests.size(); ++i) {
      Document response = Document::Map();
      StatusOr<Document> output = prepared[i].ok() ? RunInBatch(*prepared[i], requests[i], input, context)
                                                  : StatusOr<Document>(prepared[i].status());
      if (prepared[i].ok()) response.Set("TableName", prepared[i]->statement.table);
      if (output.ok()) {
        if (output->Has("Item")) response.Set("Item", (*output)["Item"]);
        capacity.Add(*output);
      } else {
        response.Set("Error", BatchError(output.status()));
      }
      responses.Append(std::move(response));
    }
    capacity.AddTo(result);
    return result;
  }

  // All reads become one TransactGetItems, all writes one TransactWriteItems.
  StatusOr<Document> ExecuteTransaction(const Document& input, const RequestContext& context) const {
    const DocumentList& requests = input["TransactStatements"].AsList();
    std::vector<Prepared> prepared;
    bool reads = false, writes = false;
    for (const Document& request : requests) {
      auto one = Prepare(request["Statement"].AsString(), request["Parameters"], context);
      if (!one.ok()) return one.status();
      (one->statement.is_read() ? reads : writes) = true;
      prepared.push_back(std::move(one).value());
    }
    if (reads && writes) return MixedReadsAndWrites();
    Document items = Document::List();
    for (size_t i = 0; i < prepared.size(); ++i) {
      auto item = TransactItem(prepared[i], requests[i]);
      if (!item.ok()) return item.status();
      items.Append(std::move(item).value());
    }
    Document call = Document::Map();
    call.Set("TransactItems", std::move(items));
    CopyIfPresent(input, "ReturnConsumedCapacity", call);
    if (reads) {
      auto output = invoke_("TransactGetItems", call, context);
      if (!output.ok()) return output.status();
      Document result = Document::Map();
      result.Set("Responses", (*output)["Responses"]);
      CopyIfPresent(*output, "ConsumedCapacity", result);
      return result;
    }
    CopyIfPresent(input, "ClientRequestToken", call);
    auto output = invoke_("TransactWriteItems", call, context);
    if (!output.ok()) return RenameDuplicateInserts(output.status(), prepared);
    Document result = Document::Map();
    CopyIfPresent(*output, "ConsumedCapacity", result);
    return result;
  }

 private:
  static void CopyIfPresent(const Document& from, std::string_view member, Document& to) {
    if (from.Has(member)) to.Set(member, from[member]);
  }

  StatusOr<partiql::TableKeys> DescribeKeys(const std::string& table, const RequestContext& context) const {
    Document describe = Document::Map();
    describe.Set("TableName", table);
    auto output = invoke_("DescribeTable", describe, context);
    if (!output.ok()) {
      if (output.status().code() == "ResourceNotFoundException") return ResourceNotFound();
      return output.status();
    }
    const Document& description = (*output)["Table"];
    partiql::TableKeys keys;
    keys.table = KeysOf(description["KeySchema"]);
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      for (const Document& index : description[kind].AsList()) {
        keys.indexes[index["IndexName"].AsString()] = KeysOf(index["KeySchema"]);
      }
    }
    return keys;
  }

  StatusOr<Prepared> Prepare(const std::string& text, const Document& parameters,
                             const RequestContext& context) const {
    static const DocumentList kNoParameters;
    auto statement = partiql::ParseStatement(text, parameters.is_list() ? parameters.AsList() : kNoParameters);
    if (!statement.ok()) return statement.status();
    auto keys = DescribeKeys(statement->table, context);
    if (!keys.ok()) return keys.status();
    auto translation = partiql::Translate(*statement, *keys);
    if (!translation.ok()) return translation.status();
    return Prepared{std::move(statement).value(), std::move(translation).value()};
  }

  StatusOr<Document> Run(const Prepared& prepared, const RequestContext& context) const {
    auto output = invoke_(prepared.translation.operation, prepared.translation.input, context);
    if (!output.ok() && prepared.statement.kind == Statement::Kind::kInsert &&
        output.status().code() == "ConditionalCheckFailedException") {
      return DuplicateItem();
    }
    return output;
  }

  // A batch reads one whole item per SELECT, as BatchGetItem does.
  StatusOr<Document> RunInBatch(Prepared prepared, const Document& request, const Document& input,
                                const RequestContext& context) const {
    Document& call = prepared.translation.input;
    if (prepared.statement.kind == Statement::Kind::kExists) {
      return ValidationError("Unsupported operation: EXISTS is only allowed in ExecuteTransaction");
    }
    if (prepared.statement.is_read()) {
      if (prepared.translation.operation != "GetItem") return partiql::MissingKeyEquality();
      CopyIfPresent(request, "ConsistentRead", call);
    } else {
      CopyIfPresent(request, "ReturnValuesOnConditionCheckFailure", call);
    }
    CopyIfPresent(input, "ReturnConsumedCapacity", call);
    return Run(prepared, context);
  }

  static Document BatchError(const Status& status) {
    static const std::pair<std::string_view, std::string_view> kCodes[] = {
        {"ConditionalCheckFailedException", "ConditionalCheckFailed"},
        {"DuplicateItemException", "DuplicateItem"},
        {"ValidationException", "ValidationError"},
        {"ResourceNotFoundException", "ResourceNotFound"},
        {"ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded"},
        {"TransactionConflictException", "TransactionConflict"},
        {"ItemCollectionSizeLimitExceededException", "ItemCollectionSizeLimitExceeded"},
        {"RequestLimitExceeded", "RequestLimitExceeded"},
        {"ThrottlingException", "ThrottlingError"},
        {"AccessDeniedException", "AccessDenied"},
    };
    Document error = Document::Map();
    std::string code = "InternalServerError";
    for (const auto& [exception, batch_code] : kCodes) {
      if (status.code() == exception) code = batch_code;
    }
    error.Set("Code", code);
    error.Set("Message", status.message());
    for (const auto& [name, value] : status.details()) {
      if (name != "Item") continue;
      if (auto item = core::FromJson(value); item.ok()) error.Set("Item", std::move(item).value());
    }
    return error;
  }

  // The TransactItems entry of one statement.
  static StatusOr<Document> TransactItem(const Prepared& prepared, const Document& request) {
    const Translation& translation = prepared.translation;
    Document body = translation.input;
    if (body.Has("ReturnValues")) {
      return ValidationError("Unsupported operation: RETURNING is not allowed in ExecuteTransaction");
    }
    Document item = Document::Map();
    if (prepared.statement.is_read()) {
      if (translation.operation != "GetItem") return partiql::MissingKeyEquality();
      item.Set("Get", std::move(body));
      return item;
    }
    CopyIfPresent(request, "ReturnValuesOnConditionCheckFailure", body);
    static const std::pair<std::string_view, std::string_view> kMembers[] = {
        {"PutItem", "Put"}, {"UpdateItem", "Update"}, {"DeleteItem", "Delete"}, {"ConditionCheck", "ConditionCheck"}};
    for (const auto& [operation, member] : kMembers) {
      if (translation.operation == operation) item.Set(member, std::move(body));
    }
    return item;
  }

  // A cancelled transaction names a failed INSERT's reason DuplicateItem, as
  // a lone INSERT's error does.
  static Status RenameDuplicateInserts(const Status& status, const std::vector<Prepared>& prepared) {
    if (status.code() != "TransactionCanceledException") return status;
    Document reasons;
    for (const auto& [name, value] : status.details()) {
      if (name != "CancellationReasons") continue;
      if (auto parsed = core::FromJson(value); parsed.ok()) reasons = std::move(parsed).value();
    }
    if (!reasons.is_list() || reasons.size() != prepared.size()) return status;
    std::string codes;
    for (size_t i = 0; i < prepared.size(); ++i) {
      Document& reason = reasons.MutableList()[i];
      if (prepared[i].statement.kind == Statement::Kind::kInsert &&
          reason["Code"].AsString() == "ConditionalCheckFailed") {
        Status duplicate = DuplicateItem();
        reason.Set("Code", "DuplicateItem");
        reason.Set("Message", duplicate.message());
      }
      codes += (i > 0 ? ", " : "") + reason["Code"].AsString("None");
    }
    Status renamed = Status::Error(status.code(),
                                   "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                                       codes + "]",
                                   status.http_status());
    for (const auto& [name, value] : status.details()) {
      renamed.WithDetail(name, name == "CancellationReasons" ? core::ToJson(reasons) : value);
    }
    return renamed;
  }

  OperationInvoker invoke_;
};

}  // namespace

void RegisterPartiqlOperations(const AddOperation& add, OperationInvoker invoke) {
  auto executor = std::make_shared<const PartiqlExecutor>(std::move(invoke));
  add("ExecuteStatement", [executor](const Document& input, const RequestContext& context) {
    return executor->ExecuteStatement(input, context);
  });
  add("BatchExecuteStatement", [executor](const Document& input, const RequestContext& context) {
    return executor->BatchExecuteStatement(input, context);
  });
  add("ExecuteTransaction", [executor](const Document& input, const RequestContext& context) {
    return executor->ExecuteTransaction(input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
