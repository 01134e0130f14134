// Decimal: DynamoDB numbers parsed, printed, compared and added exactly.
#include "services/dynamodb/decimal.h"

#include <gtest/gtest.h>

#include <string>

namespace cloudemu::services::dynamodb {
namespace {

std::string Canonical(std::string_view text) {
  StatusOr<Decimal> d = Decimal::Parse(text);
  return d.ok() ? d->ToString() : "error: " + d.status().message();
}

Decimal D(std::string_view text) {
  StatusOr<Decimal> d = Decimal::Parse(text);
  EXPECT_TRUE(d.ok()) << text;
  return d.ok() ? *d : Decimal();
}

std::string Sum(std::string_view a, std::string_view b) {
  StatusOr<Decimal> r = D(a).Add(D(b));
  return r.ok() ? r->ToString() : "error: " + r.status().message();
}

std::string Difference(std::string_view a, std::string_view b) {
  StatusOr<Decimal> r = D(a).Subtract(D(b));
  return r.ok() ? r->ToString() : "error: " + r.status().message();
}

TEST(DecimalTest, CanonicalTextAsDynamoDbReturnsIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"1.50", "1.5"},        {"0100", "100"},   {"1e2", "100"},        {"1E+2", "100"},  {"-0", "0"},
      {"0.000", "0"},         {"+5", "5"},       {".5", "0.5"},         {"5.", "5"},      {"-1.250e1", "-12.5"},
      {"123.456", "123.456"}, {"1e-3", "0.001"}, {"-0.0010", "-0.001"}, {"12E-1", "1.2"}, {"000.000100", "0.0001"},
      {"1e0", "1"},           {"10", "10"},      {"-10.00", "-10"},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(Canonical(input), expected) << input;
}

TEST(DecimalTest, KeepsThirtyEightSignificantDigits) {
  const std::string digits38 = "12345678901234567890123456789012345678";
  EXPECT_EQ(Canonical(digits38), digits38);
  EXPECT_EQ(Canonical("-0." + digits38), "-0." + digits38);
  EXPECT_EQ(Canonical(digits38 + "000"), digits38 + "000");  // trailing zeros are not significant
  EXPECT_EQ(Canonical("0.000" + digits38), "0.000" + digits38);
  EXPECT_EQ(Canonical("99999999999999999999999999999999999999"), "99999999999999999999999999999999999999");
}

TEST(DecimalTest, RejectsMoreThanThirtyEightSignificantDigits) {
  EXPECT_EQ(Canonical("123456789012345678901234567890123456789"),
            "error: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Canonical("1.00000000000000000000000000000000000001"),
            "error: Attempting to store more than 38 significant digits in a Number");
}

TEST(DecimalTest, EnforcesDynamoDbRange) {
  EXPECT_EQ(Canonical("9.9999999999999999999999999999999999999E+125"),
            "99999999999999999999999999999999999999" + std::string(88, '0'));
  EXPECT_EQ(Canonical("1E+126"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Canonical("-1E+126"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Canonical("1E-130"), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(Canonical("1E-131"),
            "error: Number underflow. Attempting to store a number with magnitude smaller than supported range");
  EXPECT_EQ(Canonical("0E+999"), "0");
  EXPECT_EQ(Canonical("1E999999999999"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
}

TEST(DecimalTest, RejectsTextThatIsNoNumber) {
  for (const char* text : {"", "abc", "1.2.3", " 1", "1 ", "1e", "e5", "--1", "+", ".", "1e+", "0x10", "NaN",
                           "Infinity", "1,5", "1e5.5"}) {
    StatusOr<Decimal> d = Decimal::Parse(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().code(), "ValidationException");
    EXPECT_EQ(d.status().message(), "The parameter cannot be converted to a numeric value: " + std::string(text));
  }
}

TEST(DecimalTest, ComparesByValueNotText) {
  EXPECT_EQ(D("1.0").Compare(D("1")), 0);
  EXPECT_EQ(D("100").Compare(D("1e2")), 0);
  EXPECT_LT(D("2").Compare(D("10")), 0);
  EXPECT_GT(D("-2").Compare(D("-10")), 0);
  EXPECT_LT(D("-1").Compare(D("0")), 0);
  EXPECT_GT(D("0.0001").Compare(D("0")), 0);
  EXPECT_LT(D("0.99").Compare(D("1")), 0);
  EXPECT_LT(D("1.5").Compare(D("1.5" + std::string(35, '0') + "1")), 0);  // 38 digits
  EXPECT_GT(D("1E+125").Compare(D("99999999999999999999999999999999999999")), 0);
  EXPECT_LT(D("-1E+125").Compare(D("-99999999999999999999999999999999999999")), 0);
  EXPECT_EQ(D("-0").Compare(D("0")), 0);
  // Doubles would call these equal.
  EXPECT_LT(D("12345678901234567890123456789012345678").Compare(D("12345678901234567890123456789012345679")), 0);
  EXPECT_TRUE(D("3.14") == D("3.140"));
}

TEST(DecimalTest, AddsAndSubtractsExactly) {
  EXPECT_EQ(Sum("0.1", "0.2"), "0.3");  // not 0.30000000000000004
  EXPECT_EQ(Sum("1", "-1"), "0");
  EXPECT_EQ(Sum("-5", "3"), "-2");
  EXPECT_EQ(Sum("1.5", "1.5"), "3");
  EXPECT_EQ(Sum("99999999999999999999999999999999999999", "1"), "100000000000000000000000000000000000000");
  EXPECT_EQ(Sum("12345678901234567890123456789012345678", "1"), "12345678901234567890123456789012345679");
  EXPECT_EQ(Sum("1E+100", "1E+100"), "2" + std::string(100, '0'));
  EXPECT_EQ(Difference("10", "0.001"), "9.999");
  EXPECT_EQ(Difference("1E+37", "1"), std::string(37, '9'));
  EXPECT_EQ(Difference("1E+38", "1"), std::string(38, '9'));
  EXPECT_EQ(Difference("0", "5"), "-5");
  EXPECT_EQ(Sum("0", "0"), "0");
}

TEST(DecimalTest, ArithmeticBeyondPrecisionOrRangeFails) {
  EXPECT_EQ(Sum("99999999999999999999999999999999999999", "0.1"),
            "error: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Sum("1E+50", "1"), "error: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Sum("1E+125", "1E-100"), "error: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Sum("9.9999999999999999999999999999999999999E+125", "9.9999999999999999999999999999999999999E+125"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Difference("2E-130", "1.5E-130"),
            "error: Number underflow. Attempting to store a number with magnitude smaller than supported range");
}

TEST(DecimalTest, FromIntAndQueries) {
  EXPECT_EQ(Decimal::FromInt(-42).ToString(), "-42");
  EXPECT_EQ(Decimal::FromInt(INT64_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Decimal::FromInt(1000).significant_digits(), 1);
  EXPECT_TRUE(Decimal().is_zero());
  EXPECT_TRUE(D("-3").is_negative());
  EXPECT_EQ(D("-3").Negated().ToString(), "3");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
