// GoogleTest helpers for code tested against a CloudEmu Cloud.
//
//   #include <cloudemu/testing.h>
//
//   CLOUDEMU_FIXTURE(UploadTest);
//
//   TEST_F(UploadTest, StoresTheReport) {
//     cloudemu::testing::ScopedAwsEnvironment env(cloud());  // code under test finds the endpoint
//     ASSERT_THAT(cloud().S3().CreateBucket("reports"), cloudemu::testing::IsOk());
//     RunTheUploader();
//     EXPECT_THAT(cloud(), cloudemu::testing::HasS3Object("reports", "today.csv", HasSubstr("total")));
//   }
//
// Every test of a CLOUDEMU_FIXTURE gets its own fresh Cloud, already
// listening on an ephemeral loopback port. When a test fails, the Cloud's
// snapshot is written to ::testing::TempDir() as "<suite>.<test>.snapshot.json"
// and the path printed, so the state the test left can be inspected with
// `cloudemu snapshot dump`.
// Link cloudemu::testing (it brings cloudemu::cloudemu and GoogleTest/GoogleMock).
// Thread-safety: a fixture's Cloud is as thread-safe as any Cloud; the
// matchers only read. ScopedAwsEnvironment changes the process environment,
// which is not thread-safe: create it before starting threads that read it.
#ifndef CLOUDEMU_TESTING_H_
#define CLOUDEMU_TESTING_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloudemu/cloud.h"
#include "cloudemu/options.h"
#include "cloudemu/s3.h"
#include "cloudemu/status.h"

namespace cloudemu {

// GoogleTest prints these in failure messages through ADL.
void PrintTo(const Status& status, std::ostream* os);
template <typename T>
void PrintTo(const StatusOr<T>& value, std::ostream* os) {
  if (value.ok()) {
    *os << "OK: " << ::testing::PrintToString(value.value());
  } else {
    PrintTo(value.status(), os);
  }
}

namespace testing {

// The base of every CLOUDEMU_FIXTURE. Override CloudOptions() in a derived
// fixture to change the account, region, clock or id seed.
class CloudFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  virtual Options CloudOptions() const { return Options{}; }

  Cloud& cloud() { return *cloud_; }
  // "http://127.0.0.1:PORT".
  const std::string& endpoint() const { return endpoint_; }

 private:
  std::unique_ptr<Cloud> cloud_;
  std::string endpoint_;
};

// Where CloudFixture writes the snapshot of a failed test:
// ::testing::TempDir() + "<suite>.<test>.snapshot.json" ('/' in
// parameterised names becomes '_').
std::string FailureSnapshotPath(const ::testing::TestInfo& test);

// Points AWS SDKs, the aws CLI and Terraform run by the code under test at a
// Cloud: sets AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_REGION and AWS_DEFAULT_REGION, and hides AWS_SESSION_TOKEN and
// AWS_PROFILE; restores all of them when it goes out of scope.
class ScopedAwsEnvironment {
 public:
  // The Cloud's endpoint and region; its first credentials when it checks
  // signatures, else test/test.
  explicit ScopedAwsEnvironment(const Cloud& cloud);
  ScopedAwsEnvironment(std::string endpoint, std::string region, std::string access_key_id = "test",
                       std::string secret_access_key = "test");
  ~ScopedAwsEnvironment();
  ScopedAwsEnvironment(const ScopedAwsEnvironment&) = delete;
  ScopedAwsEnvironment& operator=(const ScopedAwsEnvironment&) = delete;

 private:
  void Apply(const std::string& endpoint, const std::string& region, const Credentials& credentials);
  void Set(const char* name, const std::optional<std::string>& value);
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

namespace internal {

inline const Status& GetStatus(const Status& status) { return status; }
template <typename T>
const Status& GetStatus(const StatusOr<T>& value) {
  return value.status();
}

class StatusIsMatcher {
 public:
  StatusIsMatcher(::testing::Matcher<const std::string&> code, ::testing::Matcher<const std::string&> message)
      : code_(std::move(code)), message_(std::move(message)) {}

  template <typename T>
  bool MatchAndExplain(const T& value, ::testing::MatchResultListener* listener) const {
    return MatchStatus(GetStatus(value), listener);
  }
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  bool MatchStatus(const Status& status, ::testing::MatchResultListener* listener) const;
  ::testing::Matcher<const std::string&> code_;
  ::testing::Matcher<const std::string&> message_;
};

class IsOkMatcher {
 public:
  template <typename T>
  bool MatchAndExplain(const T& value, ::testing::MatchResultListener* listener) const {
    return MatchStatus(GetStatus(value), listener);
  }
  void DescribeTo(std::ostream* os) const { *os << "is OK"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "is an error"; }

 private:
  static bool MatchStatus(const Status& status, ::testing::MatchResultListener* listener);
};

class HasS3ObjectMatcher {
 public:
  HasS3ObjectMatcher(std::string bucket, std::string key, ::testing::Matcher<const std::string&> body)
      : bucket_(std::move(bucket)), key_(std::move(key)), body_(std::move(body)) {}

  // Reads only: S3() is a handle, GetObject does not change the Cloud.
  bool MatchAndExplain(const Cloud& cloud, ::testing::MatchResultListener* listener) const {
    return MatchAndExplain(const_cast<Cloud&>(cloud).S3(), listener);
  }
  bool MatchAndExplain(const S3View& s3, ::testing::MatchResultListener* listener) const;
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  std::string bucket_;
  std::string key_;
  ::testing::Matcher<const std::string&> body_;
};

}  // namespace internal

// Matches an OK Status or a StatusOr holding a value.
inline ::testing::PolymorphicMatcher<internal::IsOkMatcher> IsOk() {
  return ::testing::MakePolymorphicMatcher(internal::IsOkMatcher());
}

// Matches a Status or StatusOr whose AWS error code (and message) match:
// StatusIs("NoSuchBucket"), StatusIs("InvalidArgument", HasSubstr("part")).
inline ::testing::PolymorphicMatcher<internal::StatusIsMatcher> StatusIs(
    ::testing::Matcher<const std::string&> code,
    ::testing::Matcher<const std::string&> message = ::testing::A<const std::string&>()) {
  return ::testing::MakePolymorphicMatcher(internal::StatusIsMatcher(std::move(code), std::move(message)));
}

// Matches a Cloud (or its S3View) whose S3 bucket holds `key` with a body
// matching `body` (any body when omitted).
inline ::testing::PolymorphicMatcher<internal::HasS3ObjectMatcher> HasS3Object(
    std::string bucket, std::string key,
    ::testing::Matcher<const std::string&> body = ::testing::A<const std::string&>()) {
  return ::testing::MakePolymorphicMatcher(
      internal::HasS3ObjectMatcher(std::move(bucket), std::move(key), std::move(body)));
}

}  // namespace testing
}  // namespace cloudemu

// Declares fixture `Name` for TEST_F(Name, ...): each test gets a fresh,
// listening Cloud through cloud() and endpoint().
#define CLOUDEMU_FIXTURE(Name) \
  class Name : public ::cloudemu::testing::CloudFixture {}

#endif  // CLOUDEMU_TESTING_H_
