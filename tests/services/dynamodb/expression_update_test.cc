// UpdateExpression: a table of updates applied to one item (results compared
// by value, sets unordered), runtime failures that leave the item unchanged,
// and parse-time errors with AWS's messages.
#include <gtest/gtest.h>

#include <string>

#include "core/json.h"
#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Attributes;
using testing::ItemOf;

constexpr const char* kItem = R"({
  "id": {"S": "k"}, "n": {"N": "5"}, "s": {"S": "str"},
  "tags": {"SS": ["a", "b"]}, "nums": {"NS": ["1", "2"]},
  "lst": {"L": [{"N": "0"}, {"N": "1"}, {"N": "2"}, {"N": "3"}]},
  "mp": {"M": {"a": {"N": "1"}, "b": {"M": {"c": {"S": "deep"}}}}}
})";

constexpr const char* kValues = R"({
  ":zero": {"N": "0"}, ":one": {"N": "1"}, ":two": {"N": "2"}, ":three": {"N": "3"}, ":seven": {"N": "7"},
  ":ten": {"N": "10"}, ":s": {"S": "new"}, ":s2": {"S": "extra"}, ":more": {"L": [{"N": "4"}]},
  ":a": {"SS": ["a"]}, ":ab": {"SS": ["b", "a"]}, ":cd": {"SS": ["c", "a"]}, ":nums": {"NS": ["2.0", "3"]},
  ":n1": {"NS": ["1.0"]}, ":m": {"M": {"k": {"S": "v"}}},
  ":big": {"N": "9.9999999999999999999999999999999999999E+125"}
})";

constexpr const char* kNames = R"({"#st": "status", "#m": "mp", "#b": "b"})";

std::string Show(const Item& item) { return core::ToJson(core::Document(item)); }

bool SameItem(const Item& a, const Item& b) {
  if (a.size() != b.size()) return false;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    if (ia->first != ib->first || !AttributeValuesEqual(ia->second, ib->second)) return false;
  }
  return true;
}

StatusOr<UpdateExpression> ParseUpdate(const char* expression) {
  Attributes attributes(kNames, kValues);
  ExpressionUsage usage;
  return UpdateExpression::Parse(expression, attributes.view(), usage);
}

struct ApplyCase {
  const char* expression;
  const char* changes;  // attributes of the result that differ from kItem (null value: removed)
};

Item Expected(const char* changes) {
  Item item = ItemOf(kItem);
  const core::Document parsed = testing::Json(changes);
  for (const auto& [name, value] : parsed.AsMap()) {
    if (value.is_null()) {
      item.erase(name);
    } else {
      item.insert_or_assign(name, value);
    }
  }
  return item;
}

