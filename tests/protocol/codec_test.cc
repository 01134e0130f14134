#include "protocol/codec.h"

#include <gtest/gtest.h>

#include "protocol/rest_codecs.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {
namespace {

TEST(CodecTest, EachProtocolHasItsCodec) {
  EXPECT_EQ(&CodecFor(Protocol::kRestXml), &RestXmlCodec());
  EXPECT_EQ(&CodecFor(Protocol::kRestJson), &RestJsonCodec());
  EXPECT_EQ(&CodecFor(Protocol::kJson), &JsonCodec());
  EXPECT_EQ(&CodecFor(Protocol::kQuery), &QueryCodec());
  EXPECT_EQ(&CodecFor(Protocol::kEc2), &Ec2QueryCodec());
}

TEST(CodecTest, NotImplementedErrorsNameTheOperationInEachProtocolsTerms) {
  struct Case {
    Protocol protocol;
    const char* code;
    int status;
  } cases[] = {
      {Protocol::kRestXml, "NotImplemented", 501},
      {Protocol::kRestJson, "UnknownOperationException", 400},
      {Protocol::kJson, "UnknownOperationException", 400},
      {Protocol::kQuery, "InvalidAction", 400},
      {Protocol::kEc2, "InvalidAction", 400},
  };
  for (const Case& c : cases) {
    Status s = NotImplementedError(c.protocol, "PutBucketIntelligentTieringConfiguration");
    EXPECT_EQ(s.code(), c.code);
    EXPECT_EQ(s.http_status(), c.status);
    EXPECT_NE(s.message().find("PutBucketIntelligentTieringConfiguration"), std::string::npos) << s.message();
  }
  EXPECT_NE(NotImplementedError(Protocol::kRestXml, "X")
                .message()
                .find("A header you provided implies functionality that is not implemented"),
            std::string::npos);
}

}  // namespace
}  // namespace cloudemu::protocol
