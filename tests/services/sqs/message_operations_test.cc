// Messages: visibility, delays, retention, redrive, FIFO, batches, digests,
// long polling and move tasks, with time moved by the ManualClock.
#include <gtest/gtest.h>

#include <thread>

#include "sqs_test_env.h"

namespace cloudemu::services::sqs {
namespace {

using testing::Doc;
using testing::List;
using testing::StringAttribute;

class SqsMessageTest : public testing::SqsTestEnv {
 protected:
  std::string Handle(const Document& message) { return message["ReceiptHandle"].AsString(); }
  Document QueueInput(const std::string& queue) { return Doc({{"QueueUrl", Url(queue)}}); }
};

TEST_F(SqsMessageTest, SendAnswersAwsDigests) {
  CreateQueue("q");
  Document sent = Send(
      "q", "hello",
      Doc({{"MessageAttributes",
            Doc({{"city", StringAttribute("Any City")},
                 {"count", StringAttribute("42", "Number")},
                 {"blob", Doc({{"DataType", "Binary"}, {"BinaryValue", core::Blob{std::string("\0\1\2", 3)}}})}})},
           {"MessageSystemAttributes",
            Doc({{"AWSTraceHeader", StringAttribute("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
                                                    "Sampled=1")}})}}));
  EXPECT_EQ(sent["MD5OfMessageBody"].AsString(), "5d41402abc4b2a76b9719d911017c592");
  // Reference values from the algorithm of the SQS developer guide
  // ("Calculating the MD5 message digest for message attributes").
  EXPECT_EQ(sent["MD5OfMessageAttributes"].AsString(), "3111639560468ffc249c542b8dc29bd7");
  EXPECT_EQ(sent["MD5OfMessageSystemAttributes"].AsString(), "5ae4d5d7636402d80f4eb6d213245a88");
  EXPECT_FALSE(sent.Has("SequenceNumber"));

  Document received = Receive("q", 1, Doc({{"MessageAttributeNames", List({"All"})}})).AsList().at(0);
  EXPECT_EQ(received["Body"].AsString(), "hello");
  EXPECT_EQ(received["MD5OfBody"].AsString(), "5d41402abc4b2a76b9719d911017c592");
  EXPECT_EQ(received["MD5OfMessageAttributes"].AsString(), "3111639560468ffc249c542b8dc29bd7");
  EXPECT_EQ(received["Attributes"]["AWSTraceHeader"].AsString().substr(0, 5), "Root=");
  EXPECT_EQ(received["MessageAttributes"]["blob"]["BinaryValue"], Document(core::Blob{std::string("\0\1\2", 3)}));
}

TEST_F(SqsMessageTest, MessageAttributeNamesSelectByNameAndPrefix) {
  CreateQueue("q");
  Send("q", "x",
       Doc({{"MessageAttributes",
             Doc({{"a.one", StringAttribute("1")}, {"a.two", StringAttribute("2")}, {"b", StringAttribute("3")}})}}));
  Document message = Receive("q", 1, Doc({{"MessageAttributeNames", List({"a.*"})}})).AsList().at(0);
  EXPECT_EQ(message["MessageAttributes"].size(), 2u);
  EXPECT_FALSE(message["MessageAttributes"].Has("b"));
}

TEST_F(SqsMessageTest, RejectsBadMessages) {
  CreateQueue("q", Doc({{"MaximumMessageSize", "1024"}}));
  Document input = QueueInput("q");
  input.Set("MessageBody", std::string(1025, 'x'));
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");
  input.Set("MessageBody", std::string("bad\x01", 4));
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidMessageContents");
  input.Set("MessageBody", "ok");
  input.Set("DelaySeconds", 901);
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");
  input.Erase("DelaySeconds");
  input.Set("MessageAttributes", Doc({{"AWS.reserved", StringAttribute("x")}}));
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");
  input.Set("MessageAttributes", Doc({{"n", StringAttribute("abc", "Number")}}));
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");
}

TEST_F(SqsMessageTest, VisibilityTimeoutHidesThenReturnsWithNewHandle) {
  CreateQueue("q", Doc({{"VisibilityTimeout", "30"}}));
  Send("q", "m");
  Document first = Receive("q").AsList().at(0);
  EXPECT_EQ(first["Attributes"]["ApproximateReceiveCount"].AsString(), "1");
  EXPECT_EQ(Receive("q").size(), 0u);
  EXPECT_EQ(Attribute("q", "ApproximateNumberOfMessagesNotVisible"), "1");
  Advance(29);
  EXPECT_EQ(Receive("q").size(), 0u);
  Advance(1);
  Document second = Receive("q").AsList().at(0);
  EXPECT_EQ(second["Attributes"]["ApproximateReceiveCount"].AsString(), "2");
  EXPECT_EQ(second["Attributes"]["ApproximateFirstReceiveTimestamp"].AsString(), std::to_string(kStartMillis));
  EXPECT_NE(Handle(first), Handle(second));

  // The old handle no longer deletes; the current one does.
  Document remove = QueueInput("q");
  remove.Set("ReceiptHandle", Handle(first));
  Ok("DeleteMessage", remove);
  EXPECT_EQ(Attribute("q", "ApproximateNumberOfMessagesNotVisible"), "1");
  remove.Set("ReceiptHandle", Handle(second));
  Ok("DeleteMessage", remove);
  EXPECT_EQ(Attribute("q", "ApproximateNumberOfMessagesNotVisible"), "0");
  Ok("DeleteMessage", remove);  // deleting again succeeds, as on AWS
  remove.Set("ReceiptHandle", "garbage");
  Status invalid = Error("DeleteMessage", remove);
  EXPECT_EQ(invalid.code(), "ReceiptHandleIsInvalid");
}

TEST_F(SqsMessageTest, ChangeMessageVisibilityMovesTheTimer) {
  CreateQueue("q");
  Send("q", "m");
  Document message = Receive("q").AsList().at(0);
  Document change = QueueInput("q");
  change.Set("ReceiptHandle", Handle(message));
  change.Set("VisibilityTimeout", 0);
  Ok("ChangeMessageVisibility", change);
  Document again = Receive("q", 1, Doc({{"VisibilityTimeout", 100}})).AsList().at(0);
  change.Set("VisibilityTimeout", 43201);
  change.Set("ReceiptHandle", Handle(again));
  EXPECT_EQ(Error("ChangeMessageVisibility", change).code(), "InvalidParameterValue");
  change.Set("ReceiptHandle", Handle(message));
  change.Set("VisibilityTimeout", 10);
  EXPECT_EQ(Error("ChangeMessageVisibility", change).code(), "InvalidParameterValue");  // expired handle
  Advance(100);
  change.Set("ReceiptHandle", Handle(again));
  EXPECT_EQ(Error("ChangeMessageVisibility", change).code(), "MessageNotInflight");
}

TEST_F(SqsMessageTest, DelaysCountAsDelayedUntilDue) {
  CreateQueue("q", Doc({{"DelaySeconds", "10"}}));
  Send("q", "queue delay");
  Send("q", "own delay", Doc({{"DelaySeconds", 2}}));
  EXPECT_EQ(Attribute("q", "ApproximateNumberOfMessagesDelayed"), "2");
  EXPECT_EQ(Receive("q").size(), 0u);
  Advance(2);
  Document early = Receive("q");
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early.AsList()[0]["Body"].AsString(), "own delay");
  Advance(8);
  EXPECT_EQ(Receive("q").size(), 1u);
}

TEST_F(SqsMessageTest, RetentionDropsOldMessages) {
  CreateQueue("q", Doc({{"MessageRetentionPeriod", "60"}}));
  Send("q", "old");
  Advance(30);
  Send("q", "new");
  Advance(30);
  EXPECT_EQ(Attribute("q", "ApproximateNumberOfMessages"), "1");
  Document messages = Receive("q");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages.AsList()[0]["Body"].AsString(), "new");
}

