// A whole SqsService over a memory Store, a ManualClock and a seeded id
// generator, for tests that drive SQS operations with model-shaped Documents.
#ifndef CLOUDEMU_TESTS_SERVICES_SQS_SQS_TEST_ENV_H_
#define CLOUDEMU_TESTS_SERVICES_SQS_SQS_TEST_ENV_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "cloudemu/clock.h"
#include "core/dispatch.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "services/sqs/sqs_service.h"

namespace cloudemu::services::sqs::testing {

using core::Document;

inline Document Doc(std::initializer_list<std::pair<const char*, Document>> members) {
  Document doc = Document::Map();
  for (const auto& [name, value] : members) doc.Set(name, value);
  return doc;
}

inline Document List(std::initializer_list<Document> items) {
  Document list = Document::List();
  for (const Document& item : items) list.Append(item);
  return list;
}

inline Document StringAttribute(const char* value, const char* type = "String") {
  return Doc({{"DataType", type}, {"StringValue", value}});
}

class SqsTestEnv : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z
  static constexpr const char* kAccount = "123456789012";

  SqsTestEnv() : store_(core::NewMemoryStore()), clock_(kStartMillis), ids_(42) { Restart(); }

  // A new service over the same Store, as after a process restart.
  void Restart() {
    service_.reset();
    ServiceEnvironment env;
    env.store = store_.get();
    env.clock = &clock_;
    env.ids = &ids_;
    env.dispatch = &dispatch_;
    env.account_id = kAccount;
    env.region = "us-east-1";
    service_ = std::make_unique<SqsService>(env);
  }

  RequestContext Context() const {
    RequestContext context;
    context.account_id = kAccount;
    context.region = "us-east-1";
    context.request_id = "TESTREQUEST";
    context.now_millis = clock_.NowMillis();
    context.endpoint = "http://127.0.0.1:4566";
    return context;
  }

  StatusOr<Document> Call(std::string_view operation, const Document& input) {
    return service_->Invoke(operation, input, Context());
  }
  Document Ok(std::string_view operation, const Document& input) {
    auto output = Call(operation, input);
    EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }
  Status Error(std::string_view operation, const Document& input) {
    auto output = Call(operation, input);
    return output.ok() ? Status::Ok() : output.status();
  }

  std::string Url(const std::string& name) { return std::string("http://127.0.0.1:4566/") + kAccount + "/" + name; }
  std::string Arn(const std::string& name) { return std::string("arn:aws:sqs:us-east-1:") + kAccount + ":" + name; }

  std::string CreateQueue(const std::string& name, Document attributes = Document::Map()) {
    return Ok("CreateQueue", Doc({{"QueueName", name}, {"Attributes", std::move(attributes)}}))["QueueUrl"].AsString();
  }
  Document Send(const std::string& queue, const std::string& body, Document extra = Document::Map()) {
    Document input = std::move(extra);
    input.Set("QueueUrl", Url(queue));
    input.Set("MessageBody", body);
    return Ok("SendMessage", input);
  }
  // ReceiveMessage with every system attribute; the Messages list.
  Document Receive(const std::string& queue, int max = 10, Document extra = Document::Map()) {
    Document input = std::move(extra);
    input.Set("QueueUrl", Url(queue));
    input.Set("MaxNumberOfMessages", max);
    input.Set("MessageSystemAttributeNames", List({"All"}));
    Document output = Ok("ReceiveMessage", input);
    return output["Messages"].is_list() ? output["Messages"] : Document::List();
  }
  std::string Attribute(const std::string& queue, const std::string& name) {
    return Ok("GetQueueAttributes",
              Doc({{"QueueUrl", Url(queue)}, {"AttributeNames", List({"All"})}}))["Attributes"][name]
        .AsString();
  }
  void Advance(int64_t seconds) { clock_.Advance(std::chrono::seconds(seconds)); }

  std::unique_ptr<core::Store> store_;
  ManualClock clock_;
  core::IdGenerator ids_;
  core::Dispatch dispatch_;  // outlives the service whose receiver it holds
  std::unique_ptr<SqsService> service_;
};

}  // namespace cloudemu::services::sqs::testing

#endif  // CLOUDEMU_TESTS_SERVICES_SQS_SQS_TEST_ENV_H_
