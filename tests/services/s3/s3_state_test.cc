#include "services/s3/s3_state.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/ids.h"
#include "core/store/store.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

class S3StateTest : public ::testing::Test {
 protected:
  S3StateTest() : store_(core::NewMemoryStore()), ids_(7), state_(*store_, ids_) {}

  void Commit(core::WriteBatch batch) { ASSERT_TRUE(store_->Commit(std::move(batch)).ok()); }

  BucketRecord Bucket(const std::string& name) {
    BucketRecord bucket;
    bucket.name = name;
    bucket.region = "eu-west-1";
    bucket.created_millis = 1000;
    return bucket;
  }

  // Stores a new version of `key` with body `body` and returns it.
  ObjectVersion AddVersion(const std::string& key, const std::string& version_id, const std::string& body) {
    ObjectVersion version;
    version.bucket = "b";
    version.key = key;
    version.version_id = version_id;
    version.body_id = state_.NewBodyId();
    version.size = body.size();
    version.etag = "\"etag-" + body + "\"";
    version.metadata["color"] = "blue";
    version.content_headers["ContentType"] = "text/plain";
    core::WriteBatch batch;
    state_.PutBody(batch, version.body_id, body);
    state_.PutVersion(batch, version);
    Commit(std::move(batch));
    return version;
  }

  std::unique_ptr<core::Store> store_;
  core::IdGenerator ids_;
  S3State state_;
};

TEST_F(S3StateTest, BucketsRoundTripAndListInNameOrder) {
  BucketRecord zeta = Bucket("zeta");
  zeta.versioning = "Enabled";
  zeta.mfa_delete = "Disabled";
  zeta.object_lock_enabled = true;
  core::WriteBatch batch;
  state_.PutBucket(batch, zeta);
  state_.PutBucket(batch, Bucket("alpha"));
  Commit(std::move(batch));

  auto found = state_.FindBucket("zeta");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->region, "eu-west-1");
  EXPECT_EQ(found->created_millis, 1000);
  EXPECT_EQ(found->versioning, "Enabled");
  EXPECT_EQ(found->mfa_delete, "Disabled");
  EXPECT_TRUE(found->object_lock_enabled);

  auto buckets = state_.ListBuckets();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0].name, "alpha");
  EXPECT_EQ(buckets[1].name, "zeta");
}

TEST_F(S3StateTest, RequireBucketAnswersNoSuchBucketWithItsName) {
  auto missing = state_.RequireBucket("nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "NoSuchBucket");
  EXPECT_EQ(missing.status().http_status(), 404);
  ASSERT_EQ(missing.status().details().size(), 1u);
  EXPECT_EQ(missing.status().details()[0].first, "BucketName");
  EXPECT_EQ(missing.status().details()[0].second, "nope");
}

TEST_F(S3StateTest, ConfigurationKeepsTimestampsAndBlobs) {
  Document config = Document::Map();
  config.Set("Date", core::Timestamp{1767225600000});
  config.Set("Data", core::Blob{std::string("\x00\x01", 2)});
  config.Set("Rules", Document::List()).Append(Document::Map()).Set("Days", 3);
  core::WriteBatch batch;
  state_.PutBucket(batch, Bucket("b"));
  state_.PutConfig(batch, "b", config_kind::kLifecycle, config);
  Commit(std::move(batch));

  auto read = state_.FindConfig("b", config_kind::kLifecycle);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, config);
  EXPECT_TRUE((*read)["Date"].is_timestamp());
  EXPECT_FALSE(state_.FindConfig("b", config_kind::kCors).has_value());
}

TEST_F(S3StateTest, DeleteBucketRemovesItsConfigurationOnly) {
  core::WriteBatch batch;
  state_.PutBucket(batch, Bucket("b"));
  state_.PutBucket(batch, Bucket("b2"));
  state_.PutConfig(batch, "b", config_kind::kTagging, Document::Map());
  state_.PutConfig(batch, "b2", config_kind::kTagging, Document::Map());
  Commit(std::move(batch));

  core::WriteBatch removal;
  state_.DeleteBucket(removal, "b");
  Commit(std::move(removal));
  EXPECT_FALSE(state_.FindBucket("b").has_value());
  EXPECT_FALSE(state_.FindConfig("b", config_kind::kTagging).has_value());
  EXPECT_TRUE(state_.FindConfig("b2", config_kind::kTagging).has_value());
}

