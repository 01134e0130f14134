// AttributeValues: types, validation with AWS's messages, normalisation,
// equality (numbers by value, sets unordered), key ordering and item sizes.
#include "services/dynamodb/attribute_values.h"

#include <gtest/gtest.h>

#include "expression_test_support.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Blob;
using core::Document;
using testing::ItemOf;
using testing::Json;

std::string Validation(std::string_view json) {
  Status s = ValidateAttributeValue(Json(json));
  return s.ok() ? "OK" : s.message();
}

TEST(AttributeValuesTest, TypeOfAndPayload) {
  EXPECT_EQ(TypeOf(Json(R"({"S":"x"})")), "S");
  EXPECT_EQ(TypeOf(Json(R"({"NULL":true})")), "NULL");
  EXPECT_EQ(TypeOf(Json(R"({"BS":[]})")), "BS");
  EXPECT_EQ(TypeOf(Json(R"({"X":"x"})")), "");
  EXPECT_EQ(TypeOf(Json(R"({"S":"x","N":"1"})")), "");
  EXPECT_EQ(TypeOf(Json(R"("x")")), "");
  EXPECT_EQ(Payload(Json(R"({"N":"7"})")).AsString(), "7");
  EXPECT_TRUE(Payload(Json(R"({})")).is_null());
  EXPECT_EQ(MakeValue("S", "v"), Json(R"({"S":"v"})"));
}

TEST(AttributeValuesTest, ValidatesWithAwsMessages) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"S":"x"})", "OK"},
      {R"({"S":""})", "OK"},
      {R"({"N":"-1.5e3"})", "OK"},
      {R"({"BOOL":false})", "OK"},
      {R"({"NULL":true})", "OK"},
      {R"({"L":[{"S":"a"},{"L":[]}]})", "OK"},
      {R"({"M":{"a":{"NS":["1","2"]}}})", "OK"},
      {R"({})", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
      {R"({"S":"x","N":"1"})",
       "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
      {R"({"N":"abc"})", "The parameter cannot be converted to a numeric value: abc"},
      {R"({"N":"1234567890123456789012345678901234567890"})",
       "Attempting to store more than 38 significant digits in a Number"},
      {R"({"NULL":false})",
       "One or more parameter values were invalid: Null attribute value types must have the value of true"},
      {R"({"SS":[]})", "One or more parameter values were invalid: An string set  may not be empty"},
      {R"({"NS":[]})", "One or more parameter values were invalid: An number set  may not be empty"},
      {R"({"BS":[]})", "One or more parameter values were invalid: An binary set  may not be empty"},
      {R"({"SS":["a","b","a"]})",
       "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates."},
      {R"({"NS":["1","1.0"]})",
       "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates."},
      {R"({"NS":["1","x"]})", "The parameter cannot be converted to a numeric value: x"},
      {R"({"M":{"a":{"N":"bad"}}})", "The parameter cannot be converted to a numeric value: bad"},
      {R"({"L":[{"SS":[]}]})", "One or more parameter values were invalid: An string set  may not be empty"},
  };
  for (const auto& [json, expected] : cases) EXPECT_EQ(Validation(json), expected) << json;
}

TEST(AttributeValuesTest, ValidateItemChecksEveryAttribute) {
  EXPECT_TRUE(ValidateItem(ItemOf(R"({"a":{"S":"x"},"b":{"N":"2"}})")).ok());
  Status bad = ValidateItem(ItemOf(R"({"a":{"S":"x"},"b":{"N":"two"}})"));
  EXPECT_EQ(bad.code(), "ValidationException");
  EXPECT_EQ(bad.message(), "The parameter cannot be converted to a numeric value: two");
}

TEST(AttributeValuesTest, NormalizesNumbersEverywhere) {
  EXPECT_EQ(NormalizeValue(Json(R"({"N":"1.50"})")), Json(R"({"N":"1.5"})"));
  EXPECT_EQ(NormalizeValue(Json(R"({"NS":["01","2e1"]})")), Json(R"({"NS":["1","20"]})"));
  EXPECT_EQ(NormalizeValue(Json(R"({"M":{"a":{"L":[{"N":"-0"},{"S":"1.0"}]}}})")),
            Json(R"({"M":{"a":{"L":[{"N":"0"},{"S":"1.0"}]}}})"));
  Item item = ItemOf(R"({"n":{"N":"100.000"},"s":{"S":"x"}})");
  NormalizeItem(item);
  EXPECT_EQ(item.at("n"), Json(R"({"N":"100"})"));
}

