// The typed SQS view, as a user of the library calls it: queues, messages,
// peeking, fixtures, snapshots and an LMDB restart with messages in flight.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "cloudemu/cloud.h"

namespace cloudemu {
namespace {

constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z

std::unique_ptr<Cloud> OpenCloud(std::shared_ptr<ManualClock> clock, const std::string& lmdb = "") {
  Options options;
  options.clock = std::move(clock);
  options.id_seed = 1;
  options.storage.lmdb_directory = lmdb;
  auto cloud = Cloud::Open(std::move(options));
  EXPECT_TRUE(cloud.ok()) << cloud.status().ToString();
  return cloud.ok() ? std::move(cloud).value() : nullptr;
}

TEST(SqsViewTest, QueuesAndMessagesThroughTheView) {
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  auto cloud = OpenCloud(clock);
  ASSERT_NE(cloud, nullptr);
  SqsView sqs = cloud->Sqs();

  auto url = sqs.CreateQueue("work", {{"VisibilityTimeout", "10"}});
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(*url, "https://sqs.us-east-1.amazonaws.com/" + cloud->options().account_id + "/work");
  EXPECT_EQ(*sqs.QueueUrl("work"), *url);

  SqsSendOptions tagged;
  tagged.attributes = {{"kind", "a"}};
  ASSERT_TRUE(sqs.SendMessage("work", "first", tagged).ok());
  SqsSendOptions delayed;
  delayed.delay_seconds = 5;
  ASSERT_TRUE(sqs.SendMessage("work", "later", delayed).ok());
  auto messages = sqs.ReceiveMessages("work", 10);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].body, "first");
  EXPECT_EQ((*messages)[0].message_attributes.at("kind"), "a");
  EXPECT_EQ((*messages)[0].attributes.at("ApproximateReceiveCount"), "1");

  auto peeked = sqs.Peek("work");
  ASSERT_TRUE(peeked.ok());
  ASSERT_EQ(peeked->size(), 2u);
  EXPECT_EQ((*peeked)[0].state, SqsMessageState::kInFlight);
  EXPECT_EQ((*peeked)[1].state, SqsMessageState::kDelayed);
  clock->Advance(std::chrono::seconds(10));
  peeked = sqs.Peek("work");
  EXPECT_EQ((*peeked)[0].state, SqsMessageState::kVisible);
  EXPECT_EQ((*peeked)[1].state, SqsMessageState::kVisible);

  auto attributes = sqs.QueueAttributes("work");
  ASSERT_TRUE(attributes.ok());
  EXPECT_EQ(attributes->at("ApproximateNumberOfMessages"), "2");
  // The handle of the latest receive still deletes after the visibility timeout ran out.
  ASSERT_TRUE(sqs.DeleteMessage("work", (*messages)[0].receipt_handle).ok());
  EXPECT_EQ(sqs.Peek("work")->size(), 1u);

  ASSERT_TRUE(sqs.DeleteQueue("work").ok());
  EXPECT_EQ(sqs.QueueUrl("work").status().code(), "QueueDoesNotExist");
  EXPECT_EQ(sqs.Peek("work").status().code(), "QueueDoesNotExist");
}

TEST(SqsViewTest, UrlsUseTheListenerEndpoint) {
  auto cloud = OpenCloud(std::make_shared<ManualClock>(kStartMillis));
  auto endpoint = cloud->Listen();
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(*cloud->Sqs().CreateQueue("here"), *endpoint + "/" + cloud->options().account_id + "/here");
}

TEST(SqsViewTest, FixturesSnapshotsAndResourceListing) {
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  auto cloud = OpenCloud(clock);
  Status seeded = cloud->Seed(R"({"sqs": {"queues": [
      {"name": "seeded", "attributes": {"DelaySeconds": 0}, "tags": {"team": "x"},
       "messages": [{"body": "one", "attributes": {"n": 1}}, {"body": "two"}]},
      {"name": "seeded.fifo", "attributes": {"FifoQueue": true, "ContentBasedDeduplication": true},
       "messages": [{"body": "f", "group_id": "g"}]}]}})");
  ASSERT_TRUE(seeded.ok()) << seeded.ToString();
  EXPECT_EQ(cloud->Sqs().Peek("seeded")->size(), 2u);
  EXPECT_EQ(cloud->Sqs().Peek("seeded.fifo")->size(), 1u);
  EXPECT_NE(cloud->ResourcesJson().find("\"messages_visible\":2"), std::string::npos);
  EXPECT_EQ(cloud->Seed(R"({"sqs": {"queues": [{"nome": "typo"}]}})").code(), "InvalidFixture");

  std::string snapshot = cloud->Snapshot();
  auto received = cloud->Sqs().ReceiveMessages("seeded", 10);
  ASSERT_EQ(received->size(), 2u);
  ASSERT_TRUE(cloud->Restore(snapshot).ok());
  EXPECT_EQ((*cloud->Sqs().Peek("seeded"))[0].state, SqsMessageState::kVisible);
  EXPECT_EQ(cloud->Sqs().ReceiveMessages("seeded", 10)->size(), 2u);
  ASSERT_TRUE(cloud->Reset().ok());
  EXPECT_EQ(cloud->Sqs().QueueUrl("seeded").status().code(), "QueueDoesNotExist");
}

TEST(SqsViewTest, LmdbRestartKeepsInFlightTimers) {
  std::string dir =
      (std::filesystem::path(::testing::TempDir()) / ("cloudemu-sqs-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  {
    auto cloud = OpenCloud(clock, dir);
    ASSERT_NE(cloud, nullptr);
    ASSERT_TRUE(cloud->Sqs().CreateQueue("durable").ok());
    ASSERT_TRUE(cloud->Sqs().SendMessage("durable", "a").ok());
    ASSERT_TRUE(cloud->Sqs().SendMessage("durable", "b").ok());
    ASSERT_EQ(cloud->Sqs().ReceiveMessages("durable", 1, 60)->size(), 1u);
  }
  clock->Advance(std::chrono::seconds(30));
  {
    auto cloud = OpenCloud(clock, dir);
    ASSERT_NE(cloud, nullptr);
    auto peeked = cloud->Sqs().Peek("durable");
    ASSERT_TRUE(peeked.ok());
    ASSERT_EQ(peeked->size(), 2u);
    EXPECT_EQ((*peeked)[0].state, SqsMessageState::kInFlight);
    EXPECT_EQ((*peeked)[0].visible_at_millis, kStartMillis + 60000);
    auto now = cloud->Sqs().ReceiveMessages("durable", 10, 300);
    ASSERT_EQ(now->size(), 1u);
    EXPECT_EQ((*now)[0].body, "b");
    clock->Advance(std::chrono::seconds(30));
    auto later = cloud->Sqs().ReceiveMessages("durable", 10);
    ASSERT_EQ(later->size(), 1u);
    EXPECT_EQ((*later)[0].body, "a");
    EXPECT_EQ((*later)[0].attributes.at("ApproximateReceiveCount"), "2");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cloudemu