TEST_F(S3StateTest, VersionsAreNewestFirst) {
  AddVersion("k", "v1", "one");
  AddVersion("k", "v2", "two");
  ObjectVersion third = AddVersion("k", "v3", "three");

  auto latest = state_.FindLatest("b", "k");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->version_id, "v3");
  EXPECT_EQ(latest->etag, third.etag);
  EXPECT_EQ(latest->metadata.at("color"), "blue");
  EXPECT_EQ(latest->content_headers.at("ContentType"), "text/plain");
  EXPECT_EQ(*state_.ReadBody(latest->body_id), "three");

  auto versions = state_.ListVersions("b", "k");
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version_id, "v3");
  EXPECT_EQ(versions[1].version_id, "v2");
  EXPECT_EQ(versions[2].version_id, "v1");

  auto v1 = state_.FindVersion("b", "k", "v1");
  ASSERT_TRUE(v1.has_value());
  EXPECT_EQ(v1->size, 3u);
  EXPECT_FALSE(state_.FindVersion("b", "k", "v9").has_value());
  EXPECT_FALSE(state_.FindLatest("b", "other").has_value());
}

TEST_F(S3StateTest, NullVersionIsReplacedAndBecomesNewest) {
  ObjectVersion first_null = AddVersion("k", "null", "first");
  AddVersion("k", "v2", "second");
  AddVersion("k", "null", "third");

  auto versions = state_.ListVersions("b", "k");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version_id, "null");
  EXPECT_EQ(*state_.ReadBody(versions[0].body_id), "third");
  EXPECT_EQ(versions[1].version_id, "v2");
  EXPECT_FALSE(state_.ReadBody(first_null.body_id).has_value()) << "the replaced body is freed";
}

TEST_F(S3StateTest, DeleteAndUpdateVersion) {
  ObjectVersion v1 = AddVersion("k", "v1", "one");
  AddVersion("k", "v2", "two");

  v1.tags["team"] = "storage";
  core::WriteBatch update;
  state_.UpdateVersion(update, v1);
  Commit(std::move(update));
  auto versions = state_.ListVersions("b", "k");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].version_id, "v1") << "an update keeps the version's place";
  EXPECT_EQ(versions[1].tags.at("team"), "storage");

  core::WriteBatch removal;
  state_.DeleteVersion(removal, v1);
  Commit(std::move(removal));
  versions = state_.ListVersions("b", "k");
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].version_id, "v2");
  EXPECT_FALSE(state_.ReadBody(v1.body_id).has_value());
}

TEST_F(S3StateTest, DeleteMarkersAndPartSizesRoundTrip) {
  ObjectVersion marker;
  marker.bucket = "b";
  marker.key = "gone";
  marker.version_id = "m1";
  marker.delete_marker = true;
  marker.last_modified_millis = 55;
  ObjectVersion multipart;
  multipart.bucket = "b";
  multipart.key = "big";
  multipart.version_id = "null";
  multipart.part_sizes = {5242880, 100};
  multipart.checksums["CRC32"] = "AAAAAA==";
  multipart.checksum_type = "COMPOSITE";
  multipart.acl = Document::Map();
  multipart.acl.Set("Grants", Document::List());
  core::WriteBatch batch;
  state_.PutVersion(batch, marker);
  state_.PutVersion(batch, multipart);
  Commit(std::move(batch));

  auto read_marker = state_.FindLatest("b", "gone");
  ASSERT_TRUE(read_marker.has_value());
  EXPECT_TRUE(read_marker->delete_marker);
  EXPECT_EQ(read_marker->last_modified_millis, 55);
  auto read_multipart = state_.FindLatest("b", "big");
  ASSERT_TRUE(read_multipart.has_value());
  EXPECT_EQ(read_multipart->part_sizes, (std::vector<uint64_t>{5242880, 100}));
  EXPECT_EQ(read_multipart->checksums.at("CRC32"), "AAAAAA==");
  EXPECT_EQ(read_multipart->checksum_type, "COMPOSITE");
  EXPECT_EQ(read_multipart->acl, multipart.acl);
  EXPECT_EQ(read_multipart->storage_class, "STANDARD");
  EXPECT_EQ(read_multipart->canned_acl, "private");
}

TEST_F(S3StateTest, ScanVersionsWalksKeysInByteOrderFromStartKey) {
  for (const char* key : {"b", "a", "a b", "ab", "c/1"}) AddVersion(key, "v1", key);
  AddVersion("ab", "v2", "ab2");

  std::vector<std::string> seen;
  state_.ScanVersions("b", "", "", [&](const ObjectVersion& v) {
    seen.push_back(v.key + "@" + v.version_id);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"a@v1", "a b@v1", "ab@v2", "ab@v1", "b@v1", "c/1@v1"}));

  seen.clear();
  state_.ScanVersions("b", "a", "ab", [&](const ObjectVersion& v) {
    seen.push_back(v.key + "@" + v.version_id);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"ab@v2", "ab@v1"}));

  seen.clear();
  state_.ScanVersions("b", "", "", [&](const ObjectVersion& v) {
    seen.push_back(v.key);
    return seen.size() < 2;
  });
  EXPECT_EQ(seen.size(), 2u) << "returning false stops the walk";
}

