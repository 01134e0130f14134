// Publish and PublishBatch: the envelope SNS delivers, its signature, raw
// delivery, filter policies, FIFO sequencing and deduplication, retries and
// redrive - all seen at the dispatch receivers.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "core/encoding.h"
#include "core/json.h"
#include "sns_test_env.h"

namespace cloudemu::services::sns {
namespace {

using testing::Doc;
using testing::StringAttribute;

// Checks `signature_b64` over `canonical` with the key of `certificate_pem`.
bool Verifies(const std::string& certificate_pem, const std::string& canonical, const std::string& signature_b64,
              const EVP_MD* digest) {
  BIO* bio = BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!cert) return false;
  EVP_PKEY* key = X509_get_pubkey(cert);
  std::string signature = core::Base64Decode(signature_b64).value_or("");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, digest, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  return ok;
}

// The string AWS documents as signed for a Notification, built from the
// delivered JSON alone.
std::string NotificationCanonical(const Document& envelope) {
  std::string canonical;
  for (const char* name : {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}) {
    if (!envelope.Has(name)) continue;
    canonical += std::string(name) + "\n" + envelope[name].AsString() + "\n";
  }
  return canonical;
}

class PublishTest : public testing::SnsTestEnv {
 protected:
  Document Envelope(const core::Delivery& delivery) {
    auto parsed = core::FromJson(delivery.message["MessageBody"].AsString());
    EXPECT_TRUE(parsed.ok());
    return parsed.ok() ? *parsed : Document();
  }
};

TEST_F(PublishTest, SqsGetsTheSignedJsonEnvelope) {
  std::string topic = CreateTopic("orders");
  std::string subscription = Subscribe(topic, "sqs", QueueArn("inbox"));
  Document published = Ok("Publish", Doc({{"TopicArn", topic},
                                          {"Message", "hello"},
                                          {"Subject", "greeting"},
                                          {"MessageAttributes", Doc({{"color", StringAttribute("red")}})}}));
  auto delivered = Delivered();
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].target, QueueArn("inbox"));
  EXPECT_EQ(delivered[0].source, topic);
  EXPECT_FALSE(delivered[0].message.Has("MessageAttributes"));  // only raw delivery carries them

  const std::string body = delivered[0].message["MessageBody"].AsString();
  // AWS's member order.
  EXPECT_EQ(body.find("{\"Type\":\"Notification\",\"MessageId\":"), 0u) << body;
  EXPECT_LT(body.find("\"TopicArn\""), body.find("\"Subject\""));
  EXPECT_LT(body.find("\"Signature\""), body.find("\"UnsubscribeURL\""));

  Document envelope = Envelope(delivered[0]);
  EXPECT_EQ(envelope["Type"].AsString(), "Notification");
  EXPECT_EQ(envelope["MessageId"].AsString(), published["MessageId"].AsString());
  EXPECT_EQ(envelope["TopicArn"].AsString(), topic);
  EXPECT_EQ(envelope["Subject"].AsString(), "greeting");
  EXPECT_EQ(envelope["Message"].AsString(), "hello");
  EXPECT_EQ(envelope["Timestamp"].AsString(), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(envelope["SignatureVersion"].AsString(), "1");
  EXPECT_EQ(envelope["SigningCertURL"].AsString(), "http://127.0.0.1:4566/_cloudemu/sns/SimpleNotificationService.pem");
  EXPECT_EQ(envelope["UnsubscribeURL"].AsString(), "http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=" +
                                                       core::UriEncode(subscription) + "&Version=2010-03-31");
  EXPECT_EQ(envelope["MessageAttributes"]["color"]["Type"].AsString(), "String");
  EXPECT_EQ(envelope["MessageAttributes"]["color"]["Value"].AsString(), "red");
  EXPECT_FALSE(envelope.Has("SequenceNumber"));

  auto certificate = service_.SigningCertificatePem();
  ASSERT_TRUE(certificate.ok());
  EXPECT_TRUE(Verifies(*certificate, NotificationCanonical(envelope), envelope["Signature"].AsString(), EVP_sha1()));
  EXPECT_FALSE(
      Verifies(*certificate, NotificationCanonical(envelope) + "x", envelope["Signature"].AsString(), EVP_sha1()));
}

