// The legacy parameters translated into expressions: Expected,
// QueryFilter/ScanFilter, AttributeUpdates and KeyConditions.
#include <gtest/gtest.h>

#include "core/json.h"
#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::ItemOf;
using testing::Json;

constexpr const char* kItem = R"({
  "id": {"S": "k"}, "n": {"N": "5"}, "s": {"S": "hello"}, "tags": {"SS": ["a", "b"]},
  "list": {"L": [{"S": "x"}]}
})";

bool FilterMatches(const char* filter, const char* op = "") {
  StatusOr<ConditionExpression> condition = ConditionFromFilter(Json(filter), Json(op), "ScanFilter");
  EXPECT_TRUE(condition.ok()) << filter << ": " << condition.status().message();
  return condition.ok() && *condition->Evaluate(ItemOf(kItem));
}

TEST(ExpressionLegacyTest, FilterComparisonOperators) {
  const std::pair<const char*, bool> cases[] = {
      {R"({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "5.0"}]}})", true},
      {R"({"n": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "5"}]}})", false},
      {R"({"missing": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "5"}]}})", true},
      {R"({"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "6"}]}})", true},
      {R"({"n": {"ComparisonOperator": "LE", "AttributeValueList": [{"N": "5"}]}})", true},
      {R"({"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "5"}]}})", false},
      {R"({"n": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "5"}]}})", true},
      {R"({"n": {"ComparisonOperator": "NOT_NULL"}})", true},
      {R"({"n": {"ComparisonOperator": "NULL"}})", false},
      {R"({"missing": {"ComparisonOperator": "NULL"}})", true},
      {R"({"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "ell"}]}})", true},
      {R"({"tags": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}})", true},
      {R"({"tags": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "a"}]}})", false},
      {R"({"list": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "x"}]}})", true},
      {R"({"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "he"}]}})", true},
      {R"({"n": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "1"}, {"N": "5"}]}})", true},
      {R"({"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "4"}]}})", false},
      {R"({"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "5"}, {"N": "9"}]}})", true},
      // Several conditions: AND by default.
      {R"({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "5"}]},
           "s": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "nope"}]}})",
       false},
  };
  for (const auto& [filter, expected] : cases) EXPECT_EQ(FilterMatches(filter), expected) << filter;
  EXPECT_TRUE(FilterMatches(R"({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "5"}]},
                                "s": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "nope"}]}})",
                            R"("OR")"));
}

std::string FilterError(const char* filter, const char* op = "") {
  StatusOr<ConditionExpression> condition = ConditionFromFilter(Json(filter), Json(op), "QueryFilter");
  return condition.ok() ? "OK" : condition.status().message();
}

TEST(ExpressionLegacyTest, FilterErrors) {
  EXPECT_EQ(FilterError(R"({"n": {"ComparisonOperator": "EQ"}})"),
            "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
  EXPECT_EQ(FilterError(R"({"n": {"ComparisonOperator": "NULL", "AttributeValueList": [{"N": "1"}]}})"),
            "One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator");
  EXPECT_EQ(FilterError(R"({"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"SS": ["a"]}]}})"),
            "One or more parameter values were invalid: ComparisonOperator LT is not valid for SS AttributeValue type");
  EXPECT_EQ(
      FilterError(R"({"n": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}})"),
      "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue "
      "type");
  EXPECT_EQ(
      FilterError(R"({"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"S": "a"}]}})"),
      "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
  EXPECT_EQ(FilterError(R"({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "x"}]}})"),
            "The parameter cannot be converted to a numeric value: x");
  EXPECT_EQ(
      FilterError(R"({"n": {"AttributeValueList": [{"N": "1"}]}})"),
      "One or more parameter values were invalid: ComparisonOperator is required in QueryFilter for Attribute: n");
  EXPECT_EQ(FilterError(R"({})"), "OK");
}

std::string ExpectedOutcome(const char* expected, const char* op = "") {
  StatusOr<ConditionExpression> condition = ConditionFromExpected(Json(expected), Json(op));
  if (!condition.ok()) return condition.status().message();
  return *condition->Evaluate(ItemOf(kItem)) ? "true" : "false";
}

TEST(ExpressionLegacyTest, Expected) {
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "5"}}})"), "true");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "6"}, "Exists": true}})"), "false");
  EXPECT_EQ(ExpectedOutcome(R"({"missing": {"Exists": false}})"), "true");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Exists": false}})"), "false");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]}})"), "true");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "1"}}, "s": {"Value": {"S": "hello"}}})", R"("OR")"), "true");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "1"}}, "s": {"Value": {"S": "hello"}}})", R"("AND")"), "false");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Exists": true}})"),
            "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: n");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {}})"),
            "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: n");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Exists": false, "Value": {"N": "5"}}})"),
            "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: n");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "5"}, "ComparisonOperator": "EQ"}})"),
            "One or more parameter values were invalid: Value and ComparisonOperator cannot be used together for "
            "Attribute: n");
  EXPECT_EQ(ExpectedOutcome(R"({"n": {"Value": {"N": "1"}}})", R"("XOR")"),
            "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member "
            "must satisfy enum value set: [OR, AND]");
  EXPECT_TRUE(ConditionFromExpected(core::Document(), core::Document())->empty());
}

