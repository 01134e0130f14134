// PutObject, GetObject, HeadObject, DeleteObject(s), CopyObject, object
// tagging, ACLs and attributes, driven through S3Service with model-shaped
// Documents.
#include <gtest/gtest.h>

#include <string>

#include "core/encoding.h"
#include "core/hash.h"
#include "s3_test_env.h"
#include "services/s3/object_checksums.h"

namespace cloudemu::services::s3::testing {
namespace {

using core::Blob;
using core::Timestamp;

std::string QuotedMd5(std::string_view body) { return "\"" + core::HexEncode(core::Md5(body)) + "\""; }

class ObjectOperationsTest : public S3TestEnv {
 protected:
  void SetUp() override { CreateBucket("bkt"); }

  Document Put(const std::string& key, const std::string& body, Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    extra.Set("Key", key);
    extra.Set("Body", Blob{body});
    return Ok("PutObject", extra);
  }

  Document Get(const std::string& key, Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    extra.Set("Key", key);
    return Ok("GetObject", extra);
  }

  Status GetError(const std::string& key, Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    extra.Set("Key", key);
    return Error("GetObject", extra);
  }

  void SetVersioning(const std::string& status) {
    Ok("PutBucketVersioning", Doc({{"Bucket", "bkt"}, {"VersioningConfiguration", Doc({{"Status", status}})}}));
  }
};

TEST_F(ObjectOperationsTest, PutThenGetRoundTripsBodyAndMetadata) {
  Document put =
      Put("dir/hello.txt", "hello world",
          Doc({{"ContentType", "text/plain"}, {"Metadata", Doc({{"owner", "me"}})}, {"CacheControl", "max-age=60"}}));
  EXPECT_EQ(put["ETag"].AsString(), QuotedMd5("hello world"));
  EXPECT_EQ(put["ServerSideEncryption"].AsString(), "AES256");
  EXPECT_FALSE(put.Has("VersionId"));
  EXPECT_FALSE(put.Has("Expiration"));

  clock_.Advance(std::chrono::seconds(5));
  Document got = Get("dir/hello.txt");
  EXPECT_EQ(got["Body"].AsString(), "hello world");
  EXPECT_TRUE(got["Body"].is_blob());
  EXPECT_EQ(got["ContentLength"].AsInt(), 11);
  EXPECT_EQ(got["ContentType"].AsString(), "text/plain");
  EXPECT_EQ(got["CacheControl"].AsString(), "max-age=60");
  EXPECT_EQ(got["Metadata"]["owner"].AsString(), "me");
  EXPECT_EQ(got["AcceptRanges"].AsString(), "bytes");
  EXPECT_EQ(got["ETag"].AsString(), put["ETag"].AsString());
  EXPECT_EQ(got["LastModified"].AsTimestampMillis(), kStartMillis);
  EXPECT_FALSE(got.Has("StorageClass"));
  EXPECT_FALSE(got.Has("VersionId"));
  EXPECT_FALSE(got.Has("ContentRange"));
}

TEST_F(ObjectOperationsTest, DefaultsAndStorageClass) {
  Put("k", "", Doc({{"StorageClass", "STANDARD_IA"}}));
  Document head = Ok("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_EQ(head["ContentType"].AsString(), "binary/octet-stream");
  EXPECT_EQ(head["ContentLength"].AsInt(), 0);
  EXPECT_EQ(head["StorageClass"].AsString(), "STANDARD_IA");
  EXPECT_FALSE(head.Has("Body"));
  Status bad =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"x"}}, {"StorageClass", "FAST"}}));
  EXPECT_EQ(bad.code(), "InvalidStorageClass");
}