TEST(ExpressionUpdateTest, AppliesTable) {
  const ApplyCase cases[] = {
      {"SET n = :seven", R"({"n": {"N": "7"}})"},
      {"SET n = n + :one", R"({"n": {"N": "6"}})"},
      {"SET n = n - :ten", R"({"n": {"N": "-5"}})"},
      {"SET n = :one + :ten", R"({"n": {"N": "11"}})"},
      {"SET n=n+:one", R"({"n": {"N": "6"}})"},
      {"SET fresh = if_not_exists(fresh, :zero) + :one", R"({"fresh": {"N": "1"}})"},
      {"SET n = if_not_exists(n, :zero) + :one", R"({"n": {"N": "6"}})"},
      {"SET s = if_not_exists(s, :s)", R"({})"},
      {"SET lst = list_append(lst, :more)",
       R"({"lst": {"L": [{"N": "0"}, {"N": "1"}, {"N": "2"}, {"N": "3"}, {"N": "4"}]}})"},
      {"SET lst = list_append(:more, lst)",
       R"({"lst": {"L": [{"N": "4"}, {"N": "0"}, {"N": "1"}, {"N": "2"}, {"N": "3"}]}})"},
      {"SET fresh = list_append(if_not_exists(fresh, :more), :more)", R"({"fresh": {"L": [{"N": "4"}, {"N": "4"}]}})"},
      {"SET lst[1] = :ten", R"({"lst": {"L": [{"N": "0"}, {"N": "10"}, {"N": "2"}, {"N": "3"}]}})"},
      {"SET lst[10] = :ten", R"({"lst": {"L": [{"N": "0"}, {"N": "1"}, {"N": "2"}, {"N": "3"}, {"N": "10"}]}})"},
      {"SET mp.a = :ten, mp.b.c = :s", R"({"mp": {"M": {"a": {"N": "10"}, "b": {"M": {"c": {"S": "new"}}}}}})"},
      {"SET #m.#b.c = :s", R"({"mp": {"M": {"a": {"N": "1"}, "b": {"M": {"c": {"S": "new"}}}}}})"},
      {"SET mp.added = :m",
       R"({"mp": {"M": {"a": {"N": "1"}, "b": {"M": {"c": {"S": "deep"}}}, "added": {"M": {"k": {"S": "v"}}}}}})"},
      {"SET #st = :one", R"({"status": {"N": "1"}})"},
      {"SET n = s, s = n", R"({"n": {"S": "str"}, "s": {"N": "5"}})"},
      {"SET lst[0] = lst[3], lst[3] = lst[0]", R"({"lst": {"L": [{"N": "3"}, {"N": "1"}, {"N": "2"}, {"N": "0"}]}})"},
      {"SET mp.b.c = mp.a", R"({"mp": {"M": {"a": {"N": "1"}, "b": {"M": {"c": {"N": "1"}}}}}})"},
      {"REMOVE s", R"({"s": null})"},
      {"REMOVE s, n", R"({"s": null, "n": null})"},
      {"REMOVE lst[1], lst[2]", R"({"lst": {"L": [{"N": "0"}, {"N": "3"}]}})"},
      {"REMOVE lst[2], lst[0]", R"({"lst": {"L": [{"N": "1"}, {"N": "3"}]}})"},
      {"REMOVE mp.b.c", R"({"mp": {"M": {"a": {"N": "1"}, "b": {"M": {}}}}})"},
      {"REMOVE absent, mp.nope, lst[10], nope.deeper", R"({})"},
      {"ADD n :one", R"({"n": {"N": "6"}})"},
      {"ADD fresh :seven", R"({"fresh": {"N": "7"}})"},
      {"ADD tags :cd", R"({"tags": {"SS": ["a", "b", "c"]}})"},
      {"ADD nums :nums", R"({"nums": {"NS": ["1", "2", "3"]}})"},
      {"ADD fresh :a", R"({"fresh": {"SS": ["a"]}})"},
      {"ADD mp.a :one", R"({"mp": {"M": {"a": {"N": "2"}, "b": {"M": {"c": {"S": "deep"}}}}}})"},
      {"DELETE tags :a", R"({"tags": {"SS": ["b"]}})"},
      {"DELETE tags :ab", R"({"tags": null})"},
      {"DELETE tags :cd", R"({"tags": {"SS": ["b"]}})"},
      {"DELETE absent :a", R"({})"},
      {"DELETE nums :n1", R"({"nums": {"NS": ["2"]}})"},
      {"ADD n :one DELETE tags :a SET s = :s2 REMOVE mp",
       R"({"n": {"N": "6"}, "tags": {"SS": ["b"]}, "s": {"S": "extra"}, "mp": null})"},
      {"remove s set n = :one add tags :cd", R"({"s": null, "n": {"N": "1"}, "tags": {"SS": ["a", "b", "c"]}})"},
      {"REMOVE lst[0] SET lst[1] = :ten", R"({"lst": {"L": [{"N": "10"}, {"N": "2"}, {"N": "3"}]}})"},
  };
  for (const ApplyCase& c : cases) {
    StatusOr<UpdateExpression> update = ParseUpdate(c.expression);
    ASSERT_TRUE(update.ok()) << c.expression << ": " << update.status().message();
    Item item = ItemOf(kItem);
    Status applied = update->Apply(item);
    ASSERT_TRUE(applied.ok()) << c.expression << ": " << applied.message();
    Item expected = Expected(c.changes);
    EXPECT_TRUE(SameItem(item, expected)) << c.expression << "\n got:  " << Show(item) << "\n want: " << Show(expected);
  }
}

struct ErrorCase {
  const char* expression;
  const char* message;
};