TEST_F(S3StateTest, BucketIsEmptyCountsVersionsAndUploads) {
  EXPECT_TRUE(state_.BucketIsEmpty("b"));
  ObjectVersion version = AddVersion("k", "v1", "x");
  EXPECT_FALSE(state_.BucketIsEmpty("b"));
  EXPECT_TRUE(state_.BucketIsEmpty("b2")) << "another bucket's prefix does not count";
  core::WriteBatch removal;
  state_.DeleteVersion(removal, version);
  Commit(std::move(removal));
  EXPECT_TRUE(state_.BucketIsEmpty("b"));

  MultipartUpload upload;
  upload.bucket = "b";
  upload.key = "k";
  upload.upload_id = state_.NewUploadId();
  core::WriteBatch batch;
  state_.PutUpload(batch, upload);
  Commit(std::move(batch));
  EXPECT_FALSE(state_.BucketIsEmpty("b"));
}

TEST_F(S3StateTest, UploadsAndParts) {
  MultipartUpload later;
  later.bucket = "b";
  later.key = "k";
  later.upload_id = "u2";
  later.initiated_millis = 20;
  later.metadata["m"] = "1";
  later.checksum_algorithm = "CRC32";
  MultipartUpload earlier = later;
  earlier.upload_id = "u1";
  earlier.initiated_millis = 10;
  MultipartUpload first_key = later;
  first_key.key = "a";
  first_key.upload_id = "u3";
  core::WriteBatch batch;
  for (const auto& upload : {later, earlier, first_key}) state_.PutUpload(batch, upload);
  Commit(std::move(batch));

  auto uploads = state_.ListUploads("b");
  ASSERT_EQ(uploads.size(), 3u);
  EXPECT_EQ(uploads[0].upload_id, "u3");
  EXPECT_EQ(uploads[1].upload_id, "u1");
  EXPECT_EQ(uploads[2].upload_id, "u2");
  auto found = state_.FindUpload("b", "u2");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->metadata.at("m"), "1");
  EXPECT_EQ(found->checksum_algorithm, "CRC32");
  EXPECT_FALSE(state_.FindUpload("other", "u2").has_value());

  auto put_part = [&](int number, const std::string& body) {
    UploadPart part;
    part.part_number = number;
    part.body_id = state_.NewBodyId();
    part.size = body.size();
    part.etag = "\"" + body + "\"";
    core::WriteBatch parts;
    state_.PutBody(parts, part.body_id, body);
    state_.PutPart(parts, "u2", part);
    Commit(std::move(parts));
    return part;
  };
  put_part(10, "ten");
  UploadPart replaced = put_part(2, "two");
  UploadPart two = put_part(2, "TWO");
  EXPECT_FALSE(state_.ReadBody(replaced.body_id).has_value()) << "a re-uploaded part frees the old body";

  auto parts = state_.ListParts("u2");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].part_number, 2);
  EXPECT_EQ(parts[0].etag, "\"TWO\"");
  EXPECT_EQ(parts[1].part_number, 10);
  ASSERT_TRUE(state_.FindPart("u2", 10).has_value());
  EXPECT_FALSE(state_.FindPart("u2", 3).has_value());

  core::WriteBatch keep;
  state_.DeleteUpload(keep, later, /*keep_bodies=*/true);
  Commit(std::move(keep));
  EXPECT_FALSE(state_.FindUpload("b", "u2").has_value());
  EXPECT_TRUE(state_.ListParts("u2").empty());
  EXPECT_TRUE(state_.ReadBody(two.body_id).has_value());

  UploadPart orphan = put_part(1, "one");
  core::WriteBatch drop;
  state_.DeleteUpload(drop, later, /*keep_bodies=*/false);
  Commit(std::move(drop));
  EXPECT_FALSE(state_.ReadBody(orphan.body_id).has_value());
}

TEST_F(S3StateTest, IdsHaveAwsShapesAndDiffer) {
  std::string version = state_.NewVersionId();
  std::string upload = state_.NewUploadId();
  EXPECT_EQ(version.size(), 32u);
  EXPECT_EQ(upload.size(), 64u);
  EXPECT_NE(version, state_.NewVersionId());
  EXPECT_NE(state_.NewBodyId(), state_.NewBodyId());
}

}  // namespace
}  // namespace cloudemu::services::s3
