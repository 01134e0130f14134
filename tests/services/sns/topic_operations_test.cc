// Topics: create (idempotent, FIFO, names), attributes, listing, tags,
// permissions and data-protection policies.
#include <gtest/gtest.h>

#include "core/json.h"
#include "sns_test_env.h"

namespace cloudemu::services::sns {
namespace {

using testing::Doc;

class TopicOperationsTest : public testing::SnsTestEnv {
 protected:
  Document Attributes(const std::string& topic) {
    return Ok("GetTopicAttributes", Doc({{"TopicArn", topic}}))["Attributes"];
  }
};

TEST_F(TopicOperationsTest, CreateTopicAnswersTheArnAndDefaultAttributes) {
  std::string arn = CreateTopic("orders", Doc({{"DisplayName", "Orders"}}));
  EXPECT_EQ(arn, "arn:aws:sns:us-east-1:123456789012:orders");
  Document attributes = Attributes(arn);
  EXPECT_EQ(attributes["TopicArn"].AsString(), arn);
  EXPECT_EQ(attributes["Owner"].AsString(), "123456789012");
  EXPECT_EQ(attributes["DisplayName"].AsString(), "Orders");
  EXPECT_EQ(attributes["SubscriptionsConfirmed"].AsString(), "0");
  EXPECT_EQ(attributes["SubscriptionsPending"].AsString(), "0");
  EXPECT_EQ(attributes["SubscriptionsDeleted"].AsString(), "0");
  EXPECT_FALSE(attributes.Has("FifoTopic"));
  auto policy = core::FromJson(attributes["Policy"].AsString());
  ASSERT_TRUE(policy.ok());
  const Document& statement = (*policy)["Statement"].AsList().at(0);
  EXPECT_EQ(statement["Resource"].AsString(), arn);
  EXPECT_EQ(statement["Condition"]["StringEquals"]["AWS:SourceOwner"].AsString(), "123456789012");
  EXPECT_EQ(statement["Action"].size(), 8u);
  auto delivery = core::FromJson(attributes["EffectiveDeliveryPolicy"].AsString());
  ASSERT_TRUE(delivery.ok());
  EXPECT_EQ((*delivery)["http"]["defaultHealthyRetryPolicy"]["numRetries"].AsInt(), 3);
}

TEST_F(TopicOperationsTest, CreateIsIdempotentUnlessAttributesDiffer) {
  std::string arn = CreateTopic("same", Doc({{"DisplayName", "A"}}));
  EXPECT_EQ(CreateTopic("same", Doc({{"DisplayName", "A"}})), arn);
  Status different = Error("CreateTopic", Doc({{"Name", "same"}, {"Attributes", Doc({{"DisplayName", "B"}})}}));
  EXPECT_EQ(different.code(), "InvalidParameter");
  EXPECT_EQ(different.message(),
            "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
}

TEST_F(TopicOperationsTest, NamesAndFifoRules) {
  EXPECT_EQ(Error("CreateTopic", Doc({{"Name", "bad name"}})).message(), "Invalid parameter: Topic Name");
  EXPECT_EQ(Error("CreateTopic", Doc({{"Name", "x.fifo"}})).message(), "Invalid parameter: Topic Name");
  EXPECT_EQ(Error("CreateTopic", Doc({{"Name", std::string(257, 'a')}})).code(), "InvalidParameter");
  EXPECT_TRUE(Error("CreateTopic", Doc({{"Name", "plain"}, {"Attributes", Doc({{"FifoTopic", "true"}})}}))
                  .message()
                  .starts_with("Invalid parameter: Fifo Topic names must end with .fifo"));
  std::string fifo = CreateTopic("ok.fifo", Doc({{"FifoTopic", "true"}}));
  Document attributes = Attributes(fifo);
  EXPECT_EQ(attributes["FifoTopic"].AsString(), "true");
  EXPECT_EQ(attributes["ContentBasedDeduplication"].AsString(), "false");
  std::string standard = CreateTopic("standard");
  EXPECT_EQ(
      Error("SetTopicAttributes",
            Doc({{"TopicArn", standard}, {"AttributeName", "ContentBasedDeduplication"}, {"AttributeValue", "true"}}))
          .code(),
      "InvalidParameter");
}

TEST_F(TopicOperationsTest, SetTopicAttributesValidatesAndReadsBack) {
  std::string arn = CreateTopic("settable");
  auto set = [&](const std::string& name, const std::string& value) {
    return Error("SetTopicAttributes", Doc({{"TopicArn", arn}, {"AttributeName", name}, {"AttributeValue", value}}));
  };
  EXPECT_TRUE(set("HTTPSuccessFeedbackSampleRate", "0").ok());
  EXPECT_TRUE(set("KmsMasterKeyId", "alias/aws/sns").ok());
  EXPECT_TRUE(set("TracingConfig", "Active").ok());
  EXPECT_TRUE(set("DeliveryPolicy", R"({"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}})").ok());
  EXPECT_EQ(set("NoSuchThing", "x").message(), "Invalid parameter: AttributeName");
  EXPECT_EQ(set("SignatureVersion", "3").code(), "InvalidParameter");
  EXPECT_EQ(set("Policy", "{not json").code(), "InvalidParameter");
  EXPECT_EQ(set("FifoTopic", "true").message(), "Invalid parameter: AttributeName");
  Document attributes = Attributes(arn);
  EXPECT_EQ(attributes["HTTPSuccessFeedbackSampleRate"].AsString(), "0");
  EXPECT_EQ(attributes["KmsMasterKeyId"].AsString(), "alias/aws/sns");
  EXPECT_EQ(attributes["TracingConfig"].AsString(), "Active");
  EXPECT_EQ(attributes["EffectiveDeliveryPolicy"].AsString(),
            R"({"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}})");
  EXPECT_EQ(Error("GetTopicAttributes", Doc({{"TopicArn", arn + "-x"}})).code(), "NotFound");
}

