// A whole SnsService over a memory Store, a ManualClock, a seeded id
// generator and a real core::Dispatch whose "sqs" and "http" receivers only
// record what they are handed, for tests that drive SNS operations with
// model-shaped Documents and look at what SNS delivered.
#ifndef CLOUDEMU_TESTS_SERVICES_SNS_SNS_TEST_ENV_H_
#define CLOUDEMU_TESTS_SERVICES_SNS_SNS_TEST_ENV_H_

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cloudemu/clock.h"
#include "core/dispatch.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "services/sns/sns_service.h"

namespace cloudemu::services::sns::testing {

using core::Document;

inline Document Doc(std::initializer_list<std::pair<const char*, Document>> members) {
  Document doc = Document::Map();
  for (const auto& [name, value] : members) doc.Set(name, value);
  return doc;
}

inline Document StringAttribute(const std::string& value, const std::string& type = "String") {
  return Doc({{"DataType", type}, {"StringValue", value}});
}

class SnsTestEnv : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z
  static constexpr const char* kAccount = "123456789012";

  SnsTestEnv() : store_(core::NewMemoryStore()), clock_(kStartMillis), ids_(7), service_(Environment()) {
    auto record = [this](const core::Delivery& delivery) {
      std::lock_guard lock(mu_);
      delivered_.push_back(delivery);
      return delivery.target == failing_target_ ? Status::Error("HttpDeliveryFailed", "endpoint answered HTTP 500", 500)
                                                : Status::Ok();
    };
    dispatch_.RegisterReceiver("sqs", record);
    dispatch_.RegisterReceiver("http", record);
  }
  ~SnsTestEnv() override { dispatch_.Stop(); }

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
    return service_.Invoke(operation, input, Context());
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

  std::string CreateTopic(const std::string& name, Document attributes = Document::Map()) {
    return Ok("CreateTopic", Doc({{"Name", name}, {"Attributes", std::move(attributes)}}))["TopicArn"].AsString();
  }

  std::string Subscribe(const std::string& topic, const std::string& protocol, const std::string& endpoint,
                        Document attributes = Document::Map()) {
    return Ok("Subscribe", Doc({{"TopicArn", topic},
                                {"Protocol", protocol},
                                {"Endpoint", endpoint},
                                {"Attributes", std::move(attributes)},
                                {"ReturnSubscriptionArn", true}}))["SubscriptionArn"]
        .AsString();
  }

  static std::string QueueArn(const std::string& name) {
    return std::string("arn:aws:sqs:us-east-1:") + kAccount + ":" + name;
  }

  // Everything the receivers were handed so far, after the dispatch settled.
  std::vector<core::Delivery> Delivered() {
    dispatch_.Settle();
    std::lock_guard lock(mu_);
    return delivered_;
  }

  // Deliveries to `target` fail from now on ("" for none).
  void SetFailingTarget(const std::string& target) {
    std::lock_guard lock(mu_);
    failing_target_ = target;
  }

  std::unique_ptr<core::Store> store_;
  ManualClock clock_;
  core::IdGenerator ids_;
  core::Dispatch dispatch_;
  SnsService service_;

 private:
  ServiceEnvironment Environment() {
    ServiceEnvironment env;
    env.store = store_.get();
    env.clock = &clock_;
    env.ids = &ids_;
    env.dispatch = &dispatch_;
    env.account_id = kAccount;
    env.region = "us-east-1";
    return env;
  }

  std::mutex mu_;
  std::vector<core::Delivery> delivered_;
  std::string failing_target_;
};

}  // namespace cloudemu::services::sns::testing

#endif  // CLOUDEMU_TESTS_SERVICES_SNS_SNS_TEST_ENV_H_
