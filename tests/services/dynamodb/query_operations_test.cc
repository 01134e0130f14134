// Query and Scan: key order (numbers by value), sort conditions, paging,
// filters after Limit, Select, index projections, parallel scan segments.
#include <gtest/gtest.h>

#include <set>

#include "dynamodb_test_env.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Json;

class QueryOperationsTest : public testing::DynamoDBTestEnv {
 protected:
  QueryOperationsTest() {
    CreateTable("n", "N");
    for (const char* sk : {"10", "-2.5", "3", "0", "-100", "2.75", "1e2"}) {
      Put("n", R"({"pk":{"S":"p"},"sk":{"N":")" + std::string(sk) + R"("},"odd":{"BOOL":)" +
                   (std::string(sk) == "3" ? "true" : "false") + "}}");
    }
    Put("n", R"({"pk":{"S":"other"},"sk":{"N":"1"}})");
  }

  std::vector<std::string> SortKeys(const Document& output) {
    std::vector<std::string> keys;
    for (const Document& item : output["Items"].AsList()) keys.push_back(item["sk"]["N"].AsString());
    return keys;
  }

  Document Query(const std::string& extra) {
    return Ok("Query", R"({"TableName":"n","KeyConditionExpression":"pk = :p")" + extra +
                           (extra.find("ExpressionAttributeValues") == std::string::npos
                                ? R"(,"ExpressionAttributeValues":{":p":{"S":"p"}}})"
                                : "}"));
  }
};

TEST_F(QueryOperationsTest, NumbersSortByValue) {
  EXPECT_EQ(SortKeys(Query("")), (std::vector<std::string>{"-100", "-2.5", "0", "2.75", "3", "10", "100"}));
  EXPECT_EQ(SortKeys(Query(R"(,"ScanIndexForward":false)")),
            (std::vector<std::string>{"100", "10", "3", "2.75", "0", "-2.5", "-100"}));
}

TEST_F(QueryOperationsTest, SortConditions) {
  auto with = [&](const std::string& condition, const std::string& values) {
    return SortKeys(Ok("Query", R"({"TableName":"n","KeyConditionExpression":"pk = :p AND )" + condition +
                                    R"(","ExpressionAttributeValues":{":p":{"S":"p"},)" + values + "}}"));
  };
  EXPECT_EQ(with("sk > :v", R"(":v":{"N":"2.75"})"), (std::vector<std::string>{"3", "10", "100"}));
  EXPECT_EQ(with("sk >= :v", R"(":v":{"N":"2.75"})"), (std::vector<std::string>{"2.75", "3", "10", "100"}));
  EXPECT_EQ(with("sk < :v", R"(":v":{"N":"0"})"), (std::vector<std::string>{"-100", "-2.5"}));
  EXPECT_EQ(with("sk <= :v", R"(":v":{"N":"0"})"), (std::vector<std::string>{"-100", "-2.5", "0"}));
  EXPECT_EQ(with("sk = :v", R"(":v":{"N":"3.0"})"), (std::vector<std::string>{"3"}));
  EXPECT_EQ(with("sk BETWEEN :a AND :b", R"(":a":{"N":"-3"},":b":{"N":"3"})"),
            (std::vector<std::string>{"-2.5", "0", "2.75", "3"}));
}

TEST_F(QueryOperationsTest, BeginsWithOnStrings) {
  CreateTable("s", "S");
  for (const char* sk : {"a#1", "a#2", "ab", "b#1", "a"}) Put("s", R"({"pk":{"S":"p"},"sk":{"S":")" + std::string(sk) + "\"}}");
  Document output = Ok("Query", R"j({"TableName":"s","KeyConditionExpression":"pk = :p AND begins_with(sk, :x)",
      "ExpressionAttributeValues":{":p":{"S":"p"},":x":{"S":"a#"}}})j");
  ASSERT_EQ(output["Count"].AsInt(), 2);
  EXPECT_EQ(output["Items"].AsList()[0]["sk"]["S"].AsString(), "a#1");
}

TEST_F(QueryOperationsTest, LimitPagesWithLastEvaluatedKeyBothWays) {
  for (bool forward : {true, false}) {
    std::vector<std::string> seen;
    Document start;
    for (int page = 0; page < 10; ++page) {
      std::string extra = std::string(R"(,"Limit":3,"ScanIndexForward":)") + (forward ? "true" : "false");
      if (start.is_map()) extra += R"(,"ExclusiveStartKey":)" + core::ToJson(start);
      Document output = Query(extra);
      for (const std::string& key : SortKeys(output)) seen.push_back(key);
      if (!output.Has("LastEvaluatedKey")) break;
      start = output["LastEvaluatedKey"];
    }
    std::vector<std::string> expected{"-100", "-2.5", "0", "2.75", "3", "10", "100"};
    if (!forward) std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(seen, expected) << (forward ? "forward" : "backward");
  }
}

TEST_F(QueryOperationsTest, FilterAppliesAfterLimit) {
  Document output = Query(R"(,"Limit":5,"FilterExpression":"odd = :t","ExpressionAttributeValues":{":p":{"S":"p"},":t":{"BOOL":true}})");
  EXPECT_EQ(output["ScannedCount"].AsInt(), 5);
  EXPECT_EQ(output["Count"].AsInt(), 1);
  EXPECT_TRUE(output.Has("LastEvaluatedKey"));
}

TEST_F(QueryOperationsTest, SelectCount) {
  Document output = Query(R"(,"Select":"COUNT")");
  EXPECT_EQ(output["Count"].AsInt(), 7);
  EXPECT_FALSE(output.Has("Items"));
}

