// The stored encodings: record_codec round trips every Document kind;
// key_codec orders keys as DynamoDB does.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/json.h"
#include "services/dynamodb/key_codec.h"
#include "services/dynamodb/record_codec.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

TEST(ItemRecordCodecTest, RoundTripsEveryKind) {
  Document doc = Document::Map();
  doc.Set("s", "text");
  doc.Set("b", core::Blob{std::string("\0\xff", 2)});
  doc.Set("i", int64_t{-42});
  doc.Set("d", 2.5);
  doc.Set("t", core::Timestamp{1234});
  doc.Set("n", Document());
  doc.Set("yes", true);
  doc.Set("l", Document(core::DocumentList{Document("x"), Document::Map()}));
  auto decoded = DecodeRecord(EncodeRecord(doc));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, doc);
  EXPECT_FALSE(DecodeRecord("\x08\x05").has_value());  // truncated
}

Document Number(const char* text) {
  Document value = Document::Map();
  value.Set("N", text);
  return value;
}

Document String(std::string text) {
  Document value = Document::Map();
  value.Set("S", std::move(text));
  return value;
}

TEST(ItemRecordCodecTest, KeyEncodingKeepsNumericOrder) {
  const char* ordered[] = {"-1000", "-10", "-9.5", "-9", "-0.001", "0", "0.001", "0.01", "1", "1.5", "9", "10", "100.25"};
  for (size_t i = 0; i + 1 < std::size(ordered); ++i) {
    EXPECT_LT(EncodeKeyValue(Number(ordered[i])), EncodeKeyValue(Number(ordered[i + 1])))
        << ordered[i] << " < " << ordered[i + 1];
  }
}

TEST(ItemRecordCodecTest, KeyEncodingKeepsByteOrderAndIsPrefixFree) {
  std::vector<std::string> ordered = {"", std::string("\0", 1), "a", std::string("a\0", 2), "ab", "b"};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(EncodeKeyValue(String(ordered[i])), EncodeKeyValue(String(ordered[i + 1]))) << i;
  }
  std::string a = EncodeKeyValue(String("a"));
  std::string ab = EncodeKeyValue(String("ab"));
  EXPECT_NE(ab.substr(0, a.size()), a);
  EXPECT_EQ(ab.substr(0, EncodeKeyPrefix(String("a")).size()), EncodeKeyPrefix(String("a")));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb
