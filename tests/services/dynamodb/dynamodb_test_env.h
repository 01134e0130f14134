// A DynamoDB service and its streams service over a memory Store, a
// ManualClock and a seeded id generator, for tests that drive operations
// with model-shaped Documents. Items are written in tests as plain JSON
// (DynamoDB JSON text) through Json().
#ifndef CLOUDEMU_TESTS_SERVICES_DYNAMODB_DYNAMODB_TEST_ENV_H_
#define CLOUDEMU_TESTS_SERVICES_DYNAMODB_DYNAMODB_TEST_ENV_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cloudemu/clock.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/store/store.h"
#include "services/dynamodb/dynamodb_service.h"

namespace cloudemu::services::dynamodb::testing {

using core::Document;

// Parses JSON test input; fails the test on malformed text.
inline Document Json(std::string_view text) {
  auto doc = core::FromJson(text);
  EXPECT_TRUE(doc.ok()) << text;
  return doc.ok() ? *doc : Document();
}

class DynamoDBTestEnv : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z
  static constexpr const char* kAccount = "123456789012";

  DynamoDBTestEnv()
      : store_(core::NewMemoryStore()),
        clock_(kStartMillis),
        ids_(7),
        service_(Environment()),
        streams_(service_.shared_state()) {}

  RequestContext Context() const {
    RequestContext context;
    context.account_id = kAccount;
    context.region = "us-east-1";
    context.request_id = "TESTREQUEST";
    context.now_millis = clock_.NowMillis();
    return context;
  }

  // The *Input variants take a Document, the others JSON text.
  StatusOr<Document> CallInput(std::string_view operation, const Document& input) {
    return service_.Invoke(operation, input, Context());
  }
  StatusOr<Document> Call(std::string_view operation, std::string_view json) { return CallInput(operation, Json(json)); }

  Document Ok(std::string_view operation, std::string_view json) { return OkInput(operation, Json(json)); }
  Document OkInput(std::string_view operation, const Document& input) {
    auto output = CallInput(operation, input);
    EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }
  Status Error(std::string_view operation, std::string_view json) {
    auto output = Call(operation, json);
    return output.ok() ? Status::Ok() : output.status();
  }
  Document StreamsOk(std::string_view operation, const Document& input) {
    auto output = streams_.Invoke(operation, input, Context());
    EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }

  // A PAY_PER_REQUEST table with hash key pk (S) and, when `sort_type` is
  // given, range key sk of that type.
  void CreateTable(const std::string& name, const std::string& sort_type = "") {
    std::string definitions = R"({"AttributeName":"pk","AttributeType":"S"})";
    std::string schema = R"({"AttributeName":"pk","KeyType":"HASH"})";
    if (!sort_type.empty()) {
      definitions += R"(,{"AttributeName":"sk","AttributeType":")" + sort_type + "\"}";
      schema += R"(,{"AttributeName":"sk","KeyType":"RANGE"})";
    }
    Ok("CreateTable", R"({"TableName":")" + name + R"(","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)" +
                          definitions + "],\"KeySchema\":[" + schema + "]}");
  }

  void Put(const std::string& table, const std::string& item_json) {
    Ok("PutItem", R"({"TableName":")" + table + R"(","Item":)" + item_json + "}");
  }

  // The item with `key_json`, or null.
  Document Get(const std::string& table, const std::string& key_json) {
    return Ok("GetItem", R"({"TableName":")" + table + R"(","Key":)" + key_json + R"(,"ConsistentRead":true})")["Item"];
  }

  std::unique_ptr<core::Store> store_;
  ManualClock clock_;
  core::IdGenerator ids_;
  DynamoDBService service_;
  DynamoDBStreamsService streams_;

 private:
  ServiceEnvironment Environment() {
    ServiceEnvironment env;
    env.store = store_.get();
    env.clock = &clock_;
    env.ids = &ids_;
    env.account_id = kAccount;
    env.region = "us-east-1";
    return env;
  }
};

// The value of an error detail, "" when absent.
inline std::string Detail(const Status& status, std::string_view name) {
  for (const auto& [key, value] : status.details()) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace cloudemu::services::dynamodb::testing

#endif  // CLOUDEMU_TESTS_SERVICES_DYNAMODB_DYNAMODB_TEST_ENV_H_
