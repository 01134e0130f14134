// Plain JSON <-> Document.
#include "core/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cloudemu::core {
namespace {

TEST(JsonTest, WritesEveryKind) {
  Document doc = Document::Map();
  doc.Set("null", Document());
  doc.Set("bool", true);
  doc.Set("int", int64_t{-9007199254740993});
  doc.Set("double", 2.5);
  doc.Set("string", "caf\xc3\xa9 \"q\" \\ \n\x01");
  doc.Set("blob", Blob{std::string("\0\xff", 2)});
  doc.Set("seconds", Timestamp{1700000000000});
  doc.Set("millis", Timestamp{1700000000123});
  Document& list = doc.Set("list", Document::List());
  list.Append(1);
  list.Append("two");
  EXPECT_EQ(ToJson(doc),
            R"({"blob":"AP8=","bool":true,"double":2.5,"int":-9007199254740993,"list":[1,"two"],)"
            R"("millis":1700000000.123,"null":null,"seconds":1700000000,"string":"caf)"
            "\xc3\xa9"
            R"( \"q\" \\ \n\u0001"})");
}

TEST(JsonTest, PrettyOutputIsIndentedAndEquivalent) {
  Document doc = Document::Map();
  doc.Set("a", Document::List()).Append(1);
  std::string pretty = ToJson(doc, /*pretty=*/true);
  EXPECT_EQ(pretty, "{\n  \"a\": [\n    1\n  ]\n}");
  EXPECT_EQ(*FromJson(pretty), doc);
}

TEST(JsonTest, NonFiniteNumbersBecomeNull) {
  Document doc = Document::Map();
  doc.Set("nan", std::nan(""));
  doc.Set("inf", std::numeric_limits<double>::infinity());
  EXPECT_EQ(ToJson(doc), R"({"inf":null,"nan":null})");
}

TEST(JsonTest, ReadsIntegersAsIntAndOthersAsDouble) {
  StatusOr<Document> parsed = FromJson(R"({"i":42,"neg":-7,"f":1.0,"e":1e3,"big":18446744073709551615,)"
                                       R"("s":"x\u00e9\u0000y","t":true,"n":null,"l":[{}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Document& doc = *parsed;
  EXPECT_TRUE(doc["i"].is_int());
  EXPECT_EQ(doc["i"].AsInt(), 42);
  EXPECT_EQ(doc["neg"].AsInt(), -7);
  EXPECT_TRUE(doc["f"].is_double());
  EXPECT_TRUE(doc["e"].is_double());
  EXPECT_DOUBLE_EQ(doc["e"].AsDouble(), 1000);
  EXPECT_TRUE(doc["big"].is_double()) << "past int64 a number is kept as a double";
  EXPECT_EQ(doc["s"].AsString(), std::string("x\xc3\xa9\0y", 5));
  EXPECT_TRUE(doc["t"].AsBool());
  EXPECT_TRUE(doc.Has("n"));
  EXPECT_TRUE(doc["n"].is_null());
  EXPECT_TRUE(doc["l"].AsList()[0].is_map());
}

TEST(JsonTest, RoundTripsStringsWithAnyCharacter) {
  Document doc = Document::Map();
  doc.Set(std::string("key\0with nul", 12), std::string("\0\x1f\x7f\xe2\x82\xac\xf0\x9f\x98\x80", 11));
  StatusOr<Document> back = FromJson(ToJson(doc));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, doc);
}

TEST(JsonTest, MalformedTextIsASerializationException) {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "{\"a\":1} trailing", "nul", "'single'"}) {
    StatusOr<Document> parsed = FromJson(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), "SerializationException");
    EXPECT_EQ(parsed.status().http_status(), 400);
    EXPECT_NE(parsed.status().message().find("offset"), std::string::npos) << parsed.status().message();
  }
}

// JsonWriter writes what ToJson writes for the same members, escapes included.
TEST(JsonTest, WriterMatchesToJson) {
  constexpr char kTricky[] = "caf\xc3\xa9 \"q\" \\ \n\t\b\f\r\x01\x1f\0end/\x7f";
  const std::string tricky(kTricky, sizeof kTricky - 1);
  Document doc = Document::Map();
  doc.Set("a", tricky);
  doc.Set("b", int64_t{-9007199254740993});
  doc.Set("c", false);
  doc.Set("d", Document());
  Document& list = doc.Set("e", Document::List());
  list.Append(1);
  list.Append(Timestamp{1700000000123});
  Document& map = doc.Set("f", Document::Map());
  map.Set("x", "y");

  JsonWriter writer;
  writer.StartObject();
  writer.Key("a");
  writer.String(tricky);
  writer.Key("b");
  writer.Int(-9007199254740993);
  writer.Key("c");
  writer.Bool(false);
  writer.Key("d");
  writer.Null();
  writer.Key("e");
  writer.Value(doc["e"]);
  writer.Key("f");
  writer.StartObject();
  writer.Key("x");
  writer.String("y");
  writer.EndObject();
  writer.EndObject();
  EXPECT_EQ(writer.Take(), ToJson(doc));
}

TEST(JsonTest, TextReadsValuesInPlace) {
  StatusOr<JsonText> text = JsonText::Parse(R"({"s":"caf\u00e9","i":-5,"f":2.5,"t":true,"n":null,"l":[1,"x"],)"
                                            R"("o":{"k":"v"}})");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  JsonValue root = text->root();
  ASSERT_TRUE(root.is_object());
  ASSERT_EQ(root.member_count(), 7u);
  EXPECT_EQ(root.member_name(0), "s");
  EXPECT_EQ(root.member_value(0).AsString(), "caf\xc3\xa9");
  EXPECT_EQ(root.member_value(1).AsInt(), -5);
  EXPECT_EQ(root.member_value(2).AsInt(7), 2) << "a fraction is truncated, as Document::AsInt does";
  EXPECT_TRUE(root.member_value(3).AsBool());
  EXPECT_TRUE(root.member_value(4).is_null());
  JsonValue list = root.member_value(5);
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.item_count(), 2u);
  EXPECT_EQ(list.item(0).AsInt(), 1);
  EXPECT_EQ(list.item(1).AsString(), "x");
  EXPECT_EQ(root.member_value(6).ToDocument(), *FromJson(R"({"k":"v"})"));
  // Other kinds answer with the fallback.
  EXPECT_EQ(root.member_value(1).AsString("none"), "none");
  EXPECT_EQ(root.member_value(0).AsInt(3), 3);
  EXPECT_FALSE(root.member_value(0).AsBool());
  EXPECT_EQ(root.member_value(0).member_count(), 0u);
  EXPECT_EQ(root.member_value(0).item_count(), 0u);
}

// Texts larger than the inline buffers parse as well as small ones.
TEST(JsonTest, TextParsesLargeDocuments) {
  Document doc = Document::Map();
  Document& list = doc.Set("items", Document::List());
  for (int i = 0; i < 5000; ++i) list.Append(std::string(20, static_cast<char>('a' + i % 26)));
  StatusOr<JsonText> text = JsonText::Parse(ToJson(doc));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->root().ToDocument(), doc);
  StatusOr<JsonText> moved = std::move(text);
  EXPECT_EQ(moved->root().member_value(0).item_count(), 5000u);
}

TEST(JsonTest, TextRefusesMalformedTextAsFromJsonDoes) {
  StatusOr<JsonText> text = JsonText::Parse("{\"a\":");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), "SerializationException");
  EXPECT_EQ(text.status().message(), FromJson("{\"a\":").status().message());
}

}  // namespace
}  // namespace cloudemu::core