TEST_F(PublishTest, SignatureVersion2SignsWithSha256AndSubjectIsOmittedWhenAbsent) {
  std::string topic = CreateTopic("v2", Doc({{"SignatureVersion", "2"}}));
  Subscribe(topic, "sqs", QueueArn("inbox"));
  Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "m"}}));
  Document envelope = Envelope(Delivered().at(0));
  EXPECT_EQ(envelope["SignatureVersion"].AsString(), "2");
  EXPECT_FALSE(envelope.Has("Subject"));
  auto certificate = service_.SigningCertificatePem();
  ASSERT_TRUE(certificate.ok());
  EXPECT_TRUE(Verifies(*certificate, NotificationCanonical(envelope), envelope["Signature"].AsString(), EVP_sha256()));
}

TEST_F(PublishTest, TheSigningKeySurvivesAStateReplacement) {
  auto before = service_.SigningCertificatePem();
  service_.OnStateReplaced();  // drops the in-memory key; the Store still has it
  auto after = service_.SigningCertificatePem();
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(*before, *after);
}

TEST_F(PublishTest, TheSigningCertificateIsPublishedUnderSigningCertUrlsName) {
  auto published = service_.FindPublishedFile("SimpleNotificationService.pem");
  ASSERT_TRUE(published.ok()) << published.status().message();
  EXPECT_EQ(published->content_type, "application/x-x509-ca-cert");
  EXPECT_EQ(published->body, *service_.SigningCertificatePem());
  EXPECT_EQ(service_.FindPublishedFile("other.pem").status().code(), "NotFound");
}

TEST_F(PublishTest, RawDeliveryCarriesTheMessageAndItsAttributes) {
  std::string topic = CreateTopic("raw");
  Subscribe(topic, "sqs", QueueArn("inbox"), Doc({{"RawMessageDelivery", "true"}}));
  Ok("Publish", Doc({{"TopicArn", topic},
                     {"Message", "just this"},
                     {"MessageAttributes", Doc({{"n", StringAttribute("5", "Number")}})}}));
  auto delivered = Delivered();
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].message["MessageBody"].AsString(), "just this");
  EXPECT_EQ(delivered[0].message["MessageAttributes"]["n"]["DataType"].AsString(), "Number");
  EXPECT_EQ(delivered[0].message["MessageAttributes"]["n"]["StringValue"].AsString(), "5");
}

TEST_F(PublishTest, FilterPoliciesSelectSubscriptions) {
  std::string topic = CreateTopic("filtered");
  Subscribe(topic, "sqs", QueueArn("reds"), Doc({{"FilterPolicy", R"({"color":["red"]})"}}));
  Subscribe(topic, "sqs", QueueArn("big"),
            Doc({{"FilterPolicy", R"({"size":[{"numeric":[">",10]}]})"}, {"FilterPolicyScope", "MessageBody"}}));
  Subscribe(topic, "sqs", QueueArn("all"));
  Ok("Publish", Doc({{"TopicArn", topic},
                     {"Message", R"({"size":20})"},
                     {"MessageAttributes", Doc({{"color", StringAttribute("blue")}})}}));
  std::vector<std::string> targets;
  for (const auto& delivery : Delivered()) targets.push_back(delivery.target);
  std::sort(targets.begin(), targets.end());
  EXPECT_EQ(targets, (std::vector<std::string>{QueueArn("all"), QueueArn("big")}));
}

TEST_F(PublishTest, JsonStructureSendsEachProtocolItsMessage) {
  std::string topic = CreateTopic("structured");
  Subscribe(topic, "sqs", QueueArn("inbox"), Doc({{"RawMessageDelivery", "true"}}));
  Subscribe(topic, "http", "http://127.0.0.1:9/hook");
  EXPECT_EQ(
      Error("Publish", Doc({{"TopicArn", topic}, {"Message", "not json"}, {"MessageStructure", "json"}})).message(),
      "Invalid parameter: Message Structure - JSON message body failed to parse");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", R"({"sqs":"x"})"}, {"MessageStructure", "json"}}))
                .message(),
            "Invalid parameter: Message Structure - No default entry in JSON message body");
  Ok("Publish",
     Doc({{"TopicArn", topic}, {"Message", R"({"default":"d","sqs":"for sqs"})"}, {"MessageStructure", "json"}}));
  std::vector<std::string> bodies;
  for (const auto& delivery : Delivered()) {
    if (delivery.target == QueueArn("inbox")) bodies.push_back(delivery.message["MessageBody"].AsString());
  }
  EXPECT_EQ(bodies, std::vector<std::string>{"for sqs"});
}

