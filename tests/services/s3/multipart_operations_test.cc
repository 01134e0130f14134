// Multipart uploads through S3Service: create, upload (and copy) parts,
// complete, abort and the two listings.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding.h"
#include "core/hash.h"
#include "s3_test_env.h"
#include "services/s3/object_checksums.h"

namespace cloudemu::services::s3::testing {
namespace {

using core::Blob;

constexpr size_t kFiveMiB = size_t{5} << 20;

class MultipartOperationsTest : public S3TestEnv {
 protected:
  void SetUp() override { CreateBucket("bkt"); }

  std::string Create(const std::string& key, Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    extra.Set("Key", key);
    return Ok("CreateMultipartUpload", extra)["UploadId"].AsString();
  }

  Document Part(const std::string& key, const std::string& upload_id, int number, const std::string& body,
                Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    extra.Set("Key", key);
    extra.Set("UploadId", upload_id);
    extra.Set("PartNumber", number);
    extra.Set("Body", Blob{body});
    return Ok("UploadPart", extra);
  }

  // A CompleteMultipartUpload input listing (number, etag) pairs.
  static Document CompleteInput(const std::string& key, const std::string& upload_id,
                                const std::vector<std::pair<int, std::string>>& parts) {
    Document list = Document::List();
    for (const auto& [number, etag] : parts) list.Append(Doc({{"PartNumber", number}, {"ETag", etag}}));
    return Doc({{"Bucket", "bkt"}, {"Key", key}, {"UploadId", upload_id}, {"MultipartUpload", Doc({{"Parts", list}})}});
  }
};

TEST_F(MultipartOperationsTest, CompletesIntoOneObject) {
  std::string upload_id = Create("big", Doc({{"ContentType", "text/csv"}, {"Metadata", Doc({{"m", "v"}})}}));
  EXPECT_EQ(upload_id.size(), 64u);
  clock_.Advance(std::chrono::seconds(30));
  std::string first(kFiveMiB, 'a');
  std::string second = "tail";
  Document p1 = Part("big", upload_id, 1, first);
  Document p2 = Part("big", upload_id, 2, second);
  EXPECT_EQ(p1["ETag"].AsString(), "\"" + core::HexEncode(core::Md5(first)) + "\"");
  EXPECT_EQ(p1["ServerSideEncryption"].AsString(), "AES256");

  Document done = Ok("CompleteMultipartUpload",
                     CompleteInput("big", upload_id, {{1, p1["ETag"].AsString()}, {2, p2["ETag"].AsString()}}));
  std::string expected_etag = "\"" + core::HexEncode(core::Md5(core::Md5(first) + core::Md5(second))) + "-2\"";
  EXPECT_EQ(done["ETag"].AsString(), expected_etag);
  EXPECT_EQ(done["Bucket"].AsString(), "bkt");
  EXPECT_EQ(done["Key"].AsString(), "big");
  EXPECT_EQ(done["Location"].AsString(), "https://bkt.s3.us-east-1.amazonaws.com/big");
  EXPECT_FALSE(done.Has("VersionId"));

  Document got = Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "big"}}));
  EXPECT_EQ(got["Body"].AsString(), first + second);
  EXPECT_EQ(got["ETag"].AsString(), expected_etag);
  EXPECT_EQ(got["ContentType"].AsString(), "text/csv");
  EXPECT_EQ(got["Metadata"]["m"].AsString(), "v");
  EXPECT_EQ(got["LastModified"].AsTimestampMillis(), kStartMillis);  // dated by the upload's start
  EXPECT_FALSE(got.Has("PartsCount"));

  Document part2 = Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "big"}, {"PartNumber", 2}}));
  EXPECT_EQ(part2["Body"].AsString(), "tail");
  EXPECT_EQ(part2["PartsCount"].AsInt(), 2);
  EXPECT_EQ(part2["ContentRange"].AsString(), "bytes " + std::to_string(kFiveMiB) + "-" + std::to_string(kFiveMiB + 3) +
                                                  "/" + std::to_string(kFiveMiB + 4));
  EXPECT_EQ(Error("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "big"}, {"PartNumber", 3}})).code(),
            "InvalidPartNumber");

  // The upload is gone once completed.
  EXPECT_EQ(Error("ListParts", Doc({{"Bucket", "bkt"}, {"Key", "big"}, {"UploadId", upload_id}})).code(),
            "NoSuchUpload");
}

