// ReceiveRequestAttemptId on FIFO queues: retries within five minutes answer
// the first receive, changes end the attempt, and the ManualClock shows the
// five minutes run out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sqs_test_env.h"

namespace cloudemu::services::sqs {
namespace {

using testing::Doc;
using testing::List;

constexpr const char* kNotRetryable =
    "Value attempt-1 for parameter ReceiveRequestAttemptId is invalid. Reason: The receiveRequestAttemptId is not "
    "valid anymore since the receive call is not retryable.";

class SqsReceiveAttemptTest : public testing::SqsTestEnv {
 protected:
  // A FIFO queue "f.fifo" holding a1, a2 (group a) and b1 (group b).
  void SetUp() override {
    CreateQueue("f.fifo",
                Doc({{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}, {"VisibilityTimeout", "30"}}));
    Send("f.fifo", "a1", Doc({{"MessageGroupId", "a"}}));
    Send("f.fifo", "a2", Doc({{"MessageGroupId", "a"}}));
    Send("f.fifo", "b1", Doc({{"MessageGroupId", "b"}}));
  }

  Document ReceiveWith(const std::string& attempt_id, int max = 2, const std::string& queue = "f.fifo") {
    return Receive(queue, max, Doc({{"ReceiveRequestAttemptId", attempt_id}}));
  }
  Status ReceiveError(const std::string& attempt_id) {
    return Error("ReceiveMessage", Doc({{"QueueUrl", Url("f.fifo")}, {"ReceiveRequestAttemptId", attempt_id}}));
  }
  static std::vector<std::string> Field(const Document& messages, const char* name) {
    std::vector<std::string> values;
    for (const Document& message : messages.AsList()) values.push_back(message[name].AsString());
    return values;
  }
};

TEST_F(SqsReceiveAttemptTest, RetryAnswersTheSameMessagesAndReceiptHandles) {
  Document first = ReceiveWith("attempt-1");
  ASSERT_EQ(Field(first, "Body"), (std::vector<std::string>{"a1", "a2"}));
  Advance(10);
  Document retry = ReceiveWith("attempt-1");
  EXPECT_EQ(Field(retry, "MessageId"), Field(first, "MessageId"));
  EXPECT_EQ(Field(retry, "ReceiptHandle"), Field(first, "ReceiptHandle"));
  // The same receive, not another one.
  EXPECT_EQ(retry.AsList()[0]["Attributes"]["ApproximateReceiveCount"].AsString(), "1");
  // Another attempt id is another receive: group a is in flight, b is not.
  EXPECT_EQ(Field(ReceiveWith("attempt-2"), "Body"), (std::vector<std::string>{"b1"}));
  // The first handle still deletes (it is the current one).
  Ok("DeleteMessage", Doc({{"QueueUrl", Url("f.fifo")}, {"ReceiptHandle", Field(first, "ReceiptHandle")[0]}}));
  EXPECT_EQ(Attribute("f.fifo", "ApproximateNumberOfMessagesNotVisible"), "2");
}

TEST_F(SqsReceiveAttemptTest, RetryResetsTheVisibilityTimeout) {
  ReceiveWith("attempt-1");
  Advance(20);
  ReceiveWith("attempt-1");  // invisible again for 30 s from here
  Advance(20);
  EXPECT_EQ(Field(Receive("f.fifo"), "Body"), (std::vector<std::string>{"b1"}));
  Advance(11);
  EXPECT_EQ(Field(Receive("f.fifo", 1), "Body"), (std::vector<std::string>{"a1"}));
}

TEST_F(SqsReceiveAttemptTest, AnAttemptLastsFiveMinutes) {
  Document first = ReceiveWith("attempt-1");
  Advance(299);
  EXPECT_EQ(Field(ReceiveWith("attempt-1"), "ReceiptHandle"), Field(first, "ReceiptHandle"));
  // Five minutes after the first receive the id starts a new receive; a1
  // and a2 are in flight (the retry reset their visibility), so it takes b1.
  Advance(1);
  EXPECT_EQ(Field(ReceiveWith("attempt-1"), "Body"), (std::vector<std::string>{"b1"}));

  // Expired attempts leave the store when later ones are saved.
  Advance(301);
  ReceiveWith("attempt-2");
  int rows = 0;
  store_->Scan("sqs.attempts", "", [&](std::string_view, std::string_view) { return ++rows > 0; });
  EXPECT_EQ(rows, 1);
}

TEST_F(SqsReceiveAttemptTest, AfterFiveMinutesTheIdStartsANewReceive) {
  Document first = ReceiveWith("attempt-1");
  Advance(300);  // a1 and a2 are visible again (since 30 s), untouched
  Document later = ReceiveWith("attempt-1");
  ASSERT_EQ(Field(later, "MessageId"), Field(first, "MessageId"));
  EXPECT_NE(Field(later, "ReceiptHandle"), Field(first, "ReceiptHandle"));
  EXPECT_EQ(later.AsList()[0]["Attributes"]["ApproximateReceiveCount"].AsString(), "2");
}

TEST_F(SqsReceiveAttemptTest, DeletingOrChangingVisibilityEndsTheAttempt) {
  Document first = ReceiveWith("attempt-1");
  Ok("DeleteMessage", Doc({{"QueueUrl", Url("f.fifo")}, {"ReceiptHandle", Field(first, "ReceiptHandle")[1]}}));
  Status deleted = ReceiveError("attempt-1");
  EXPECT_EQ(deleted.code(), "InvalidParameterValue");
  EXPECT_EQ(deleted.message(), kNotRetryable);

  Document other = ReceiveWith("attempt-2", 1);
  ASSERT_EQ(Field(other, "Body"), (std::vector<std::string>{"b1"}));
  Advance(1);
  Ok("ChangeMessageVisibility", Doc({{"QueueUrl", Url("f.fifo")},
                                     {"ReceiptHandle", Field(other, "ReceiptHandle")[0]},
                                     {"VisibilityTimeout", 30}}));
  EXPECT_EQ(ReceiveError("attempt-2").code(), "InvalidParameterValue");
}

TEST_F(SqsReceiveAttemptTest, ReceivedByAnotherCallEndsTheAttempt) {
  ReceiveWith("attempt-1");
  Advance(31);  // visible again, and received by someone else
  EXPECT_EQ(Field(Receive("f.fifo", 1), "Body"), (std::vector<std::string>{"a1"}));
  EXPECT_EQ(ReceiveError("attempt-1").message(), kNotRetryable);
}

TEST_F(SqsReceiveAttemptTest, AnEmptyReceiveIsRetriedAsEmpty) {
  CreateQueue("empty.fifo", Doc({{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}));
  EXPECT_EQ(ReceiveWith("attempt-1", 1, "empty.fifo").size(), 0u);
  Send("empty.fifo", "late", Doc({{"MessageGroupId", "g"}}));
  EXPECT_EQ(ReceiveWith("attempt-1", 1, "empty.fifo").size(), 0u);
  EXPECT_EQ(Field(ReceiveWith("attempt-2", 1, "empty.fifo"), "Body"), (std::vector<std::string>{"late"}));
}

TEST_F(SqsReceiveAttemptTest, AttemptsSurviveARestart) {
  Document first = ReceiveWith("attempt-1");
  Restart();
  EXPECT_EQ(Field(ReceiveWith("attempt-1"), "ReceiptHandle"), Field(first, "ReceiptHandle"));
}

TEST_F(SqsReceiveAttemptTest, ChecksTheIdOnFifoQueuesOnly) {
  EXPECT_EQ(ReceiveError(std::string(129, 'x')).code(), "InvalidParameterValue");
  EXPECT_EQ(ReceiveError("has space").code(), "InvalidParameterValue");
  EXPECT_EQ(ReceiveError("").code(), "InvalidParameterValue");
  EXPECT_EQ(ReceiveError("caf\xc3\xa9").code(), "InvalidParameterValue");
  std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  EXPECT_TRUE(ReceiveError(punctuation + std::string(128 - punctuation.size(), 'Z')).ok());

  // Standard queues ignore the id: each call is a receive of its own.
  CreateQueue("standard");
  Send("standard", "m");
  EXPECT_EQ(ReceiveWith("attempt-1", 1, "standard").size(), 1u);
  EXPECT_EQ(ReceiveWith("attempt-1", 1, "standard").size(), 0u);
}

}  // namespace
}  // namespace cloudemu::services::sqs