TEST_F(SqsMessageTest, RedrivesToTheDeadLetterQueueAfterMaxReceiveCount) {
  CreateQueue("dlq");
  CreateQueue("src",
              Doc({{"VisibilityTimeout", "5"},
                   {"RedrivePolicy", R"({"deadLetterTargetArn":")" + Arn("dlq") + R"(","maxReceiveCount":"2"})"}}));
  Send("src", "poison");
  EXPECT_EQ(Receive("src").size(), 1u);
  Advance(5);
  EXPECT_EQ(Receive("src").size(), 1u);
  Advance(5);
  EXPECT_EQ(Receive("src").size(), 0u);  // third receive: moved instead
  Document dead = Receive("dlq");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead.AsList()[0]["Body"].AsString(), "poison");
  EXPECT_EQ(dead.AsList()[0]["Attributes"]["DeadLetterQueueSourceArn"].AsString(), Arn("src"));

  // A move task brings it back to the source.
  Advance(30);
  Document started = Ok("StartMessageMoveTask", Doc({{"SourceArn", Arn("dlq")}}));
  EXPECT_FALSE(started["TaskHandle"].AsString().empty());
  Document tasks = Ok("ListMessageMoveTasks", Doc({{"SourceArn", Arn("dlq")}}));
  EXPECT_EQ(tasks["Results"].AsList().at(0)["Status"].AsString(), "COMPLETED");
  EXPECT_EQ(tasks["Results"].AsList().at(0)["ApproximateNumberOfMessagesMoved"], Document(1));
  Document back = Receive("src");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back.AsList()[0]["Attributes"]["ApproximateReceiveCount"].AsString(), "1");
}