TEST_F(MultipartOperationsTest, UploadPartErrors) {
  std::string upload_id = Create("k");
  Status zero =
      Error("UploadPart",
            Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}, {"PartNumber", 0}, {"Body", Blob{"x"}}}));
  EXPECT_EQ(zero.code(), "InvalidArgument");
  EXPECT_EQ(
      Error("UploadPart",
            Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}, {"PartNumber", 10001}, {"Body", Blob{"x"}}}))
          .code(),
      "InvalidArgument");
  Status unknown =
      Error("UploadPart",
            Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", "nope"}, {"PartNumber", 1}, {"Body", Blob{"x"}}}));
  EXPECT_EQ(unknown.code(), "NoSuchUpload");
  EXPECT_EQ(unknown.http_status(), 404);
  EXPECT_EQ(
      Error("UploadPart",
            Doc({{"Bucket", "bkt"}, {"Key", "other"}, {"UploadId", upload_id}, {"PartNumber", 1}, {"Body", Blob{"x"}}}))
          .code(),
      "NoSuchUpload");
}

TEST_F(MultipartOperationsTest, CompleteValidatesTheParts) {
  std::string upload_id = Create("k");
  std::string e1 = Part("k", upload_id, 1, "small")["ETag"].AsString();
  std::string e2 = Part("k", upload_id, 2, "end")["ETag"].AsString();
  EXPECT_EQ(Error("CompleteMultipartUpload", CompleteInput("k", upload_id, {{2, e2}, {1, e1}})).code(),
            "InvalidPartOrder");
  Status wrong_etag = Error("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, "\"feed\""}}));
  EXPECT_EQ(wrong_etag.code(), "InvalidPart");
  EXPECT_EQ(Detail(wrong_etag, "PartNumber"), "1");
  EXPECT_EQ(Error("CompleteMultipartUpload", CompleteInput("k", upload_id, {{3, e1}})).code(), "InvalidPart");
  Status too_small = Error("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, e1}, {2, e2}}));
  EXPECT_EQ(too_small.code(), "EntityTooSmall");
  EXPECT_EQ(Detail(too_small, "ProposedSize"), "5");
  EXPECT_EQ(Error("CompleteMultipartUpload", CompleteInput("k", upload_id, {})).code(), "MalformedXML");
  // A single small part is fine: only parts before the last have a minimum.
  Document done = Ok("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, e1}}));
  EXPECT_EQ(Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}))["Body"].AsString(), "small");
  EXPECT_EQ(done["ETag"].AsString().substr(done["ETag"].AsString().size() - 3), "-1\"");
}

TEST_F(MultipartOperationsTest, ReuploadedPartReplacesTheEarlierOne) {
  std::string upload_id = Create("k");
  Part("k", upload_id, 1, "first try");
  std::string etag = Part("k", upload_id, 1, "second")["ETag"].AsString();
  Ok("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, etag}}));
  EXPECT_EQ(Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}))["Body"].AsString(), "second");
}

