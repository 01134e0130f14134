// ConditionExpression / FilterExpression: a table of expressions evaluated
// against one item, and a table of invalid expressions with AWS's messages.
#include <gtest/gtest.h>

#include <string>

#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Attributes;
using testing::ItemOf;

constexpr const char* kItem = R"({
  "id": {"S": "item1"},
  "n": {"N": "10"},
  "price": {"N": "19.99"},
  "title": {"S": "Widget Pro"},
  "tags": {"SS": ["red", "blue"]},
  "nums": {"NS": ["1", "2.5"]},
  "lst": {"L": [{"S": "a"}, {"N": "2"}, {"M": {"x": {"S": "y"}}}]},
  "mp": {"M": {"inr": {"M": {"deep": {"N": "5"}}}, "s": {"S": "str"}, "arr": {"L": [{"N": "1"}, {"N": "2"}]}}},
  "flag": {"BOOL": true},
  "nothing": {"NULL": true},
  "blank": {"S": ""}
})";

constexpr const char* kValues = R"({
  ":zero": {"N": "0"}, ":one": {"N": "1"}, ":two": {"N": "2.0"}, ":three": {"N": "3"}, ":five": {"N": "5"},
  ":ten": {"N": "10.0"}, ":eleven": {"N": "11"}, ":twenty": {"N": "20"}, ":two5": {"N": "2.50"},
  ":w": {"S": "Widget"}, ":wid": {"S": "Wid"}, ":pro": {"S": "Pro"}, ":s10": {"S": "10"}, ":st": {"S": "st"},
  ":red": {"S": "red"}, ":green": {"S": "green"}, ":a": {"S": "a"}, ":mapxy": {"M": {"x": {"S": "y"}}},
  ":N": {"S": "N"}, ":SS": {"S": "SS"}, ":S": {"S": "S"}, ":true": {"BOOL": true}, ":null": {"NULL": true},
  ":tagsrev": {"SS": ["blue", "red"]}, ":list": {"L": []}, ":bogus": {"S": "XX"}
})";

constexpr const char* kNames = R"({"#n": "n", "#m": "mp", "#i": "inr", "#d": "deep", "#s": "status"})";

struct EvalCase {
  const char* expression;
  bool expected;
};

bool Evaluate(const char* expression) {
  Attributes attributes(kNames, kValues);
  ExpressionUsage usage;
  StatusOr<ConditionExpression> condition = ConditionExpression::Parse(expression, attributes.view(), usage);
  EXPECT_TRUE(condition.ok()) << expression << ": " << condition.status().message();
  if (!condition.ok()) return false;
  StatusOr<bool> result = condition->Evaluate(ItemOf(kItem));
  EXPECT_TRUE(result.ok());
  return result.ok() && *result;
}

