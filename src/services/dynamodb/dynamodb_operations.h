// The operation groups of the DynamoDB and DynamoDB Streams services. Each
// Register* adds its handlers through `add`; all share one DynamoDBState.
// Thread-safety: handlers follow DynamoDBState's contract.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_OPERATIONS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_OPERATIONS_H_

#include <functional>
#include <string>

#include "services/dynamodb/dynamodb_state.h"
#include "services/service.h"

namespace cloudemu::services::dynamodb {

using AddOperation = std::function<void(std::string operation, Service::Handler handler)>;

// CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables,
// DescribeLimits, DescribeEndpoints.
void RegisterTableOperations(DynamoDBState& state, const AddOperation& add);
// TagResource, UntagResource, ListTagsOfResource, UpdateTimeToLive,
// DescribeTimeToLive, DescribeContinuousBackups, UpdateContinuousBackups.
void RegisterTableSettingOperations(DynamoDBState& state, const AddOperation& add);
// PutItem, GetItem, UpdateItem, DeleteItem.
void RegisterItemOperations(DynamoDBState& state, const AddOperation& add);
// Query, Scan.
void RegisterQueryOperations(DynamoDBState& state, const AddOperation& add);
// BatchGetItem, BatchWriteItem.
void RegisterBatchOperations(DynamoDBState& state, const AddOperation& add);
// TransactWriteItems, TransactGetItems.
void RegisterTransactionOperations(DynamoDBState& state, const AddOperation& add);
// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator, GetRecords.
void RegisterStreamOperations(DynamoDBState& state, const AddOperation& add);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_OPERATIONS_H_
