// Tests of include/cloudemu/testing.h: the fixture, the environment guard and
// the matchers.
#include "cloudemu/testing.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cloudemu::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

CLOUDEMU_FIXTURE(CloudFixtureTest);

TEST_F(CloudFixtureTest, CloudIsListening) {
  EXPECT_THAT(endpoint(), StartsWith("http://127.0.0.1:"));
  EXPECT_EQ(cloud().Endpoint(), endpoint());
}

// Both tests create the same bucket: each must start from an empty Cloud.
TEST_F(CloudFixtureTest, EachTestGetsAFreshCloudFirst) {
  EXPECT_THAT(cloud().S3().CreateBucket("fresh"), IsOk());
  auto buckets = cloud().S3().ListBuckets();
  ASSERT_THAT(buckets, IsOk());
  EXPECT_EQ(buckets->size(), 1u);
}

TEST_F(CloudFixtureTest, EachTestGetsAFreshCloudSecond) {
  EXPECT_THAT(cloud().S3().CreateBucket("fresh"), IsOk());
  auto buckets = cloud().S3().ListBuckets();
  ASSERT_THAT(buckets, IsOk());
  EXPECT_EQ(buckets->size(), 1u);
}

class CustomOptionsTest : public CloudFixture {
 protected:
  Options CloudOptions() const override {
    Options options;
    options.region = "eu-west-1";
    return options;
  }
};

TEST_F(CustomOptionsTest, FixtureUsesTheOverriddenOptions) { EXPECT_EQ(cloud().options().region, "eu-west-1"); }

TEST(StatusMatchersTest, IsOkMatchesOkStatusAndValues) {
  EXPECT_THAT(Status::Ok(), IsOk());
  EXPECT_THAT(StatusOr<int>(3), IsOk());
  EXPECT_THAT(Status::NotFound("NoSuchBucket", "gone"), Not(IsOk()));
  EXPECT_THAT(StatusOr<int>(Status::Internal("boom")), Not(IsOk()));
}

TEST(StatusMatchersTest, StatusIsMatchesCodeAndMessage) {
  Status missing = Status::NotFound("NoSuchBucket", "The specified bucket does not exist");
  EXPECT_THAT(missing, StatusIs("NoSuchBucket"));
  EXPECT_THAT(missing, StatusIs("NoSuchBucket", HasSubstr("does not exist")));
  EXPECT_THAT(missing, Not(StatusIs("NoSuchKey")));
  EXPECT_THAT(missing, Not(StatusIs("NoSuchBucket", HasSubstr("elephant"))));
  EXPECT_THAT(StatusOr<std::string>(missing), StatusIs("NoSuchBucket"));
  EXPECT_THAT(Status::Ok(), Not(StatusIs(::testing::_)));
  EXPECT_THAT(StatusOr<int>(1), Not(StatusIs(::testing::_)));
}

TEST(StatusMatchersTest, ExplainsWhatTheStatusWas) {
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(IsOk(), Status::Conflict("BucketNotEmpty", "not empty"), &listener));
  EXPECT_THAT(listener.str(), HasSubstr("BucketNotEmpty (HTTP 409): not empty"));
}

TEST(StatusMatchersTest, StatusPrintsAsItsString) {
  EXPECT_EQ(::testing::PrintToString(Status::NotFound("NoSuchKey", "no key")), "NoSuchKey (HTTP 404): no key");
  EXPECT_EQ(::testing::PrintToString(StatusOr<int>(7)), "OK: 7");
}

CLOUDEMU_FIXTURE(HasS3ObjectTest);

TEST_F(HasS3ObjectTest, MatchesAnExistingObjectAndItsBody) {
  ASSERT_THAT(cloud().S3().CreateBucket("docs"), IsOk());
  ASSERT_THAT(cloud().S3().PutObject("docs", "a/readme.txt", "hello world", "text/plain"), IsOk());
  EXPECT_THAT(cloud(), HasS3Object("docs", "a/readme.txt"));
  EXPECT_THAT(cloud(), HasS3Object("docs", "a/readme.txt", "hello world"));
  EXPECT_THAT(cloud().S3(), HasS3Object("docs", "a/readme.txt", HasSubstr("world")));
  EXPECT_THAT(cloud(), Not(HasS3Object("docs", "a/readme.txt", "goodbye")));
}

