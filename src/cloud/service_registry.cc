#include "cloud/service_registry.h"

#include "services/dynamodb/dynamodb_service.h"
#include "services/s3/s3_service.h"
#include "services/sns/sns_service.h"
#include "services/sqs/sqs_service.h"

namespace cloudemu::internal {

std::vector<std::unique_ptr<services::Service>> CreateServices(const services::ServiceEnvironment& env) {
  std::vector<std::unique_ptr<services::Service>> list;
  list.push_back(std::make_unique<services::s3::S3Service>(env));
  auto dynamodb = std::make_unique<services::dynamodb::DynamoDBService>(env);
  auto dynamodb_streams = std::make_unique<services::dynamodb::DynamoDBStreamsService>(dynamodb->shared_state());
  list.push_back(std::move(dynamodb));
  list.push_back(std::move(dynamodb_streams));
  list.push_back(std::make_unique<services::sns::SnsService>(env));
  list.push_back(std::make_unique<services::sqs::SqsService>(env));
  return list;
}

}  // namespace cloudemu::internal
