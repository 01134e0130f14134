// CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables: what
// clients and Terraform read back, and AWS's errors.
#include <gtest/gtest.h>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Json;

class TableOperationsTest : public testing::DynamoDBTestEnv {};

TEST_F(TableOperationsTest, CreateAnswersCreatingThenDescribeAnswersActive) {
  Document created = Ok("CreateTable", R"({
    "TableName":"users","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"ts","AttributeType":"N"},
                            {"AttributeName":"email","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"ts","KeyType":"RANGE"}],
    "GlobalSecondaryIndexes":[{"IndexName":"by_email","KeySchema":[{"AttributeName":"email","KeyType":"HASH"}],
                               "Projection":{"ProjectionType":"KEYS_ONLY"}}],
    "Tags":[{"Key":"team","Value":"a"}]})");
  const Document& description = created["TableDescription"];
  EXPECT_EQ(description["TableStatus"].AsString(), "CREATING");
  EXPECT_EQ(description["TableArn"].AsString(), "arn:aws:dynamodb:us-east-1:123456789012:table/users");
  EXPECT_EQ(description["BillingModeSummary"]["BillingMode"].AsString(), "PAY_PER_REQUEST");

  Document table = Ok("DescribeTable", R"({"TableName":"users"})")["Table"];
  EXPECT_EQ(table["TableStatus"].AsString(), "ACTIVE");
  EXPECT_EQ(table["KeySchema"].AsList().at(1)["KeyType"].AsString(), "RANGE");
  EXPECT_EQ(table["GlobalSecondaryIndexes"].AsList().at(0)["IndexStatus"].AsString(), "ACTIVE");
  EXPECT_EQ(table["GlobalSecondaryIndexes"].AsList().at(0)["IndexArn"].AsString(),
            "arn:aws:dynamodb:us-east-1:123456789012:table/users/index/by_email");
  EXPECT_EQ(table["DeletionProtectionEnabled"], Document(false));
  EXPECT_EQ(table["TableClassSummary"]["TableClass"].AsString(), "STANDARD");
  EXPECT_FALSE(table.Has("SSEDescription"));
  EXPECT_EQ(table["ItemCount"].AsInt(), 0);
}

TEST_F(TableOperationsTest, ItemCountAndSizeFollowTheItems) {
  CreateTable("t");
  Put("t", R"({"pk":{"S":"a"},"v":{"S":"xyz"}})");
  Document table = Ok("DescribeTable", R"({"TableName":"t"})")["Table"];
  EXPECT_EQ(table["ItemCount"].AsInt(), 1);
  EXPECT_EQ(table["TableSizeBytes"].AsInt(), 2 + 1 + 1 + 3);  // names + values
}

TEST_F(TableOperationsTest, MissingTableErrorsCarryTheTerraformWording) {
  Status status = Error("DescribeTable", R"({"TableName":"nope"})");
  EXPECT_EQ(status.code(), "ResourceNotFoundException");
  EXPECT_EQ(status.message(), "Requested resource not found: Table: nope not found");
  EXPECT_EQ(Error("DeleteTable", R"({"TableName":"nope"})").message(),
            "Requested resource not found: Table: nope not found");
  EXPECT_EQ(Error("GetItem", R"({"TableName":"nope","Key":{"pk":{"S":"a"}}})").message(),
            "Requested resource not found");
}

TEST_F(TableOperationsTest, CreatingAnExistingTableIsResourceInUse) {
  CreateTable("t");
  auto again = Call("CreateTable", R"({"TableName":"t","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), "ResourceInUseException");
  EXPECT_EQ(again.status().message(), "Table already exists: t");
}