TEST(ExpressionConditionTest, EvaluatesTable) {
  const EvalCase cases[] = {
      // Comparators; numbers by value, types must match.
      {"n = :ten", true},
      {"n <> :ten", false},
      {"n < :eleven", true},
      {"n <= :ten", true},
      {"n > :ten", false},
      {"n >= :ten", true},
      {"price < :twenty", true},
      {"price > :ten", true},
      {"title = :w", false},
      {"title > :w", true},
      {"n = :s10", false},
      {"n < :s10", false},
      {"n <> :s10", true},
      {"n = n", true},
      {"flag = :true", true},
      {"nothing = :null", true},
      {"tags = :tagsrev", true},
      {"mp.arr = :list", false},
      // Missing attributes.
      {"absent = :ten", false},
      {"absent <> :ten", true},
      {"absent < :ten", false},
      {"absent = also_missing", false},
      // BETWEEN / IN.
      {"n BETWEEN :one AND :ten", true},
      {"n BETWEEN :eleven AND :twenty", false},
      {"price BETWEEN :ten AND :twenty", true},
      {"n BETWEEN :wid AND :w", false},
      {"n IN (:one, :ten)", true},
      {"n IN (:one)", false},
      {"n IN (:one, :two, :ten)", true},
      {"absent IN (:one)", false},
      // Functions.
      {"attribute_exists(n)", true},
      {"attribute_exists(absent)", false},
      {"attribute_not_exists(absent)", true},
      {"attribute_not_exists(n)", false},
      {"attribute_exists(mp.inr.deep)", true},
      {"attribute_exists(mp.inr.nope)", false},
      {"attribute_exists(lst[2].x)", true},
      {"attribute_exists(lst[3])", false},
      {"attribute_exists(mp[0])", false},
      {"attribute_exists(lst.x)", false},
      {"attribute_type(n, :N)", true},
      {"attribute_type(tags, :SS)", true},
      {"attribute_type(n, :S)", false},
      {"attribute_type(absent, :S)", false},
      {"begins_with(title, :wid)", true},
      {"begins_with(title, :pro)", false},
      {"begins_with(absent, :wid)", false},
      {"begins_with(n, :s10)", false},
      {"contains(title, :pro)", true},
      {"contains(tags, :red)", true},
      {"contains(tags, :green)", false},
      {"contains(nums, :two5)", true},
      {"contains(nums, :three)", false},
      {"contains(lst, :a)", true},
      {"contains(lst, :mapxy)", true},
      {"contains(lst, :two)", true},
      {"contains(title, :ten)", false},
      {"contains(mp.s, :st)", true},
      {"contains(absent, :st)", false},
      {"size(title) = :ten", true},
      {"size(tags) = :two", true},
      {"size(lst) = :three", true},
      {"size(mp) = :three", true},
      {"size(mp.arr) < :three", true},
      {"size(blank) = :zero", true},
      {"size(n) = :two", false},
      {"size(absent) > :zero", false},
      {"size(title) > size(tags)", true},
      // Paths.
      {"mp.inr.deep = :five", true},
      {"lst[1] = :two", true},
      {"mp.arr[1] = :two", true},
      {"lst[0] = :a", true},
      {"#n = :ten", true},
      {"#m.#i.#d = :five", true},
      {"#m.inr.#d = :five", true},
      // Logic and precedence: NOT binds tighter than AND, AND tighter than OR.
      {"NOT n = :ten", false},
      {"NOT (n = :ten)", false},
      {"NOT NOT n = :ten", true},
      {"n = :ten OR n = :one AND title = :w", true},
      {"NOT n = :ten AND n = :one", false},
      {"(n = :ten OR n = :one) AND title = :w", false},
      {"n = :one OR (n = :ten AND NOT title = :w)", true},
      {"n = :ten and title <> :w", true},
      {"n = :ten AnD NOT attribute_exists(absent) oR n = :one", true},
      {"((n = :ten))", true},
      {"attribute_exists(n) AND attribute_not_exists(absent) AND contains(tags, :red)", true},
      {"n=:ten AND(title<>:w)", true},
  };
  for (const EvalCase& c : cases) EXPECT_EQ(Evaluate(c.expression), c.expected) << c.expression;
}

TEST(ExpressionConditionTest, DefaultConditionHoldsForEveryItem) {
  ConditionExpression always;
  EXPECT_TRUE(always.empty());
  EXPECT_TRUE(*always.Evaluate(Item()));
}

struct ErrorCase {
  const char* expression;
  const char* message;
};

std::string ParseError(const char* expression, const char* parameter = "ConditionExpression",
                       const char* names = kNames, const char* values = kValues) {
  Attributes attributes(names, values);
  ExpressionUsage usage;
  StatusOr<ConditionExpression> condition = ConditionExpression::Parse(expression, attributes.view(), usage, parameter);
  if (condition.ok()) return "OK";
  EXPECT_EQ(condition.status().code(), "ValidationException");
  EXPECT_EQ(condition.status().http_status(), 400);
  return condition.status().message();
}

