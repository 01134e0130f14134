#include "protocol/validation.h"

#include <string>

#include <gtest/gtest.h>

#include "core/json.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

Status Validate(std::string_view service, std::string_view operation, std::string_view json,
                std::optional<Protocol> wire = std::nullopt) {
  const ServiceModel* model = FindModel(service);
  EXPECT_NE(model, nullptr);
  const Operation* op = model->FindOperation(operation);
  EXPECT_NE(op, nullptr) << operation;
  auto input = core::FromJson(json);
  EXPECT_TRUE(input.ok()) << json;
  return ValidateInput(*model, *op, *input, wire.value_or(model->protocol));
}

TEST(ValidationTest, AcceptsValidInput) {
  EXPECT_TRUE(Validate("dynamodb", "PutItem", R"({"TableName": "Music", "Item": {"a": {"S": "x"}}})").ok());
  EXPECT_TRUE(Validate("sqs", "ListQueues", "{}").ok());
}

TEST(ValidationTest, AwsJsonMissingMemberInCoralWording) {
  Status s = Validate("dynamodb", "PutItem", R"({"Item": {}})");
  EXPECT_EQ(s.code(), "ValidationException");
  EXPECT_EQ(s.http_status(), 400);
  EXPECT_EQ(s.message(),
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(ValidationTest, ReportsEveryLengthAndRangeViolation) {
  Status s = Validate("dynamodb", "Query", R"({"TableName": "", "Limit": 0})");
  EXPECT_EQ(s.code(), "ValidationException");
  EXPECT_EQ(s.message(),
            "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must "
            "have length greater than or equal to 1; Value '0' at 'limit' failed to satisfy constraint: Member "
            "must have value greater than or equal to 1");
}

TEST(ValidationTest, NestedPathsUseCoralListNotation) {
  Status s = Validate("dynamodb", "CreateTable", R"({
    "TableName": "t",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"KeyType": "RANGE"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]
  })");
  EXPECT_EQ(s.code(), "ValidationException");
  EXPECT_EQ(s.message(),
            "1 validation error detected: Value null at 'keySchema.2.member.attributeName' failed to satisfy "
            "constraint: Member must not be null");
  Status empty = Validate("dynamodb", "CreateTable", R"({"TableName": "t", "KeySchema": []})");
  EXPECT_NE(empty.message().find("Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length "
                                 "greater than or equal to 1"),
            std::string::npos)
      << empty.message();
}

TEST(ValidationTest, QueryServicesUseTheirOwnCodes) {
  Status iam = Validate("iam", "CreateUser", "{}");
  EXPECT_EQ(iam.code(), "ValidationError");
  EXPECT_EQ(iam.message(),
            "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be "
            "null");

  Status sns = Validate("sns", "CreateTopic", "{}");
  EXPECT_EQ(sns.code(), "InvalidParameter");
  EXPECT_EQ(sns.message(), "Invalid parameter: Name");

  Status sns_nested = Validate("sns", "CreateTopic", R"({"Name": "t", "Tags": [{"Key": "k"}]})");
  EXPECT_EQ(sns_nested.code(), "InvalidParameter");
  EXPECT_EQ(sns_nested.message(), "Invalid parameter: Tags.1.Value");
}

TEST(ValidationTest, SqsReportsMissingParameterOverEitherWire) {
  for (Protocol wire : {Protocol::kJson, Protocol::kQuery}) {
    Status s = Validate("sqs", "SendMessage", R"({"MessageBody": "hi"})", wire);
    EXPECT_EQ(s.code(), "MissingParameter");
    EXPECT_EQ(s.message(), "The request must contain the parameter QueueUrl.");
  }
}

TEST(ValidationTest, Ec2ReportsMissingParameter) {
  Status s = Validate("ec2", "RunInstances", R"({"MinCount": 1})");
  EXPECT_EQ(s.code(), "MissingParameter");
  EXPECT_EQ(s.message(), "The request must contain the parameter MaxCount");
  EXPECT_TRUE(Validate("ec2", "RunInstances", R"({"MinCount": 1, "MaxCount": 1})").ok());
}

TEST(ValidationTest, RestProtocolsSkipUriMembers) {
  // S3: the bucket comes from the URI; a missing body is S3's own error.
  Status no_body = Validate("s3", "PutBucketTagging", "{}");
  EXPECT_EQ(no_body.code(), "MissingRequestBodyError");
  Status bad_body = Validate("s3", "PutBucketTagging", R"({"Tagging": {}})");
  EXPECT_EQ(bad_body.code(), "MalformedXML");
  EXPECT_TRUE(Validate("s3", "PutBucketTagging", R"({"Tagging": {"TagSet": []}})").ok());

  // Lambda: FunctionName is in the URI, the rest is restJson's ValidationException.
  EXPECT_TRUE(Validate("lambda", "Invoke", "{}").ok());
  Status lambda = Validate("lambda", "CreateFunction", R"({"Code": {}})");
  EXPECT_EQ(lambda.code(), "ValidationException");
  EXPECT_NE(lambda.message().find("Value null at 'role' failed to satisfy constraint"), std::string::npos)
      << lambda.message();
}

}  // namespace
}  // namespace cloudemu::protocol