TEST_F(MultipartOperationsTest, CompositeChecksums) {
  std::string upload_id = Create("k", Doc({{"ChecksumAlgorithm", "SHA256"}}));
  std::string first(kFiveMiB, 'x');
  Document p1 = Part("k", upload_id, 1, first);
  Document p2 = Part("k", upload_id, 2, "y", Doc({{"ChecksumSHA256", ComputeChecksum("SHA256", "y")}}));
  EXPECT_EQ(p1["ChecksumSHA256"].AsString(), ComputeChecksum("SHA256", first));
  Status mismatch = Error("UploadPart", Doc({{"Bucket", "bkt"},
                                             {"Key", "k"},
                                             {"UploadId", upload_id},
                                             {"PartNumber", 3},
                                             {"Body", Blob{"z"}},
                                             {"ChecksumAlgorithm", "CRC32"}}));
  EXPECT_EQ(mismatch.code(), "InvalidRequest");

  Document done = Ok("CompleteMultipartUpload",
                     CompleteInput("k", upload_id, {{1, p1["ETag"].AsString()}, {2, p2["ETag"].AsString()}}));
  std::string composite =
      CompositeChecksum("SHA256", {ComputeChecksum("SHA256", first), ComputeChecksum("SHA256", "y")});
  EXPECT_EQ(done["ChecksumSHA256"].AsString(), composite);
  EXPECT_EQ(done["ChecksumType"].AsString(), "COMPOSITE");
  Document head = Ok("HeadObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"ChecksumMode", "ENABLED"}}));
  EXPECT_EQ(head["ChecksumSHA256"].AsString(), composite);
}

TEST_F(MultipartOperationsTest, FullObjectChecksums) {
  Document created =
      Ok("CreateMultipartUpload", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"ChecksumAlgorithm", "CRC64NVME"}}));
  EXPECT_EQ(created["ChecksumType"].AsString(), "FULL_OBJECT");
  std::string upload_id = created["UploadId"].AsString();
  std::string first(kFiveMiB, 'x');
  std::string e1 = Part("k", upload_id, 1, first)["ETag"].AsString();
  std::string e2 = Part("k", upload_id, 2, "end")["ETag"].AsString();
  Document done = Ok("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, e1}, {2, e2}}));
  EXPECT_EQ(done["ChecksumCRC64NVME"].AsString(), ComputeChecksum("CRC64NVME", first + "end"));
  EXPECT_EQ(done["ChecksumType"].AsString(), "FULL_OBJECT");
  EXPECT_EQ(
      Error("CreateMultipartUpload",
            Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"ChecksumAlgorithm", "SHA1"}, {"ChecksumType", "FULL_OBJECT"}}))
          .code(),
      "InvalidRequest");
}

TEST_F(MultipartOperationsTest, UploadPartCopyTakesARange) {
  Ok("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "src"}, {"Body", Blob{"0123456789"}}}));
  std::string upload_id = Create("dst");
  Document copied = Ok("UploadPartCopy", Doc({{"Bucket", "bkt"},
                                              {"Key", "dst"},
                                              {"UploadId", upload_id},
                                              {"PartNumber", 1},
                                              {"CopySource", "bkt/src"},
                                              {"CopySourceRange", "bytes=2-4"}}));
  EXPECT_EQ(copied["CopyPartResult"]["ETag"].AsString(), "\"" + core::HexEncode(core::Md5("234")) + "\"");
  EXPECT_EQ(Error("UploadPartCopy", Doc({{"Bucket", "bkt"},
                                         {"Key", "dst"},
                                         {"UploadId", upload_id},
                                         {"PartNumber", 2},
                                         {"CopySource", "bkt/src"},
                                         {"CopySourceRange", "bytes=5-10"}}))
                .code(),
            "InvalidArgument");
  Ok("CompleteMultipartUpload", CompleteInput("dst", upload_id, {{1, copied["CopyPartResult"]["ETag"].AsString()}}));
  EXPECT_EQ(Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "dst"}}))["Body"].AsString(), "234");
}

TEST_F(MultipartOperationsTest, AbortRemovesTheUpload) {
  std::string upload_id = Create("k");
  Part("k", upload_id, 1, "x");
  Document abort = Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}});
  Ok("AbortMultipartUpload", abort);
  EXPECT_EQ(Error("AbortMultipartUpload", abort).code(), "NoSuchUpload");
  EXPECT_EQ(
      Error("UploadPart",
            Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}, {"PartNumber", 1}, {"Body", Blob{"x"}}}))
          .code(),
      "NoSuchUpload");
  EXPECT_FALSE(Ok("ListMultipartUploads", Doc({{"Bucket", "bkt"}})).Has("Uploads"));
}

