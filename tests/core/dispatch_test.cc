#include "core/dispatch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace cloudemu::core {
namespace {

Delivery To(std::string target, std::string body) {
  Delivery delivery;
  delivery.target = std::move(target);
  delivery.message = Document::Map();
  delivery.message.Set("Body", std::move(body));
  return delivery;
}

TEST(DispatchTest, KindIsTheArnServiceOrTheUrlScheme) {
  EXPECT_EQ(Dispatch::KindOf("arn:aws:sqs:us-east-1:000000000000:orders"), "sqs");
  EXPECT_EQ(Dispatch::KindOf("arn:aws:lambda:us-east-1:000000000000:function:f"), "lambda");
  EXPECT_EQ(Dispatch::KindOf("https://example.com/hook"), "https");
  EXPECT_EQ(Dispatch::KindOf("http://127.0.0.1:9/x"), "http");
  EXPECT_EQ(Dispatch::KindOf("orders"), "");
  EXPECT_EQ(Dispatch::KindOf("arn:aws"), "");
}

TEST(DispatchTest, SubmittedDeliveriesArriveInOrderAndSettleWaitsForThem) {
  Dispatch dispatch;
  std::mutex mu;
  std::vector<std::string> received;
  dispatch.RegisterReceiver("sqs", [&](const Delivery& delivery) {
    std::lock_guard lock(mu);
    received.push_back(delivery.message["Body"].AsString());
    return Status::Ok();
  });
  for (int i = 0; i < 100; ++i) dispatch.Submit(To("arn:aws:sqs:us-east-1:1:q", std::to_string(i)));
  dispatch.Settle();
  ASSERT_EQ(received.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(received[i], std::to_string(i));
  EXPECT_EQ(dispatch.delivered_count(), 100u);
}

TEST(DispatchTest, SettleCoversDeliveriesSubmittedByReceivers) {
  Dispatch dispatch;
  std::atomic<int> final_deliveries = 0;
  dispatch.RegisterReceiver("sns", [&](const Delivery& delivery) {
    dispatch.Submit(To("arn:aws:sqs:us-east-1:1:q", delivery.message["Body"].AsString()));
    return Status::Ok();
  });
  dispatch.RegisterReceiver("sqs", [&](const Delivery&) {
    ++final_deliveries;
    return Status::Ok();
  });
  for (int i = 0; i < 10; ++i) dispatch.Submit(To("arn:aws:sns:us-east-1:1:t", "m"));
  dispatch.Settle();
  EXPECT_EQ(final_deliveries.load(), 10);
}

TEST(DispatchTest, UnknownTargetsCompleteWithNotFound) {
  Dispatch dispatch;
  Status outcome;
  Delivery delivery = To("arn:aws:nowhere:us-east-1:1:x", "m");
  delivery.on_result = [&](const Status& status) { outcome = status; };
  dispatch.Submit(std::move(delivery));
  dispatch.Settle();
  EXPECT_EQ(outcome.code(), "NotFound");
  EXPECT_EQ(dispatch.DeliverNow(To("ftp://x", "m")).code(), "NotFound");
}

TEST(DispatchTest, DeliverNowReturnsTheReceiversStatus) {
  Dispatch dispatch;
  dispatch.RegisterReceiver("sqs", [](const Delivery&) {
    return Status::NotFound("AWS.SimpleQueueService.NonExistentQueue", "gone");
  });
  EXPECT_EQ(dispatch.DeliverNow(To("arn:aws:sqs:us-east-1:1:q", "m")).code(),
            "AWS.SimpleQueueService.NonExistentQueue");
}

TEST(DispatchTest, StopDropsWhatIsQueuedAndLaterSubmitsAreIgnored) {
  Dispatch dispatch;
  std::atomic<int> delivered = 0;
  dispatch.RegisterReceiver("sqs", [&](const Delivery&) {
    ++delivered;
    return Status::Ok();
  });
  dispatch.Stop();
  dispatch.Submit(To("arn:aws:sqs:us-east-1:1:q", "late"));
  dispatch.Settle();
  EXPECT_EQ(delivered.load(), 0);
}

}  // namespace
}  // namespace cloudemu::core