TEST_F(TopicOperationsTest, ListTopicsPagesAtOneHundred) {
  for (int i = 0; i < 105; ++i) CreateTopic("t" + std::to_string(1000 + i));
  Document first = Ok("ListTopics", Document::Map());
  EXPECT_EQ(first["Topics"].size(), 100u);
  ASSERT_TRUE(first.Has("NextToken"));
  Document second = Ok("ListTopics", Doc({{"NextToken", first["NextToken"]}}));
  EXPECT_EQ(second["Topics"].size(), 5u);
  EXPECT_FALSE(second.Has("NextToken"));
  EXPECT_EQ(second["Topics"].AsList().back()["TopicArn"].AsString(), "arn:aws:sns:us-east-1:123456789012:t1104");
}

TEST_F(TopicOperationsTest, DeleteTopicIsIdempotentAndDropsSubscriptions) {
  std::string arn = CreateTopic("doomed");
  std::string subscription = Subscribe(arn, "sqs", QueueArn("q"));
  Ok("DeleteTopic", Doc({{"TopicArn", arn}}));
  Ok("DeleteTopic", Doc({{"TopicArn", arn}}));
  EXPECT_EQ(Error("GetSubscriptionAttributes", Doc({{"SubscriptionArn", subscription}})).code(), "NotFound");
  EXPECT_EQ(Ok("ListTopics", Document::Map())["Topics"].size(), 0u);
}

TEST_F(TopicOperationsTest, TagsAddReplaceRemove) {
  Document tags = Document::List();
  tags.Append(Doc({{"Key", "team"}, {"Value", "a"}}));
  std::string arn = Ok("CreateTopic", Doc({{"Name", "tagged"}, {"Tags", tags}}))["TopicArn"].AsString();
  Document more = Document::List();
  more.Append(Doc({{"Key", "team"}, {"Value", "b"}}));
  more.Append(Doc({{"Key", "env"}, {"Value", "dev"}}));
  Ok("TagResource", Doc({{"ResourceArn", arn}, {"Tags", more}}));
  Document keys = Document::List();
  keys.Append("env");
  Ok("UntagResource", Doc({{"ResourceArn", arn}, {"TagKeys", keys}}));
  Document listed = Ok("ListTagsForResource", Doc({{"ResourceArn", arn}}))["Tags"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.AsList()[0]["Key"].AsString(), "team");
  EXPECT_EQ(listed.AsList()[0]["Value"].AsString(), "b");
  EXPECT_EQ(Error("ListTagsForResource", Doc({{"ResourceArn", arn + "x"}})).code(), "ResourceNotFound");
  Document different = Document::List();
  different.Append(Doc({{"Key", "team"}, {"Value", "c"}}));
  EXPECT_EQ(Error("CreateTopic", Doc({{"Name", "tagged"}, {"Tags", different}})).message(),
            "Invalid parameter: Tags Reason: Topic already exists with different tags");
}

TEST_F(TopicOperationsTest, AddAndRemovePermissionEditThePolicy) {
  std::string arn = CreateTopic("shared");
  Document accounts = Document::List();
  accounts.Append("111122223333");
  Document actions = Document::List();
  actions.Append("Publish");
  Document input = Doc({{"TopicArn", arn}, {"Label", "let-them"}, {"AWSAccountId", accounts}, {"ActionName", actions}});
  Ok("AddPermission", input);
  EXPECT_EQ(Error("AddPermission", input).message(), "Invalid parameter: Statement already exists");
  auto policy = core::FromJson(Attributes(arn)["Policy"].AsString());
  ASSERT_TRUE(policy.ok());
  ASSERT_EQ((*policy)["Statement"].size(), 2u);
  const Document& added = (*policy)["Statement"].AsList()[1];
  EXPECT_EQ(added["Sid"].AsString(), "let-them");
  EXPECT_EQ(added["Principal"]["AWS"].AsString(), "arn:aws:iam::111122223333:root");
  EXPECT_EQ(added["Action"].AsString(), "SNS:Publish");
  Ok("RemovePermission", Doc({{"TopicArn", arn}, {"Label", "let-them"}}));
  policy = core::FromJson(Attributes(arn)["Policy"].AsString());
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ((*policy)["Statement"].size(), 1u);
}

TEST_F(TopicOperationsTest, DataProtectionPolicyRoundTrips) {
  std::string arn = CreateTopic("protected");
  EXPECT_EQ(Ok("GetDataProtectionPolicy", Doc({{"ResourceArn", arn}}))["DataProtectionPolicy"].AsString(), "");
  const std::string policy = R"({"Name":"p","Version":"2021-06-01","Statement":[]})";
  Ok("PutDataProtectionPolicy", Doc({{"ResourceArn", arn}, {"DataProtectionPolicy", policy}}));
  EXPECT_EQ(Ok("GetDataProtectionPolicy", Doc({{"ResourceArn", arn}}))["DataProtectionPolicy"].AsString(), policy);
  EXPECT_EQ(Error("PutDataProtectionPolicy", Doc({{"ResourceArn", arn}, {"DataProtectionPolicy", "nope"}})).code(),
            "InvalidParameter");
}

}  // namespace
}  // namespace cloudemu::services::sns
