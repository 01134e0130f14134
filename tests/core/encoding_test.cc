// Base64, hex and URI escaping.
#include "core/encoding.h"

#include <gtest/gtest.h>

namespace cloudemu::core {
namespace {

// RFC 4648 section 10.
TEST(EncodingTest, Base64MatchesRfc4648) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Base64Decode(encoded), plain);
  }
}

TEST(EncodingTest, Base64RoundTripsEveryByteAndAcceptsMissingPadding) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  EXPECT_EQ(Base64Decode(Base64Encode(all)), all);
  EXPECT_EQ(Base64Decode("Zm8"), "fo");
  EXPECT_EQ(Base64Decode("Zg"), "f");
  EXPECT_EQ(Base64Encode("\xff\xfe"), "//4=");
}

TEST(EncodingTest, Base64RejectsWhatIsNotBase64) {
  EXPECT_EQ(Base64Decode("Zm9v!"), std::nullopt);
  EXPECT_EQ(Base64Decode("Z"), std::nullopt);
  EXPECT_EQ(Base64Decode("Zg==Zg=="), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm 9v"), std::nullopt);
}

TEST(EncodingTest, HexIsLowerCase) {
  EXPECT_EQ(HexEncode(std::string("\x00\xff\x10\xab", 4)), "00ff10ab");
  EXPECT_EQ(HexEncode(""), "");
}

TEST(EncodingTest, UriEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UriEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c*d/e"), "a%20b%2Bc%2Ad%2Fe");
  EXPECT_EQ(UriEncode("a b/c", /*keep_slash=*/true), "a%20b/c");
  EXPECT_EQ(UriEncode("caf\xc3\xa9"), "caf%C3%A9") << "upper-case hex, as SigV4 wants";
  EXPECT_EQ(UriEncode(std::string("\0", 1)), "%00");
}

TEST(EncodingTest, UriDecodeUndoesEscapesAndLeavesBrokenOnesAlone) {
  EXPECT_EQ(UriDecode("a%20b%2Fc%c3%a9"), "a b/c\xc3\xa9");
  EXPECT_EQ(UriDecode("a+b"), "a+b");
  EXPECT_EQ(UriDecode("a+b", /*plus_is_space=*/true), "a b");
  EXPECT_EQ(UriDecode("100%"), "100%");
  EXPECT_EQ(UriDecode("%4"), "%4");
  EXPECT_EQ(UriDecode("%zz%41"), "%zzA");
  for (std::string text : {"photos/2024 01/caf\xc3\xa9+x.jpg", "~!*()'", "%"}) {
    EXPECT_EQ(UriDecode(UriEncode(text)), text);
  }
}

}  // namespace
}  // namespace cloudemu::core
