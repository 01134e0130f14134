// The stored form of S3's records: readable JSON, unchanged from the
// Document-based encoding earlier versions wrote (snapshots and LMDB data
// directories keep loading), round-tripping every member.
#include "services/s3/s3_records.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

using core::Document;

ObjectVersion FullVersion() {
  ObjectVersion v;
  v.bucket = "b";
  v.key = "dir/caf\xc3\xa9 \"quoted\"\n";
  v.version_id = "null";
  v.delete_marker = false;
  v.last_modified_millis = 1700000000123;
  v.body_id = "0123abcd";
  v.size = 5'000'000'000;
  v.etag = "\"d41d8cd98f00b204e9800998ecf8427e-2\"";
  v.storage_class = "GLACIER";
  v.content_headers = {{"ContentType", "text/plain"}, {"CacheControl", "no-cache"}};
  v.metadata = {{"color", "blue"}, {"empty", ""}};
  v.tags = {{"k", "v"}};
  v.checksums = {{"CRC32", "AAAAAA=="}};
  v.checksum_type = "COMPOSITE";
  v.encryption = {{"ServerSideEncryption", "AES256"}};
  v.canned_acl = "public-read";
  Document acl = Document::Map();
  acl.Set("Owner", Document::Map()).Set("ID", "abc");
  acl.Set("When", core::Timestamp{1700000000123});
  acl.Set("Bytes", core::Blob{std::string("\0\xff", 2)});
  v.acl = acl;
  v.part_sizes = {5242880, 1};
  return v;
}

void ExpectSame(const ObjectVersion& a, const ObjectVersion& b) {
  EXPECT_EQ(a.bucket, b.bucket);
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.version_id, b.version_id);
  EXPECT_EQ(a.delete_marker, b.delete_marker);
  EXPECT_EQ(a.last_modified_millis, b.last_modified_millis);
  EXPECT_EQ(a.body_id, b.body_id);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_EQ(a.storage_class, b.storage_class);
  EXPECT_EQ(a.content_headers, b.content_headers);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_EQ(a.checksums, b.checksums);
  EXPECT_EQ(a.checksum_type, b.checksum_type);
  EXPECT_EQ(a.encryption, b.encryption);
  EXPECT_EQ(a.canned_acl, b.canned_acl);
  EXPECT_EQ(a.acl, b.acl);
  EXPECT_EQ(a.part_sizes, b.part_sizes);
}

TEST(S3RecordsTest, VersionRoundTripsEveryMember) {
  ObjectVersion version = FullVersion();
  ExpectSame(DecodeVersion(EncodeVersion(version)), version);
  ObjectVersion marker;
  marker.bucket = "b";
  marker.key = "k";
  marker.version_id = "v1";
  marker.delete_marker = true;
  ExpectSame(DecodeVersion(EncodeVersion(marker)), marker);
}

// The exact text earlier versions stored: members in alphabetical order.
TEST(S3RecordsTest, BucketAndVersionKeepTheirStoredForm) {
  BucketRecord bucket;
  bucket.name = "photos";
  bucket.region = "eu-west-1";
  bucket.created_millis = 1700000000000;
  bucket.versioning = "Enabled";
  EXPECT_EQ(EncodeBucket(bucket),
            R"({"created_millis":1700000000000,"mfa_delete":"","name":"photos","object_lock_enabled":false,)"
            R"("region":"eu-west-1","versioning":"Enabled"})");

  ObjectVersion v;
  v.bucket = "b";
  v.key = "k";
  v.version_id = "null";
  v.last_modified_millis = 5;
  v.body_id = "id";
  v.size = 3;
  v.etag = "\"e\"";
  v.content_headers = {{"ContentType", "binary/octet-stream"}};
  EXPECT_EQ(EncodeVersion(v),
            R"({"acl":null,"body_id":"id","bucket":"b","canned_acl":"private","checksum_type":"","checksums":{},)"
            R"("content_headers":{"ContentType":"binary/octet-stream"},"delete_marker":false,"encryption":{},)"
            R"("etag":"\"e\"","key":"k","last_modified_millis":5,"metadata":{},"part_sizes":[],"size":3,)"
            R"("storage_class":"STANDARD","tags":{},"version_id":"null"})");
}