TEST_F(TableOperationsTest, DefinitionsAndThroughputAreChecked) {
  Status undefined = Error("CreateTable", R"({"TableName":"t","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"x","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  EXPECT_EQ(undefined.code(), "ValidationException");
  EXPECT_NE(undefined.message().find("Some index key attributes are not defined in AttributeDefinitions"),
            std::string::npos);
  Status missing_throughput = Error("CreateTable", R"({"TableName":"t",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  EXPECT_EQ(missing_throughput.code(), "ValidationException");
  Status lsi_without_range = Error("CreateTable", R"({"TableName":"t","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "LocalSecondaryIndexes":[{"IndexName":"l","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
          {"AttributeName":"x","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})");
  EXPECT_NE(lsi_without_range.message().find("does not have a range key"), std::string::npos);
}

TEST_F(TableOperationsTest, ListTablesPaginates) {
  for (const char* name : {"c1", "a1", "b1"}) CreateTable(name);
  Document first = Ok("ListTables", R"({"Limit":2})");
  EXPECT_EQ(first["TableNames"], Json(R"(["a1","b1"])"));
  EXPECT_EQ(first["LastEvaluatedTableName"].AsString(), "b1");
  Document second = Ok("ListTables", R"({"Limit":2,"ExclusiveStartTableName":"b1"})");
  EXPECT_EQ(second["TableNames"], Json(R"(["c1"])"));
  EXPECT_FALSE(second.Has("LastEvaluatedTableName"));
}

TEST_F(TableOperationsTest, DeleteRemovesTableAndItems) {
  CreateTable("t");
  Put("t", R"({"pk":{"S":"a"}})");
  Document deleted = Ok("DeleteTable", R"({"TableName":"t"})");
  EXPECT_EQ(deleted["TableDescription"]["TableStatus"].AsString(), "DELETING");
  EXPECT_EQ(Error("DescribeTable", R"({"TableName":"t"})").code(), "ResourceNotFoundException");
  CreateTable("t");
  EXPECT_TRUE(Get("t", R"({"pk":{"S":"a"}})").is_null());
}

TEST_F(TableOperationsTest, DeletionProtectionBlocksDelete) {
  CreateTable("t");
  Ok("UpdateTable", R"({"TableName":"t","DeletionProtectionEnabled":true})");
  EXPECT_EQ(Error("DeleteTable", R"({"TableName":"t"})").code(), "ValidationException");
  Ok("UpdateTable", R"({"TableName":"t","DeletionProtectionEnabled":false})");
  Ok("DeleteTable", R"({"TableName":"t"})");
}

TEST_F(TableOperationsTest, UpdateTableAddsAndRemovesGlobalIndexesWithBackfill) {
  CreateTable("t");
  Put("t", R"({"pk":{"S":"a"},"g":{"S":"x"}})");
  Put("t", R"({"pk":{"S":"b"}})");
  Ok("UpdateTable", R"({"TableName":"t","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],
      "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}}]})");
  Document table = Ok("DescribeTable", R"({"TableName":"t"})")["Table"];
  ASSERT_EQ(table["GlobalSecondaryIndexes"].size(), 1u);
  EXPECT_EQ(table["GlobalSecondaryIndexes"].AsList()[0]["ItemCount"].AsInt(), 1);
  Document found = Ok("Query", R"({"TableName":"t","IndexName":"gi","KeyConditionExpression":"g = :g",
      "ExpressionAttributeValues":{":g":{"S":"x"}}})");
  EXPECT_EQ(found["Count"].AsInt(), 1);

  Ok("UpdateTable", R"({"TableName":"t","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gi"}}]})");
  table = Ok("DescribeTable", R"({"TableName":"t"})")["Table"];
  EXPECT_FALSE(table.Has("GlobalSecondaryIndexes"));
  EXPECT_EQ(table["AttributeDefinitions"].size(), 1u);  // g is no key any more
}

TEST_F(TableOperationsTest, BillingModeSwitchIsRecorded) {
  Ok("CreateTable", R"({"TableName":"p","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})");
  Document table = Ok("DescribeTable", R"({"TableName":"p"})")["Table"];
  EXPECT_FALSE(table.Has("BillingModeSummary"));
  EXPECT_EQ(table["ProvisionedThroughput"]["ReadCapacityUnits"].AsInt(), 5);
  Ok("UpdateTable", R"({"TableName":"p","BillingMode":"PAY_PER_REQUEST"})");
  table = Ok("DescribeTable", R"({"TableName":"p"})")["Table"];
  EXPECT_EQ(table["BillingModeSummary"]["BillingMode"].AsString(), "PAY_PER_REQUEST");
  EXPECT_TRUE(table["BillingModeSummary"].Has("LastUpdateToPayPerRequestDateTime"));
}

TEST_F(TableOperationsTest, TagsRoundTrip) {
  CreateTable("t");
  const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t";
  Ok("TagResource", R"({"ResourceArn":")" + arn + R"(","Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]})");
  Ok("UntagResource", R"({"ResourceArn":")" + arn + R"(","TagKeys":["a"]})");
  Document tags = Ok("ListTagsOfResource", R"({"ResourceArn":")" + arn + R"("})");
  EXPECT_EQ(tags["Tags"], Json(R"([{"Key":"b","Value":"2"}])"));
  EXPECT_EQ(Error("ListTagsOfResource", R"({"ResourceArn":"arn:aws:dynamodb:us-east-1:123456789012:table/x"})").code(),
            "ResourceNotFoundException");
}

TEST_F(TableOperationsTest, ContinuousBackupsAndTimeToLiveDescriptions) {
  CreateTable("t");
  Document backups = Ok("DescribeContinuousBackups", R"({"TableName":"t"})");
  EXPECT_EQ(backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
                .AsString(),
            "DISABLED");
  Ok("UpdateContinuousBackups",
     R"({"TableName":"t","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})");
  backups = Ok("DescribeContinuousBackups", R"({"TableName":"t"})");
  EXPECT_EQ(backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
                .AsString(),
            "ENABLED");
  EXPECT_EQ(Error("DescribeContinuousBackups", R"({"TableName":"x"})").code(), "TableNotFoundException");
  Document ttl = Ok("DescribeTimeToLive", R"({"TableName":"t"})");
  EXPECT_EQ(ttl["TimeToLiveDescription"]["TimeToLiveStatus"].AsString(), "DISABLED");
}

TEST_F(TableOperationsTest, StateSurvivesForget) {
  CreateTable("t");
  Put("t", R"({"pk":{"S":"a"}})");
  service_.OnStateReplaced();
  EXPECT_FALSE(Get("t", R"({"pk":{"S":"a"}})").is_null());
  store_->Clear();
  service_.OnStateReplaced();
  EXPECT_EQ(Error("DescribeTable", R"({"TableName":"t"})").code(), "ResourceNotFoundException");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