TEST_F(MultipartOperationsTest, ListPartsPaginates) {
  std::string upload_id = Create("k", Doc({{"StorageClass", "STANDARD_IA"}}));
  for (int i = 1; i <= 3; ++i) Part("k", upload_id, i, "part" + std::to_string(i));
  Document page = Ok("ListParts", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}, {"MaxParts", 2}}));
  ASSERT_EQ(page["Parts"].size(), 2u);
  EXPECT_TRUE(page["IsTruncated"].AsBool());
  EXPECT_EQ(page["NextPartNumberMarker"].AsInt(), 2);
  EXPECT_EQ(page["MaxParts"].AsInt(), 2);
  EXPECT_EQ(page["StorageClass"].AsString(), "STANDARD_IA");
  EXPECT_EQ(page["Parts"].AsList()[0]["Size"].AsInt(), 5);
  EXPECT_EQ(page["Owner"]["ID"].AsString(), page["Initiator"]["ID"].AsString());
  Document rest =
      Ok("ListParts", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}, {"PartNumberMarker", 2}}));
  ASSERT_EQ(rest["Parts"].size(), 1u);
  EXPECT_EQ(rest["Parts"].AsList()[0]["PartNumber"].AsInt(), 3);
  EXPECT_FALSE(rest["IsTruncated"].AsBool());
}

TEST_F(MultipartOperationsTest, ListMultipartUploadsGroupsAndPaginates) {
  std::string a = Create("a");
  std::string b1 = Create("dir/1");
  Create("dir/2");
  clock_.Advance(std::chrono::seconds(1));
  std::string a2 = Create("a");
  Document grouped = Ok("ListMultipartUploads", Doc({{"Bucket", "bkt"}, {"Delimiter", "/"}}));
  ASSERT_EQ(grouped["Uploads"].size(), 2u);
  EXPECT_EQ(grouped["Uploads"].AsList()[0]["UploadId"].AsString(), a);  // older first within a key
  EXPECT_EQ(grouped["Uploads"].AsList()[1]["UploadId"].AsString(), a2);
  ASSERT_EQ(grouped["CommonPrefixes"].size(), 1u);
  EXPECT_EQ(grouped["CommonPrefixes"].AsList()[0]["Prefix"].AsString(), "dir/");
  EXPECT_FALSE(grouped["IsTruncated"].AsBool());

  Document first = Ok("ListMultipartUploads", Doc({{"Bucket", "bkt"}, {"MaxUploads", 1}}));
  EXPECT_TRUE(first["IsTruncated"].AsBool());
  EXPECT_EQ(first["NextKeyMarker"].AsString(), "a");
  EXPECT_EQ(first["NextUploadIdMarker"].AsString(), a);
  Document second = Ok("ListMultipartUploads",
                       Doc({{"Bucket", "bkt"}, {"MaxUploads", 2}, {"KeyMarker", "a"}, {"UploadIdMarker", a}}));
  ASSERT_EQ(second["Uploads"].size(), 2u);
  EXPECT_EQ(second["Uploads"].AsList()[0]["UploadId"].AsString(), a2);
  EXPECT_EQ(second["Uploads"].AsList()[1]["UploadId"].AsString(), b1);

  Document prefixed = Ok("ListMultipartUploads", Doc({{"Bucket", "bkt"}, {"Prefix", "dir/"}, {"KeyMarker", "dir/1"}}));
  ASSERT_EQ(prefixed["Uploads"].size(), 1u);
  EXPECT_EQ(prefixed["Uploads"].AsList()[0]["Key"].AsString(), "dir/2");
  EXPECT_EQ(prefixed["Prefix"].AsString(), "dir/");
}

TEST_F(MultipartOperationsTest, VersionedAndConditionalCompletion) {
  Ok("PutBucketVersioning", Doc({{"Bucket", "bkt"}, {"VersioningConfiguration", Doc({{"Status", "Enabled"}})}}));
  Ok("PutObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}, {"Body", Blob{"existing"}}}));
  std::string upload_id = Create("k");
  std::string etag = Part("k", upload_id, 1, "new")["ETag"].AsString();
  Document conditional = CompleteInput("k", upload_id, {{1, etag}});
  conditional.Set("IfNoneMatch", "*");
  EXPECT_EQ(Error("CompleteMultipartUpload", conditional).code(), "PreconditionFailed");
  Document done = Ok("CompleteMultipartUpload", CompleteInput("k", upload_id, {{1, etag}}));
  EXPECT_FALSE(done["VersionId"].AsString().empty());
  EXPECT_EQ(Ok("GetObject", Doc({{"Bucket", "bkt"}, {"Key", "k"}}))["VersionId"].AsString(),
            done["VersionId"].AsString());
}

}  // namespace
}  // namespace cloudemu::services::s3::testing