TEST_F(PublishTest, MessageValidation) {
  std::string topic = CreateTopic("checks");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", ""}})).message(),
            "Invalid parameter: Empty message");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", std::string(262145, 'x')}})).message(),
            "Invalid parameter: Message too long");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", "m"}, {"Subject", "two\nlines"}})).message(),
            "Invalid parameter: Subject");
  Status bad_type = Error(
      "Publish",
      Doc({{"TopicArn", topic}, {"Message", "m"}, {"MessageAttributes", Doc({{"a", StringAttribute("x", "Text")}})}}));
  EXPECT_EQ(bad_type.code(), "ParameterValueInvalid");
  EXPECT_EQ(bad_type.message(),
            "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is "
            "Binary, Number, and String.");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic},
                                  {"Message", "m"},
                                  {"MessageAttributes", Doc({{"a", StringAttribute("ten", "Number")}})}}))
                .message(),
            "Could not cast message attribute 'a' value to number.");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g"}})).code(),
            "InvalidParameter");
  Status missing = Error("Publish", Doc({{"TopicArn", topic + "-gone"}, {"Message", "m"}}));
  EXPECT_EQ(missing.code(), "NotFound");
  EXPECT_EQ(missing.http_status(), 404);
  EXPECT_EQ(missing.message(), "Topic does not exist");
}

TEST_F(PublishTest, FifoTopicsNumberDeduplicateAndKeepGroups) {
  std::string topic = CreateTopic("events.fifo", Doc({{"FifoTopic", "true"}}));
  Subscribe(topic, "sqs", QueueArn("events.fifo"));
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", "m"}})).message(),
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
  EXPECT_EQ(Error("Publish", Doc({{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g"}})).message(),
            "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
            "MessageDeduplicationId provided explicitly");

  std::vector<std::string> sequence_numbers;
  for (int i = 0; i < 5; ++i) {
    Document out = Ok("Publish", Doc({{"TopicArn", topic},
                                      {"Message", "m" + std::to_string(i)},
                                      {"MessageGroupId", "g"},
                                      {"MessageDeduplicationId", "d" + std::to_string(i)}}));
    sequence_numbers.push_back(out["SequenceNumber"].AsString());
  }
  EXPECT_EQ(sequence_numbers.front().size(), 20u);
  EXPECT_TRUE(std::is_sorted(sequence_numbers.begin(), sequence_numbers.end()));
  // A repeated deduplication id inside 5 minutes is the same message.
  Document again =
      Ok("Publish",
         Doc({{"TopicArn", topic}, {"Message", "other"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "d0"}}));
  EXPECT_EQ(again["SequenceNumber"].AsString(), sequence_numbers[0]);

  auto delivered = Delivered();
  ASSERT_EQ(delivered.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    Document envelope = Envelope(delivered[i]);
    EXPECT_EQ(envelope["Message"].AsString(), "m" + std::to_string(i));
    EXPECT_EQ(envelope["SequenceNumber"].AsString(), sequence_numbers[i]);
    EXPECT_EQ(delivered[i].message["MessageGroupId"].AsString(), "g");
    EXPECT_EQ(delivered[i].message["MessageDeduplicationId"].AsString(), "d" + std::to_string(i));
  }

  clock_.Advance(std::chrono::milliseconds(5 * 60 * 1000 + 1));
  Document later =
      Ok("Publish",
         Doc({{"TopicArn", topic}, {"Message", "m0"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "d0"}}));
  EXPECT_GT(later["SequenceNumber"].AsString(), sequence_numbers.back());
}

TEST_F(PublishTest, ContentBasedDeduplicationUsesTheBodyHash) {
  std::string topic = CreateTopic("cbd.fifo", Doc({{"FifoTopic", "true"}, {"ContentBasedDeduplication", "true"}}));
  Subscribe(topic, "sqs", QueueArn("cbd.fifo"));
  Document first = Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "same"}, {"MessageGroupId", "g"}}));
  Document second = Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "same"}, {"MessageGroupId", "g"}}));
  EXPECT_EQ(first["MessageId"].AsString(), second["MessageId"].AsString());
  auto delivered = Delivered();
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].message["MessageDeduplicationId"].AsString().size(), 64u);  // SHA-256 hex
}