TEST_F(ObjectOperationsTest, MissingObjectsAndBuckets) {
  Status missing = GetError("nope");
  EXPECT_EQ(missing.code(), "NoSuchKey");
  EXPECT_EQ(missing.http_status(), 404);
  EXPECT_EQ(Detail(missing, "Key"), "nope");
  EXPECT_EQ(Error("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "nope"}})).code(), "NoSuchKey");
  EXPECT_EQ(Error("GetObject", Doc({{"Bucket", "nobucket"}, {"Key", "k"}})).code(), "NoSuchBucket");
  EXPECT_EQ(Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", std::string(1025, 'k')}, {"Body", Blob{"x"}}})).code(),
            "KeyTooLongError");
}

TEST_F(ObjectOperationsTest, ContentMd5IsVerified) {
  std::string md5 = core::Base64Encode(core::Md5("data"));
  Put("k", "data", Doc({{"ContentMD5", md5}}));
  Status mismatch =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"other"}}, {"ContentMD5", md5}}));
  EXPECT_EQ(mismatch.code(), "BadDigest");
  EXPECT_EQ(mismatch.http_status(), 400);
  Status invalid =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"x"}}, {"ContentMD5", "!!"}}));
  EXPECT_EQ(invalid.code(), "InvalidDigest");
  EXPECT_EQ(Get("k")["Body"].AsString(), "data");  // failed puts changed nothing
}

TEST_F(ObjectOperationsTest, ChecksumsAreComputedVerifiedAndReturned) {
  std::string crc = ComputeChecksum("CRC32", "123456789");
  Document put = Put("k", "123456789", Doc({{"ChecksumAlgorithm", "CRC32"}}));
  EXPECT_EQ(put["ChecksumCRC32"].AsString(), crc);
  EXPECT_EQ(put["ChecksumType"].AsString(), "FULL_OBJECT");

  EXPECT_FALSE(Get("k").Has("ChecksumCRC32"));
  Document with_mode = Get("k", Doc({{"ChecksumMode", "ENABLED"}}));
  EXPECT_EQ(with_mode["ChecksumCRC32"].AsString(), crc);
  EXPECT_EQ(with_mode["ChecksumType"].AsString(), "FULL_OBJECT");

  Document sha = Put("s", "abc", Doc({{"ChecksumSHA256", ComputeChecksum("SHA256", "abc")}}));
  EXPECT_EQ(sha["ChecksumSHA256"].AsString(), ComputeChecksum("SHA256", "abc"));

  Status bad =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"12345678"}}, {"ChecksumCRC32", crc}}));
  EXPECT_EQ(bad.code(), "BadDigest");
  EXPECT_EQ(bad.message(), "The CRC32 you specified did not match the calculated checksum.");
}

TEST_F(ObjectOperationsTest, TaggingHeaderAndTaggingOperations) {
  Put("k", "x", Doc({{"Tagging", "b=2&a=1"}}));
  EXPECT_EQ(Get("k")["TagCount"].AsInt(), 2);
  Document tags = Ok("GetObjectTagging", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  ASSERT_EQ(tags["TagSet"].size(), 2u);
  EXPECT_EQ(tags["TagSet"].AsList()[0]["Key"].AsString(), "a");
  EXPECT_EQ(tags["TagSet"].AsList()[0]["Value"].AsString(), "1");

  Ok("PutObjectTagging", Doc({{"Bucket", "bkt"},
                              {"Key", "k"},
                              {"Tagging", Doc({{"TagSet", List({Doc({{"Key", "z"}, {"Value", "9"}})})}})}}));
  tags = Ok("GetObjectTagging", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  ASSERT_EQ(tags["TagSet"].size(), 1u);
  EXPECT_EQ(tags["TagSet"].AsList()[0]["Key"].AsString(), "z");

  Ok("DeleteObjectTagging", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_EQ(Ok("GetObjectTagging", Doc({{"Bucket", "bkt"}, {"Key", "k"}}))["TagSet"].size(), 0u);
  EXPECT_FALSE(Get("k").Has("TagCount"));
  EXPECT_EQ(
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"x"}}, {"Tagging", "a=1&a=2"}})).code(),
      "InvalidTag");
  EXPECT_EQ(Error("GetObjectTagging", Doc({{"Bucket", "bkt"}, {"Key", "none"}})).code(), "NoSuchKey");
}

TEST_F(ObjectOperationsTest, ConditionalWrites) {
  Status absent_match =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"1"}}, {"IfMatch", "\"x\""}}));
  EXPECT_EQ(absent_match.code(), "NoSuchKey");
  Put("k", "1", Doc({{"IfNoneMatch", "*"}}));
  Status exists = Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"2"}}, {"IfNoneMatch", "*"}}));
  EXPECT_EQ(exists.code(), "PreconditionFailed");
  EXPECT_EQ(exists.http_status(), 412);
  Status wrong = Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"2"}}, {"IfMatch", "\"x\""}}));
  EXPECT_EQ(wrong.code(), "PreconditionFailed");
  Put("k", "2", Doc({{"IfMatch", QuotedMd5("1")}}));
  EXPECT_EQ(Get("k")["Body"].AsString(), "2");
}

