#include "services/s3/header_lists.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

TEST(HeaderListsTest, TrimsSpacesAndTabs) {
  EXPECT_EQ(TrimSpaces(" \tvalue \t"), "value");
  EXPECT_EQ(TrimSpaces("   "), "");
}

TEST(HeaderListsTest, SplitsCommaSeparatedLists) {
  EXPECT_EQ(SplitHeaderList(" a, \"b\" ,,c "), (std::vector<std::string_view>{"a", "\"b\"", "c"}));
  EXPECT_TRUE(SplitHeaderList("").empty());
  EXPECT_EQ(SplitHeaderList("gzip"), std::vector<std::string_view>{"gzip"});
}

}  // namespace
}  // namespace cloudemu::services::s3
