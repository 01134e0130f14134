// Helpers for the DynamoDB value/expression tests: AttributeValues, items
// and expression attribute maps written as JSON.
#ifndef CLOUDEMU_TESTS_SERVICES_DYNAMODB_EXPRESSION_TEST_SUPPORT_H_
#define CLOUDEMU_TESTS_SERVICES_DYNAMODB_EXPRESSION_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/json.h"
#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb::testing {

// A Document from JSON; an empty text gives a null Document.
inline core::Document Json(std::string_view text) {
  if (text.empty()) return core::Document();
  StatusOr<core::Document> doc = core::FromJson(text);
  EXPECT_TRUE(doc.ok()) << "bad test JSON: " << text;
  return doc.ok() ? *doc : core::Document();
}

inline Item ItemOf(std::string_view json) { return Json(json).AsMap(); }

// One request's ExpressionAttributeNames/Values, owning its maps.
struct Attributes {
  core::Document names;
  core::Document values;
  Attributes(std::string_view names_json = "", std::string_view values_json = "")
      : names(Json(names_json)), values(Json(values_json)) {}
  ExpressionAttributes view() const {
    return ExpressionAttributes{names.is_null() ? nullptr : &names, values.is_null() ? nullptr : &values};
  }
};

}  // namespace cloudemu::services::dynamodb::testing

#endif  // CLOUDEMU_TESTS_SERVICES_DYNAMODB_EXPRESSION_TEST_SUPPORT_H_