TEST_F(ObjectOperationsTest, RangeReads) {
  Put("k", "0123456789");
  Document part = Get("k", Doc({{"Range", "bytes=2-5"}}));
  EXPECT_EQ(part["Body"].AsString(), "2345");
  EXPECT_EQ(part["ContentRange"].AsString(), "bytes 2-5/10");
  EXPECT_EQ(part["ContentLength"].AsInt(), 4);
  EXPECT_EQ(Get("k", Doc({{"Range", "bytes=-3"}}))["Body"].AsString(), "789");
  EXPECT_EQ(Get("k", Doc({{"Range", "bytes=7-"}}))["Body"].AsString(), "789");
  Document multi = Get("k", Doc({{"Range", "bytes=0-1,3-4"}}));
  EXPECT_EQ(multi["Body"].AsString(), "0123456789");
  EXPECT_FALSE(multi.Has("ContentRange"));
  Status beyond = GetError("k", Doc({{"Range", "bytes=10-"}}));
  EXPECT_EQ(beyond.code(), "InvalidRange");
  EXPECT_EQ(beyond.http_status(), 416);
  EXPECT_EQ(Detail(beyond, "ActualObjectSize"), "10");
  Document head = Ok("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Range", "bytes=0-0"}}));
  EXPECT_EQ(head["ContentLength"].AsInt(), 1);
  EXPECT_EQ(head["ContentRange"].AsString(), "bytes 0-0/10");
  EXPECT_EQ(GetError("k", Doc({{"Range", "bytes=0-1"}, {"PartNumber", 1}})).code(), "InvalidRequest");
}

TEST_F(ObjectOperationsTest, PartNumberOfASimpleObject) {
  Put("k", "abc");
  Document whole = Get("k", Doc({{"PartNumber", 1}}));
  EXPECT_EQ(whole["Body"].AsString(), "abc");
  EXPECT_EQ(GetError("k", Doc({{"PartNumber", 2}})).code(), "InvalidPartNumber");
  EXPECT_EQ(GetError("k", Doc({{"PartNumber", 0}})).code(), "InvalidArgument");
}

TEST_F(ObjectOperationsTest, ConditionalReads) {
  Put("k", "v");
  std::string etag = QuotedMd5("v");
  EXPECT_EQ(Get("k", Doc({{"IfMatch", etag}}))["Body"].AsString(), "v");
  EXPECT_EQ(GetError("k", Doc({{"IfMatch", "\"other\""}})).code(), "PreconditionFailed");
  Status not_modified = GetError("k", Doc({{"IfNoneMatch", etag}}));
  EXPECT_EQ(not_modified.code(), "NotModified");
  EXPECT_EQ(not_modified.http_status(), 304);
  EXPECT_EQ(GetError("k", Doc({{"IfModifiedSince", Timestamp{kStartMillis + 1000}}})).code(), "NotModified");
  EXPECT_EQ(Get("k", Doc({{"IfModifiedSince", Timestamp{kStartMillis - 1000}}}))["Body"].AsString(), "v");
  EXPECT_EQ(GetError("k", Doc({{"IfUnmodifiedSince", Timestamp{kStartMillis - 1000}}})).code(), "PreconditionFailed");
  // If-Match true wins over If-Unmodified-Since false.
  EXPECT_EQ(
      Get("k", Doc({{"IfMatch", etag}, {"IfUnmodifiedSince", Timestamp{kStartMillis - 1000}}}))["Body"].AsString(),
      "v");
}

TEST_F(ObjectOperationsTest, ResponseOverrides) {
  Put("k", "v", Doc({{"ContentType", "text/plain"}}));
  Document got = Get("k", Doc({{"ResponseContentType", "application/json"},
                               {"ResponseContentDisposition", "attachment"},
                               {"ResponseExpires", Timestamp{kStartMillis}}}));
  EXPECT_EQ(got["ContentType"].AsString(), "application/json");
  EXPECT_EQ(got["ContentDisposition"].AsString(), "attachment");
  EXPECT_EQ(got["Expires"].AsString(), "Thu, 01 Jan 2026 00:00:00 GMT");
}

