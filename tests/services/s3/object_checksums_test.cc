#include "services/s3/object_checksums.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

using core::Document;

// Check values of "123456789" (CRC catalogue) and its digests.
TEST(ObjectChecksumsTest, ComputesEveryAlgorithm) {
  EXPECT_EQ(ComputeChecksum("CRC32", "123456789"), "y/Q5Jg==");
  EXPECT_EQ(ComputeChecksum("CRC32C", "123456789"), "4waSgw==");
  EXPECT_EQ(ComputeChecksum("CRC64NVME", "123456789"), "rosUhgp5mIg=");
  EXPECT_EQ(ComputeChecksum("SHA1", "123456789"), "98O8HYCOBHMq32eZZczDTKeuNEE=");
  EXPECT_EQ(ComputeChecksum("SHA256", "123456789"), "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
  EXPECT_EQ(ComputeChecksum("MD5", "123456789"), "JfnnlDI7RTiF9RgfG2JNCw==");
  EXPECT_FALSE(IsComputableAlgorithm("XXHASH64"));
  EXPECT_EQ(ChecksumMember("CRC32C"), "ChecksumCRC32C");
}

TEST(ObjectChecksumsTest, RequestedByAlgorithmOrValue) {
  Document none = Document::Map();
  StatusOr<std::optional<RequestedChecksum>> absent = RequestedChecksumOf(none);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());

  Document by_algorithm = Document::Map();
  by_algorithm.Set("ChecksumAlgorithm", "crc32c");
  StatusOr<std::optional<RequestedChecksum>> named = RequestedChecksumOf(by_algorithm);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ((*named)->algorithm, "CRC32C");
  EXPECT_FALSE((*named)->expected);

  Document by_value = Document::Map();
  by_value.Set("ChecksumAlgorithm", "CRC32");
  by_value.Set("ChecksumCRC32", "y/Q5Jg==");
  StatusOr<std::optional<RequestedChecksum>> valued = RequestedChecksumOf(by_value);
  ASSERT_TRUE(valued.ok());
  StatusOr<std::string> verified = VerifyChecksum(**valued, "123456789");
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(*verified, "y/Q5Jg==");
  StatusOr<std::string> mismatch = VerifyChecksum(**valued, "12345678");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().code(), "BadDigest");
  EXPECT_EQ(mismatch.status().message(), "The CRC32 you specified did not match the calculated checksum.");
}

TEST(ObjectChecksumsTest, RejectsBadRequests) {
  Document two = Document::Map();
  two.Set("ChecksumCRC32", "y/Q5Jg==");
  two.Set("ChecksumSHA1", "98O8HYCOBHMq32eZZczDTKeuNEE=");
  EXPECT_EQ(RequestedChecksumOf(two).status().code(), "InvalidRequest");

  Document malformed = Document::Map();
  malformed.Set("ChecksumCRC32", "AAAAAAAA");  // 6 bytes, not 4
  EXPECT_EQ(RequestedChecksumOf(malformed).status().message(), "Value for x-amz-checksum-crc32 header is invalid.");

  Document unknown = Document::Map();
  unknown.Set("ChecksumAlgorithm", "CRC16");
  EXPECT_EQ(RequestedChecksumOf(unknown).status().code(), "InvalidRequest");

  Document disagree = Document::Map();
  disagree.Set("ChecksumAlgorithm", "SHA256");
  disagree.Set("ChecksumCRC32", "y/Q5Jg==");
  EXPECT_EQ(RequestedChecksumOf(disagree).status().code(), "BadDigest");

  Document uncomputable = Document::Map();
  uncomputable.Set("ChecksumAlgorithm", "XXHASH3");
  EXPECT_EQ(RequestedChecksumOf(uncomputable).status().code(), "NotImplemented");
}

TEST(ObjectChecksumsTest, ContentMd5) {
  Document input = Document::Map();
  EXPECT_TRUE(VerifyContentMd5(input, "anything").ok());
  input.Set("ContentMD5", "JfnnlDI7RTiF9RgfG2JNCw==");
  EXPECT_TRUE(VerifyContentMd5(input, "123456789").ok());
  Status mismatch = VerifyContentMd5(input, "12345678");
  EXPECT_EQ(mismatch.code(), "BadDigest");
  EXPECT_EQ(mismatch.http_status(), 400);
  input.Set("ContentMD5", "not base64!");
  EXPECT_EQ(VerifyContentMd5(input, "123456789").code(), "InvalidDigest");
  input.Set("ContentMD5", "AAAA");
  EXPECT_EQ(VerifyContentMd5(input, "123456789").code(), "InvalidDigest");
}

TEST(ObjectChecksumsTest, MultipartChecksumTypes) {
  EXPECT_EQ(*MultipartChecksumType("", ""), "");
  EXPECT_EQ(MultipartChecksumType("", "COMPOSITE").status().code(), "InvalidRequest");
  EXPECT_EQ(*MultipartChecksumType("CRC64NVME", ""), "FULL_OBJECT");
  EXPECT_EQ(MultipartChecksumType("CRC64NVME", "COMPOSITE").status().code(), "InvalidRequest");
  EXPECT_EQ(*MultipartChecksumType("CRC32", ""), "COMPOSITE");
  EXPECT_EQ(*MultipartChecksumType("CRC32C", "FULL_OBJECT"), "FULL_OBJECT");
  EXPECT_EQ(*MultipartChecksumType("SHA256", ""), "COMPOSITE");
  EXPECT_EQ(MultipartChecksumType("SHA1", "FULL_OBJECT").status().message(),
            "The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.");
}

TEST(ObjectChecksumsTest, CompositeOfParts) {
  EXPECT_EQ(CompositeChecksum("SHA256", {ComputeChecksum("SHA256", "abc"), ComputeChecksum("SHA256", "def")}),
            "nATTAFe3VK8bLS1PVnV4LdYaWmWcNO5sKvR1JrZsr6Y=-2");
}

TEST(ObjectChecksumsTest, OutputMembers) {
  Document output = Document::Map();
  AddChecksumMembers({{"CRC32", "y/Q5Jg=="}}, "FULL_OBJECT", output);
  EXPECT_EQ(output["ChecksumCRC32"].AsString(), "y/Q5Jg==");
  EXPECT_EQ(output["ChecksumType"].AsString(), "FULL_OBJECT");
  Document empty = Document::Map();
  AddChecksumMembers({}, "FULL_OBJECT", empty);
  EXPECT_TRUE(empty.empty());
}

}  // namespace
}  // namespace cloudemu::services::s3
