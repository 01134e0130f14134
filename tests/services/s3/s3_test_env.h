// A whole S3Service over a memory Store, a ManualClock and a seeded id
// generator, for tests that drive S3 operations with model-shaped Documents.
#ifndef CLOUDEMU_TESTS_SERVICES_S3_S3_TEST_ENV_H_
#define CLOUDEMU_TESTS_SERVICES_S3_S3_TEST_ENV_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "cloudemu/clock.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "services/s3/s3_service.h"

namespace cloudemu::services::s3::testing {

using core::Document;

// {{"Bucket", "b"}, {"Key", "k"}} -> a map Document.
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

class S3TestEnv : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z
  static constexpr const char* kAccount = "123456789012";

  S3TestEnv() : store_(core::NewMemoryStore()), clock_(kStartMillis), ids_(42), service_(Environment()) {}

  RequestContext Context(const std::string& region = "us-east-1") const {
    RequestContext context;
    context.account_id = kAccount;
    context.region = region;
    context.request_id = "TESTREQUEST";
    context.now_millis = clock_.NowMillis();
    return context;
  }

  StatusOr<Document> Call(std::string_view operation, const Document& input, const std::string& region = "us-east-1") {
    return service_.Invoke(operation, input, Context(region));
  }

  // Calls `operation` and fails the test unless it succeeds.
  Document Ok(std::string_view operation, const Document& input, const std::string& region = "us-east-1") {
    auto output = Call(operation, input, region);
    EXPECT_TRUE(output.ok()) << operation << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }

  // The error `operation` answers with (OK status when it succeeded).
  Status Error(std::string_view operation, const Document& input, const std::string& region = "us-east-1") {
    auto output = Call(operation, input, region);
    return output.ok() ? Status::Ok() : output.status();
  }

  void CreateBucket(const std::string& name) { Ok("CreateBucket", Doc({{"Bucket", name}})); }

  std::unique_ptr<core::Store> store_;
  ManualClock clock_;
  core::IdGenerator ids_;
  S3Service service_;

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

// The value of an error detail (<BucketName>, <Key> ...), "" when absent.
inline std::string Detail(const Status& status, std::string_view name) {
  for (const auto& [key, value] : status.details()) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace cloudemu::services::s3::testing

#endif  // CLOUDEMU_TESTS_SERVICES_S3_S3_TEST_ENV_H_
