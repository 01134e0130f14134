// Document: kinds, forgiving accessors, map and list editing.
#include "core/document.h"

#include <gtest/gtest.h>

namespace cloudemu::core {
namespace {

TEST(DocumentTest, EachConstructorMakesItsKind) {
  EXPECT_TRUE(Document().is_null());
  EXPECT_TRUE(Document(false).is_bool());
  EXPECT_TRUE(Document(3).is_int());
  EXPECT_TRUE(Document(int64_t{3}).is_int());
  EXPECT_TRUE(Document(uint64_t{3}).is_int());
  EXPECT_TRUE(Document(3.5).is_double());
  EXPECT_TRUE(Document("s").is_string());
  EXPECT_TRUE(Document(std::string_view("s")).is_string());
  EXPECT_TRUE(Document(Blob{"b"}).is_blob());
  EXPECT_TRUE(Document(Timestamp{5}).is_timestamp());
  EXPECT_TRUE(Document::List().is_list());
  EXPECT_TRUE(Document::Map().is_map());
  EXPECT_TRUE(Document(3).is_number());
  EXPECT_TRUE(Document(3.5).is_number());
  EXPECT_EQ(Document(Timestamp{5}).kind(), Document::Kind::kTimestamp);
}

TEST(DocumentTest, AccessorsFallBackWhenTheKindDiffers) {
  Document absent;
  EXPECT_EQ(absent.AsInt(1000), 1000);
  EXPECT_EQ(absent.AsString(), "");
  EXPECT_EQ(absent.AsString("default"), "default");
  EXPECT_TRUE(absent.AsBool(true));
  EXPECT_EQ(absent.AsTimestampMillis(-1), -1);
  EXPECT_TRUE(absent.AsList().empty());
  EXPECT_TRUE(absent.AsMap().empty());
  EXPECT_EQ(Document("12").AsInt(7), 7) << "strings are not numbers";
  EXPECT_EQ(Document(12.9).AsInt(), 12) << "doubles are truncated";
  EXPECT_DOUBLE_EQ(Document(12).AsDouble(), 12.0);
  EXPECT_EQ(Document(Blob{"bytes"}).AsString(), "bytes");
  EXPECT_EQ(Document(Blob{"bytes"}).AsString("x"), "bytes");
  EXPECT_EQ(Document(Timestamp{99}).AsTimestampMillis(), 99);
  EXPECT_EQ(Document(99).AsTimestampMillis(-1), -1);
}

TEST(DocumentTest, MapAccessIsForgiving) {
  Document doc = Document::Map();
  doc.Set("Bucket", "photos");
  Document& nested = doc.Set("Tagging", Document::Map());
  nested.Set("TagSet", Document::List()).Append("t");
  const Document& view = doc;
  EXPECT_EQ(view["Bucket"].AsString(), "photos");
  EXPECT_TRUE(view["Missing"].is_null());
  EXPECT_TRUE(view["Missing"]["Deeper"].is_null());
  EXPECT_EQ(view["Tagging"]["TagSet"].size(), 1u);
  EXPECT_TRUE(doc.Has("Bucket"));
  EXPECT_FALSE(doc.Has("bucket")) << "member names are case sensitive";
  EXPECT_EQ(doc.Find("Missing"), nullptr);
  ASSERT_NE(doc.Find("Bucket"), nullptr);
  doc.Set("Bucket", "other");
  EXPECT_EQ(view["Bucket"].AsString(), "other");
  EXPECT_EQ(doc.size(), 2u);
  EXPECT_TRUE(doc.Erase("Bucket"));
  EXPECT_FALSE(doc.Erase("Bucket"));
  EXPECT_EQ(doc.size(), 1u);
  EXPECT_FALSE(Document(5).Has("x"));
  EXPECT_FALSE(Document(5).Erase("x"));
}

TEST(DocumentTest, MapsKeepMembersSorted) {
  Document doc = Document::Map();
  doc.Set("b", 1);
  doc.Set("a", 2);
  doc.Set("c", 3);
  std::string order;
  for (const auto& [key, value] : doc.AsMap()) order += key;
  EXPECT_EQ(order, "abc");
}

TEST(DocumentTest, MutatorsTurnNullIntoContainers) {
  Document list;
  list.Append(1);
  list.Append("two");
  EXPECT_TRUE(list.is_list());
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list.AsList()[1].AsString(), "two");
  Document map;
  map.Set("k", true);
  EXPECT_TRUE(map.is_map());
  Document number(5);
  number.MutableList().push_back(Document(1));
  EXPECT_TRUE(number.is_list()) << "MutableList replaces another kind";
  EXPECT_EQ(Document(5).size(), 0u);
  EXPECT_TRUE(Document("text").empty());
}

TEST(DocumentTest, EqualityComparesKindAndValue) {
  EXPECT_EQ(Document(1), Document(int64_t{1}));
  EXPECT_NE(Document(1), Document(1.0));
  EXPECT_NE(Document("b"), Document(Blob{"b"}));
  EXPECT_NE(Document(5), Document(Timestamp{5}));
  Document a = Document::Map();
  a.Set("x", Document::List()).Append(1);
  Document b = Document::Map();
  b.Set("x", Document::List()).Append(1);
  EXPECT_EQ(a, b);
  b.Set("y", Document());
  EXPECT_NE(a, b);
}

TEST(DocumentTest, DebugStringIsCompactJson) {
  Document doc = Document::Map();
  doc.Set("when", Timestamp{1500});
  doc.Set("data", Blob{"hi"});
  EXPECT_EQ(doc.DebugString(), R"({"data":"aGk=","when":1.5})");
}

}  // namespace
}  // namespace cloudemu::core