TEST(ExpressionConditionTest, RejectsInvalidExpressionsWithAwsMessages) {
  std::string in101 = "n IN (:one";
  for (int i = 0; i < 100; ++i) in101 += ", :one";
  in101 += ")";
  const ErrorCase cases[] = {
      {"", "Invalid ConditionExpression: The expression can not be empty;"},
      {"   ", "Invalid ConditionExpression: The expression can not be empty;"},
      {"n =", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\""},
      {"n = :ten :one", "Invalid ConditionExpression: Syntax error; token: \":one\", near: \":ten :one\""},
      {"n == :ten", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :ten\""},
      {"n = :ten AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"(n = :ten", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":ten\""},
      {"n = :ten)", "Invalid ConditionExpression: Syntax error; token: \")\", near: \":ten)\""},
      {"n $ :ten", "Invalid ConditionExpression: Syntax error; token: \"$\", near: \"n $ :ten\""},
      {"a.b[x] = :ten", "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\""},
      {"n BETWEEN :one :ten", "Invalid ConditionExpression: Syntax error; token: \":ten\", near: \":one :ten\""},
      {"n", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"n\""},
      {"n < :one < :ten", "Invalid ConditionExpression: Syntax error; token: \"<\", near: \":one < :ten\""},
      {"status = :ten", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
      {"a.Size = :ten", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size"},
      {"#s = :ten AND #x = :one",
       "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
       "attribute name: #x"},
      {"n = :undefined",
       "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute "
       "value: :undefined"},
      // A syntax error wins over semantic ones earlier in the text.
      {"status = :undefined AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"foo(n)", "Invalid ConditionExpression: Invalid function name; function: foo"},
      {"Attribute_Exists(n)", "Invalid ConditionExpression: Invalid function name; function: Attribute_Exists"},
      {"size(n)",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"},
      {"attribute_exists(n) = :ten",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
       "attribute_exists"},
      {"attribute_exists(n, title)",
       "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
       "attribute_exists, number of operands: 2"},
      {"contains(title)",
       "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
       "contains, number of operands: 1"},
      {"attribute_exists(:ten)",
       "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
       "attribute_exists"},
      {"size(:ten) = :one",
       "Invalid ConditionExpression: Operator or function requires a document path; operator or function: size"},
      {"list_append(a, b) = :ten",
       "Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append"},
      {"if_not_exists(a, :one) = :ten",
       "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists"},
      {"begins_with(title, :ten)",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "begins_with, operand type: N"},
      {"attribute_type(n, :ten)",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "attribute_type, operand type: N"},
      {"attribute_type(n, :bogus)",
       "Invalid ConditionExpression: Invalid attribute type name found; type: XX, valid types: { "
       "B,NULL,SS,BOOL,L,BS,N,NS,S,M }"},
      {"n BETWEEN :ten AND :one",
       "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
       "bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"},
      {"n BETWEEN :one AND :w",
       "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower "
       "bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:Widget}"},
      {in101.c_str(),
       "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101"},
      {"n < :list",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, "
       "operand type: L"},
      {"n BETWEEN :true AND :true",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, "
       "operand type: BOOL"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(ParseError(c.expression), c.message) << c.expression;
}

TEST(ExpressionConditionTest, MessagesNameTheRequestMember) {
  EXPECT_EQ(ParseError("n = ", "FilterExpression"),
            "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
  EXPECT_EQ(ParseError("name = :ten", "FilterExpression"),
            "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name");
}

TEST(ExpressionConditionTest, EnforcesSizeAndOperatorLimits) {
  const std::string at_limit = "n = :one" + std::string(4088, ' ');  // 4096 bytes
  EXPECT_EQ(ParseError(at_limit.c_str()), "OK");
  const std::string too_long = at_limit + " ";
  EXPECT_EQ(
      ParseError(too_long.c_str()),
      "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
  std::string many = "n = :one";
  for (int i = 0; i < 149; ++i) many += " OR n = :one";  // 299 operators
  EXPECT_EQ(ParseError(many.c_str()), "OK");
  many += " OR size(n) = :one";  // 302: OR, size, =
  EXPECT_EQ(ParseError(many.c_str()),
            "Invalid ConditionExpression: The expression contains too many operators; operator count: 302");
}

TEST(ExpressionConditionTest, HundredInOperandsAreAllowed) {
  std::string in100 = "n IN (:one";
  for (int i = 0; i < 98; ++i) in100 += ", :one";
  in100 += ", :ten)";
  EXPECT_TRUE(Evaluate(in100.c_str()));
}

TEST(ExpressionConditionTest, ParsedConditionIsSharedAndReusable) {
  Attributes attributes(kNames, kValues);
  ExpressionUsage usage;
  StatusOr<ConditionExpression> parsed = ConditionExpression::Parse("n > :five", attributes.view(), usage);
  ASSERT_TRUE(parsed.ok());
  ConditionExpression copy = *parsed;  // the tree is shared, not re-parsed
  EXPECT_TRUE(*copy.Evaluate(ItemOf(R"({"n":{"N":"6"}})")));
  EXPECT_FALSE(*copy.Evaluate(ItemOf(R"({"n":{"N":"5.0"}})")));
  EXPECT_FALSE(*parsed->Evaluate(ItemOf(R"({"n":{"S":"6"}})")));
}

TEST(ExpressionConditionTest, BinaryComparesAsUnsignedBytes) {
  core::Document values = core::Document::Map();
  values.Set(":low", MakeValue("B", core::Blob{"\x01"}));
  values.Set(":prefix", MakeValue("B", core::Blob{"\xff"}));
  ExpressionAttributes attributes{nullptr, &values};
  ExpressionUsage usage;
  Item item;
  item.emplace("b", MakeValue("B", core::Blob{"\xff\x10"}));
  StatusOr<ConditionExpression> greater = ConditionExpression::Parse("b > :low", attributes, usage);
  ASSERT_TRUE(greater.ok());
  EXPECT_TRUE(*greater->Evaluate(item));
  StatusOr<ConditionExpression> begins = ConditionExpression::Parse("begins_with(b, :prefix)", attributes, usage);
  ASSERT_TRUE(begins.ok());
  EXPECT_TRUE(*begins->Evaluate(item));
  StatusOr<ConditionExpression> contains = ConditionExpression::Parse("contains(b, :prefix)", attributes, usage);
  ASSERT_TRUE(contains.ok());
  EXPECT_TRUE(*contains->Evaluate(item));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
