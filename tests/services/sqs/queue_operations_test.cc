// Queue lifecycle, attributes, listing, tags and permissions.
#include <gtest/gtest.h>

#include "core/json.h"
#include "sqs_test_env.h"

namespace cloudemu::services::sqs {
namespace {

using testing::Doc;
using testing::List;

class SqsQueueTest : public testing::SqsTestEnv {};

TEST_F(SqsQueueTest, CreateQueueAnswersUrlAndDefaultsWithComputedAttributes) {
  EXPECT_EQ(CreateQueue("orders"), "http://127.0.0.1:4566/123456789012/orders");
  Document attributes =
      Ok("GetQueueAttributes", Doc({{"QueueUrl", Url("orders")}, {"AttributeNames", List({"All"})}}))["Attributes"];
  EXPECT_EQ(attributes["VisibilityTimeout"].AsString(), "30");
  EXPECT_EQ(attributes["MaximumMessageSize"].AsString(), "262144");
  EXPECT_EQ(attributes["MessageRetentionPeriod"].AsString(), "345600");
  EXPECT_EQ(attributes["DelaySeconds"].AsString(), "0");
  EXPECT_EQ(attributes["ReceiveMessageWaitTimeSeconds"].AsString(), "0");
  EXPECT_EQ(attributes["SqsManagedSseEnabled"].AsString(), "true");
  EXPECT_EQ(attributes["QueueArn"].AsString(), Arn("orders"));
  EXPECT_EQ(attributes["CreatedTimestamp"].AsString(), std::to_string(kStartMillis / 1000));
  EXPECT_EQ(attributes["ApproximateNumberOfMessages"].AsString(), "0");
  EXPECT_FALSE(attributes.Has("FifoQueue"));
  // Only the names asked for.
  Document one = Ok("GetQueueAttributes", Doc({{"QueueUrl", Url("orders")}, {"AttributeNames", List({"QueueArn"})}}));
  EXPECT_EQ(one["Attributes"].size(), 1u);
  EXPECT_EQ(Error("GetQueueAttributes", Doc({{"QueueUrl", Url("orders")}, {"AttributeNames", List({"Bogus"})}})).code(),
            "InvalidAttributeName");
}

TEST_F(SqsQueueTest, QueueUrlsOfAnyHostFindTheQueueByAccountAndName) {
  CreateQueue("q");
  Document input =
      Doc({{"QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/q"}, {"AttributeNames", List({"QueueArn"})}});
  EXPECT_EQ(Ok("GetQueueAttributes", input)["Attributes"]["QueueArn"].AsString(), Arn("q"));
  input.Set("QueueUrl", "http://localhost:9/123456789012/other");
  EXPECT_EQ(Error("GetQueueAttributes", input).code(), "QueueDoesNotExist");
  input.Set("QueueUrl", "not a url");
  EXPECT_EQ(Error("GetQueueAttributes", input).code(), "InvalidAddress");
}

TEST_F(SqsQueueTest, EchoesCreateAttributesAsTheExactStrings) {
  std::string policy = R"({"Version":"2012-10-17","Statement":[]})";
  CreateQueue("dlq");
  std::string redrive = R"({"deadLetterTargetArn":")" + Arn("dlq") + R"(","maxReceiveCount":4})";
  CreateQueue("src", Doc({{"VisibilityTimeout", "45"},
                          {"Policy", policy},
                          {"RedrivePolicy", redrive},
                          {"KmsMasterKeyId", "alias/aws/sqs"}}));
  EXPECT_EQ(Attribute("src", "VisibilityTimeout"), "45");
  EXPECT_EQ(Attribute("src", "Policy"), policy);
  EXPECT_EQ(Attribute("src", "RedrivePolicy"), redrive);
  EXPECT_EQ(Attribute("src", "KmsMasterKeyId"), "alias/aws/sqs");
  EXPECT_EQ(Attribute("src", "KmsDataKeyReusePeriodSeconds"), "300");
  EXPECT_EQ(Attribute("src", "SqsManagedSseEnabled"), "false");
}

TEST_F(SqsQueueTest, CreatingAnExistingQueueNeedsTheSameAttributes) {
  std::string url = CreateQueue("same", Doc({{"DelaySeconds", "5"}}));
  EXPECT_EQ(CreateQueue("same", Doc({{"DelaySeconds", "5"}})), url);
  Status status = Error("CreateQueue", Doc({{"QueueName", "same"}, {"Attributes", Doc({{"DelaySeconds", "6"}})}}));
  EXPECT_EQ(status.code(), "QueueNameExists");
  EXPECT_EQ(status.message(),
            "A queue already exists with the same name and a different value for attribute DelaySeconds");
}

TEST_F(SqsQueueTest, RejectsBadNamesAndAttributeValues) {
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "bad name"}})).code(), "InvalidParameterValue");
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "plain.fifo"}})).code(), "InvalidParameterValue");
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "nofifo"}, {"Attributes", Doc({{"FifoQueue", "true"}})}})).code(),
            "InvalidParameterValue");
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "q"}, {"Attributes", Doc({{"DelaySeconds", "901"}})}})).code(),
            "InvalidAttributeValue");
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "q"}, {"Attributes", Doc({{"Bogus", "1"}})}})).code(),
            "InvalidAttributeName");
  EXPECT_EQ(
      Error("CreateQueue", Doc({{"QueueName", "q"}, {"Attributes", Doc({{"ContentBasedDeduplication", "true"}})}}))
          .code(),
      "InvalidAttributeName");
  Status redrive =
      Error("CreateQueue", Doc({{"QueueName", "q"},
                                {"Attributes", Doc({{"RedrivePolicy", R"({"deadLetterTargetArn":")" + Arn("none") +
                                                                          R"(","maxReceiveCount":3})"}})}}));
  EXPECT_EQ(redrive.code(), "InvalidParameterValue");
  EXPECT_NE(redrive.message().find("Dead letter target does not exist"), std::string::npos);
}

TEST_F(SqsQueueTest, FifoQueuesReportTheirFifoAttributes) {
  CreateQueue("jobs.fifo", Doc({{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}));
  EXPECT_EQ(Attribute("jobs.fifo", "FifoQueue"), "true");
  EXPECT_EQ(Attribute("jobs.fifo", "ContentBasedDeduplication"), "true");
  EXPECT_EQ(Attribute("jobs.fifo", "DeduplicationScope"), "queue");
  EXPECT_EQ(Attribute("jobs.fifo", "FifoThroughputLimit"), "perQueue");
  EXPECT_EQ(
      Error("SetQueueAttributes", Doc({{"QueueUrl", Url("jobs.fifo")}, {"Attributes", Doc({{"FifoQueue", "false"}})}}))
          .code(),
      "InvalidAttributeValue");
}

TEST_F(SqsQueueTest, SetQueueAttributesChangesAndRemoves) {
  CreateQueue("q", Doc({{"Policy", R"({"Statement":[]})"}}));
  Advance(10);
  Ok("SetQueueAttributes",
     Doc({{"QueueUrl", Url("q")}, {"Attributes", Doc({{"VisibilityTimeout", "5"}, {"Policy", ""}})}}));
  EXPECT_EQ(Attribute("q", "VisibilityTimeout"), "5");
  EXPECT_EQ(Attribute("q", "Policy"), "");
  EXPECT_EQ(Attribute("q", "LastModifiedTimestamp"), std::to_string(kStartMillis / 1000 + 10));
}

TEST_F(SqsQueueTest, ListQueuesFiltersByPrefixAndPages) {
  for (const char* name : {"a1", "a2", "a3", "b1"}) CreateQueue(name);
  Document all = Ok("ListQueues", Document::Map());
  EXPECT_EQ(all["QueueUrls"].size(), 4u);
  EXPECT_FALSE(all.Has("NextToken"));
  EXPECT_EQ(Ok("ListQueues", Doc({{"QueueNamePrefix", "a"}}))["QueueUrls"].size(), 3u);
  Document page = Ok("ListQueues", Doc({{"QueueNamePrefix", "a"}, {"MaxResults", 2}}));
  ASSERT_EQ(page["QueueUrls"].size(), 2u);
  Document rest =
      Ok("ListQueues", Doc({{"QueueNamePrefix", "a"}, {"MaxResults", 2}, {"NextToken", page["NextToken"]}}));
  ASSERT_EQ(rest["QueueUrls"].size(), 1u);
  EXPECT_EQ(rest["QueueUrls"].AsList()[0].AsString(), Url("a3"));
  EXPECT_FALSE(rest.Has("NextToken"));
  EXPECT_FALSE(Ok("ListQueues", Doc({{"QueueNamePrefix", "zzz"}})).Has("QueueUrls"));
}

TEST_F(SqsQueueTest, DeletedQueueIsGoneAndItsNameWaitsSixtySeconds) {
  CreateQueue("gone");
  Send("gone", "x");
  Ok("DeleteQueue", Doc({{"QueueUrl", Url("gone")}}));
  Status missing = Error("GetQueueAttributes", Doc({{"QueueUrl", Url("gone")}}));
  EXPECT_EQ(missing.code(), "QueueDoesNotExist");
  EXPECT_EQ(Error("DeleteQueue", Doc({{"QueueUrl", Url("gone")}})).code(), "QueueDoesNotExist");
  EXPECT_EQ(Error("GetQueueUrl", Doc({{"QueueName", "gone"}})).code(), "QueueDoesNotExist");
  EXPECT_EQ(Error("CreateQueue", Doc({{"QueueName", "gone"}})).code(), "QueueDeletedRecently");
  Advance(61);
  CreateQueue("gone");
  EXPECT_EQ(Attribute("gone", "ApproximateNumberOfMessages"), "0");
}

TEST_F(SqsQueueTest, PurgeEmptiesTheQueueOncePerMinute) {
  CreateQueue("p");
  Send("p", "1");
  Send("p", "2");
  Ok("PurgeQueue", Doc({{"QueueUrl", Url("p")}}));
  EXPECT_EQ(Attribute("p", "ApproximateNumberOfMessages"), "0");
  Status again = Error("PurgeQueue", Doc({{"QueueUrl", Url("p")}}));
  EXPECT_EQ(again.code(), "PurgeQueueInProgress");
  EXPECT_EQ(again.http_status(), 403);
  Advance(60);
  Ok("PurgeQueue", Doc({{"QueueUrl", Url("p")}}));
}

TEST_F(SqsQueueTest, TagsAddRemoveAndList) {
  Ok("CreateQueue", Doc({{"QueueName", "t"}, {"tags", Doc({{"team", "a"}, {"env", "dev"}})}}));
  Ok("UntagQueue", Doc({{"QueueUrl", Url("t")}, {"TagKeys", List({"env"})}}));
  Ok("TagQueue", Doc({{"QueueUrl", Url("t")}, {"Tags", Doc({{"team", "b"}, {"cost", "1"}})}}));
  EXPECT_EQ(Ok("ListQueueTags", Doc({{"QueueUrl", Url("t")}}))["Tags"], Doc({{"cost", "1"}, {"team", "b"}}));
}

TEST_F(SqsQueueTest, PermissionsEditThePolicyAttribute) {
  CreateQueue("perm");
  Ok("AddPermission", Doc({{"QueueUrl", Url("perm")},
                           {"Label", "send"},
                           {"AWSAccountIds", List({"111122223333"})},
                           {"Actions", List({"SendMessage"})}}));
  auto policy = core::FromJson(Attribute("perm", "Policy"));
  ASSERT_TRUE(policy.ok());
  const Document& statement = (*policy)["Statement"].AsList().at(0);
  EXPECT_EQ(statement["Sid"].AsString(), "send");
  EXPECT_EQ(statement["Principal"]["AWS"].AsString(), "arn:aws:iam::111122223333:root");
  EXPECT_EQ(statement["Action"].AsString(), "SQS:SendMessage");
  EXPECT_EQ(statement["Resource"].AsString(), Arn("perm"));
  EXPECT_EQ(Error("AddPermission", Doc({{"QueueUrl", Url("perm")},
                                        {"Label", "send"},
                                        {"AWSAccountIds", List({"1"})},
                                        {"Actions", List({"SendMessage"})}}))
                .code(),
            "InvalidParameterValue");
  Ok("RemovePermission", Doc({{"QueueUrl", Url("perm")}, {"Label", "send"}}));
  EXPECT_EQ(Attribute("perm", "Policy"), "");
  EXPECT_EQ(Error("RemovePermission", Doc({{"QueueUrl", Url("perm")}, {"Label", "send"}})).code(),
            "InvalidParameterValue");
}

TEST_F(SqsQueueTest, ListDeadLetterSourceQueuesFindsQueuesRedrivingHere) {
  CreateQueue("dlq");
  std::string redrive = R"({"deadLetterTargetArn":")" + Arn("dlq") + R"(","maxReceiveCount":2})";
  CreateQueue("s1", Doc({{"RedrivePolicy", redrive}}));
  CreateQueue("s2", Doc({{"RedrivePolicy", redrive}}));
  CreateQueue("other");
  Document sources = Ok("ListDeadLetterSourceQueues", Doc({{"QueueUrl", Url("dlq")}}));
  EXPECT_EQ(sources["queueUrls"], List({Url("s1"), Url("s2")}));
  EXPECT_EQ(Ok("ListDeadLetterSourceQueues", Doc({{"QueueUrl", Url("other")}}))["queueUrls"], Document::List());
}

}  // namespace
}  // namespace cloudemu::services::sqs
