// Deliveries from other services through core::Dispatch (kind "sqs").
#include <gtest/gtest.h>

#include "sqs_test_env.h"

namespace cloudemu::services::sqs {
namespace {

using testing::Doc;
using testing::StringAttribute;

class SqsDeliveryTest : public testing::SqsTestEnv {
 protected:
  Status Deliver(const std::string& target, Document message) {
    core::Delivery delivery;
    delivery.target = target;
    delivery.source = "arn:aws:sns:us-east-1:123456789012:topic";
    delivery.message = std::move(message);
    return dispatch_.DeliverNow(delivery);
  }
};

TEST_F(SqsDeliveryTest, DeliveryIsSentThroughSendMessage) {
  CreateQueue("inbox");
  ASSERT_TRUE(Deliver(Arn("inbox"),
                      Doc({{"MessageBody", "from sns"}, {"MessageAttributes", Doc({{"k", StringAttribute("v")}})}}))
                  .ok());
  Document message = Receive("inbox", 1, Doc({{"MessageAttributeNames", testing::List({"All"})}})).AsList().at(0);
  EXPECT_EQ(message["Body"].AsString(), "from sns");
  EXPECT_EQ(message["MessageAttributes"]["k"]["StringValue"].AsString(), "v");
}

TEST_F(SqsDeliveryTest, FifoDeliveryKeepsGroupAndDeduplication) {
  CreateQueue("in.fifo", Doc({{"FifoQueue", "true"}}));
  Document message = Doc({{"MessageBody", "x"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "d"}});
  ASSERT_TRUE(Deliver(Arn("in.fifo"), message).ok());
  ASSERT_TRUE(Deliver(Arn("in.fifo"), message).ok());
  EXPECT_EQ(Attribute("in.fifo", "ApproximateNumberOfMessages"), "1");
  EXPECT_EQ(Deliver(Arn("in.fifo"), Doc({{"MessageBody", "no group"}})).code(), "MissingParameter");
}

TEST_F(SqsDeliveryTest, DeliveryToAMissingQueueFails) {
  EXPECT_EQ(Deliver(Arn("nowhere"), Doc({{"MessageBody", "x"}})).code(), "QueueDoesNotExist");
  dispatch_.Submit({Arn("nowhere"), "", Doc({{"MessageBody", "x"}}), nullptr});
  dispatch_.Settle();
}

}  // namespace
}  // namespace cloudemu::services::sqs
