// DynamoDBService: Amazon DynamoDB (model "dynamodb") and
// DynamoDBStreamsService: DynamoDB Streams (model "dynamodbstreams"), two
// wire services over one DynamoDBState (one state model for the family).
// Thread-safety: as Service; writes serialise on the state's write mutex.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_SERVICE_H_
#define CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_SERVICE_H_

#include <memory>

#include "services/dynamodb/dynamodb_state.h"
#include "services/service.h"

namespace cloudemu::services::dynamodb {

class DynamoDBService final : public Service {
 public:
  explicit DynamoDBService(const ServiceEnvironment& env);

  // Tables ("dynamodb:table") with item count, indexes and stream ARN.
  Document ListResources() const override;
  // {"tables": [{"name", "hash_key": {"name","type"}, "range_key"?,
  //   "billing_mode"?, "read_capacity"?, "write_capacity"?,
  //   "global_secondary_indexes"?, "local_secondary_indexes"?, "stream"?,
  //   "ttl_attribute"?, "tags"?, "items"?: [DynamoDB JSON items]}]}, applied
  // through CreateTable, UpdateTimeToLive and PutItem (docs/fixtures.md).
  Status Seed(const Document& section, const RequestContext& context) override;
  void OnStateReplaced() override { state_->Forget(); }

  // The state the streams service reads.
  std::shared_ptr<DynamoDBState> shared_state() const { return state_; }

 private:
  std::shared_ptr<DynamoDBState> state_;
  const Clock* clock_;
};

class DynamoDBStreamsService final : public Service {
 public:
  explicit DynamoDBStreamsService(std::shared_ptr<DynamoDBState> state);

  // Streams are listed with their tables by DynamoDBService.
  Document ListResources() const override { return Document::List(); }
  // Streams come from tables' StreamSpecification in the "dynamodb" section.
  Status Seed(const Document& section, const RequestContext& context) override;
  void OnStateReplaced() override { state_->Forget(); }

 private:
  std::shared_ptr<DynamoDBState> state_;
};

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_DYNAMODB_SERVICE_H_
