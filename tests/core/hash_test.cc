// Digests and checksums against published test vectors.
#include "core/hash.h"

#include <gtest/gtest.h>

#include "core/encoding.h"

namespace cloudemu::core {
namespace {

TEST(HashTest, DigestsMatchPublishedVectors) {
  EXPECT_EQ(HexEncode(Md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(HexEncode(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(HexEncode(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexEncode(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Md5("abc").size(), 16u) << "raw bytes, not hex";
}

// RFC 4231 test cases 1 and 2.
TEST(HashTest, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HashTest, CrcsMatchTheirCheckValues) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(Crc64Nvme("123456789"), 0xAE8B14860A799888ull);
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32c(""), 0u);
  EXPECT_EQ(Crc64Nvme(""), 0u);
}

TEST(HashTest, CrcsContinueFromAPreviousValue) {
  EXPECT_EQ(Crc32("6789", Crc32("12345")), Crc32("123456789"));
  EXPECT_EQ(Crc32c("6789", Crc32c("12345")), Crc32c("123456789"));
  EXPECT_EQ(Crc64Nvme("6789", Crc64Nvme("12345")), Crc64Nvme("123456789"));
}

TEST(HashTest, BigEndianBytesAreHowS3EncodesChecksums) {
  EXPECT_EQ(BigEndianBytes(0xCBF43926u), std::string("\xcb\xf4\x39\x26", 4));
  EXPECT_EQ(BigEndianBytes(uint64_t{0xAE8B14860A799888ull}), std::string("\xae\x8b\x14\x86\x0a\x79\x98\x88", 8));
  EXPECT_EQ(Base64Encode(BigEndianBytes(Crc32("123456789"))), "y/Q5Jg==");
}

}  // namespace
}  // namespace cloudemu::core