TEST_F(ObjectOperationsTest, EncryptionSettingsAreEchoed) {
  Document kms =
      Put("k", "v", Doc({{"ServerSideEncryption", "aws:kms"}, {"SSEKMSKeyId", "my-key"}, {"BucketKeyEnabled", true}}));
  EXPECT_EQ(kms["ServerSideEncryption"].AsString(), "aws:kms");
  EXPECT_EQ(kms["SSEKMSKeyId"].AsString(), "my-key");
  EXPECT_TRUE(kms["BucketKeyEnabled"].AsBool());
  Document head = Ok("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_EQ(head["SSEKMSKeyId"].AsString(), "my-key");
  EXPECT_EQ(
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"v"}}, {"SSEKMSKeyId", "x"}})).code(),
      "InvalidArgument");

  std::string key(32, 'K');
  Document sse_c = Doc({{"SSECustomerAlgorithm", "AES256"}, {"SSECustomerKey", core::Base64Encode(key)}});
  Document put = Put("c", "secret", sse_c);
  EXPECT_EQ(put["SSECustomerKeyMD5"].AsString(), core::Base64Encode(core::Md5(key)));
  EXPECT_FALSE(put.Has("ServerSideEncryption"));
  EXPECT_EQ(GetError("c").code(), "InvalidRequest");
  EXPECT_EQ(Get("c", sse_c)["Body"].AsString(), "secret");
  Document wrong =
      Doc({{"SSECustomerAlgorithm", "AES256"}, {"SSECustomerKey", core::Base64Encode(std::string(32, 'x'))}});
  EXPECT_EQ(GetError("c", wrong).http_status(), 403);
}

TEST_F(ObjectOperationsTest, UnversionedDeletes) {
  Put("k", "v");
  Document deleted = Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_FALSE(deleted.Has("DeleteMarker"));
  EXPECT_FALSE(deleted.Has("VersionId"));
  EXPECT_EQ(GetError("k").code(), "NoSuchKey");
  // Deleting what is not there succeeds too.
  EXPECT_TRUE(Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}})).empty());
}

TEST_F(ObjectOperationsTest, VersionedPutsGetsAndDeleteMarkers) {
  SetVersioning("Enabled");
  std::string v1 = Put("k", "one")["VersionId"].AsString();
  std::string v2 = Put("k", "two")["VersionId"].AsString();
  ASSERT_FALSE(v1.empty());
  EXPECT_NE(v1, v2);
  EXPECT_EQ(Get("k")["Body"].AsString(), "two");
  EXPECT_EQ(Get("k")["VersionId"].AsString(), v2);
  EXPECT_EQ(Get("k", Doc({{"VersionId", v1}}))["Body"].AsString(), "one");
  EXPECT_EQ(GetError("k", Doc({{"VersionId", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6"}})).code(), "NoSuchVersion");
  EXPECT_EQ(GetError("k", Doc({{"VersionId", "bad/id"}})).code(), "InvalidArgument");

  Document marker = Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_TRUE(marker["DeleteMarker"].AsBool());
  std::string marker_id = marker["VersionId"].AsString();
  ASSERT_FALSE(marker_id.empty());

  Status hidden = GetError("k");
  EXPECT_EQ(hidden.code(), "NoSuchKey");
  EXPECT_EQ(Detail(hidden, "x-amz-delete-marker"), "true");
  EXPECT_EQ(Detail(hidden, "x-amz-version-id"), marker_id);
  Status on_marker = GetError("k", Doc({{"VersionId", marker_id}}));
  EXPECT_EQ(on_marker.code(), "MethodNotAllowed");
  EXPECT_EQ(on_marker.http_status(), 405);
  EXPECT_EQ(Detail(on_marker, "x-amz-delete-marker"), "true");

  // Removing the marker brings the object back.
  Document undelete = Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"VersionId", marker_id}}));
  EXPECT_TRUE(undelete["DeleteMarker"].AsBool());
  EXPECT_EQ(undelete["VersionId"].AsString(), marker_id);
  EXPECT_EQ(Get("k")["Body"].AsString(), "two");

  Document removed = Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"VersionId", v2}}));
  EXPECT_FALSE(removed.Has("DeleteMarker"));
  EXPECT_EQ(Get("k")["Body"].AsString(), "one");
}

