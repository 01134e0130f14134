#include "services/s3/byte_range.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

std::optional<ByteRange> Resolve(std::string_view header, uint64_t size) {
  StatusOr<std::optional<ByteRange>> result = ResolveRange(header, size);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : std::nullopt;
}

TEST(ByteRangeTest, ClosedOpenAndSuffixRanges) {
  EXPECT_EQ(Resolve("bytes=0-4", 10), (ByteRange{0, 4}));
  EXPECT_EQ(Resolve("bytes=3-", 10), (ByteRange{3, 9}));
  EXPECT_EQ(Resolve("bytes=-3", 10), (ByteRange{7, 9}));
  EXPECT_EQ(Resolve("bytes=9-9", 10), (ByteRange{9, 9}));
}

TEST(ByteRangeTest, EndsAreClampedToTheObject) {
  EXPECT_EQ(Resolve("bytes=5-100", 10), (ByteRange{5, 9}));
  EXPECT_EQ(Resolve("bytes=-100", 10), (ByteRange{0, 9}));
  EXPECT_EQ(Resolve("bytes=2-99999999999999999999999", 10), (ByteRange{2, 9}));
}

TEST(ByteRangeTest, IgnoredHeadersServeTheWholeObject) {
  EXPECT_EQ(Resolve("", 10), std::nullopt);
  EXPECT_EQ(Resolve("items=0-4", 10), std::nullopt);
  EXPECT_EQ(Resolve("bytes=0-1,4-5", 10), std::nullopt);
  EXPECT_EQ(Resolve("bytes=5-2", 10), std::nullopt);
  EXPECT_EQ(Resolve("bytes=a-b", 10), std::nullopt);
  EXPECT_EQ(Resolve("bytes=-", 10), std::nullopt);
}

TEST(ByteRangeTest, UnsatisfiableRangesAreInvalidRange) {
  for (std::string_view header : {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
    StatusOr<std::optional<ByteRange>> result = ResolveRange(header, 10);
    ASSERT_FALSE(result.ok()) << header;
    EXPECT_EQ(result.status().code(), "InvalidRange");
    EXPECT_EQ(result.status().http_status(), 416);
    bool saw_size = false;
    for (const auto& [name, value] : result.status().details()) {
      if (name == "ActualObjectSize") saw_size = value == "10";
    }
    EXPECT_TRUE(saw_size);
  }
  EXPECT_FALSE(ResolveRange("bytes=0-", 0).ok());
  EXPECT_FALSE(ResolveRange("bytes=-5", 0).ok());
}

TEST(ByteRangeTest, ContentRangeText) { EXPECT_EQ(ContentRange(ByteRange{2, 5}, 10), "bytes 2-5/10"); }

TEST(ByteRangeTest, CopySourceRangeIsStrict) {
  StatusOr<ByteRange> ok = ResolveCopySourceRange("bytes=2-5", 10);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (ByteRange{2, 5}));
  EXPECT_EQ(ok->length(), 4u);
  for (std::string_view header : {"bytes=2-", "bytes=-2", "2-5", "bytes=5-2"}) {
    StatusOr<ByteRange> bad = ResolveCopySourceRange(header, 10);
    ASSERT_FALSE(bad.ok()) << header;
    EXPECT_EQ(bad.status().code(), "InvalidArgument");
  }
  StatusOr<ByteRange> beyond = ResolveCopySourceRange("bytes=0-10", 10);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().message(), "Range specified is not valid for source object of size: 10");
}

}  // namespace
}  // namespace cloudemu::services::s3
