#include "services/s3/object_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace cloudemu::services::s3 {
namespace {

TEST(ObjectKeysTest, AcceptsKeysUpTo1024Bytes) {
  EXPECT_TRUE(ValidateObjectKey("a").ok());
  EXPECT_TRUE(ValidateObjectKey(std::string(1024, 'k')).ok());
  EXPECT_TRUE(ValidateObjectKey("dir/sub dir/\xc3\xa9t\xc3\xa9.txt").ok());
}

TEST(ObjectKeysTest, RejectsEmptyAndTooLongKeys) {
  EXPECT_EQ(ValidateObjectKey("").code(), "InvalidRequest");
  // 513 two-byte characters: 1026 bytes although only 513 characters.
  std::string key;
  for (int i = 0; i < 513; ++i) key += "\xc3\xa9";
  Status status = ValidateObjectKey(key);
  EXPECT_EQ(status.code(), "KeyTooLongError");
  EXPECT_EQ(status.http_status(), 400);
  ASSERT_EQ(status.details().size(), 2u);
  EXPECT_EQ(status.details()[0].second, "1026");
  EXPECT_EQ(status.details()[1].second, "1024");
}

}  // namespace
}  // namespace cloudemu::services::s3
