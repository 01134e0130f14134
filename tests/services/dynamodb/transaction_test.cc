// TransactWriteItems and TransactGetItems: all or nothing, cancellation
// reasons in order, idempotency tokens, one operation per item.
#include <gtest/gtest.h>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Detail;
using testing::Json;

class TransactionTest : public testing::DynamoDBTestEnv {
 protected:
  TransactionTest() {
    CreateTable("t");
    Put("t", R"({"pk":{"S":"existing"},"n":{"N":"1"}})");
  }
};

constexpr const char* kTransfer = R"j({"TransactItems":[
  {"Put":{"TableName":"t","Item":{"pk":{"S":"new"}},"ConditionExpression":"attribute_not_exists(pk)"}},
  {"Update":{"TableName":"t","Key":{"pk":{"S":"existing"}},"UpdateExpression":"SET n = n + :one",
             "ExpressionAttributeValues":{":one":{"N":"1"}}}}]})j";

TEST_F(TransactionTest, AllWritesApply) {
  Ok("TransactWriteItems", kTransfer);
  EXPECT_FALSE(Get("t", R"({"pk":{"S":"new"}})").is_null());
  EXPECT_EQ(Get("t", R"({"pk":{"S":"existing"}})")["n"]["N"].AsString(), "2");
}

TEST_F(TransactionTest, OneFailedConditionCancelsEverything) {
  Status status = Error("TransactWriteItems", R"({"TransactItems":[
    {"Put":{"TableName":"t","Item":{"pk":{"S":"other"}}}},
    {"ConditionCheck":{"TableName":"t","Key":{"pk":{"S":"existing"}},"ConditionExpression":"n = :two",
                       "ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]})");
  EXPECT_EQ(status.code(), "TransactionCanceledException");
  EXPECT_EQ(status.message(),
            "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
  Document reasons = Json(Detail(status, "CancellationReasons"));
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons.AsList()[0]["Code"].AsString(), "None");
  EXPECT_EQ(reasons.AsList()[1]["Code"].AsString(), "ConditionalCheckFailed");
  EXPECT_EQ(reasons.AsList()[1]["Item"]["n"]["N"].AsString(), "1");
  EXPECT_TRUE(Get("t", R"({"pk":{"S":"other"}})").is_null());
}

TEST_F(TransactionTest, TwoOperationsOnOneItemAreRefused) {
  Status status = Error("TransactWriteItems", R"({"TransactItems":[
    {"Put":{"TableName":"t","Item":{"pk":{"S":"x"}}}},
    {"Delete":{"TableName":"t","Key":{"pk":{"S":"x"}}}}]})");
  EXPECT_EQ(status.code(), "ValidationException");
  EXPECT_EQ(status.message(), "Transaction request cannot include multiple operations on one item");
}

TEST_F(TransactionTest, ClientRequestTokenMakesRetriesIdempotentForTenMinutes) {
  Document request = Json(kTransfer);
  request.Set("ClientRequestToken", "token-1");
  OkInput("TransactWriteItems", request);
  OkInput("TransactWriteItems", request);  // a retry: not applied twice
  EXPECT_EQ(Get("t", R"({"pk":{"S":"existing"}})")["n"]["N"].AsString(), "2");

  Document different = Json(R"({"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"z"}}}}]})");
  different.Set("ClientRequestToken", "token-1");
  EXPECT_EQ(CallInput("TransactWriteItems", different).status().code(), "IdempotentParameterMismatchException");

  clock_.Advance(std::chrono::minutes(11));
  auto later = CallInput("TransactWriteItems", request);  // the token expired: a new transaction
  EXPECT_EQ(later.status().code(), "TransactionCanceledException");  // "new" exists now
}

TEST_F(TransactionTest, MoreThanOneHundredItemsAreRefused) {
  Document request = Json(R"({"TransactItems":[]})");
  for (int i = 0; i < 101; ++i) {
    request.MutableMap()["TransactItems"].Append(
        Json(R"({"Put":{"TableName":"t","Item":{"pk":{"S":"k)" + std::to_string(i) + "\"}}}}"));
  }
  EXPECT_EQ(CallInput("TransactWriteItems", request).status().code(), "ValidationException");
}

TEST_F(TransactionTest, TransactGetReturnsItemsInOrder) {
  Document output = Ok("TransactGetItems", R"({"TransactItems":[
    {"Get":{"TableName":"t","Key":{"pk":{"S":"missing"}}}},
    {"Get":{"TableName":"t","Key":{"pk":{"S":"existing"}},"ProjectionExpression":"n"}}]})");
  ASSERT_EQ(output["Responses"].size(), 2u);
  EXPECT_FALSE(output["Responses"].AsList()[0].Has("Item"));
  EXPECT_EQ(output["Responses"].AsList()[1]["Item"], Json(R"({"n":{"N":"1"}})"));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
