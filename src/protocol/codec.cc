#include "protocol/codec.h"

#include <string>

#include "protocol/rest_codecs.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {

const Codec& CodecFor(Protocol protocol) {
  switch (protocol) {
    case Protocol::kRestXml:
      return RestXmlCodec();
    case Protocol::kRestJson:
      return RestJsonCodec();
    case Protocol::kJson:
      return JsonCodec();
    case Protocol::kQuery:
      return QueryCodec();
    case Protocol::kEc2:
      return Ec2QueryCodec();
  }
  return JsonCodec();
}

// What each protocol family answers for an operation it does not serve:
// - restXml: S3's NotImplemented (501), "A header you provided implies
//   functionality that is not implemented" (S3 error-code table).
// - restJson / awsJson: UnknownOperationException (400), the code Smithy's
//   server frameworks and Coral return for an unroutable operation; SDKs do
//   not retry it.
// - awsQuery / ec2Query: InvalidAction (400), "The action or operation
//   requested is invalid" (EC2 and IAM/SNS/STS common errors).
Status NotImplementedError(Protocol protocol, std::string_view operation) {
  std::string op(operation);
  switch (protocol) {
    case Protocol::kRestXml:
      return Status::NotImplemented("A header you provided implies functionality that is not implemented (" + op +
                                    " is not implemented by CloudEmu)");
    case Protocol::kRestJson:
    case Protocol::kJson:
      return Status::InvalidArgument("UnknownOperationException",
                                     "Operation " + op + " is not implemented by CloudEmu");
    case Protocol::kQuery:
    case Protocol::kEc2:
      return Status::InvalidArgument("InvalidAction", "The action " + op + " is not implemented by CloudEmu.");
  }
  return Status::NotImplemented(op);
}

}  // namespace cloudemu::protocol
