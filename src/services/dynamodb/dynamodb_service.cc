#include "services/dynamodb/dynamodb_service.h"

#include "services/dynamodb/dynamodb_operations.h"
#include "services/dynamodb/partiql/partiql_operations.h"

namespace cloudemu::services::dynamodb {

DynamoDBService::DynamoDBService(const ServiceEnvironment& env)
    : Service("dynamodb"), state_(std::make_shared<DynamoDBState>(*env.store, *env.ids)), clock_(env.clock) {
  AddOperation add = [this](std::string operation, Handler handler) {
    Register(std::move(operation), std::move(handler));
  };
  RegisterTableOperations(*state_, add);
  RegisterTableSettingOperations(*state_, add);
  RegisterItemOperations(*state_, add);
  RegisterQueryOperations(*state_, add);
  RegisterBatchOperations(*state_, add);
  RegisterTransactionOperations(*state_, add);
  RegisterPartiqlOperations(add, [this](std::string_view operation, const Document& input,
                                        const RequestContext& context) { return Invoke(operation, input, context); });
}

Document DynamoDBService::ListResources() const {
  Document resources = Document::List();
  for (const std::string& name : state_->TableNames()) {
    auto table = state_->FindTable(name);
    if (!table) continue;
    Document& entry = resources.Append(Document::Map());
    entry.Set("type", "dynamodb:table");
    entry.Set("id", table->name);
    entry.Set("arn", table->arn);
    Document& attributes = entry.Set("attributes", Document::Map());
    TableStats stats = state_->Stats(*table, clock_ ? clock_->NowMillis() : 0);
    attributes.Set("item_count", stats.item_count);
    attributes.Set("size_bytes", stats.size_bytes);
    attributes.Set("billing_mode", table->billing_mode);
    Document& indexes = attributes.Set("indexes", Document::List());
    for (const IndexInfo& index : table->indexes) {
      indexes.Append(index.name + (index.global ? " (global)" : " (local)"));
    }
    if (table->stream_enabled) attributes.Set("stream_arn", table->StreamArn());
  }
  return resources;
}

DynamoDBStreamsService::DynamoDBStreamsService(std::shared_ptr<DynamoDBState> state)
    : Service("dynamodbstreams"), state_(std::move(state)) {
  AddOperation add = [this](std::string operation, Handler handler) {
    Register(std::move(operation), std::move(handler));
  };
  RegisterStreamOperations(*state_, add);
}

Status DynamoDBStreamsService::Seed(const Document&, const RequestContext&) {
  return Status::InvalidArgument("InvalidFixture",
                                 "streams are seeded with their tables: give \"stream\" in a \"dynamodb\" table");
}

}  // namespace cloudemu::services::dynamodb
