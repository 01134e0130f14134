// SNS fan-out to SQS through a real Cloud: the delivery goes through the
// Cloud's dispatch into SQS's own SendMessage, and Settle() makes it visible.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cloudemu/cloud.h"

namespace cloudemu {
namespace {

constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z

SnsPublishOptions WithSubject(const std::string& subject) {
  SnsPublishOptions options;
  options.subject = subject;
  return options;
}

SnsPublishOptions WithAttribute(const std::string& name, const std::string& value) {
  SnsPublishOptions options;
  options.attributes[name] = {"String", value};
  return options;
}

SnsPublishOptions InGroup(const std::string& group) {
  SnsPublishOptions options;
  options.group_id = group;
  return options;
}

class SnsViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.clock = std::make_shared<ManualClock>(kStartMillis);
    options.id_seed = 3;
    auto opened = Cloud::Open(std::move(options));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    cloud_ = std::move(opened).value();
  }

  std::string QueueArn(const std::string& name) {
    auto attributes = cloud_->Sqs().QueueAttributes(name);
    EXPECT_TRUE(attributes.ok()) << attributes.status().ToString();
    return attributes.ok() ? (*attributes)["QueueArn"] : "";
  }

  std::vector<std::string> Bodies(const std::string& queue) {
    auto messages = cloud_->Sqs().Peek(queue);
    EXPECT_TRUE(messages.ok()) << messages.status().ToString();
    std::vector<std::string> bodies;
    if (messages.ok()) {
      for (const SqsPeekedMessage& message : *messages) bodies.push_back(message.body);
    }
    return bodies;
  }

  std::unique_ptr<Cloud> cloud_;
};

TEST_F(SnsViewTest, FanOutReachesEverySubscribedQueue) {
  SnsView sns = cloud_->Sns();
  auto topic = sns.CreateTopic("orders", {{"DisplayName", "Orders"}}, {{"team", "shop"}});
  ASSERT_TRUE(topic.ok()) << topic.status().ToString();
  for (const char* queue : {"billing", "shipping"}) {
    ASSERT_TRUE(cloud_->Sqs().CreateQueue(queue).ok());
    ASSERT_TRUE(sns.Subscribe(*topic, "sqs", QueueArn(queue)).ok());
  }
  auto published = sns.Publish(*topic, "order 1", WithSubject("new order"));
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  cloud_->Settle();

  for (const char* queue : {"billing", "shipping"}) {
    auto messages = cloud_->Sqs().ReceiveMessages(queue);
    ASSERT_TRUE(messages.ok());
    ASSERT_EQ(messages->size(), 1u) << queue;
    const std::string& body = messages->at(0).body;
    EXPECT_NE(body.find("\"Type\":\"Notification\""), std::string::npos);
    EXPECT_NE(body.find("\"MessageId\":\"" + published->message_id + "\""), std::string::npos);
    EXPECT_NE(body.find("\"Subject\":\"new order\""), std::string::npos);
    EXPECT_NE(body.find("\"Message\":\"order 1\""), std::string::npos);
  }
  auto deliveries = sns.Deliveries();
  ASSERT_TRUE(deliveries.ok());
  ASSERT_EQ(deliveries->size(), 2u);
  for (const SnsDeliveryAttempt& attempt : *deliveries) EXPECT_EQ(attempt.status, "delivered");

  auto topics = sns.ListTopics();
  ASSERT_TRUE(topics.ok());
  EXPECT_EQ(*topics, std::vector<std::string>{*topic});
  auto subscriptions = sns.ListSubscriptions(*topic);
  ASSERT_TRUE(subscriptions.ok());
  EXPECT_EQ(subscriptions->size(), 2u);
  EXPECT_NE(cloud_->ResourcesJson().find("\"sns:subscription\""), std::string::npos);
}

TEST_F(SnsViewTest, RawDeliveryBecomesTheQueueMessageWithAttributes) {
  SnsView sns = cloud_->Sns();
  auto topic = sns.CreateTopic("raw");
  ASSERT_TRUE(topic.ok());
  ASSERT_TRUE(cloud_->Sqs().CreateQueue("raw-in").ok());
  ASSERT_TRUE(sns.Subscribe(*topic, "sqs", QueueArn("raw-in"), {{"RawMessageDelivery", "true"}}).ok());
  ASSERT_TRUE(sns.Publish(*topic, "plain body", WithAttribute("kind", "invoice")).ok());
  cloud_->Settle();
  auto messages = cloud_->Sqs().ReceiveMessages("raw-in");
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ(messages->at(0).body, "plain body");
  EXPECT_EQ(messages->at(0).message_attributes.at("kind"), "invoice");
}