std::string Updated(const char* updates) {
  StatusOr<UpdateExpression> update = UpdateFromAttributeUpdates(Json(updates));
  if (!update.ok()) return update.status().message();
  Item item = ItemOf(kItem);
  Status applied = update->Apply(item);
  if (!applied.ok()) return applied.message();
  return core::ToJson(core::Document(item));
}

std::string ItemWith(const char* changes) {
  Item item = ItemOf(kItem);
  const core::Document parsed = Json(changes);
  for (const auto& [name, value] : parsed.AsMap()) {
    if (value.is_null()) {
      item.erase(name);
    } else {
      item.insert_or_assign(name, value);
    }
  }
  return core::ToJson(core::Document(item));
}

TEST(ExpressionLegacyTest, AttributeUpdates) {
  EXPECT_EQ(Updated(R"({"s": {"Value": {"S": "bye"}}})"), ItemWith(R"({"s": {"S": "bye"}})"));
  EXPECT_EQ(Updated(R"({"s": {"Action": "PUT", "Value": {"N": "1.50"}}})"), ItemWith(R"({"s": {"N": "1.5"}})"));
  EXPECT_EQ(Updated(R"({"s": {"Action": "DELETE"}})"), ItemWith(R"({"s": null})"));
  EXPECT_EQ(Updated(R"({"tags": {"Action": "DELETE", "Value": {"SS": ["a", "b"]}}})"), ItemWith(R"({"tags": null})"));
  EXPECT_EQ(Updated(R"({"tags": {"Action": "DELETE", "Value": {"SS": ["a"]}}})"),
            ItemWith(R"({"tags": {"SS": ["b"]}})"));
  EXPECT_EQ(Updated(R"({"n": {"Action": "ADD", "Value": {"N": "-7"}}})"), ItemWith(R"({"n": {"N": "-2"}})"));
  EXPECT_EQ(Updated(R"({"fresh": {"Action": "ADD", "Value": {"N": "3"}}})"), ItemWith(R"({"fresh": {"N": "3"}})"));
  EXPECT_EQ(Updated(R"({"tags": {"Action": "ADD", "Value": {"SS": ["c"]}}})"),
            ItemWith(R"({"tags": {"SS": ["a", "b", "c"]}})"));
  EXPECT_EQ(Updated(R"({"list": {"Action": "ADD", "Value": {"L": [{"S": "y"}]}}})"),
            ItemWith(R"({"list": {"L": [{"S": "x"}, {"S": "y"}]}})"));
  EXPECT_EQ(Updated(R"({"n": {"Action": "DELETE"}, "s": {"Value": {"S": "v"}},
                        "tags": {"Action": "ADD", "Value": {"SS": ["z"]}}})"),
            ItemWith(R"({"n": null, "s": {"S": "v"}, "tags": {"SS": ["a", "b", "z"]}})"));
  EXPECT_EQ(Updated(R"({"s": {"Action": "PUT"}})"),
            "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is "
            "specified");
  EXPECT_EQ(Updated(R"({"s": {"Action": "ADD", "Value": {"S": "x"}}})"),
            "One or more parameter values were invalid: ADD action is not supported for the type S");
  EXPECT_EQ(Updated(R"({"s": {"Action": "DELETE", "Value": {"S": "x"}}})"),
            "One or more parameter values were invalid: DELETE action with value is not supported for the type S");
  EXPECT_EQ(Updated(R"({"s": {"Action": "ADD", "Value": {"N": "1"}}})"),
            "An operand in the update expression has an incorrect data type");
  StatusOr<UpdateExpression> update =
      UpdateFromAttributeUpdates(Json(R"({"b": {"Action": "DELETE"}, "a": {"Value": {"N": "1"}}})"));
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->TopLevelAttributes(), (std::vector<std::string>{"a", "b"}));
}

TEST(ExpressionLegacyTest, KeyConditions) {
  const KeySchemaNames schema{"pk", "sk", "S", "N"};
  StatusOr<KeyCondition> condition =
      KeyConditionFromLegacy(Json(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "u"}]},
               "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "3.0"}]}})"),
                             schema);
  ASSERT_TRUE(condition.ok()) << condition.status().message();
  EXPECT_EQ(condition->partition_value, Json(R"({"S": "u"})"));
  ASSERT_TRUE(condition->sort.has_value());
  EXPECT_EQ(condition->sort->op, "BETWEEN");
  EXPECT_EQ(condition->sort->high, Json(R"({"N": "3"})"));
  EXPECT_TRUE(condition->MatchesSort(Json(R"({"N": "2"})")));
  EXPECT_FALSE(condition->MatchesSort(Json(R"({"N": "4"})")));

  auto error = [&](const char* json) {
    StatusOr<KeyCondition> c = KeyConditionFromLegacy(Json(json), schema);
    return c.ok() ? std::string("OK") : c.status().message();
  };
  EXPECT_EQ(error(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "u"}]}})"), "OK");
  EXPECT_EQ(error(R"({"sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}})"),
            "Query condition missed key schema element: pk");
  EXPECT_EQ(error(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "u"}]},
                      "sk": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "1"}]}})"),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(error(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "u"}]},
                      "sk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "1"}]}})"),
            "One or more parameter values were invalid: Condition parameter type does not match schema type");
  EXPECT_EQ(error(R"({"pk": {"ComparisonOperator": "GT", "AttributeValueList": [{"S": "u"}]}})"),
            "Query key condition not supported");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
