// S3Service as a whole: fixture seeding and the resource listing.
#include <gtest/gtest.h>

#include "core/json.h"
#include "s3_test_env.h"

namespace cloudemu::services::s3 {
namespace {

using testing::Doc;

class S3ServiceTest : public testing::S3TestEnv {
 protected:
  Status Seed(std::string_view json) {
    auto section = core::FromJson(json);
    EXPECT_TRUE(section.ok()) << json;
    return service_.Seed(*section, Context());
  }

  // The listed resource with this type and id, or null.
  Document Resource(std::string_view type, std::string_view id) {
    Document resources = service_.ListResources();
    for (const Document& resource : resources.AsList()) {
      if (resource["type"].AsString() == type && resource["id"].AsString() == id) return resource;
    }
    return Document();
  }
};

TEST_F(S3ServiceTest, ImplementsTheBucketOperations) {
  for (const char* operation : {"CreateBucket", "DeleteBucket", "HeadBucket", "ListBuckets", "GetBucketLocation",
                                "GetBucketVersioning", "PutBucketTagging", "GetBucketEncryption",
                                "GetObjectLockConfiguration", "GetBucketNotificationConfiguration"}) {
    EXPECT_TRUE(service_.Implements(operation)) << operation;
  }
  EXPECT_EQ(service_.model_name(), "s3");
  EXPECT_EQ(Error("GetBucketAnalyticsConfiguration", Doc({{"Bucket", "b"}})).code(), "NotImplemented");
}

TEST_F(S3ServiceTest, SeedsBucketsWithSettings) {
  ASSERT_TRUE(Seed(R"({"buckets": [
      {"name": "seeded", "versioning": "Enabled", "tags": {"team": "storage"}},
      {"name": "seeded-eu", "region": "eu-west-1"}]})")
                  .ok());
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "seeded"}}))["Status"].AsString(), "Enabled");
  Document tags = Ok("GetBucketTagging", Doc({{"Bucket", "seeded"}}))["TagSet"];
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags.AsList()[0]["Key"].AsString(), "team");
  EXPECT_EQ(Ok("HeadBucket", Doc({{"Bucket", "seeded-eu"}}))["BucketRegion"].AsString(), "eu-west-1");

  // Seeding again is harmless.
  EXPECT_TRUE(Seed(R"({"buckets": [{"name": "seeded-eu", "region": "eu-west-1"}]})").ok());

  Document bucket = Resource("s3:bucket", "seeded");
  ASSERT_TRUE(bucket.is_map());
  EXPECT_EQ(bucket["arn"].AsString(), "arn:aws:s3:::seeded");
  EXPECT_EQ(bucket["attributes"]["region"].AsString(), "us-east-1");
  EXPECT_EQ(bucket["attributes"]["versioning"].AsString(), "Enabled");
  EXPECT_EQ(bucket["attributes"]["object_count"].AsInt(), 0);
  EXPECT_EQ(Resource("s3:bucket", "seeded-eu")["attributes"]["versioning"].AsString(), "Disabled");
}

TEST_F(S3ServiceTest, SeedsObjectsThroughPutObject) {
  ASSERT_TRUE(Seed(R"({"buckets": [{"name": "with-objects", "objects": [
      {"key": "a.txt", "body": "hello", "content_type": "text/plain", "metadata": {"owner": "me"}},
      {"key": "dir/b.bin", "body_base64": "AAEC"}]}]})")
                  .ok());
  Document object = Resource("s3:object", "with-objects/a.txt");
  ASSERT_TRUE(object.is_map());
  EXPECT_EQ(object["attributes"]["size"].AsInt(), 5);
  EXPECT_EQ(object["attributes"]["etag"].AsString(), "\"5d41402abc4b2a76b9719d911017c592\"");
  EXPECT_EQ(Resource("s3:object", "with-objects/dir/b.bin")["attributes"]["size"].AsInt(), 3);
  EXPECT_EQ(Resource("s3:bucket", "with-objects")["attributes"]["object_count"].AsInt(), 2);
}

TEST_F(S3ServiceTest, InvalidFixturesNameTheProblem) {
  struct Case {
    const char* fixture;
    const char* mentions;
  };
  const Case cases[] = {
      {R"({"buckets": {}})", "s3.buckets"},
      {R"({"buckets": [{"region": "us-east-1"}]})", "\"name\" is required"},
      {R"({"buckets": [{"name": "b-1", "colour": "red"}]})", "colour"},
      {R"({"buckets": [{"name": "b-1", "versioning": "On"}]})", "s3.buckets[0].versioning"},
      {R"({"buckets": [{"name": "b-1", "tags": {"k": 1}}]})", "s3.buckets[0].tags.k"},
      {R"({"buckets": [{"name": "b-1", "objects": [{"body": "x"}]}]})", "s3.buckets[0].objects[0]"},
      {R"({"buckets": [{"name": "b-1", "objects": [{"key": "k", "body_base64": "***"}]}]})", "base64"},
      {R"({"buckets": [{"name": "Bad_Name"}]})", "InvalidBucketName"},
      {R"({"queues": []})", "queues"},
  };
  for (const Case& c : cases) {
    Status status = Seed(c.fixture);
    EXPECT_EQ(status.code(), "InvalidFixture") << c.fixture;
    EXPECT_NE(status.message().find(c.mentions), std::string::npos) << status.message();
  }
  EXPECT_TRUE(service_.ListResources().empty()) << "a fixture is checked before anything is applied";
}

}  // namespace
}  // namespace cloudemu::services::s3