TEST_F(SnsViewTest, FilterPoliciesDecideWhichQueuesGetAMessage) {
  SnsView sns = cloud_->Sns();
  auto topic = sns.CreateTopic("events");
  ASSERT_TRUE(topic.ok());
  ASSERT_TRUE(cloud_->Sqs().CreateQueue("eu").ok());
  ASSERT_TRUE(cloud_->Sqs().CreateQueue("big").ok());
  ASSERT_TRUE(
      sns.Subscribe(*topic, "sqs", QueueArn("eu"), {{"FilterPolicy", R"({"region":[{"prefix":"eu-"}]})"}}).ok());
  ASSERT_TRUE(sns.Subscribe(*topic, "sqs", QueueArn("big"),
                            {{"FilterPolicyScope", "MessageBody"},
                             {"FilterPolicy", R"({"order":{"total":[{"numeric":[">=",100]}]}})"}})
                  .ok());
  ASSERT_TRUE(sns.Publish(*topic, R"({"order":{"total":250}})", WithAttribute("region", "us-east-1")).ok());
  ASSERT_TRUE(sns.Publish(*topic, R"({"order":{"total":5}})", WithAttribute("region", "eu-west-1")).ok());
  cloud_->Settle();
  auto eu = Bodies("eu");
  auto big = Bodies("big");
  ASSERT_EQ(eu.size(), 1u);
  ASSERT_EQ(big.size(), 1u);
  EXPECT_NE(eu[0].find("total\\\":5"), std::string::npos) << eu[0];
  EXPECT_NE(big[0].find("total\\\":250"), std::string::npos) << big[0];
}

TEST_F(SnsViewTest, FifoTopicToFifoQueueKeepsOrder) {
  SnsView sns = cloud_->Sns();
  auto topic = sns.CreateTopic("ledger.fifo", {{"FifoTopic", "true"}, {"ContentBasedDeduplication", "true"}});
  ASSERT_TRUE(topic.ok()) << topic.status().ToString();
  ASSERT_TRUE(cloud_->Sqs().CreateQueue("ledger.fifo", {{"FifoQueue", "true"}}).ok());
  ASSERT_TRUE(sns.Subscribe(*topic, "sqs", QueueArn("ledger.fifo"), {{"RawMessageDelivery", "true"}}).ok());
  std::vector<std::string> sent;
  for (int i = 0; i < 20; ++i) {
    sent.push_back("entry " + std::to_string(i));
    auto published = sns.Publish(*topic, sent.back(), InGroup(i % 2 ? "odd" : "even"));
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    EXPECT_EQ(published->sequence_number.size(), 20u);
  }
  // The same content again is deduplicated by content.
  ASSERT_TRUE(sns.Publish(*topic, "entry 0", InGroup("even")).ok());
  cloud_->Settle();
  auto messages = cloud_->Sqs().Peek("ledger.fifo");
  ASSERT_TRUE(messages.ok()) << messages.status().ToString();
  std::vector<std::string> bodies;
  for (const SqsPeekedMessage& message : *messages) {
    bodies.push_back(message.body);
    EXPECT_EQ(message.group_id, std::stoi(message.body.substr(6)) % 2 ? "odd" : "even");
  }
  EXPECT_EQ(bodies, sent);
}

TEST_F(SnsViewTest, DeliveryToAMissingQueueIsRecordedAsFailed) {
  SnsView sns = cloud_->Sns();
  auto topic = sns.CreateTopic("orphan");
  ASSERT_TRUE(topic.ok());
  ASSERT_TRUE(sns.Subscribe(*topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:nowhere").ok());
  ASSERT_TRUE(sns.Publish(*topic, "lost").ok());
  cloud_->Settle();
  auto deliveries = sns.Deliveries();
  ASSERT_TRUE(deliveries.ok());
  ASSERT_EQ(deliveries->size(), 1u);
  EXPECT_EQ(deliveries->at(0).status, "failed");
  EXPECT_EQ(deliveries->at(0).attempts, 4);
}

TEST_F(SnsViewTest, SeededTopicsDeliver) {
  ASSERT_TRUE(cloud_
                  ->Seed(R"({"version":1,"sqs":{"queues":[{"name":"seeded-q"}]},
      "sns":{"topics":[{"name":"seeded","subscriptions":[{"protocol":"sqs",
      "endpoint":"arn:aws:sqs:us-east-1:000000000000:seeded-q","attributes":{"RawMessageDelivery":"true"}}]}]}})")
                  .ok());
  ASSERT_TRUE(cloud_->Sns().Publish("arn:aws:sns:us-east-1:000000000000:seeded", "hello seed").ok());
  cloud_->Settle();
  EXPECT_EQ(Bodies("seeded-q"), std::vector<std::string>{"hello seed"});
}

}  // namespace
}  // namespace cloudemu
