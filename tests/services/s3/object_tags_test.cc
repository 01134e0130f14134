#include "services/s3/object_tags.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

using core::Document;

TEST(ObjectTagsTest, ParsesTheHeaderForm) {
  StatusOr<TagMap> tags = TagsFromHeader("project=cloud%20emu&team=a+b&empty=&bare");
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(*tags, (TagMap{{"project", "cloud emu"}, {"team", "a b"}, {"empty", ""}, {"bare", ""}}));
  EXPECT_TRUE(TagsFromHeader("")->empty());
}

TEST(ObjectTagsTest, RoundTripsTheTagSetForm) {
  Document tag_set = Document::List();
  for (const char* key : {"b", "a"}) {
    Document tag = Document::Map();
    tag.Set("Key", key);
    tag.Set("Value", std::string("v-") + key);
    tag_set.Append(tag);
  }
  StatusOr<TagMap> tags = TagsFromTagSet(tag_set);
  ASSERT_TRUE(tags.ok());
  Document back = TagSetOf(*tags);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back.AsList()[0]["Key"].AsString(), "a");
  EXPECT_EQ(back.AsList()[0]["Value"].AsString(), "v-a");
}

TEST(ObjectTagsTest, EnforcesObjectTagLimits) {
  EXPECT_EQ(TagsFromHeader("a=1&a=2").status().code(), "InvalidTag");
  EXPECT_EQ(TagsFromHeader("aws:x=1").status().code(), "InvalidTag");
  EXPECT_EQ(TagsFromHeader("k=" + std::string(257, 'v')).status().code(), "InvalidTag");
  EXPECT_TRUE(TagsFromHeader("k=" + std::string(256, 'v')).ok());
  EXPECT_EQ(TagsFromHeader(std::string(129, 'k') + "=v").status().code(), "InvalidTag");
  EXPECT_EQ(TagsFromHeader("bad%23key=v").status().code(), "InvalidTag");
  std::string eleven;
  for (int i = 0; i < 11; ++i) eleven += "k" + std::to_string(i) + "=v&";
  StatusOr<TagMap> too_many = TagsFromHeader(eleven);
  EXPECT_EQ(too_many.status().code(), "BadRequest");
  EXPECT_EQ(too_many.status().message(), "Object tags cannot be greater than 10");
}

}  // namespace
}  // namespace cloudemu::services::s3