TEST_F(HasS3ObjectTest, ExplainsAMissingObject) {
  ASSERT_THAT(cloud().S3().CreateBucket("docs"), IsOk());
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(HasS3Object("docs", "absent"), cloud(), &listener));
  EXPECT_THAT(listener.str(), HasSubstr("NoSuchKey"));
  EXPECT_THAT(cloud(), Not(HasS3Object("no-such-bucket", "k")));
}

std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

CLOUDEMU_FIXTURE(ScopedAwsEnvironmentTest);

TEST_F(ScopedAwsEnvironmentTest, SetsAndRestoresTheVariables) {
  setenv("AWS_REGION", "ap-south-1", 1);
  unsetenv("AWS_ENDPOINT_URL");
  setenv("AWS_PROFILE", "production", 1);
  {
    ScopedAwsEnvironment env(cloud());
    EXPECT_EQ(Env("AWS_ENDPOINT_URL"), endpoint());
    EXPECT_EQ(Env("AWS_ACCESS_KEY_ID"), "test");
    EXPECT_EQ(Env("AWS_SECRET_ACCESS_KEY"), "test");
    EXPECT_EQ(Env("AWS_REGION"), "us-east-1");
    EXPECT_EQ(Env("AWS_DEFAULT_REGION"), "us-east-1");
    EXPECT_EQ(Env("AWS_PROFILE"), std::nullopt);
  }
  EXPECT_EQ(Env("AWS_REGION"), "ap-south-1");
  EXPECT_EQ(Env("AWS_ENDPOINT_URL"), std::nullopt);
  EXPECT_EQ(Env("AWS_PROFILE"), "production");
  unsetenv("AWS_REGION");
  unsetenv("AWS_PROFILE");
}

TEST(ScopedAwsEnvironmentStrictTest, UsesTheCloudsCredentialsWhenSignaturesAreChecked) {
  Options options;
  options.signatures.strict = true;
  options.signatures.credentials.push_back({"AKIDEXAMPLE", "secret-example"});
  auto cloud = Cloud::Open(options);
  ASSERT_THAT(cloud, IsOk());
  ScopedAwsEnvironment env(**cloud);
  EXPECT_EQ(Env("AWS_ACCESS_KEY_ID"), "AKIDEXAMPLE");
  EXPECT_EQ(Env("AWS_SECRET_ACCESS_KEY"), "secret-example");
}

// Fails on purpose; run only by FailedTestLeavesASnapshot in a child process.
CLOUDEMU_FIXTURE(FailingFixture);
TEST_F(FailingFixture, DISABLED_FailsWithABucket) {
  ASSERT_THAT(cloud().S3().CreateBucket("left-behind"), IsOk());
  ADD_FAILURE() << "failing on purpose";
}

TEST(CloudFixtureSnapshotTest, FailedTestLeavesASnapshot) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cloudemu_fixture_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path output = dir / "output.txt";
  std::string command =
      "TEST_TMPDIR=" + dir.string() + " /proc/" + std::to_string(getpid()) +
      "/exe --gtest_also_run_disabled_tests --gtest_filter=FailingFixture.DISABLED_FailsWithABucket > " +
      output.string() + " 2>&1";
  int rc = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_NE(WEXITSTATUS(rc), 0) << "the child test was meant to fail";

  std::filesystem::path snapshot = dir / "FailingFixture.DISABLED_FailsWithABucket.snapshot.json";
  std::ifstream printed(output);
  std::stringstream printed_text;
  printed_text << printed.rdbuf();
  EXPECT_THAT(printed_text.str(), HasSubstr(snapshot.string()));

  Cloud restored;
  ASSERT_THAT(restored.RestoreFromFile(snapshot.string()), IsOk());
  auto bucket = restored.S3().GetBucket("left-behind");
  EXPECT_THAT(bucket, IsOk());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cloudemu::testing
