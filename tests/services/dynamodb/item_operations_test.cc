// PutItem, GetItem, UpdateItem, DeleteItem: conditions, ReturnValues,
// consumed capacity and AWS's validation errors.
#include <gtest/gtest.h>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Detail;
using testing::Json;

class ItemOperationsTest : public testing::DynamoDBTestEnv {
 protected:
  ItemOperationsTest() { CreateTable("t", "N"); }
};

TEST_F(ItemOperationsTest, PutThenGetRoundTripsEveryType) {
  Put("t", R"({"pk":{"S":"a"},"sk":{"N":"01.50"},"s":{"S":"x"},"l":{"L":[{"N":"1"},{"BOOL":true}]},
               "m":{"M":{"n":{"NULL":true}}},"ss":{"SS":["b","a"]},"ns":{"NS":["2","1"]}})");
  Document item = Get("t", R"({"pk":{"S":"a"},"sk":{"N":"1.5"}})");
  ASSERT_TRUE(item.is_map());
  EXPECT_EQ(item["sk"]["N"].AsString(), "1.5");  // canonical number text
  EXPECT_EQ(item["l"]["L"].AsList().at(1)["BOOL"], Document(true));
  EXPECT_EQ(item["m"]["M"]["n"]["NULL"], Document(true));
}

TEST_F(ItemOperationsTest, BinaryValuesStayBinary) {
  Document put = Json(R"({"TableName":"t","Item":{"pk":{"S":"b"},"sk":{"N":"1"}}})");
  put.MutableMap()["Item"].Set("data", Json("{}")).Set("B", core::Blob{std::string("\0\x01\xff", 3)});
  OkInput("PutItem", put);
  Document item = Get("t", R"({"pk":{"S":"b"},"sk":{"N":"1"}})");
  EXPECT_EQ(item["data"]["B"], Document(core::Blob{std::string("\0\x01\xff", 3)}));
}

TEST_F(ItemOperationsTest, KeyMustMatchTheSchema) {
  Status status = Error("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})");
  EXPECT_EQ(status.code(), "ValidationException");
  EXPECT_EQ(status.message(), "The provided key element does not match the schema");
  EXPECT_EQ(Error("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"S":"1"}}})").message(),
            "The provided key element does not match the schema");
  EXPECT_EQ(Error("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"}}})").message(),
            "One or more parameter values were invalid: Missing the key sk in the item");
  EXPECT_EQ(Error("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"S":"x"}}})").message(),
            "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S");
  EXPECT_EQ(Error("PutItem", R"({"TableName":"t","Item":{"pk":{"S":""},"sk":{"N":"1"}}})").message(),
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
            "empty string value. Key: pk");
}

TEST_F(ItemOperationsTest, ItemsOver400KBAreRefused) {
  std::string big(400 * 1024, 'x');
  Status status = Error("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":")" + big + "\"}}}");
  EXPECT_EQ(status.code(), "ValidationException");
  EXPECT_EQ(status.message(), "Item size has exceeded the maximum allowed size");
}

TEST_F(ItemOperationsTest, ConditionFailureCarriesTheOldItemWhenAsked) {
  Put("t", R"({"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}})");
  Status failed = Error("PutItem", R"j({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"})j");
  EXPECT_EQ(failed.code(), "ConditionalCheckFailedException");
  EXPECT_EQ(failed.message(), "The conditional request failed");
  EXPECT_EQ(Json(Detail(failed, "Item"))["v"]["N"].AsString(), "1");
  Status plain = Error("DeleteItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}}})");
  EXPECT_EQ(plain.code(), "ConditionalCheckFailedException");
  EXPECT_EQ(Detail(plain, "Item"), "");
  EXPECT_FALSE(Get("t", R"({"pk":{"S":"a"},"sk":{"N":"1"}})").is_null());
}

TEST_F(ItemOperationsTest, LegacyAndExpressionParametersDoNotMix) {
  Status status = Error("PutItem", R"j({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "ConditionExpression":"attribute_not_exists(pk)","Expected":{"pk":{"Exists":false}}})j");
  EXPECT_EQ(status.code(), "ValidationException");
  EXPECT_EQ(status.message(),
            "Can not use both expression and non-expression parameters in the same request: Non-expression "
            "parameters: {Expected} Expression parameters: {ConditionExpression}");
}