TEST(S3RecordsTest, DecodingTakesMembersInAnyOrderAndDefaultsTheRest) {
  ObjectVersion v = DecodeVersion(R"({"version_id":"v","size":7,"key":"k","unknown":[1,{"x":2}]})");
  EXPECT_EQ(v.key, "k");
  EXPECT_EQ(v.version_id, "v");
  EXPECT_EQ(v.size, 7u);
  EXPECT_EQ(v.storage_class, "STANDARD");
  EXPECT_EQ(v.canned_acl, "private");
  EXPECT_TRUE(v.acl.is_null());

  BucketRecord b = DecodeBucket("not json");
  EXPECT_EQ(b.name, "");
  EXPECT_FALSE(b.object_lock_enabled);
}

TEST(S3RecordsTest, UploadAndPartRoundTrip) {
  MultipartUpload upload;
  upload.bucket = "b";
  upload.key = "k";
  upload.upload_id = "u";
  upload.initiated_millis = 42;
  upload.storage_class = "STANDARD_IA";
  upload.content_headers = {{"ContentType", "a/b"}};
  upload.metadata = {{"m", "1"}};
  upload.tags = {{"t", "2"}};
  upload.encryption = {{"ServerSideEncryption", "aws:kms"}};
  upload.checksum_algorithm = "CRC32";
  upload.checksum_type = "FULL_OBJECT";
  upload.canned_acl = "private";
  upload.acl = Document::Map();
  upload.acl.Set("Grants", Document::List());
  MultipartUpload back = DecodeUpload(EncodeUpload(upload));
  EXPECT_EQ(back.bucket, upload.bucket);
  EXPECT_EQ(back.key, upload.key);
  EXPECT_EQ(back.upload_id, upload.upload_id);
  EXPECT_EQ(back.initiated_millis, upload.initiated_millis);
  EXPECT_EQ(back.storage_class, upload.storage_class);
  EXPECT_EQ(back.content_headers, upload.content_headers);
  EXPECT_EQ(back.metadata, upload.metadata);
  EXPECT_EQ(back.tags, upload.tags);
  EXPECT_EQ(back.encryption, upload.encryption);
  EXPECT_EQ(back.checksum_algorithm, upload.checksum_algorithm);
  EXPECT_EQ(back.checksum_type, upload.checksum_type);
  EXPECT_EQ(back.canned_acl, upload.canned_acl);
  EXPECT_EQ(back.acl, upload.acl);

  UploadPart part;
  part.part_number = 10000;
  part.body_id = "p";
  part.size = 6;
  part.etag = "\"x\"";
  part.last_modified_millis = 9;
  part.checksums = {{"SHA256", "abc="}};
  UploadPart part_back = DecodePart(EncodePart(part));
  EXPECT_EQ(part_back.part_number, part.part_number);
  EXPECT_EQ(part_back.body_id, part.body_id);
  EXPECT_EQ(part_back.size, part.size);
  EXPECT_EQ(part_back.etag, part.etag);
  EXPECT_EQ(part_back.last_modified_millis, part.last_modified_millis);
  EXPECT_EQ(part_back.checksums, part.checksums);
}

TEST(S3RecordsTest, DocumentsKeepTimestampsAndBlobs) {
  Document config = Document::Map();
  config.Set("Date", core::Timestamp{1700000000000});
  config.Set("Data", core::Blob{"\x01\x02"});
  config.Set("Rules", Document::List()).Append("r");
  EXPECT_EQ(DecodeDocument(EncodeDocument(config)), config);
}

}  // namespace
}  // namespace cloudemu::services::s3
