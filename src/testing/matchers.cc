// IsOk, StatusIs and HasS3Object, and how a Status prints in test output.
#include "cloudemu/testing.h"

namespace cloudemu {

void PrintTo(const Status& status, std::ostream* os) { *os << status.ToString(); }

namespace testing::internal {

bool IsOkMatcher::MatchStatus(const Status& status, ::testing::MatchResultListener* listener) {
  if (!status.ok()) *listener << "which is " << status.ToString();
  return status.ok();
}

void StatusIsMatcher::DescribeTo(std::ostream* os) const {
  *os << "is an error whose code ";
  code_.DescribeTo(os);
  *os << " and whose message ";
  message_.DescribeTo(os);
}

void StatusIsMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "is OK, or an error whose code ";
  code_.DescribeNegationTo(os);
  *os << " or whose message ";
  message_.DescribeNegationTo(os);
}

bool StatusIsMatcher::MatchStatus(const Status& status, ::testing::MatchResultListener* listener) const {
  if (status.ok()) {
    *listener << "which is OK";
    return false;
  }
  *listener << "which is " << status.ToString();
  return code_.Matches(status.code()) && message_.Matches(status.message());
}

bool HasS3ObjectMatcher::MatchAndExplain(const S3View& s3, ::testing::MatchResultListener* listener) const {
  auto object = s3.GetObject(bucket_, key_);
  if (!object.ok()) {
    *listener << "whose GetObject fails with " << object.status().ToString();
    return false;
  }
  *listener << "whose object has a body of " << object->body.size() << " bytes ";
  ::testing::StringMatchResultListener body_listener;
  bool matched = body_.MatchAndExplain(object->body, &body_listener);
  *listener << ::testing::PrintToString(object->body);
  if (!body_listener.str().empty()) *listener << ", " << body_listener.str();
  return matched;
}

void HasS3ObjectMatcher::DescribeTo(std::ostream* os) const {
  *os << "has S3 object s3://" << bucket_ << "/" << key_ << " whose body ";
  body_.DescribeTo(os);
}

void HasS3ObjectMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "has no S3 object s3://" << bucket_ << "/" << key_ << " whose body ";
  body_.DescribeTo(os);
}

}  // namespace testing::internal
}  // namespace cloudemu
