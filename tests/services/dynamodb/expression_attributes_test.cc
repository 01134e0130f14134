// ExpressionAttributeNames / ExpressionAttributeValues: checks on the maps
// and on whether a request's expressions used every entry.
#include <gtest/gtest.h>

#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Attributes;

std::string Validate(const char* names, const char* values) {
  Attributes attributes(names, values);
  Status s = ValidateExpressionAttributes(attributes.view());
  return s.ok() ? "OK" : s.message();
}

TEST(ExpressionAttributesTest, ValidatesTheMaps) {
  EXPECT_EQ(Validate("", ""), "OK");
  EXPECT_EQ(Validate(R"({"#a": "a", "#b_2": "b"})", R"({":v": {"S": "x"}, ":w_1": {"N": "1"}})"), "OK");
  EXPECT_EQ(Validate("{}", ""), "ExpressionAttributeNames must not be empty");
  EXPECT_EQ(Validate("", "{}"), "ExpressionAttributeValues must not be empty");
  EXPECT_EQ(Validate(R"({"a": "a"})", ""), "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  EXPECT_EQ(Validate(R"({"#": "a"})", ""), "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
  EXPECT_EQ(Validate("", R"({"v": {"S": "x"}})"),
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
  EXPECT_EQ(Validate("", R"({":v": {"SS": []}})"),
            "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string "
            "set  may not be empty for key :v");
  EXPECT_EQ(
      Validate("", R"({":v": {"N": "x1"}})"),
      "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x1 "
      "for key :v");
}

TEST(ExpressionAttributesTest, ReportsUnusedEntriesAcrossExpressions) {
  Attributes attributes(R"({"#a": "a", "#b": "b", "#c": "c"})", R"({":x": {"S": "x"}, ":y": {"S": "y"}})");
  ExpressionUsage usage;
  ASSERT_TRUE(ConditionExpression::Parse("#a = :x", attributes.view(), usage).ok());
  Status unused = usage.CheckAllUsed(attributes.view());
  EXPECT_EQ(unused.code(), "ValidationException");
  EXPECT_EQ(unused.message(), "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}");
  ASSERT_TRUE(UpdateExpression::Parse("SET #b = :y", attributes.view(), usage).ok());
  ASSERT_TRUE(ProjectionExpression::Parse("#c", attributes.view(), usage).ok());
  EXPECT_TRUE(usage.CheckAllUsed(attributes.view()).ok());

  Attributes values_only("", R"({":x": {"S": "x"}, ":y": {"S": "y"}})");
  ExpressionUsage other;
  ASSERT_TRUE(ConditionExpression::Parse("a = :x", values_only.view(), other).ok());
  EXPECT_EQ(other.CheckAllUsed(values_only.view()).message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
