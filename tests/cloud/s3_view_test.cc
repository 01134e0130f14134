// The typed S3 view, as a user of the library calls it.
#include <gtest/gtest.h>

#include <memory>

#include "cloudemu/cloud.h"

namespace cloudemu {
namespace {

constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z

std::unique_ptr<Cloud> OpenCloud(const std::string& region, std::shared_ptr<ManualClock> clock) {
  Options options;
  options.region = region;
  options.clock = std::move(clock);
  options.id_seed = 1;
  auto cloud = Cloud::Open(std::move(options));
  EXPECT_TRUE(cloud.ok()) << cloud.status().ToString();
  return cloud.ok() ? std::move(cloud).value() : nullptr;
}

TEST(S3ViewTest, BucketsThroughTheView) {
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  auto cloud = OpenCloud("us-east-1", clock);
  ASSERT_NE(cloud, nullptr);
  S3View s3 = cloud->S3();

  ASSERT_TRUE(s3.CreateBucket("view-bucket").ok());
  clock->Advance(std::chrono::seconds(1));
  ASSERT_TRUE(s3.CreateBucket("view-bucket-2").ok());

  auto bucket = s3.GetBucket("view-bucket");
  ASSERT_TRUE(bucket.ok()) << bucket.status().ToString();
  EXPECT_EQ(bucket->name, "view-bucket");
  EXPECT_EQ(bucket->region, "us-east-1");
  EXPECT_EQ(bucket->creation_millis, kStartMillis);
  EXPECT_EQ(bucket->versioning, "");
  EXPECT_TRUE(bucket->tags.empty());

  auto buckets = s3.ListBuckets();
  ASSERT_TRUE(buckets.ok());
  ASSERT_EQ(buckets->size(), 2u);
  EXPECT_EQ((*buckets)[1].name, "view-bucket-2");
  EXPECT_EQ((*buckets)[1].creation_millis, kStartMillis + 1000);

  Status invalid = s3.CreateBucket("Not_Valid");
  EXPECT_EQ(invalid.code(), "InvalidBucketName");

  ASSERT_TRUE(s3.DeleteBucket("view-bucket").ok());
  auto gone = s3.GetBucket("view-bucket");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), "NoSuchBucket");
  EXPECT_EQ(gone.status().http_status(), 404);
  EXPECT_EQ(s3.DeleteBucket("view-bucket").code(), "NoSuchBucket");
}

TEST(S3ViewTest, BucketsInTheCloudsRegion) {
  auto cloud = OpenCloud("eu-central-1", std::make_shared<ManualClock>(kStartMillis));
  ASSERT_NE(cloud, nullptr);
  ASSERT_TRUE(cloud->S3().CreateBucket("central-bucket").ok());
  auto bucket = cloud->S3().GetBucket("central-bucket");
  ASSERT_TRUE(bucket.ok());
  EXPECT_EQ(bucket->region, "eu-central-1");
}

TEST(S3ViewTest, SeededBucketsShowTheirSettings) {
  auto cloud = OpenCloud("us-east-1", std::make_shared<ManualClock>(kStartMillis));
  ASSERT_NE(cloud, nullptr);
  ASSERT_TRUE(cloud
                  ->Seed(R"({"s3": {"buckets": [
                      {"name": "seeded-view", "versioning": "Enabled", "tags": {"env": "test"}}]}})")
                  .ok());
  auto bucket = cloud->S3().GetBucket("seeded-view");
  ASSERT_TRUE(bucket.ok());
  EXPECT_EQ(bucket->versioning, "Enabled");
  EXPECT_EQ(bucket->tags, (std::map<std::string, std::string>{{"env", "test"}}));
  EXPECT_NE(cloud->ResourcesJson().find("arn:aws:s3:::seeded-view"), std::string::npos);

  Status invalid = cloud->Seed(R"({"s3": {"buckets": [{"name": "x", "versioning": "maybe"}]}})");
  EXPECT_EQ(invalid.code(), "InvalidFixture");
}

TEST(S3ViewTest, ObjectsThroughTheView) {
  auto clock = std::make_shared<ManualClock>(kStartMillis);
  auto cloud = OpenCloud("us-east-1", clock);
  ASSERT_NE(cloud, nullptr);
  S3View s3 = cloud->S3();
  ASSERT_TRUE(s3.CreateBucket("objects").ok());

  ASSERT_TRUE(s3.PutObject("objects", "docs/a.txt", "hello", "text/plain").ok());
  ASSERT_TRUE(s3.PutObject("objects", "docs/b.txt", "world!").ok());
  ASSERT_TRUE(s3.PutObject("objects", "other.txt", "x").ok());

  auto object = s3.GetObject("objects", "docs/a.txt");
  ASSERT_TRUE(object.ok()) << object.status().ToString();
  EXPECT_EQ(object->body, "hello");
  EXPECT_EQ(object->size, 5u);
  EXPECT_EQ(object->etag, "\"5d41402abc4b2a76b9719d911017c592\"");
  EXPECT_EQ(object->content_type, "text/plain");
  EXPECT_EQ(object->version_id, "null");
  EXPECT_EQ(object->last_modified_millis, kStartMillis);

  auto listed = s3.ListObjects("objects", "docs/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].key, "docs/a.txt");
  EXPECT_EQ((*listed)[1].key, "docs/b.txt");
  EXPECT_EQ((*listed)[1].size, 6u);
  EXPECT_TRUE((*listed)[1].body.empty());

  EXPECT_EQ(s3.DeleteBucket("objects").code(), "BucketNotEmpty");
  ASSERT_TRUE(s3.DeleteObject("objects", "docs/a.txt").ok());
  auto missing = s3.GetObject("objects", "docs/a.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "NoSuchKey");
  EXPECT_EQ(s3.ListObjects("objects")->size(), 2u);
  EXPECT_EQ(s3.ListObjects("no-such-bucket").status().code(), "NoSuchBucket");
}

}  // namespace
}  // namespace cloudemu
