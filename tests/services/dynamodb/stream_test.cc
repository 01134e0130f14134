// DynamoDB Streams: records for INSERT/MODIFY/REMOVE with the images the
// view type asks for, iterators of every type, table's stream ARN/label.
#include <gtest/gtest.h>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Json;

class StreamTest : public testing::DynamoDBTestEnv {
 protected:
  StreamTest() {
    Ok("CreateTable", R"({"TableName":"s","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
        "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})");
    arn_ = Ok("DescribeTable", R"({"TableName":"s"})")["Table"]["LatestStreamArn"].AsString();
  }

  std::string Iterator(const std::string& type, const std::string& sequence = "") {
    Document shards = StreamsOk("DescribeStream", Json(R"({"StreamArn":")" + arn_ + "\"}"));
    Document input = Document::Map();
    input.Set("StreamArn", arn_);
    input.Set("ShardId", shards["StreamDescription"]["Shards"].AsList().at(0)["ShardId"]);
    input.Set("ShardIteratorType", type);
    if (!sequence.empty()) input.Set("SequenceNumber", sequence);
    return StreamsOk("GetShardIterator", input)["ShardIterator"].AsString();
  }

  Document Records(const std::string& iterator) {
    Document input = Document::Map();
    input.Set("ShardIterator", iterator);
    return StreamsOk("GetRecords", input);
  }

  std::string arn_;
};

TEST_F(StreamTest, TableNamesItsStream) {
  Document table = Ok("DescribeTable", R"({"TableName":"s"})")["Table"];
  EXPECT_EQ(arn_, "arn:aws:dynamodb:us-east-1:123456789012:table/s/stream/" + table["LatestStreamLabel"].AsString());
  EXPECT_EQ(table["StreamSpecification"]["StreamViewType"].AsString(), "NEW_AND_OLD_IMAGES");
  Document streams = StreamsOk("ListStreams", Json(R"({"TableName":"s"})"));
  ASSERT_EQ(streams["Streams"].size(), 1u);
  EXPECT_EQ(streams["Streams"].AsList()[0]["StreamArn"].AsString(), arn_);
}

TEST_F(StreamTest, InsertModifyRemoveWithImages) {
  Put("s", R"({"pk":{"S":"a"},"v":{"N":"1"}})");
  Put("s", R"({"pk":{"S":"a"},"v":{"N":"2"}})");
  Ok("DeleteItem", R"({"TableName":"s","Key":{"pk":{"S":"a"}}})");
  Document output = Records(Iterator("TRIM_HORIZON"));
  const core::DocumentList& records = output["Records"].AsList();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["eventName"].AsString(), "INSERT");
  EXPECT_FALSE(records[0]["dynamodb"].Has("OldImage"));
  EXPECT_EQ(records[1]["eventName"].AsString(), "MODIFY");
  EXPECT_EQ(records[1]["dynamodb"]["OldImage"]["v"]["N"].AsString(), "1");
  EXPECT_EQ(records[1]["dynamodb"]["NewImage"]["v"]["N"].AsString(), "2");
  EXPECT_EQ(records[2]["eventName"].AsString(), "REMOVE");
  EXPECT_EQ(records[2]["dynamodb"]["Keys"], Json(R"({"pk":{"S":"a"}})"));
  EXPECT_FALSE(records[2].Has("userIdentity"));
  EXPECT_LT(records[0]["dynamodb"]["SequenceNumber"].AsString(), records[1]["dynamodb"]["SequenceNumber"].AsString());
  EXPECT_GT(records[0]["dynamodb"]["SizeBytes"].AsInt(), 0);
  EXPECT_EQ(records[0]["eventSource"].AsString(), "aws:dynamodb");
  EXPECT_EQ(records[0]["awsRegion"].AsString(), "us-east-1");

  // AT / AFTER a sequence number, and LATEST sees only what comes next.
  std::string second = records[1]["dynamodb"]["SequenceNumber"].AsString();
  EXPECT_EQ(Records(Iterator("AT_SEQUENCE_NUMBER", second))["Records"].size(), 2u);
  EXPECT_EQ(Records(Iterator("AFTER_SEQUENCE_NUMBER", second))["Records"].size(), 1u);
  std::string latest = Iterator("LATEST");
  EXPECT_EQ(Records(latest)["Records"].size(), 0u);
  Put("s", R"({"pk":{"S":"b"}})");
  Document next = Records(latest);
  ASSERT_EQ(next["Records"].size(), 1u);
  EXPECT_EQ(Records(next["NextShardIterator"].AsString())["Records"].size(), 0u);
}

TEST_F(StreamTest, KeysOnlyViewCarriesNoImages) {
  Ok("UpdateTable", R"({"TableName":"s","StreamSpecification":{"StreamEnabled":false}})");
  Document described = StreamsOk("DescribeStream", Json(R"({"StreamArn":")" + arn_ + "\"}"));
  EXPECT_EQ(described["StreamDescription"]["StreamStatus"].AsString(), "DISABLED");
  clock_.Advance(std::chrono::seconds(1));
  Ok("UpdateTable", R"({"TableName":"s","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");
  arn_ = Ok("DescribeTable", R"({"TableName":"s"})")["Table"]["LatestStreamArn"].AsString();
  Put("s", R"({"pk":{"S":"k"},"v":{"S":"x"}})");
  Document output = Records(Iterator("TRIM_HORIZON"));
  ASSERT_EQ(output["Records"].size(), 1u);
  const Document& change = output["Records"].AsList()[0]["dynamodb"];
  EXPECT_FALSE(change.Has("NewImage"));
  EXPECT_EQ(change["StreamViewType"].AsString(), "KEYS_ONLY");
  EXPECT_EQ(StreamsOk("ListStreams", Json("{}"))["Streams"].size(), 2u);
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
