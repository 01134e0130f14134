// ProjectionExpression and AttributesToGet: nested members and list elements
// keep their structure; missing parts are left out; overlaps are rejected.
#include <gtest/gtest.h>

#include "core/json.h"
#include "expression_test_support.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

using testing::Attributes;
using testing::ItemOf;

constexpr const char* kItem = R"({
  "id": {"S": "k"}, "n": {"N": "5"},
  "lst": {"L": [{"S": "a"}, {"M": {"x": {"N": "1"}, "y": {"N": "2"}}}, {"S": "c"}]},
  "mp": {"M": {"a": {"N": "1"}, "b": {"M": {"c": {"S": "deep"}, "d": {"S": "extra"}}}}},
  "status": {"S": "on"}
})";

std::string Project(const char* expression, const char* names = R"({"#s": "status", "#m": "mp"})") {
  Attributes attributes(names);
  ExpressionUsage usage;
  StatusOr<ProjectionExpression> projection = ProjectionExpression::Parse(expression, attributes.view(), usage);
  if (!projection.ok()) return projection.status().message();
  return core::ToJson(core::Document(projection->Apply(ItemOf(kItem))));
}

std::string JsonOf(const char* json) { return core::ToJson(testing::Json(json)); }

TEST(ExpressionProjectionTest, ProjectsTable) {
  const std::pair<const char*, const char*> cases[] = {
      {"id", R"({"id": {"S": "k"}})"},
      {"id, n", R"({"id": {"S": "k"}, "n": {"N": "5"}})"},
      {"absent", R"({})"},
      {"#s", R"({"status": {"S": "on"}})"},
      {"mp.a", R"({"mp": {"M": {"a": {"N": "1"}}}})"},
      {"#m.b.c", R"({"mp": {"M": {"b": {"M": {"c": {"S": "deep"}}}}}})"},
      {"mp.a, mp.b.d", R"({"mp": {"M": {"a": {"N": "1"}, "b": {"M": {"d": {"S": "extra"}}}}}})"},
      {"mp.nope", R"({})"},
      {"mp.a.deeper", R"({})"},
      {"lst[0]", R"({"lst": {"L": [{"S": "a"}]}})"},
      {"lst[2], lst[0]", R"({"lst": {"L": [{"S": "a"}, {"S": "c"}]}})"},
      {"lst[1].y", R"({"lst": {"L": [{"M": {"y": {"N": "2"}}}]}})"},
      {"lst[7]", R"({})"},
      {"lst[1].y, lst[5], id", R"({"id": {"S": "k"}, "lst": {"L": [{"M": {"y": {"N": "2"}}}]}})"},
      {"n[0]", R"({})"},
  };
  for (const auto& [expression, expected] : cases) EXPECT_EQ(Project(expression), JsonOf(expected)) << expression;
}

TEST(ExpressionProjectionTest, RejectsInvalidProjections) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "Invalid ProjectionExpression: The expression can not be empty;"},
      {"id,", "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\""},
      {"id n", "Invalid ProjectionExpression: Syntax error; token: \"n\", near: \"id n\""},
      {":v", "Invalid ProjectionExpression: Syntax error; token: \":v\", near: \":v\""},
      {"size(id)", "Invalid ProjectionExpression: Syntax error; token: \"size\", near: \"size(\""},
      {"status", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
      {"#x",
       "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; "
       "attribute name: #x"},
      {"mp, mp.a",
       "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [mp], path two: [mp, a]"},
      {"id, id",
       "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [id], path two: [id]"},
      {"lst[0].x, lst.x",
       "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these "
       "paths; path one: [lst, [0], x], path two: [lst, x]"},
  };
  for (const auto& [expression, message] : cases) EXPECT_EQ(Project(expression), message) << expression;
}

TEST(ExpressionProjectionTest, AttributesToGetAndWholeItem) {
  ProjectionExpression legacy = ProjectionExpression::FromAttributeNames({"n", "status", "absent", "n"});
  EXPECT_EQ(core::ToJson(core::Document(legacy.Apply(ItemOf(kItem)))),
            JsonOf(R"({"n": {"N": "5"}, "status": {"S": "on"}})"));
  EXPECT_EQ(legacy.TopLevelAttributes(), (std::vector<std::string>{"n", "status", "absent"}));
  ProjectionExpression whole;
  EXPECT_TRUE(whole.empty());
  EXPECT_EQ(whole.Apply(ItemOf(kItem)).size(), 5u);
}

TEST(ExpressionProjectionTest, TopLevelAttributesInFirstUseOrder) {
  Attributes attributes;
  ExpressionUsage usage;
  StatusOr<ProjectionExpression> projection =
      ProjectionExpression::Parse("mp.a, id, mp.b, lst[0]", attributes.view(), usage);
  ASSERT_TRUE(projection.ok());
  EXPECT_EQ(projection->TopLevelAttributes(), (std::vector<std::string>{"mp", "id", "lst"}));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