TEST_F(SqsMessageTest, MoveTasksProgressAtTheirRateAndCancel) {
  CreateQueue("dlq");
  CreateQueue("src",
              Doc({{"RedrivePolicy", R"({"deadLetterTargetArn":")" + Arn("dlq") + R"(","maxReceiveCount":1})"}}));
  CreateQueue("dest");
  for (int i = 0; i < 20; ++i) Send("dlq", "m" + std::to_string(i));
  EXPECT_EQ(Error("StartMessageMoveTask", Doc({{"SourceArn", Arn("src")}})).code(), "InvalidParameterValue");
  Document started =
      Ok("StartMessageMoveTask",
         Doc({{"SourceArn", Arn("dlq")}, {"DestinationArn", Arn("dest")}, {"MaxNumberOfMessagesPerSecond", 5}}));
  Advance(1);
  EXPECT_EQ(Attribute("dest", "ApproximateNumberOfMessages"), "6");
  Document cancelled = Ok("CancelMessageMoveTask", Doc({{"TaskHandle", started["TaskHandle"]}}));
  EXPECT_EQ(cancelled["ApproximateNumberOfMessagesMoved"], Document(6));
  Advance(10);
  EXPECT_EQ(Attribute("dest", "ApproximateNumberOfMessages"), "6");
  Document listed = Ok("ListMessageMoveTasks", Doc({{"SourceArn", Arn("dlq")}}))["Results"].AsList().at(0);
  EXPECT_EQ(listed["Status"].AsString(), "CANCELLED");
  EXPECT_EQ(listed["ApproximateNumberOfMessagesToMove"], Document(20));
}

TEST_F(SqsMessageTest, FifoDeliversInOrderAndBlocksAGroupInFlight) {
  CreateQueue("f.fifo", Doc({{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}));
  Document a1 = Send("f.fifo", "a1", Doc({{"MessageGroupId", "a"}}));
  Document a2 = Send("f.fifo", "a2", Doc({{"MessageGroupId", "a"}}));
  Send("f.fifo", "b1", Doc({{"MessageGroupId", "b"}}));
  EXPECT_EQ(a1["SequenceNumber"].AsString().size(), 20u);
  EXPECT_LT(a1["SequenceNumber"].AsString(), a2["SequenceNumber"].AsString());

  Document first = Receive("f.fifo", 1);
  EXPECT_EQ(first.AsList().at(0)["Body"].AsString(), "a1");
  EXPECT_EQ(first.AsList().at(0)["Attributes"]["MessageGroupId"].AsString(), "a");
  // Group a is blocked while a1 is in flight; b is not.
  Document next = Receive("f.fifo", 10);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next.AsList()[0]["Body"].AsString(), "b1");
  Document remove = QueueInput("f.fifo");
  remove.Set("ReceiptHandle", Handle(first.AsList()[0]));
  Ok("DeleteMessage", remove);
  Document after = Receive("f.fifo", 10);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after.AsList()[0]["Body"].AsString(), "a2");
}

TEST_F(SqsMessageTest, FifoDeduplicatesForFiveMinutes) {
  CreateQueue("d.fifo", Doc({{"FifoQueue", "true"}}));
  Document group = Doc({{"MessageGroupId", "g"}, {"MessageDeduplicationId", "id-1"}});
  Document first = Send("d.fifo", "x", group);
  Document duplicate = Send("d.fifo", "x", group);
  EXPECT_EQ(first["MessageId"], duplicate["MessageId"]);
  EXPECT_EQ(Attribute("d.fifo", "ApproximateNumberOfMessages"), "1");
  Advance(300);
  EXPECT_NE(Send("d.fifo", "x", group)["MessageId"], first["MessageId"]);
  EXPECT_EQ(Attribute("d.fifo", "ApproximateNumberOfMessages"), "2");
  // Expired ids leave the store when later ones are saved.
  Advance(300);
  Send("d.fifo", "x", Doc({{"MessageGroupId", "g"}, {"MessageDeduplicationId", "id-2"}}));
  int rows = 0;
  store_->Scan("sqs.dedup", "", [&](std::string_view, std::string_view) { return ++rows > 0; });
  EXPECT_EQ(rows, 1);

  Document input = QueueInput("d.fifo");
  input.Set("MessageBody", "y");
  EXPECT_EQ(Error("SendMessage", input).code(), "MissingParameter");
  input.Set("MessageGroupId", "g");
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");  // no dedup id, no content-based
  input.Set("MessageDeduplicationId", "z");
  input.Set("DelaySeconds", 1);
  EXPECT_EQ(Error("SendMessage", input).code(), "InvalidParameterValue");
}