TEST_F(PublishTest, PublishBatchReportsEachEntry) {
  std::string topic = CreateTopic("batch");
  Subscribe(topic, "sqs", QueueArn("inbox"));
  Document entries = Document::List();
  entries.Append(Doc({{"Id", "ok"}, {"Message", "one"}}));
  entries.Append(Doc({{"Id", "empty"}, {"Message", ""}}));
  Document out = Ok("PublishBatch", Doc({{"TopicArn", topic}, {"PublishBatchRequestEntries", entries}}));
  ASSERT_EQ(out["Successful"].size(), 1u);
  EXPECT_EQ(out["Successful"].AsList()[0]["Id"].AsString(), "ok");
  ASSERT_EQ(out["Failed"].size(), 1u);
  EXPECT_EQ(out["Failed"].AsList()[0]["Id"].AsString(), "empty");
  EXPECT_EQ(out["Failed"].AsList()[0]["Code"].AsString(), "InvalidParameter");
  EXPECT_TRUE(out["Failed"].AsList()[0]["SenderFault"].AsBool());
  EXPECT_EQ(Delivered().size(), 1u);

  Document duplicate = Document::List();
  duplicate.Append(Doc({{"Id", "a"}, {"Message", "1"}}));
  duplicate.Append(Doc({{"Id", "a"}, {"Message", "2"}}));
  EXPECT_EQ(Error("PublishBatch", Doc({{"TopicArn", topic}, {"PublishBatchRequestEntries", duplicate}})).code(),
            "BatchEntryIdsNotDistinct");
  EXPECT_EQ(Error("PublishBatch", Doc({{"TopicArn", topic}, {"PublishBatchRequestEntries", Document::List()}})).code(),
            "EmptyBatchRequest");
  Document eleven = Document::List();
  for (int i = 0; i < 11; ++i) eleven.Append(Doc({{"Id", "e" + std::to_string(i)}, {"Message", "m"}}));
  EXPECT_EQ(Error("PublishBatch", Doc({{"TopicArn", topic}, {"PublishBatchRequestEntries", eleven}})).code(),
            "TooManyEntriesInBatchRequest");
  Document bad_id = Document::List();
  bad_id.Append(Doc({{"Id", "has space"}, {"Message", "m"}}));
  EXPECT_EQ(Error("PublishBatch", Doc({{"TopicArn", topic}, {"PublishBatchRequestEntries", bad_id}})).code(),
            "InvalidBatchEntryId");
}

TEST_F(PublishTest, FailedDeliveriesAreRetriedThenRedrivenAndRecorded) {
  std::string topic = CreateTopic("failing");
  std::string redriven = Subscribe(topic, "sqs", QueueArn("inbox"),
                                   Doc({{"RedrivePolicy", R"({"deadLetterTargetArn":")" + QueueArn("dlq") + R"("})"},
                                        {"DeliveryPolicy", R"({"healthyRetryPolicy":{"numRetries":2}})"}}));
  std::string lost = Subscribe(topic, "http", "http://127.0.0.1:9/hook");
  SetFailingTarget(QueueArn("inbox"));
  Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "doomed"}}));
  std::vector<std::string> targets;
  for (const auto& delivery : Delivered()) targets.push_back(delivery.target);
  // The http confirmation, then one attempt and two retries, then the dead-letter queue.
  EXPECT_EQ(targets, (std::vector<std::string>{"http://127.0.0.1:9/hook", QueueArn("inbox"), QueueArn("inbox"),
                                               QueueArn("inbox"), QueueArn("dlq")}));
  auto records = service_.Deliveries();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].subscription_arn, lost);  // its confirmation
  EXPECT_EQ(records[0].status, "delivered");
  EXPECT_EQ(records[1].subscription_arn, redriven);
  EXPECT_EQ(records[1].status, "redriven");
  EXPECT_EQ(records[1].attempts, 3);
  EXPECT_EQ(records[1].reason, "endpoint answered HTTP 500");

  // Without a RedrivePolicy the message is lost after AWS's default 3 retries.
  SetFailingTarget(QueueArn("inbox"));
  Ok("SetSubscriptionAttributes",
     Doc({{"SubscriptionArn", redriven}, {"AttributeName", "RedrivePolicy"}, {"AttributeValue", ""}}));
  Ok("SetSubscriptionAttributes",
     Doc({{"SubscriptionArn", redriven}, {"AttributeName", "DeliveryPolicy"}, {"AttributeValue", ""}}));
  Ok("Publish", Doc({{"TopicArn", topic}, {"Message", "lost"}}));
  Delivered();
  records = service_.Deliveries();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].status, "failed");
  EXPECT_EQ(records[2].attempts, 4);
}

}  // namespace
}  // namespace cloudemu::services::sns
