// Subscriptions: protocols and endpoints, HTTP confirmation by token,
// attributes (filter policies with AWS's validation errors), listing and
// unsubscribing.
#include <gtest/gtest.h>

#include "core/json.h"
#include "sns_test_env.h"

namespace cloudemu::services::sns {
namespace {

using testing::Doc;

class SubscriptionOperationsTest : public testing::SnsTestEnv {
 protected:
  Document Attributes(const std::string& subscription) {
    return Ok("GetSubscriptionAttributes", Doc({{"SubscriptionArn", subscription}}))["Attributes"];
  }
  Status Set(const std::string& subscription, const std::string& name, const std::string& value) {
    return Error("SetSubscriptionAttributes",
                 Doc({{"SubscriptionArn", subscription}, {"AttributeName", name}, {"AttributeValue", value}}));
  }
};

TEST_F(SubscriptionOperationsTest, SqsSubscriptionsAreConfirmedAtOnce) {
  std::string topic = CreateTopic("orders");
  std::string arn = Subscribe(topic, "sqs", QueueArn("inbox"));
  EXPECT_TRUE(arn.starts_with(topic + ":"));
  Document attributes = Attributes(arn);
  EXPECT_EQ(attributes["SubscriptionArn"].AsString(), arn);
  EXPECT_EQ(attributes["TopicArn"].AsString(), topic);
  EXPECT_EQ(attributes["Owner"].AsString(), "123456789012");
  EXPECT_EQ(attributes["Protocol"].AsString(), "sqs");
  EXPECT_EQ(attributes["Endpoint"].AsString(), QueueArn("inbox"));
  EXPECT_EQ(attributes["PendingConfirmation"].AsString(), "false");
  EXPECT_EQ(attributes["ConfirmationWasAuthenticated"].AsString(), "true");
  EXPECT_EQ(attributes["RawMessageDelivery"].AsString(), "false");
  EXPECT_TRUE(attributes.Has("EffectiveDeliveryPolicy"));
  // The same endpoint again is the same subscription.
  EXPECT_EQ(Subscribe(topic, "sqs", QueueArn("inbox")), arn);
  EXPECT_EQ(Ok("GetTopicAttributes", Doc({{"TopicArn", topic}}))["Attributes"]["SubscriptionsConfirmed"].AsString(),
            "1");
}

TEST_F(SubscriptionOperationsTest, EndpointsMustSuitTheProtocol) {
  std::string topic = CreateTopic("checks");
  auto subscribe = [&](const std::string& protocol, const std::string& endpoint) {
    return Error("Subscribe", Doc({{"TopicArn", topic}, {"Protocol", protocol}, {"Endpoint", endpoint}}));
  };
  EXPECT_EQ(subscribe("sqs", "not-an-arn").message(), "Invalid parameter: SQS endpoint ARN");
  EXPECT_EQ(subscribe("http", "https://example.com").message(),
            "Invalid parameter: Endpoint must match the specified protocol");
  EXPECT_EQ(subscribe("email", "nobody").message(), "Invalid parameter: Email address");
  EXPECT_EQ(subscribe("carrier-pigeon", "x").message(),
            "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
  EXPECT_EQ(subscribe("sqs", QueueArn("q.fifo")).message(),
            "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard "
            "SNS topics");
  EXPECT_EQ(
      Error("Subscribe", Doc({{"TopicArn", topic + "x"}, {"Protocol", "sqs"}, {"Endpoint", QueueArn("q")}})).code(),
      "NotFound");
}

TEST_F(SubscriptionOperationsTest, HttpSubscriptionsAreConfirmedWithTheTokenSent) {
  std::string topic = CreateTopic("web");
  Document out =
      Ok("Subscribe", Doc({{"TopicArn", topic}, {"Protocol", "http"}, {"Endpoint", "http://127.0.0.1:9/in"}}));
  EXPECT_EQ(out["SubscriptionArn"].AsString(), "pending confirmation");
  auto delivered = Delivered();
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].target, "http://127.0.0.1:9/in");
  EXPECT_EQ(delivered[0].message["headers"]["x-amz-sns-message-type"].AsString(), "SubscriptionConfirmation");
  const std::string body = delivered[0].message["body"].AsString();
  EXPECT_EQ(body.find("{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":"), 0u);
  auto confirmation = core::FromJson(body);
  ASSERT_TRUE(confirmation.ok());
  const std::string token = (*confirmation)["Token"].AsString();
  EXPECT_EQ(token.size(), 256u);
  EXPECT_EQ((*confirmation)["TopicArn"].AsString(), topic);
  EXPECT_TRUE((*confirmation)["SubscribeURL"].AsString().starts_with(
      "http://127.0.0.1:4566/?Action=ConfirmSubscription&TopicArn="));
  for (const char* member : {"MessageId", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"}) {
    EXPECT_TRUE(confirmation->Has(member)) << member;
  }

  Document listed = Ok("ListSubscriptionsByTopic", Doc({{"TopicArn", topic}}))["Subscriptions"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.AsList()[0]["SubscriptionArn"].AsString(), "PendingConfirmation");
  EXPECT_EQ(Ok("GetTopicAttributes", Doc({{"TopicArn", topic}}))["Attributes"]["SubscriptionsPending"].AsString(), "1");

  EXPECT_EQ(Error("ConfirmSubscription", Doc({{"TopicArn", topic}, {"Token", "wrong"}})).message(), "Invalid token");
  Document confirmed = Ok("ConfirmSubscription", Doc({{"TopicArn", topic}, {"Token", token}}));
  const std::string arn = confirmed["SubscriptionArn"].AsString();
  EXPECT_TRUE(arn.starts_with(topic + ":"));
  EXPECT_EQ(Attributes(arn)["PendingConfirmation"].AsString(), "false");
  EXPECT_EQ(Attributes(arn)["ConfirmationWasAuthenticated"].AsString(), "false");

  // Confirmed subscriptions get notifications with the subscription named.
  Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "hi"}}));
  delivered = Delivered();
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_EQ(delivered[1].message["headers"]["x-amz-sns-message-type"].AsString(), "Notification");
  EXPECT_EQ(delivered[1].message["headers"]["x-amz-sns-subscription-arn"].AsString(), arn);
}

