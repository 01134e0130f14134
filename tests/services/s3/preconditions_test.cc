#include "services/s3/preconditions.h"

#include <gtest/gtest.h>

namespace cloudemu::services::s3 {
namespace {

using core::Document;
using core::Timestamp;

constexpr std::string_view kEtag = "\"0123abcd\"";
constexpr int64_t kModified = 1'700'000'000'500;  // .5 s after a whole second

std::string Code(const Status& status) { return status.ok() ? "OK" : status.code(); }

TEST(PreconditionsTest, EtagLists) {
  EXPECT_TRUE(EtagListMatches("*", kEtag));
  EXPECT_TRUE(EtagListMatches("0123abcd", kEtag));
  EXPECT_TRUE(EtagListMatches("\"x\", W/\"0123abcd\"", kEtag));
  EXPECT_FALSE(EtagListMatches("\"x\",\"y\"", kEtag));
}

TEST(PreconditionsTest, ReadConditionsComeFromPrefixedMembers) {
  Document input = Document::Map();
  input.Set("CopySourceIfMatch", "\"a\"");
  input.Set("CopySourceIfModifiedSince", Timestamp{5000});
  ReadConditions conditions = ReadConditions::FromInput(input, "CopySource");
  EXPECT_EQ(conditions.if_match, "\"a\"");
  EXPECT_EQ(conditions.if_modified_since, 5000);
  EXPECT_FALSE(conditions.if_none_match);
  EXPECT_FALSE(ReadConditions::FromInput(input).if_match);
}

TEST(PreconditionsTest, SingleConditionsOnReads) {
  EXPECT_EQ(Code(EvaluateReadConditions({.if_match = "\"other\""}, kEtag, kModified)), "PreconditionFailed");
  EXPECT_EQ(EvaluateReadConditions({.if_match = "\"other\""}, kEtag, kModified).http_status(), 412);
  EXPECT_EQ(Code(EvaluateReadConditions({.if_match = std::string(kEtag)}, kEtag, kModified)), "OK");
  EXPECT_EQ(Code(EvaluateReadConditions({.if_none_match = std::string(kEtag)}, kEtag, kModified)), "NotModified");
  EXPECT_EQ(EvaluateReadConditions({.if_none_match = "*"}, kEtag, kModified).http_status(), 304);
  EXPECT_EQ(Code(EvaluateReadConditions({.if_none_match = "\"x\""}, kEtag, kModified)), "OK");
  // Dates compare in whole seconds: modified at .500 is not "since" the same second.
  EXPECT_EQ(Code(EvaluateReadConditions({.if_modified_since = 1'700'000'000'000}, kEtag, kModified)), "NotModified");
  EXPECT_EQ(Code(EvaluateReadConditions({.if_modified_since = 1'699'999'999'000}, kEtag, kModified)), "OK");
  EXPECT_EQ(Code(EvaluateReadConditions({.if_unmodified_since = 1'700'000'000'000}, kEtag, kModified)), "OK");
  EXPECT_EQ(Code(EvaluateReadConditions({.if_unmodified_since = 1'699'999'999'000}, kEtag, kModified)),
            "PreconditionFailed");
}

TEST(PreconditionsTest, AwsPrecedenceRules) {
  // If-Match true + If-Unmodified-Since false: 200.
  EXPECT_EQ(Code(EvaluateReadConditions({.if_match = std::string(kEtag), .if_unmodified_since = 1'600'000'000'000},
                                        kEtag, kModified)),
            "OK");
  // If-None-Match false (the ETag matches) + If-Modified-Since true: 304.
  EXPECT_EQ(Code(EvaluateReadConditions({.if_none_match = std::string(kEtag), .if_modified_since = 1'600'000'000'000},
                                        kEtag, kModified)),
            "NotModified");
  // If-None-Match true + If-Modified-Since false: If-Modified-Since is ignored.
  EXPECT_EQ(Code(EvaluateReadConditions({.if_none_match = "\"x\"", .if_modified_since = 1'800'000'000'000}, kEtag,
                                        kModified)),
            "OK");
}

TEST(PreconditionsTest, CopySourceFailuresAreAll412) {
  Status not_modified = EvaluateCopySourceConditions({.if_none_match = std::string(kEtag)}, kEtag, kModified);
  EXPECT_EQ(Code(not_modified), "PreconditionFailed");
  ASSERT_EQ(not_modified.details().size(), 1u);
  EXPECT_EQ(not_modified.details()[0].second, "x-amz-copy-source-If-None-Match");
  EXPECT_EQ(Code(EvaluateCopySourceConditions({.if_modified_since = 1'800'000'000'000}, kEtag, kModified)),
            "PreconditionFailed");
  EXPECT_EQ(Code(EvaluateCopySourceConditions({.if_match = std::string(kEtag)}, kEtag, kModified)), "OK");
}

TEST(PreconditionsTest, ConditionalWrites) {
  ObjectVersion current;
  current.etag = std::string(kEtag);
  Document if_none_match = Document::Map();
  if_none_match.Set("IfNoneMatch", "*");
  EXPECT_EQ(Code(EvaluateWriteConditions(if_none_match, "k", nullptr)), "OK");
  EXPECT_EQ(Code(EvaluateWriteConditions(if_none_match, "k", &current)), "PreconditionFailed");

  Document etag_none_match = Document::Map();
  etag_none_match.Set("IfNoneMatch", std::string(kEtag));
  EXPECT_EQ(Code(EvaluateWriteConditions(etag_none_match, "k", &current)), "NotImplemented");

  Document if_match = Document::Map();
  if_match.Set("IfMatch", std::string(kEtag));
  EXPECT_EQ(Code(EvaluateWriteConditions(if_match, "k", &current)), "OK");
  EXPECT_EQ(Code(EvaluateWriteConditions(if_match, "k", nullptr)), "NoSuchKey");
  current.etag = "\"different\"";
  EXPECT_EQ(Code(EvaluateWriteConditions(if_match, "k", &current)), "PreconditionFailed");
}

}  // namespace
}  // namespace cloudemu::services::s3
