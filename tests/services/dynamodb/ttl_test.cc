// Time to live, driven by the Cloud's clock: expired items vanish from
// reads and leave REMOVE stream records by the TTL service.
#include <gtest/gtest.h>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Json;

class TtlTest : public testing::DynamoDBTestEnv {
 protected:
  TtlTest() {
    Ok("CreateTable", R"({"TableName":"t","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
        "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"OLD_IMAGE"}})");
    Ok("UpdateTimeToLive", R"({"TableName":"t","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
  }
  std::string InSeconds(int64_t seconds) { return std::to_string(clock_.NowMillis() / 1000 + seconds); }
};

TEST_F(TtlTest, DescribeAndToggle) {
  Document ttl = Ok("DescribeTimeToLive", R"({"TableName":"t"})");
  EXPECT_EQ(ttl["TimeToLiveDescription"]["TimeToLiveStatus"].AsString(), "ENABLED");
  EXPECT_EQ(ttl["TimeToLiveDescription"]["AttributeName"].AsString(), "exp");
  EXPECT_EQ(Error("UpdateTimeToLive", R"({"TableName":"t","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})")
                .message(),
            "TimeToLive is already enabled");
}

TEST_F(TtlTest, ExpiredItemsVanishAndLeaveTtlRemoveRecords) {
  Put("t", R"({"pk":{"S":"short"},"exp":{"N":")" + InSeconds(60) + "\"}}");
  Put("t", R"({"pk":{"S":"long"},"exp":{"N":")" + InSeconds(3600) + "\"}}");
  Put("t", R"({"pk":{"S":"forever"}})");
  EXPECT_FALSE(Get("t", R"({"pk":{"S":"short"}})").is_null());

  clock_.Advance(std::chrono::minutes(2));
  EXPECT_TRUE(Get("t", R"({"pk":{"S":"short"}})").is_null());
  EXPECT_FALSE(Get("t", R"({"pk":{"S":"long"}})").is_null());
  EXPECT_EQ(Ok("Scan", R"({"TableName":"t"})")["Count"].AsInt(), 2);
  EXPECT_EQ(Ok("DescribeTable", R"({"TableName":"t"})")["Table"]["ItemCount"].AsInt(), 2);

  std::string arn = Ok("DescribeTable", R"({"TableName":"t"})")["Table"]["LatestStreamArn"].AsString();
  Document stream = StreamsOk("DescribeStream", Json(R"({"StreamArn":")" + arn + "\"}"));
  Document input = Document::Map();
  input.Set("StreamArn", arn);
  input.Set("ShardId", stream["StreamDescription"]["Shards"].AsList()[0]["ShardId"]);
  input.Set("ShardIteratorType", "TRIM_HORIZON");
  Document get = Document::Map();
  get.Set("ShardIterator", StreamsOk("GetShardIterator", input)["ShardIterator"]);
  Document records = StreamsOk("GetRecords", get)["Records"];
  ASSERT_EQ(records.size(), 4u);
  const Document& removal = records.AsList()[3];
  EXPECT_EQ(removal["eventName"].AsString(), "REMOVE");
  EXPECT_EQ(removal["dynamodb"]["OldImage"]["pk"]["S"].AsString(), "short");
  EXPECT_EQ(removal["userIdentity"]["PrincipalId"].AsString(), "dynamodb.amazonaws.com");
  EXPECT_EQ(removal["userIdentity"]["Type"].AsString(), "Service");
}

TEST_F(TtlTest, WritingOverAnExpiredItemSeesItAbsent) {
  Put("t", R"({"pk":{"S":"a"},"exp":{"N":")" + InSeconds(1) + "\"}}");
  clock_.Advance(std::chrono::seconds(5));
  Ok("PutItem", R"j({"TableName":"t","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"})j");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
