// KeyConditionExpression: the partition-key equality and the sort-key
// conditions Query accepts, sort matching, and the schema errors.
#include <gtest/gtest.h>

#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Attributes;
using testing::Json;

constexpr const char* kValues = R"({
  ":p": {"S": "user1"}, ":lo": {"N": "10"}, ":hi": {"N": "20"}, ":pre": {"S": "ab"}, ":n": {"N": "1"},
  ":empty": {"S": ""}
})";

const KeySchemaNames kSchema{"pk", "sk", "S", "N"};
const KeySchemaNames kStringSort{"pk", "sk", "S", "S"};
const KeySchemaNames kHashOnly{"pk", "", "S", ""};

StatusOr<KeyCondition> Parse(const char* expression, const KeySchemaNames& schema = kSchema,
                             const char* names = R"({"#p": "pk", "#s": "sk"})") {
  Attributes attributes(names, kValues);
  ExpressionUsage usage;
  return KeyCondition::Parse(expression, attributes.view(), usage, schema);
}

TEST(ExpressionKeyConditionTest, ParsesPartitionAndSortConditions) {
  StatusOr<KeyCondition> only = Parse("pk = :p");
  ASSERT_TRUE(only.ok()) << only.status().message();
  EXPECT_EQ(only->partition_name, "pk");
  EXPECT_EQ(only->partition_value, Json(R"({"S": "user1"})"));
  EXPECT_FALSE(only->sort.has_value());

  const std::pair<const char*, const char*> cases[] = {
      {"pk = :p AND sk = :lo", "="},
      {"pk = :p AND sk < :lo", "<"},
      {"pk = :p AND sk <= :lo", "<="},
      {"pk = :p AND sk > :lo", ">"},
      {"pk = :p AND sk >= :lo", ">="},
      {"pk = :p AND sk BETWEEN :lo AND :hi", "BETWEEN"},
      {"sk > :lo AND pk = :p", ">"},
      {":lo < sk AND :p = pk", ">"},  // operands may be swapped; the operator turns around
      {"(pk = :p) AND (sk >= :lo)", ">="},
      {"#p = :p and #s <= :lo", "<="},
  };
  for (const auto& [expression, op] : cases) {
    StatusOr<KeyCondition> condition = Parse(expression);
    ASSERT_TRUE(condition.ok()) << expression << ": " << condition.status().message();
    ASSERT_TRUE(condition->sort.has_value()) << expression;
    EXPECT_EQ(condition->sort->name, "sk");
    EXPECT_EQ(condition->sort->op, op) << expression;
  }
  StatusOr<KeyCondition> prefix = Parse("pk = :p AND begins_with(sk, :pre)", kStringSort);
  ASSERT_TRUE(prefix.ok()) << prefix.status().message();
  EXPECT_EQ(prefix->sort->op, "begins_with");
}

TEST(ExpressionKeyConditionTest, MatchesSortValues) {
  StatusOr<KeyCondition> between = Parse("pk = :p AND sk BETWEEN :lo AND :hi");
  ASSERT_TRUE(between.ok());
  EXPECT_TRUE(between->MatchesSort(Json(R"({"N": "10"})")));
  EXPECT_TRUE(between->MatchesSort(Json(R"({"N": "15.5"})")));
  EXPECT_TRUE(between->MatchesSort(Json(R"({"N": "20.0"})")));
  EXPECT_FALSE(between->MatchesSort(Json(R"({"N": "9.99"})")));
  EXPECT_FALSE(between->MatchesSort(Json(R"({"N": "100"})")));
  EXPECT_FALSE(between->MatchesSort(Json(R"({"S": "15"})")));

  StatusOr<KeyCondition> less = Parse("pk = :p AND sk < :lo");
  ASSERT_TRUE(less.ok());
  EXPECT_TRUE(less->MatchesSort(Json(R"({"N": "9"})")));
  EXPECT_FALSE(less->MatchesSort(Json(R"({"N": "10"})")));

  StatusOr<KeyCondition> prefix = Parse("pk = :p AND begins_with(#s, :pre)", kStringSort);
  ASSERT_TRUE(prefix.ok());
  EXPECT_TRUE(prefix->MatchesSort(Json(R"({"S": "abc"})")));
  EXPECT_TRUE(prefix->MatchesSort(Json(R"({"S": "ab"})")));
  EXPECT_FALSE(prefix->MatchesSort(Json(R"({"S": "a"})")));

  StatusOr<KeyCondition> none = Parse("pk = :p");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->MatchesSort(Json(R"({"N": "1"})")));
}

TEST(ExpressionKeyConditionTest, RejectsWhatQueryRejects) {
  const std::pair<const char*, const char*> cases[] = {
      {"sk = :lo", "Query condition missed key schema element: pk"},
      {"extra = :p", "Query condition missed key schema element: pk"},
      {"pk > :p", "Query key condition not supported"},
      {"begins_with(pk, :pre)", "Query key condition not supported"},
      {"pk = :p AND extra = :lo", "Query condition missed key schema element: sk"},
      {"pk = :p AND sk = :lo AND extra = :hi", "Query key condition not supported"},
      {"pk = :p OR sk = :lo", "Invalid operator used in KeyConditionExpression: OR"},
      {"NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"},
      {"pk = :p AND sk <> :lo", "Invalid operator used in KeyConditionExpression: <>"},
      {"pk = :p AND sk IN (:lo)",
       "Invalid operator used in KeyConditionExpression: IN"},
      {"pk = :p AND contains(sk, :lo)",
       "Invalid operator used in KeyConditionExpression: contains"},
      {"pk = :p AND attribute_exists(sk)",
       "Invalid operator used in KeyConditionExpression: attribute_exists"},
      {"pk = :p AND sk > :lo AND sk < :hi",
       "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key"},
      {"pk = sk", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"},
      {"pk.a = :p",
       "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested "
       "attributes"},
      {"pk = :lo", "One or more parameter values were invalid: Condition parameter type does not match schema type"},
      {"pk = :p AND sk = :pre",
       "One or more parameter values were invalid: Condition parameter type does not match schema type"},
      {"pk = :empty",
       "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
       "string value. Key: pk"},
      {"pk = :p AND begins_with(sk, :n)",
       "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "begins_with, operand type: N"},
      {"pk = :p AND sk BETWEEN :hi AND :lo",
       "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
       "bound; lower bound operand: AttributeValue: {N:20}, upper bound operand: AttributeValue: {N:10}"},
      {"pk = :p AND", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"", "Invalid KeyConditionExpression: The expression can not be empty;"},
      {"pk = :nope",
       "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
       "defined; attribute value: :nope"},
  };
  for (const auto& [expression, message] : cases) {
    StatusOr<KeyCondition> condition = Parse(expression);
    ASSERT_FALSE(condition.ok()) << expression;
    EXPECT_EQ(condition.status().code(), "ValidationException");
    EXPECT_EQ(condition.status().message(), message) << expression;
  }
  StatusOr<KeyCondition> hash_only = Parse("pk = :p AND sk = :lo", kHashOnly);
  ASSERT_FALSE(hash_only.ok());
  EXPECT_EQ(hash_only.status().message(), "Query key condition not supported");
}

TEST(ExpressionKeyConditionTest, RecordsUsage) {
  Attributes attributes(R"({"#p": "pk", "#unused": "x"})", kValues);
  ExpressionUsage usage;
  ASSERT_TRUE(KeyCondition::Parse("#p = :p", attributes.view(), usage, kSchema).ok());
  Status unused = usage.CheckAllUsed(attributes.view());
  EXPECT_EQ(unused.message(), "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