TEST_F(QueryOperationsTest, GlobalIndexProjections) {
  Ok("CreateTable", R"({"TableName":"g","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"email","AttributeType":"S"},
          {"AttributeName":"age","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "GlobalSecondaryIndexes":[
        {"IndexName":"keys","KeySchema":[{"AttributeName":"email","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}},
        {"IndexName":"inc","KeySchema":[{"AttributeName":"email","KeyType":"HASH"},{"AttributeName":"age","KeyType":"RANGE"}],
         "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name"]}}]})");
  Put("g", R"({"pk":{"S":"1"},"email":{"S":"e"},"age":{"N":"30"},"name":{"S":"n1"},"secret":{"S":"s"}})");
  Put("g", R"({"pk":{"S":"2"},"email":{"S":"e"},"age":{"N":"20"},"name":{"S":"n2"}})");
  Put("g", R"({"pk":{"S":"3"},"name":{"S":"not indexed"}})");

  Document keys = Ok("Query", R"({"TableName":"g","IndexName":"keys","KeyConditionExpression":"email = :e",
      "ExpressionAttributeValues":{":e":{"S":"e"}}})");
  ASSERT_EQ(keys["Count"].AsInt(), 2);
  for (const Document& item : keys["Items"].AsList()) {
    EXPECT_EQ(item.size(), 2u) << item.DebugString();  // pk + email
  }
  Document included = Ok("Query", R"({"TableName":"g","IndexName":"inc","KeyConditionExpression":"email = :e",
      "ExpressionAttributeValues":{":e":{"S":"e"}}})");
  ASSERT_EQ(included["Count"].AsInt(), 2);
  EXPECT_EQ(included["Items"].AsList()[0]["age"]["N"].AsString(), "20");  // index sort order
  EXPECT_EQ(included["Items"].AsList()[0]["name"]["S"].AsString(), "n2");
  EXPECT_FALSE(included["Items"].AsList()[1].Has("secret"));
  auto all = Call("Query", R"({"TableName":"g","IndexName":"inc","KeyConditionExpression":"email = :e",
      "Select":"ALL_ATTRIBUTES","ExpressionAttributeValues":{":e":{"S":"e"}}})");
  EXPECT_EQ(all.status().code(), "ValidationException");
  Document scanned = Ok("Scan", R"({"TableName":"g","IndexName":"keys"})");
  EXPECT_EQ(scanned["Count"].AsInt(), 2);  // sparse: item 3 has no email
}

TEST_F(QueryOperationsTest, LocalIndexOrdersBySortKey) {
  Ok("CreateTable", R"({"TableName":"l","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
          {"AttributeName":"rank","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "LocalSecondaryIndexes":[{"IndexName":"by_rank","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
          {"AttributeName":"rank","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
  Put("l", R"({"pk":{"S":"p"},"sk":{"S":"a"},"rank":{"N":"3"},"x":{"S":"1"}})");
  Put("l", R"({"pk":{"S":"p"},"sk":{"S":"b"},"rank":{"N":"1"},"x":{"S":"2"}})");
  Document output = Ok("Query", R"({"TableName":"l","IndexName":"by_rank","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"p"}},"Select":"ALL_ATTRIBUTES"})");
  ASSERT_EQ(output["Count"].AsInt(), 2);
  EXPECT_EQ(output["Items"].AsList()[0]["sk"]["S"].AsString(), "b");
  EXPECT_EQ(output["Items"].AsList()[0]["x"]["S"].AsString(), "2");  // LSIs fetch from the table
}

TEST_F(QueryOperationsTest, ParallelScanSegmentsPartitionTheTable) {
  CreateTable("many");
  for (int i = 0; i < 50; ++i) Put("many", R"({"pk":{"S":"k)" + std::to_string(i) + "\"}}");
  std::set<std::string> seen;
  size_t total = 0;
  for (int segment = 0; segment < 4; ++segment) {
    Document output = Ok("Scan", R"({"TableName":"many","Segment":)" + std::to_string(segment) + R"(,"TotalSegments":4})");
    for (const Document& item : output["Items"].AsList()) seen.insert(item["pk"]["S"].AsString());
    total += output["Items"].size();
  }
  EXPECT_EQ(total, 50u);
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_EQ(Call("Scan", R"({"TableName":"many","Segment":4,"TotalSegments":4})").status().code(), "ValidationException");
}

TEST_F(QueryOperationsTest, ScanStopsAtOneMegabyte) {
  CreateTable("big");
  std::string value(100 * 1024, 'v');
  for (int i = 0; i < 15; ++i) Put("big", R"({"pk":{"S":"k)" + std::to_string(i) + R"("},"v":{"S":")" + value + "\"}}");
  Document first = Ok("Scan", R"({"TableName":"big"})");
  EXPECT_LT(first["ScannedCount"].AsInt(), 15);
  ASSERT_TRUE(first.Has("LastEvaluatedKey"));
  Document rest = Ok("Scan", R"({"TableName":"big","ExclusiveStartKey":)" + core::ToJson(first["LastEvaluatedKey"]) + "}");
  EXPECT_EQ(first["ScannedCount"].AsInt() + rest["ScannedCount"].AsInt(), 15);
}

TEST_F(QueryOperationsTest, MissingKeyConditionAndUnknownIndex) {
  EXPECT_EQ(Call("Query", R"({"TableName":"n"})").status().code(), "ValidationException");
  auto unknown = Call("Query", R"({"TableName":"n","IndexName":"x","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"p"}}})");
  EXPECT_EQ(unknown.status().message(), "The table does not have the specified index: x");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