TEST_F(ItemOperationsTest, UpdateItemReturnValues) {
  Put("t", R"({"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"5"},"keep":{"S":"k"}})");
  const std::string update = R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "UpdateExpression":"SET n = n + :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":")";
  EXPECT_EQ(Ok("UpdateItem", update + R"(UPDATED_OLD"})")["Attributes"], Json(R"({"n":{"N":"5"}})"));
  EXPECT_EQ(Ok("UpdateItem", update + R"(UPDATED_NEW"})")["Attributes"], Json(R"({"n":{"N":"7"}})"));
  EXPECT_EQ(Ok("UpdateItem", update + R"(ALL_NEW"})")["Attributes"]["keep"]["S"].AsString(), "k");
  EXPECT_EQ(Ok("UpdateItem", update + R"(ALL_OLD"})")["Attributes"]["n"]["N"].AsString(), "8");
  EXPECT_FALSE(Ok("UpdateItem", update + R"(NONE"})").Has("Attributes"));
  EXPECT_EQ(Error("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnValues":"ALL_NEW"})")
                .code(),
            "ValidationException");
}

TEST_F(ItemOperationsTest, UpdateCreatesMissingItemsAndRefusesKeyUpdates) {
  Ok("UpdateItem", R"({"TableName":"t","Key":{"pk":{"S":"new"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v",
      "ExpressionAttributeValues":{":v":{"S":"x"}}})");
  EXPECT_EQ(Get("t", R"({"pk":{"S":"new"},"sk":{"N":"1"}})")["v"]["S"].AsString(), "x");
  Status status = Error("UpdateItem", R"({"TableName":"t","Key":{"pk":{"S":"new"},"sk":{"N":"1"}},
      "UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"x"}}})");
  EXPECT_EQ(status.message(),
            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
}

TEST_F(ItemOperationsTest, DeleteReturnsOldItem) {
  Put("t", R"({"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"x"}})");
  Document deleted = Ok("DeleteItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnValues":"ALL_OLD"})");
  EXPECT_EQ(deleted["Attributes"]["v"]["S"].AsString(), "x");
  EXPECT_TRUE(Get("t", R"({"pk":{"S":"a"},"sk":{"N":"1"}})").is_null());
}

TEST_F(ItemOperationsTest, ConsumedCapacityFollowsItemSize) {
  std::string value(3000, 'v');
  Document put = Ok("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":")" + value +
                                   R"("}},"ReturnConsumedCapacity":"TOTAL"})");
  EXPECT_EQ(put["ConsumedCapacity"]["CapacityUnits"].AsDouble(), 3.0);  // ~3 KB -> 3 write units
  EXPECT_EQ(put["ConsumedCapacity"]["TableName"].AsString(), "t");
  Document eventual = Ok("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "ReturnConsumedCapacity":"TOTAL"})");
  EXPECT_EQ(eventual["ConsumedCapacity"]["CapacityUnits"].AsDouble(), 0.5);
  Document strong = Ok("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConsistentRead":true,
      "ReturnConsumedCapacity":"INDEXES"})");
  EXPECT_EQ(strong["ConsumedCapacity"]["Table"]["CapacityUnits"].AsDouble(), 1.0);
}

TEST_F(ItemOperationsTest, ProjectionExpressionOnGetItem) {
  Put("t", R"({"pk":{"S":"a"},"sk":{"N":"1"},"a":{"S":"1"},"b":{"S":"2"}})");
  Document got = Ok("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
      "ProjectionExpression":"#a","ExpressionAttributeNames":{"#a":"a"}})");
  EXPECT_EQ(got["Item"], Json(R"({"a":{"S":"1"}})"));
}

TEST_F(ItemOperationsTest, BatchWriteAndBatchGet) {
  Ok("BatchWriteItem", R"({"RequestItems":{"t":[
      {"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"1"}}}},
      {"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}}]}})");
  Document got = Ok("BatchGetItem", R"({"RequestItems":{"t":{"Keys":[
      {"pk":{"S":"a"},"sk":{"N":"1"}},{"pk":{"S":"b"},"sk":{"N":"1"}},{"pk":{"S":"c"},"sk":{"N":"1"}}]}}})");
  EXPECT_EQ(got["Responses"]["t"].size(), 2u);
  EXPECT_EQ(got["UnprocessedKeys"], Document::Map());
  Status duplicates = Error("BatchWriteItem", R"({"RequestItems":{"t":[
      {"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"1"}}}},
      {"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}})");
  EXPECT_EQ(duplicates.message(), "Provided list of item keys contains duplicates");
  std::string many = R"({"RequestItems":{"t":[)";
  for (int i = 0; i < 26; ++i) {
    many += (i ? "," : "") + std::string(R"({"PutRequest":{"Item":{"pk":{"S":"k)") + std::to_string(i) +
            R"("},"sk":{"N":"1"}}}})";
  }
  EXPECT_EQ(Error("BatchWriteItem", many + "]}}").message(), "Too many items requested for the BatchWriteItem call");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
