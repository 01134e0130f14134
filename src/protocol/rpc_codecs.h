// The RPC protocol codecs: awsJson1_0/1_1 (DynamoDB, SQS, KMS, ...),
// awsQuery (SNS, SQS's older protocol, IAM, STS) and ec2Query.
#ifndef CLOUDEMU_PROTOCOL_RPC_CODECS_H_
#define CLOUDEMU_PROTOCOL_RPC_CODECS_H_

#include "protocol/codec.h"

namespace cloudemu::protocol {

const Codec& JsonCodec();
const Codec& QueryCodec();
const Codec& Ec2QueryCodec();

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_RPC_CODECS_H_