TEST_F(SqsMessageTest, BatchChecksAndPartialFailures) {
  CreateQueue("b");
  Document input = QueueInput("b");
  input.Set("Entries", Document::List());
  EXPECT_EQ(Error("SendMessageBatch", input).code(), "EmptyBatchRequest");
  Document eleven = Document::List();
  for (int i = 0; i < 11; ++i) eleven.Append(Doc({{"Id", "e" + std::to_string(i)}, {"MessageBody", "x"}}));
  input.Set("Entries", eleven);
  EXPECT_EQ(Error("SendMessageBatch", input).code(), "TooManyEntriesInBatchRequest");
  input.Set("Entries",
            List({Doc({{"Id", "same"}, {"MessageBody", "x"}}), Doc({{"Id", "same"}, {"MessageBody", "y"}})}));
  EXPECT_EQ(Error("SendMessageBatch", input).code(), "BatchEntryIdsNotDistinct");
  input.Set("Entries", List({Doc({{"Id", "bad id!"}, {"MessageBody", "x"}})}));
  EXPECT_EQ(Error("SendMessageBatch", input).code(), "InvalidBatchEntryId");
  input.Set("Entries", List({Doc({{"Id", "a"}, {"MessageBody", std::string(200000, 'x')}}),
                             Doc({{"Id", "b"}, {"MessageBody", std::string(100000, 'x')}})}));
  EXPECT_EQ(Error("SendMessageBatch", input).code(), "BatchRequestTooLong");

  input.Set("Entries", List({Doc({{"Id", "ok"}, {"MessageBody", "fine"}}),
                             Doc({{"Id", "late"}, {"MessageBody", "x"}, {"DelaySeconds", 1000}})}));
  Document result = Ok("SendMessageBatch", input);
  ASSERT_EQ(result["Successful"].size(), 1u);
  EXPECT_EQ(result["Successful"].AsList()[0]["Id"].AsString(), "ok");
  EXPECT_EQ(result["Successful"].AsList()[0]["MD5OfMessageBody"].AsString(), "fff25994ee3941b225ba898fd17d186f");
  ASSERT_EQ(result["Failed"].size(), 1u);
  EXPECT_EQ(result["Failed"].AsList()[0]["Id"].AsString(), "late");
  EXPECT_EQ(result["Failed"].AsList()[0]["Code"].AsString(), "InvalidParameterValue");
  EXPECT_EQ(result["Failed"].AsList()[0]["SenderFault"], Document(true));

  Document message = Receive("b").AsList().at(0);
  Document deletes = QueueInput("b");
  deletes.Set("Entries", List({Doc({{"Id", "1"}, {"ReceiptHandle", Handle(message)}}),
                               Doc({{"Id", "2"}, {"ReceiptHandle", "garbage"}})}));
  Document deleted = Ok("DeleteMessageBatch", deletes);
  EXPECT_EQ(deleted["Successful"].size(), 1u);
  EXPECT_EQ(deleted["Failed"].AsList().at(0)["Code"].AsString(), "ReceiptHandleIsInvalid");
}

TEST_F(SqsMessageTest, LongPollReturnsAsSoonAsAMessageArrives) {
  CreateQueue("lp");
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Send("lp", "late");
  });
  auto start = std::chrono::steady_clock::now();
  Document messages = Receive("lp", 1, Doc({{"WaitTimeSeconds", 5}}));
  auto waited = std::chrono::steady_clock::now() - start;
  sender.join();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_LT(waited, std::chrono::seconds(3));
  EXPECT_GE(waited, std::chrono::milliseconds(150));
}

TEST_F(SqsMessageTest, LongPollWithNothingReturnsAfterTheWait) {
  CreateQueue("idle");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Receive("idle", 1, Doc({{"WaitTimeSeconds", 1}})).size(), 0u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(950));
}

TEST_F(SqsMessageTest, InFlightTimersSurviveARestart) {
  CreateQueue("r");
  Send("r", "kept");
  Receive("r", 1, Doc({{"VisibilityTimeout", 60}}));
  Restart();
  EXPECT_EQ(Attribute("r", "ApproximateNumberOfMessagesNotVisible"), "1");
  EXPECT_EQ(Receive("r").size(), 0u);
  Advance(60);
  EXPECT_EQ(Receive("r").size(), 1u);
}

TEST_F(SqsMessageTest, SequenceNumbersKeepIncreasingAfterRestart) {
  CreateQueue("s.fifo", Doc({{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}));
  std::string before = Send("s.fifo", "1", Doc({{"MessageGroupId", "g"}}))["SequenceNumber"].AsString();
  Restart();
  std::string after = Send("s.fifo", "2", Doc({{"MessageGroupId", "g"}}))["SequenceNumber"].AsString();
  EXPECT_LT(before, after);
}

}  // namespace
}  // namespace cloudemu::services::sqs
