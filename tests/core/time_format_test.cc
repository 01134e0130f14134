// Timestamp formats AWS protocols use, both ways.
#include "core/time_format.h"

#include <gtest/gtest.h>

namespace cloudemu::core {
namespace {

constexpr int64_t kMoment = 1700000000123;  // Tue, 14 Nov 2023 22:13:20.123 UTC

TEST(TimeFormatTest, FormatsEachStyle) {
  EXPECT_EQ(FormatIso8601(kMoment), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc822(kMoment), "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(FormatRfc822(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatAmzDate(kMoment), "20231114T221320Z");
  EXPECT_EQ(FormatEpochSeconds(kMoment), "1700000000.123");
  EXPECT_EQ(FormatEpochSeconds(1700000000000), "1700000000");
}

TEST(TimeFormatTest, FormatsLeapDaysAndTimesBeforeTheEpoch) {
  EXPECT_EQ(FormatIso8601(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatRfc822(-1000), "Wed, 31 Dec 1969 23:59:59 GMT");
}

TEST(TimeFormatTest, ParsesEveryVariantClientsSend) {
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.123Z"), kMoment);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20Z"), kMoment - 123);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20"), kMoment - 123);
  EXPECT_EQ(ParseTimestamp("2023-11-14t22:13:20.123z"), kMoment);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.123456Z"), kMoment) << "digits past milliseconds are dropped";
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.5Z"), kMoment - 123 + 500);
  EXPECT_EQ(ParseTimestamp("2023-11-15T00:13:20.123+02:00"), kMoment);
  EXPECT_EQ(ParseTimestamp("2023-11-14T17:13:20.123-0500"), kMoment);
  EXPECT_EQ(ParseTimestamp("Tue, 14 Nov 2023 22:13:20 GMT"), kMoment - 123);
  EXPECT_EQ(ParseTimestamp("20231114T221320Z"), kMoment - 123);
  EXPECT_EQ(ParseTimestamp("1700000000"), kMoment - 123);
  EXPECT_EQ(ParseTimestamp("1700000000.123"), kMoment);
  EXPECT_EQ(ParseTimestamp("  1700000000  "), kMoment - 123);
}

TEST(TimeFormatTest, FormatsParseBackToTheSameMoment) {
  for (int64_t millis : {int64_t{0}, kMoment, int64_t{951782400000}, int64_t{253402300799000}}) {
    EXPECT_EQ(ParseTimestamp(FormatIso8601(millis)), millis);
    EXPECT_EQ(ParseTimestamp(FormatEpochSeconds(millis)), millis);
    EXPECT_EQ(ParseTimestamp(FormatRfc822(millis)), millis / 1000 * 1000);
    EXPECT_EQ(ParseTimestamp(FormatAmzDate(millis)), millis / 1000 * 1000);
  }
}

TEST(TimeFormatTest, RejectsWhatIsNoTimestamp) {
  for (const char* text : {"", "   ", "yesterday", "2023-13-01T00:00:00Z", "2023-11-14T25:00:00Z", "2023-11-14T22:13",
                           "2023-11-14T22:13:20Zjunk", "Tue, 14 Foo 2023 22:13:20 GMT", "12abc"}) {
    EXPECT_EQ(ParseTimestamp(text), std::nullopt) << '"' << text << '"';
  }
}

}  // namespace
}  // namespace cloudemu::core
