// The typed DynamoDB view, as a user of the library calls it: tables, items,
// queries, stream records, TTL with a ManualClock, fixtures, snapshots.
#include <gtest/gtest.h>

#include <memory>

#include "cloudemu/cloud.h"

namespace cloudemu {
namespace {

constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z

std::unique_ptr<Cloud> OpenCloud(std::shared_ptr<ManualClock> clock) {
  Options options;
  options.clock = std::move(clock);
  options.id_seed = 1;
  auto cloud = Cloud::Open(std::move(options));
  EXPECT_TRUE(cloud.ok()) << cloud.status().ToString();
  return cloud.ok() ? std::move(cloud).value() : nullptr;
}

TEST(DynamoDBViewTest, TablesAndItems) {
  auto cloud = OpenCloud(std::make_shared<ManualClock>(kStartMillis));
  ASSERT_NE(cloud, nullptr);
  DynamoDBView ddb = cloud->DynamoDB();
  ASSERT_TRUE(ddb.CreateTable("users", "id").ok());
  ASSERT_TRUE(ddb.PutItem("users", R"({"id":{"S":"u1"},"age":{"N":42},"pic":{"B":"AAE="}})").ok());

  auto item = ddb.GetItem("users", R"({"id":{"S":"u1"}})");
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  ASSERT_TRUE(item->has_value());
  EXPECT_EQ(**item, R"({"age":{"N":"42"},"id":{"S":"u1"},"pic":{"B":"AAE="}})");
  auto missing = ddb.GetItem("users", R"({"id":{"S":"nope"}})");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto table = ddb.DescribeTable("users");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->status, "ACTIVE");
  EXPECT_EQ(table->billing_mode, "PAY_PER_REQUEST");
  EXPECT_EQ(table->hash_key.name, "id");
  EXPECT_EQ(table->item_count, 1);
  EXPECT_EQ(*ddb.ListTables(), std::vector<std::string>{"users"});

  Status bad = ddb.GetItem("users", R"({"user":{"S":"u1"}})").status();
  EXPECT_EQ(bad.code(), "ValidationException");
  EXPECT_EQ(bad.message(), "The provided key element does not match the schema");
  EXPECT_TRUE(ddb.DeleteItem("users", R"({"id":{"S":"u1"}})").ok());
  EXPECT_TRUE(ddb.Scan("users")->empty());
  EXPECT_TRUE(ddb.DeleteTable("users").ok());
  EXPECT_EQ(ddb.DescribeTable("users").status().code(), "ResourceNotFoundException");
}

TEST(DynamoDBViewTest, QueryReturnsItemsInSortOrder) {
  auto cloud = OpenCloud(std::make_shared<ManualClock>(kStartMillis));
  DynamoDBView ddb = cloud->DynamoDB();
  DynamoDBTableSpec spec;
  spec.name = "events";
  spec.hash_key = {"device", "S"};
  spec.range_key = DynamoDBKey{"ts", "N"};
  ASSERT_TRUE(ddb.CreateTable(spec).ok());
  for (int ts : {30, 10, 20}) {
    ASSERT_TRUE(ddb.PutItem("events", R"({"device":{"S":"d"},"ts":{"N":)" + std::to_string(ts) + "}}").ok());
  }
  auto items = ddb.Query("events", "device = :d AND ts >= :from", R"({":d":{"S":"d"},":from":{"N":"20"}})");
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0], R"({"device":{"S":"d"},"ts":{"N":"20"}})");
}

TEST(DynamoDBViewTest, StreamRecordsAndTimeToLive) {
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  auto cloud = OpenCloud(clock);
  DynamoDBView ddb = cloud->DynamoDB();
  DynamoDBTableSpec spec;
  spec.name = "sessions";
  spec.hash_key = {"id", "S"};
  spec.stream_view_type = "NEW_AND_OLD_IMAGES";
  spec.ttl_attribute = "expires";
  ASSERT_TRUE(ddb.CreateTable(spec).ok());
  std::string expires = std::to_string(kStartMillis / 1000 + 60);
  ASSERT_TRUE(ddb.PutItem("sessions", R"({"id":{"S":"s1"},"expires":{"N":")" + expires + "\"}}").ok());
  EXPECT_FALSE(ddb.DescribeTable("sessions")->stream_arn.empty());

  clock->Advance(std::chrono::minutes(5));
  EXPECT_FALSE(ddb.GetItem("sessions", R"({"id":{"S":"s1"}})")->has_value());
  auto records = ddb.StreamRecords("sessions");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].event_name, "INSERT");
  EXPECT_FALSE((*records)[0].by_time_to_live);
  EXPECT_EQ((*records)[1].event_name, "REMOVE");
  EXPECT_TRUE((*records)[1].by_time_to_live);
  EXPECT_EQ((*records)[1].keys, R"({"id":{"S":"s1"}})");
}

TEST(DynamoDBViewTest, FixturesSnapshotsAndResources) {
  auto cloud = OpenCloud(std::make_shared<ManualClock>(kStartMillis));
  ASSERT_TRUE(cloud->Seed(R"({"version":1,"dynamodb":{"tables":[{
      "name":"orders","hash_key":{"name":"customer"},"range_key":{"name":"n","type":"N"},
      "global_secondary_indexes":[{"name":"by_status","hash_key":{"name":"order_status"},"projection":"KEYS_ONLY"}],
      "items":[{"customer":{"S":"c1"},"n":{"N":1},"order_status":{"S":"open"}},
               {"customer":{"S":"c1"},"n":{"N":2}}]}]}})")
                  .ok());
  DynamoDBView ddb = cloud->DynamoDB();
  auto open = ddb.Query("orders", "order_status = :s", R"({":s":{"S":"open"}})", "by_status");
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->size(), 1u);
  EXPECT_NE(cloud->ResourcesJson().find("\"orders\""), std::string::npos);
  EXPECT_EQ(cloud->Seed(R"({"dynamodb":{"tables":[{"name":"x","hash_key":{"name":"k"},"typo":1}]}})").code(),
            "InvalidFixture");

  std::string snapshot = cloud->Snapshot();
  ASSERT_TRUE(cloud->Reset().ok());
  EXPECT_TRUE(ddb.ListTables()->empty());
  ASSERT_TRUE(cloud->Restore(snapshot).ok());
  EXPECT_EQ(ddb.Scan("orders")->size(), 2u);
}

}  // namespace
}  // namespace cloudemu
