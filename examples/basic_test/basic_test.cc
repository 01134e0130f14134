// The smallest useful CloudEmu test: a fresh, listening Cloud per test, state
// set up through the typed S3 view or a fixture, checked with the matchers.
#include <cloudemu/cloud.h>
#include <cloudemu/testing.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

using cloudemu::testing::HasS3Object;
using cloudemu::testing::IsOk;
using cloudemu::testing::StatusIs;
using ::testing::HasSubstr;

CLOUDEMU_FIXTURE(ReportStoreTest);

// Stands in for the code under test: it would normally be an SDK client that
// finds the endpoint in AWS_ENDPOINT_URL.
cloudemu::Status StoreReport(cloudemu::Cloud& cloud, const std::string& day, const std::string& csv) {
  return cloud.S3().PutObject("reports", day + ".csv", csv, "text/csv");
}

TEST_F(ReportStoreTest, StoresTheReport) {
  ASSERT_THAT(cloud().S3().CreateBucket("reports"), IsOk());
  ASSERT_THAT(StoreReport(cloud(), "2024-05-01", "item,total\nwidgets,3\n"), IsOk());
  EXPECT_THAT(cloud(), HasS3Object("reports", "2024-05-01.csv", HasSubstr("widgets,3")));
}

TEST_F(ReportStoreTest, MissingBucketIsAnAwsError) {
  EXPECT_THAT(StoreReport(cloud(), "2024-05-01", "x"), StatusIs("NoSuchBucket"));
}

TEST_F(ReportStoreTest, SeedsFromAFixtureAndPointsSdksAtTheCloud) {
  ASSERT_THAT(cloud().Seed(R"({"version": 1, "s3": {"buckets": [
                {"name": "config", "objects": [{"key": "app.json", "body": "{\"debug\": true}"}]}]}})"),
              IsOk());
  EXPECT_THAT(cloud(), HasS3Object("config", "app.json", "{\"debug\": true}"));

  cloudemu::testing::ScopedAwsEnvironment env(cloud());
  EXPECT_STREQ(std::getenv("AWS_ENDPOINT_URL"), endpoint().c_str());
}