TEST(AttributeValuesTest, EqualityByValue) {
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"N":"1"})"), Json(R"({"N":"1.00"})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"N":"1"})"), Json(R"({"S":"1"})")));
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"SS":["a","b"]})"), Json(R"({"SS":["b","a"]})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"SS":["a","b"]})"), Json(R"({"SS":["a","c"]})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"SS":["a"]})"), Json(R"({"SS":["a","b"]})")));
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"NS":["1","20"]})"), Json(R"({"NS":["2e1","1.0"]})")));
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"L":[{"N":"1"},{"S":"x"}]})"), Json(R"({"L":[{"N":"1.0"},{"S":"x"}]})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"L":[{"N":"1"},{"S":"x"}]})"), Json(R"({"L":[{"S":"x"},{"N":"1"}]})")));
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"M":{"a":{"N":"5"},"b":{"NULL":true}}})"),
                                   Json(R"({"M":{"b":{"NULL":true},"a":{"N":"5.0"}}})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"M":{"a":{"N":"5"}}})"), Json(R"({"M":{"a":{"N":"6"}}})")));
  EXPECT_TRUE(AttributeValuesEqual(Document(MakeValue("B", Blob{"\x01\xff"})), MakeValue("B", Blob{"\x01\xff"})));
  EXPECT_TRUE(AttributeValuesEqual(Json(R"({"BOOL":true})"), Json(R"({"BOOL":true})")));
  EXPECT_FALSE(AttributeValuesEqual(Json(R"({"BOOL":true})"), Json(R"({"BOOL":false})")));
}

TEST(AttributeValuesTest, KeyOrdering) {
  EXPECT_LT(CompareKeyValues(Json(R"({"N":"2"})"), Json(R"({"N":"10"})")), 0);
  EXPECT_GT(CompareKeyValues(Json(R"({"N":"-1"})"), Json(R"({"N":"-1.5"})")), 0);
  EXPECT_EQ(CompareKeyValues(Json(R"({"N":"7"})"), Json(R"({"N":"7.0"})")), 0);
  EXPECT_LT(CompareKeyValues(Json(R"({"S":"10"})"), Json(R"({"S":"2"})")), 0);  // strings by bytes
  EXPECT_LT(CompareKeyValues(Json(R"({"S":"Z"})"), Json(R"({"S":"a"})")), 0);
  // UTF-8 bytes, so U+00E9 (0xC3 0xA9) sorts after 'z'.
  EXPECT_GT(CompareKeyValues(Json(R"({"S":"\u00e9"})"), Json(R"({"S":"z"})")), 0);
  // Binary as unsigned bytes: 0xFF after 0x01.
  EXPECT_GT(CompareKeyValues(MakeValue("B", Blob{"\xff"}), MakeValue("B", Blob{"\x01"})), 0);
  EXPECT_LT(CompareKeyValues(MakeValue("B", Blob{"\x01"}), MakeValue("B", Blob{std::string("\x01\x00", 2)})), 0);
}

TEST(AttributeValuesTest, ItemSizeFollowsDynamoDbRules) {
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"S":"hello"})")), 5u);
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"S":"\u00e9"})")), 2u);   // UTF-8 bytes
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"N":"12345"})")), 4u);    // 5 digits: 3 + 1
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"N":"1000000"})")), 2u);  // 1 significant digit
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"BOOL":true})")), 1u);
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"NULL":true})")), 1u);
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"SS":["ab","c"]})")), 3u);
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"L":[]})")), 3u);
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"L":[{"S":"ab"}]})")), 6u);      // 3 + 1 + 2
  EXPECT_EQ(AttributeValueSizeBytes(Json(R"({"M":{"k":{"S":"ab"}}})")), 7u);  // 3 + 1 + 1 + 2
  EXPECT_EQ(ItemSizeBytes(ItemOf(R"({"id":{"S":"abc"},"n":{"N":"1"}})")), 2u + 3u + 1u + 2u);
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