TEST_F(ObjectOperationsTest, SuspendedVersioningUsesTheNullVersion) {
  SetVersioning("Enabled");
  std::string kept = Put("k", "versioned")["VersionId"].AsString();
  SetVersioning("Suspended");
  EXPECT_EQ(Put("k", "first null")["VersionId"].AsString(), "null");
  EXPECT_EQ(Put("k", "second null")["VersionId"].AsString(), "null");
  EXPECT_EQ(Get("k", Doc({{"VersionId", "null"}}))["Body"].AsString(), "second null");
  EXPECT_EQ(Get("k", Doc({{"VersionId", kept}}))["Body"].AsString(), "versioned");
  Document marker = Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}));
  EXPECT_EQ(marker["VersionId"].AsString(), "null");
  EXPECT_TRUE(marker["DeleteMarker"].AsBool());
  EXPECT_EQ(GetError("k").code(), "NoSuchKey");
  EXPECT_EQ(Get("k", Doc({{"VersionId", kept}}))["Body"].AsString(), "versioned");
}

TEST_F(ObjectOperationsTest, DeleteObjectsReportsEachKey) {
  Put("a", "1");
  Put("b", "2");
  Document request = Doc({{"Bucket", "bkt"},
                          {"Delete", Doc({{"Objects", List({Doc({{"Key", "a"}}), Doc({{"Key", "missing"}}),
                                                            Doc({{"Key", std::string(1100, 'x')}})})}})}});
  Document result = Ok("DeleteObjects", request);
  ASSERT_EQ(result["Deleted"].size(), 2u);
  EXPECT_EQ(result["Deleted"].AsList()[0]["Key"].AsString(), "a");
  EXPECT_FALSE(result["Deleted"].AsList()[0].Has("DeleteMarker"));
  ASSERT_EQ(result["Errors"].size(), 1u);
  EXPECT_EQ(result["Errors"].AsList()[0]["Code"].AsString(), "KeyTooLongError");
  EXPECT_EQ(GetError("a").code(), "NoSuchKey");

  Document quiet =
      Ok("DeleteObjects",
         Doc({{"Bucket", "bkt"}, {"Delete", Doc({{"Objects", List({Doc({{"Key", "b"}})})}, {"Quiet", true}})}}));
  EXPECT_FALSE(quiet.Has("Deleted"));
  EXPECT_EQ(GetError("b").code(), "NoSuchKey");

  Document too_many = Document::List();
  for (int i = 0; i < 1001; ++i) too_many.Append(Doc({{"Key", "k" + std::to_string(i)}}));
  EXPECT_EQ(Error("DeleteObjects", Doc({{"Bucket", "bkt"}, {"Delete", Doc({{"Objects", too_many}})}})).code(),
            "MalformedXML");
}

TEST_F(ObjectOperationsTest, DeleteObjectsInAVersionedBucket) {
  SetVersioning("Enabled");
  std::string v1 = Put("k", "1")["VersionId"].AsString();
  Document result =
      Ok("DeleteObjects", Doc({{"Bucket", "bkt"}, {"Delete", Doc({{"Objects", List({Doc({{"Key", "k"}})})}})}}));
  const Document& marker = result["Deleted"].AsList()[0];
  EXPECT_TRUE(marker["DeleteMarker"].AsBool());
  std::string marker_id = marker["DeleteMarkerVersionId"].AsString();
  EXPECT_FALSE(marker_id.empty());
  EXPECT_FALSE(marker.Has("VersionId"));

  result = Ok("DeleteObjects", Doc({{"Bucket", "bkt"},
                                    {"Delete", Doc({{"Objects", List({Doc({{"Key", "k"}, {"VersionId", marker_id}}),
                                                                      Doc({{"Key", "k"}, {"VersionId", v1}})})}})}}));
  ASSERT_EQ(result["Deleted"].size(), 2u);
  EXPECT_EQ(result["Deleted"].AsList()[0]["VersionId"].AsString(), marker_id);
  EXPECT_TRUE(result["Deleted"].AsList()[0]["DeleteMarker"].AsBool());
  EXPECT_EQ(result["Deleted"].AsList()[1]["VersionId"].AsString(), v1);
  EXPECT_EQ(Ok("ListObjectVersions", Doc({{"Bucket", "bkt"}})).Has("Versions"), false);
}