TEST_F(SubscriptionOperationsTest, EmailAndLambdaAreRecordedWithoutAReceiver) {
  std::string topic = CreateTopic("other");
  Document email = Ok("Subscribe", Doc({{"TopicArn", topic}, {"Protocol", "email"}, {"Endpoint", "a@example.com"}}));
  EXPECT_EQ(email["SubscriptionArn"].AsString(), "pending confirmation");
  std::string lambda = Subscribe(topic, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f");
  EXPECT_EQ(Attributes(lambda)["PendingConfirmation"].AsString(), "false");
  Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "hi"}}));
  EXPECT_TRUE(Delivered().empty());
  auto records = service_.Deliveries();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].protocol, "lambda");
  EXPECT_EQ(records[0].status, "failed");
}

TEST_F(SubscriptionOperationsTest, FilterPolicyAttributesAreValidated) {
  std::string topic = CreateTopic("filters");
  std::string arn = Subscribe(topic, "sqs", QueueArn("q"));
  EXPECT_TRUE(Set(arn, "FilterPolicy", R"({"color":["red"]})").ok());
  Document attributes = Attributes(arn);
  EXPECT_EQ(attributes["FilterPolicy"].AsString(), R"({"color":["red"]})");
  EXPECT_EQ(attributes["FilterPolicyScope"].AsString(), "MessageAttributes");

  EXPECT_EQ(Set(arn, "FilterPolicy", R"({"a":[{"bogus":1}]})").message(),
            "Invalid parameter: FilterPolicy: Unrecognized match type bogus");
  EXPECT_EQ(Set(arn, "FilterPolicy", R"({"a":{"b":["c"]}})").message(),
            "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
  EXPECT_EQ(Set(arn, "FilterPolicyScope", "Everything").message(),
            "Invalid parameter: FilterPolicyScope: Invalid value [Everything]. Please use either MessageBody or "
            "MessageAttributes");
  EXPECT_TRUE(Set(arn, "FilterPolicyScope", "MessageBody").ok());
  EXPECT_TRUE(Set(arn, "FilterPolicy", R"({"a":{"b":["c"]}})").ok());
  EXPECT_EQ(Set(arn, "RawMessageDelivery", "maybe").code(), "InvalidParameter");
  EXPECT_EQ(Set(arn, "RedrivePolicy", R"({"deadLetterTargetArn":"nope"})").message(),
            "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn");
  EXPECT_EQ(Set(arn, "Color", "blue").message(), "Invalid parameter: AttributeName");

  // At subscribe time the same reasons come under "Attributes Reason".
  Status bad = Error("Subscribe", Doc({{"TopicArn", topic},
                                       {"Protocol", "sqs"},
                                       {"Endpoint", QueueArn("q2")},
                                       {"Attributes", Doc({{"FilterPolicy", R"({"a":[{"exists":"yes"}]})"}})}}));
  EXPECT_EQ(bad.message(),
            "Invalid parameter: Attributes Reason: FilterPolicy: exists match pattern must be either true or false.");
  EXPECT_EQ(Error("GetSubscriptionAttributes", Doc({{"SubscriptionArn", topic + ":nope"}})).code(), "NotFound");
}

TEST_F(SubscriptionOperationsTest, RawDeliveryIsRefusedForLambda) {
  std::string topic = CreateTopic("raw");
  std::string arn = Subscribe(topic, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f");
  EXPECT_EQ(Set(arn, "RawMessageDelivery", "true").message(),
            "Invalid parameter: Delivery protocol [lambda] does not support raw message delivery.");
}

TEST_F(SubscriptionOperationsTest, ListingPagesAndUnsubscribeCounts) {
  std::string topic = CreateTopic("many");
  std::vector<std::string> arns;
  for (int i = 0; i < 102; ++i) arns.push_back(Subscribe(topic, "sqs", QueueArn("q" + std::to_string(i))));
  Document first = Ok("ListSubscriptions", Document::Map());
  EXPECT_EQ(first["Subscriptions"].size(), 100u);
  Document second = Ok("ListSubscriptions", Doc({{"NextToken", first["NextToken"]}}));
  EXPECT_EQ(second["Subscriptions"].size(), 2u);
  EXPECT_FALSE(second.Has("NextToken"));

  Ok("Unsubscribe", Doc({{"SubscriptionArn", arns[0]}}));
  Ok("Unsubscribe", Doc({{"SubscriptionArn", arns[0]}}));  // already gone: still fine
  EXPECT_EQ(Error("GetSubscriptionAttributes", Doc({{"SubscriptionArn", arns[0]}})).code(), "NotFound");
  Document attributes = Ok("GetTopicAttributes", Doc({{"TopicArn", topic}}))["Attributes"];
  EXPECT_EQ(attributes["SubscriptionsDeleted"].AsString(), "1");
  EXPECT_EQ(attributes["SubscriptionsConfirmed"].AsString(), "101");
  EXPECT_EQ(Error("ListSubscriptionsByTopic", Doc({{"TopicArn", topic + "x"}})).code(), "NotFound");
}

TEST_F(SubscriptionOperationsTest, SeedCreatesTopicsAndSubscriptions) {
  auto section = core::FromJson(R"({"topics":[{"name":"seeded","attributes":{"DisplayName":"S"},
      "tags":{"team":"x"},"subscriptions":[{"protocol":"sqs","endpoint":"arn:aws:sqs:us-east-1:123456789012:q",
      "attributes":{"RawMessageDelivery":"true"}}]}]})");
  ASSERT_TRUE(section.ok());
  ASSERT_TRUE(service_.Seed(*section, Context()).ok());
  Document resources = service_.ListResources();
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources.AsList()[0]["type"].AsString(), "sns:topic");
  EXPECT_EQ(resources.AsList()[0]["attributes"]["tags"]["team"].AsString(), "x");
  EXPECT_EQ(resources.AsList()[1]["type"].AsString(), "sns:subscription");
  auto bad = core::FromJson(R"({"topics":[{"name":"x","color":"red"}]})");
  EXPECT_EQ(service_.Seed(*bad, Context()).code(), "InvalidFixture");
}

}  // namespace
}  // namespace cloudemu::services::sns