TEST(ExpressionUpdateTest, RuntimeErrorsLeaveTheItemUnchanged) {
  const ErrorCase cases[] = {
      {"SET n = s + :one", "An operand in the update expression has an incorrect data type"},
      {"SET n = :one - s", "An operand in the update expression has an incorrect data type"},
      {"SET n = absent + :one", "The provided expression refers to an attribute that does not exist in the item"},
      {"SET n = absent", "The provided expression refers to an attribute that does not exist in the item"},
      {"SET lst = list_append(absent, :more)",
       "The provided expression refers to an attribute that does not exist in the item"},
      {"SET lst = list_append(n, :more)", "An operand in the update expression has an incorrect data type"},
      {"SET nope.x = :one", "The document path provided in the update expression is invalid for update"},
      {"SET s.x = :one", "The document path provided in the update expression is invalid for update"},
      {"SET n[0] = :one", "The document path provided in the update expression is invalid for update"},
      {"SET lst[10].x = :one", "The document path provided in the update expression is invalid for update"},
      {"SET mp[0] = :one", "The document path provided in the update expression is invalid for update"},
      {"REMOVE s.x", "The document path provided in the update expression is invalid for update"},
      {"ADD nope.x :one", "The document path provided in the update expression is invalid for update"},
      {"ADD s :one", "An operand in the update expression has an incorrect data type"},
      {"ADD tags :one", "An operand in the update expression has an incorrect data type"},
      {"ADD tags :nums", "An operand in the update expression has an incorrect data type"},
      {"ADD lst :a", "An operand in the update expression has an incorrect data type"},
      {"DELETE n :a", "An operand in the update expression has an incorrect data type"},
      {"DELETE tags :nums", "An operand in the update expression has an incorrect data type"},
      {"SET n = :big + :big",
       "Number overflow. Attempting to store a number with magnitude larger than supported range"},
      {"SET n = :ten, s = s + :one REMOVE id", "An operand in the update expression has an incorrect data type"},
  };
  for (const ErrorCase& c : cases) {
    StatusOr<UpdateExpression> update = ParseUpdate(c.expression);
    ASSERT_TRUE(update.ok()) << c.expression << ": " << update.status().message();
    Item item = ItemOf(kItem);
    Status applied = update->Apply(item);
    EXPECT_EQ(applied.code(), "ValidationException") << c.expression;
    EXPECT_EQ(applied.message(), c.message) << c.expression;
    EXPECT_TRUE(SameItem(item, ItemOf(kItem))) << c.expression << " changed the item: " << Show(item);
  }
}

