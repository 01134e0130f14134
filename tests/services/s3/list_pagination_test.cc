#include "services/s3/list_pagination.h"

#include <gtest/gtest.h>

#include <vector>

namespace cloudemu::services::s3 {
namespace {

using core::Document;
using Placement = ListingPage::Placement;

TEST(ListPaginationTest, RollsKeysUpIntoCommonPrefixes) {
  ListingPage page("photos/", "/", 1000);
  EXPECT_EQ(page.CommonPrefixOf("photos/2024/a.jpg"), "photos/2024/");
  EXPECT_EQ(page.CommonPrefixOf("photos/top.jpg"), "");
  EXPECT_EQ(page.Offer("photos/2024/a.jpg"), Placement::kNewCommonPrefix);
  EXPECT_EQ(page.Offer("photos/2024/b.jpg"), Placement::kRolledUp);
  EXPECT_EQ(page.Offer("photos/top.jpg"), Placement::kEntry);
  EXPECT_EQ(page.common_prefixes(), std::vector<std::string>{"photos/2024/"});
  EXPECT_EQ(page.placed(), 2u);
  EXPECT_FALSE(page.truncated());
  EXPECT_EQ(page.last_placed(), "photos/top.jpg");
}

TEST(ListPaginationTest, CommonPrefixesCountOnceTowardMaxKeys) {
  ListingPage page("", "/", 2);
  EXPECT_EQ(page.Offer("a/1"), Placement::kNewCommonPrefix);
  EXPECT_EQ(page.Offer("a/2"), Placement::kRolledUp);
  EXPECT_EQ(page.Offer("b"), Placement::kEntry);
  EXPECT_FALSE(page.truncated());
  EXPECT_EQ(page.Offer("c"), Placement::kPageFull);
  EXPECT_TRUE(page.truncated());
  EXPECT_EQ(page.last_placed(), "b");
}

TEST(ListPaginationTest, MultiCharacterDelimiters) {
  ListingPage page("", "::", 10);
  EXPECT_EQ(page.CommonPrefixOf("a::b::c"), "a::");
  EXPECT_EQ(page.CommonPrefixOf("a:b"), "");
}

TEST(ListPaginationTest, ZeroMaxKeysIsNotTruncated) {
  ListingPage page("", "", 0);
  EXPECT_EQ(page.Offer("a"), Placement::kPageFull);
  EXPECT_FALSE(page.truncated());
}

TEST(ListPaginationTest, MarkersCoverKeysAndRolledUpGroups) {
  ListingPage page("", "/", 10);
  EXPECT_TRUE(page.CoveredByMarker("a", "b"));
  EXPECT_TRUE(page.CoveredByMarker("b", "b"));
  EXPECT_FALSE(page.CoveredByMarker("c", "b"));
  EXPECT_TRUE(page.CoveredByMarker("dir/x", "dir/"));  // NextMarker was the common prefix
  EXPECT_FALSE(page.CoveredByMarker("dir/x", "d"));
  EXPECT_FALSE(page.CoveredByMarker("a", ""));
  EXPECT_LT(std::string("dir/\xf4\x8f\xbf\xbf"), KeyAfterPrefix("dir/"));
  EXPECT_LT(KeyAfterPrefix("dir/"), std::string("dir0"));
}

TEST(ListPaginationTest, Limits) {
  Document input = Document::Map();
  EXPECT_EQ(*ListLimit(input, "MaxKeys", "max-keys"), 1000);
  input.Set("MaxKeys", 5);
  EXPECT_EQ(*ListLimit(input, "MaxKeys", "max-keys"), 5);
  input.Set("MaxKeys", 5000);
  EXPECT_EQ(*ListLimit(input, "MaxKeys", "max-keys"), 1000);
  input.Set("MaxKeys", -1);
  EXPECT_EQ(ListLimit(input, "MaxKeys", "max-keys").status().code(), "InvalidArgument");
}

TEST(ListPaginationTest, UrlEncoding) {
  Document input = Document::Map();
  EXPECT_FALSE(*UrlEncodingRequested(input));
  input.Set("EncodingType", "url");
  EXPECT_TRUE(*UrlEncodingRequested(input));
  input.Set("EncodingType", "base64");
  EXPECT_EQ(UrlEncodingRequested(input).status().code(), "InvalidArgument");
  EXPECT_EQ(ListingEncode("test_file(3).png", true), "test_file%283%29.png");
  EXPECT_EQ(ListingEncode("dir/a b+c\xc3\xa9", true), "dir/a+b%2Bc%C3%A9");
  EXPECT_EQ(ListingEncode("a b", false), "a b");
}

}  // namespace
}  // namespace cloudemu::services::s3