TEST_F(ObjectOperationsTest, CopyObjectCopiesOrReplacesMetadata) {
  Put("src key", "payload", Doc({{"ContentType", "text/plain"}, {"Metadata", Doc({{"m", "1"}})}, {"Tagging", "t=1"}}));
  clock_.Advance(std::chrono::seconds(1));
  Document copied = Ok("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "dst"}, {"CopySource", "/bkt/src%20key"}}));
  EXPECT_EQ(copied["CopyObjectResult"]["ETag"].AsString(), QuotedMd5("payload"));
  EXPECT_EQ(copied["CopyObjectResult"]["LastModified"].AsTimestampMillis(), kStartMillis + 1000);
  Document got = Get("dst");
  EXPECT_EQ(got["Body"].AsString(), "payload");
  EXPECT_EQ(got["ContentType"].AsString(), "text/plain");
  EXPECT_EQ(got["Metadata"]["m"].AsString(), "1");
  EXPECT_EQ(got["TagCount"].AsInt(), 1);

  Ok("CopyObject", Doc({{"Bucket", "bkt"},
                        {"Key", "dst2"},
                        {"CopySource", "bkt/src key"},
                        {"MetadataDirective", "REPLACE"},
                        {"Metadata", Doc({{"n", "2"}})},
                        {"TaggingDirective", "REPLACE"}}));
  Document replaced = Get("dst2");
  EXPECT_EQ(replaced["ContentType"].AsString(), "binary/octet-stream");
  EXPECT_FALSE(replaced["Metadata"].Has("m"));
  EXPECT_EQ(replaced["Metadata"]["n"].AsString(), "2");
  EXPECT_FALSE(replaced.Has("TagCount"));
}

TEST_F(ObjectOperationsTest, CopyObjectErrors) {
  Put("k", "v");
  Status onto_itself = Error("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"CopySource", "bkt/k"}}));
  EXPECT_EQ(onto_itself.code(), "InvalidRequest");
  EXPECT_EQ(onto_itself.message(),
            "This copy request is illegal because it is trying to copy an object to itself without changing the "
            "object's metadata, storage class, website redirect location or encryption attributes.");
  Ok("CopyObject", Doc({{"Bucket", "bkt"},
                        {"Key", "k"},
                        {"CopySource", "bkt/k"},
                        {"MetadataDirective", "REPLACE"},
                        {"Metadata", Doc({{"x", "y"}})}}));
  EXPECT_EQ(Get("k")["Metadata"]["x"].AsString(), "y");

  EXPECT_EQ(Error("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "d"}, {"CopySource", "bkt/none"}})).code(),
            "NoSuchKey");
  EXPECT_EQ(Error("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "d"}, {"CopySource", "nob/k"}})).code(),
            "NoSuchBucket");
  EXPECT_EQ(Error("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "d"}, {"CopySource", "justbucket"}})).code(),
            "InvalidArgument");
  Status failed = Error(
      "CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "d"}, {"CopySource", "bkt/k"}, {"CopySourceIfMatch", "\"nope\""}}));
  EXPECT_EQ(failed.code(), "PreconditionFailed");
  EXPECT_EQ(Error("CopyObject",
                  Doc({{"Bucket", "bkt"}, {"Key", "d"}, {"CopySource", "bkt/k"}, {"MetadataDirective", "MERGE"}}))
                .code(),
            "InvalidArgument");
}

TEST_F(ObjectOperationsTest, CopyObjectFromAVersion) {
  SetVersioning("Enabled");
  std::string v1 = Put("k", "old")["VersionId"].AsString();
  Put("k", "new");
  Document copied = Ok("CopyObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"CopySource", "bkt/k?versionId=" + v1}}));
  EXPECT_EQ(copied["CopySourceVersionId"].AsString(), v1);
  EXPECT_FALSE(copied["VersionId"].AsString().empty());
  EXPECT_EQ(Get("k")["Body"].AsString(), "old");
}

TEST_F(ObjectOperationsTest, ObjectAcls) {
  Ok("CreateBucket", Doc({{"Bucket", "acl"}, {"ObjectOwnership", "ObjectWriter"}}));
  Ok("DeletePublicAccessBlock", Doc({{"Bucket", "acl"}}));
  Ok("PutObject", Doc({{"Bucket", "acl"}, {"Key", "k"}, {"Body", Blob{"v"}}}));
  Document acl = Ok("GetObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}}));
  ASSERT_EQ(acl["Grants"].size(), 1u);
  EXPECT_EQ(acl["Grants"].AsList()[0]["Permission"].AsString(), "FULL_CONTROL");
  EXPECT_EQ(acl["Grants"].AsList()[0]["Grantee"]["Type"].AsString(), "CanonicalUser");
  EXPECT_EQ(acl["Owner"]["ID"].AsString().size(), 64u);

  Ok("PutObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}, {"ACL", "public-read"}}));
  acl = Ok("GetObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}}));
  ASSERT_EQ(acl["Grants"].size(), 2u);
  EXPECT_EQ(acl["Grants"].AsList()[1]["Grantee"]["URI"].AsString(), "http://acs.amazonaws.com/groups/global/AllUsers");

  Document policy = Doc({{"Owner", acl["Owner"]},
                         {"Grants", List({Doc({{"Grantee", Doc({{"Type", "Group"},
                                                                {"URI",
                                                                 "http://acs.amazonaws.com/groups/global/"
                                                                 "AuthenticatedUsers"}})},
                                               {"Permission", "READ"}})})}});
  Ok("PutObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}, {"AccessControlPolicy", policy}}));
  acl = Ok("GetObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}}));
  ASSERT_EQ(acl["Grants"].size(), 1u);
  EXPECT_EQ(acl["Grants"].AsList()[0]["Permission"].AsString(), "READ");

  EXPECT_EQ(Error("PutObjectAcl", Doc({{"Bucket", "acl"}, {"Key", "k"}})).code(), "MissingSecurityHeader");
  // The default bucket enforces bucket ownership: ACLs other than private are refused.
  Put("k", "v");
  EXPECT_EQ(Error("PutObjectAcl", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"ACL", "public-read"}})).code(),
            "AccessControlListNotSupported");
}

TEST_F(ObjectOperationsTest, GetObjectAttributes) {
  Put("k", "123456789", Doc({{"ChecksumAlgorithm", "SHA1"}, {"StorageClass", "ONEZONE_IA"}}));
  Document attributes =
      Ok("GetObjectAttributes", Doc({{"Bucket", "bkt"},
                                     {"Key", "k"},
                                     {"ObjectAttributes", List({"ETag", "Checksum", "ObjectSize", "StorageClass"})}}));
  EXPECT_EQ(attributes["ETag"].AsString(), core::HexEncode(core::Md5("123456789")));
  EXPECT_EQ(attributes["Checksum"]["ChecksumSHA1"].AsString(), ComputeChecksum("SHA1", "123456789"));
  EXPECT_EQ(attributes["ObjectSize"].AsInt(), 9);
  EXPECT_EQ(attributes["StorageClass"].AsString(), "ONEZONE_IA");
  EXPECT_FALSE(attributes.Has("ObjectParts"));
  EXPECT_EQ(Error("GetObjectAttributes", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"ObjectAttributes", List({"Color"})}}))
                .code(),
            "InvalidArgument");
}

TEST_F(ObjectOperationsTest, UnsupportedWriteFeaturesAreRefused) {
  Status lock = Error("PutObject",
                      Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"x"}}, {"ObjectLockLegalHoldStatus", "ON"}}));
  EXPECT_EQ(lock.code(), "InvalidRequest");
  EXPECT_EQ(lock.message(), "Bucket is missing Object Lock Configuration");
  Status append =
      Error("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"x"}}, {"WriteOffsetBytes", 0}}));
  EXPECT_EQ(append.code(), "NotImplemented");
  EXPECT_EQ(Detail(append, "Header"), "x-amz-write-offset-bytes");
  EXPECT_EQ(GetError("k").code(), "NoSuchKey");
}

TEST_F(ObjectOperationsTest, ArchivedObjectsCannotBeRead) {
  Put("cold", "v", Doc({{"StorageClass", "GLACIER"}}));
  Status status = GetError("cold");
  EXPECT_EQ(status.code(), "InvalidObjectState");
  EXPECT_EQ(status.http_status(), 403);
  EXPECT_EQ(Ok("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "cold"}}))["StorageClass"].AsString(), "GLACIER");
}

}  // namespace
}  // namespace cloudemu::services::s3::testing