TEST(ExpressionUpdateTest, RejectsInvalidExpressionsWithAwsMessages) {
  const ErrorCase cases[] = {
      {"", "Invalid UpdateExpression: The expression can not be empty;"},
      {"SET", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\""},
      {"SET n = :one,", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\""},
      {"SET n :one", "Invalid UpdateExpression: Syntax error; token: \":one\", near: \"n :one\""},
      {"UPDATE n = :one", "Invalid UpdateExpression: Syntax error; token: \"UPDATE\", near: \"UPDATE n\""},
      {"SET n = :one REMOVE", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"REMOVE\""},
      {"REMOVE n = :one", "Invalid UpdateExpression: Syntax error; token: \"=\", near: \"n = :one\""},
      {"ADD n n", "Invalid UpdateExpression: Syntax error; token: \"n\", near: \"n n\""},
      {"SET :one = n", "Invalid UpdateExpression: Syntax error; token: \":one\", near: \"SET :one =\""},
      {"SET n = :one + :two + :three", "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":two + :three\""},
      {"SET n = :one SET s = :two",
       "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"},
      {"REMOVE n remove s",
       "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;"},
      {"SET n = :one, n = :two",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [n], path two: [n]"},
      {"SET mp = :one REMOVE mp.a",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [mp], path two: [mp, a]"},
      {"SET mp.a = :one REMOVE mp",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [mp, a], path two: [mp]"},
      {"SET lst[0] = :one REMOVE lst.a",
       "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these "
       "paths; path one: [lst, [0]], path two: [lst, a]"},
      {"ADD n :one DELETE n :a",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [n], path two: [n]"},
      {"ADD s :s",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: "
       "STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
      {"ADD s :more",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, "
       "typeSet: ALLOWED_FOR_ADD_OPERAND"},
      {"DELETE tags :one",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: "
       "NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
      {"SET n = size(s)",
       "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
      {"SET n = attribute_exists(s)",
       "Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists"},
      {"SET n = foo(s)", "Invalid UpdateExpression: Invalid function name; function: foo"},
      {"SET n = if_not_exists(:one, :two)",
       "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"},
      {"SET n = if_not_exists(n)",
       "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: "
       "if_not_exists, number of operands: 1"},
      {"SET n = list_append(:one, lst)",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
       "list_append, operand type: N"},
      {"SET n = :s + :one",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand "
       "type: S"},
      {"SET status = :one", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status"},
      {"SET #nope = :one",
       "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute "
       "name: #nope"},
      {"SET n = :nope",
       "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: "
       ":nope"},
  };
  for (const ErrorCase& c : cases) {
    StatusOr<UpdateExpression> update = ParseUpdate(c.expression);
    ASSERT_FALSE(update.ok()) << c.expression;
    EXPECT_EQ(update.status().code(), "ValidationException");
    EXPECT_EQ(update.status().message(), c.message) << c.expression;
  }
}

TEST(ExpressionUpdateTest, TopLevelAttributesAndUpdatedAttributes) {
  StatusOr<UpdateExpression> update = ParseUpdate("SET mp.b.c = :s, n = n + :one REMOVE s ADD tags :cd");
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->TopLevelAttributes(), (std::vector<std::string>{"mp", "n", "s", "tags"}));
  Item item = ItemOf(kItem);
  Item old_values = update->UpdatedAttributes(item);
  EXPECT_TRUE(SameItem(old_values, ItemOf(R"({"mp": {"M": {"b": {"M": {"c": {"S": "deep"}}}}}, "n": {"N": "5"},
                                             "s": {"S": "str"}, "tags": {"SS": ["a", "b"]}})")))
      << Show(old_values);
  ASSERT_TRUE(update->Apply(item).ok());
  Item new_values = update->UpdatedAttributes(item);
  EXPECT_TRUE(SameItem(new_values, ItemOf(R"({"mp": {"M": {"b": {"M": {"c": {"S": "new"}}}}}, "n": {"N": "6"},
                                             "tags": {"SS": ["a", "b", "c"]}})")))
      << Show(new_values);
}

TEST(ExpressionUpdateTest, EmptyUpdateChangesNothing) {
  UpdateExpression nothing;
  Item item = ItemOf(kItem);
  EXPECT_TRUE(nothing.Apply(item).ok());
  EXPECT_TRUE(SameItem(item, ItemOf(kItem)));
  EXPECT_TRUE(nothing.TopLevelAttributes().empty());
}

TEST(ExpressionUpdateTest, ValuesAreStoredInCanonicalForm) {
  Attributes attributes("", R"({":v": {"N": "010.50"}, ":ns": {"NS": ["1.0", "02"]}})");
  ExpressionUsage usage;
  StatusOr<UpdateExpression> update = UpdateExpression::Parse("SET a = :v ADD b :ns", attributes.view(), usage);
  ASSERT_TRUE(update.ok());
  Item item;
  ASSERT_TRUE(update->Apply(item).ok());
  EXPECT_EQ(item.at("a"), testing::Json(R"({"N": "10.5"})"));
  EXPECT_EQ(item.at("b"), testing::Json(R"({"NS": ["1", "2"]})"));
}

TEST(ExpressionUpdateTest, ArithmeticIsDecimal) {
  Attributes attributes("", R"({":a": {"N": "0.1"}, ":b": {"N": "0.2"},
                                ":big": {"N": "12345678901234567890123456789012345678"}})");
  ExpressionUsage usage;
  StatusOr<UpdateExpression> update =
      UpdateExpression::Parse("SET x = :a + :b, y = :big - :a ADD z :big", attributes.view(), usage);
  ASSERT_TRUE(update.ok());
  Item item;
  Status applied = update->Apply(item);
  // :big - 0.1 needs 39 digits.
  EXPECT_EQ(applied.message(), "Attempting to store more than 38 significant digits in a Number");
  StatusOr<UpdateExpression> exact = UpdateExpression::Parse("SET x = :a + :b ADD z :big", attributes.view(), usage);
  ASSERT_TRUE(exact.ok());
  ASSERT_TRUE(exact->Apply(item).ok());
  ASSERT_TRUE(exact->Apply(item).ok());
  EXPECT_EQ(item.at("x"), testing::Json(R"({"N": "0.3"})"));
  EXPECT_EQ(item.at("z"), testing::Json(R"({"N": "24691357802469135780246913578024691356"})"));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
