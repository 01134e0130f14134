// Model-driven input validation: the checks AWS applies to every request
// before an operation runs - required members present (recursively), string
// and blob lengths, list and map sizes, and numeric ranges - reported with
// the error code and wording the protocol's services use:
//   awsJson / restJson    ValidationException "1 validation error detected: Value null at
//                         'tableName' failed to satisfy constraint: Member must not be null"
//   awsQuery (IAM, STS)   ValidationError, same wording
//   SNS                   InvalidParameter "Invalid parameter: Name"
//   SQS (either wire)     MissingParameter / InvalidParameterValue
//   ec2Query              MissingParameter / InvalidParameterValue
//   restXml (S3)          MissingRequestBodyError / MalformedXML / InvalidRequest; limits unchecked
// Members bound to the URI of REST operations are skipped (the router already
// matched them), as are idempotency tokens (SDKs fill them). Enums and
// patterns are not enforced: AWS accepts unknown values in many places.
// Thread-safety: stateless; safe from any thread.
#ifndef CLOUDEMU_PROTOCOL_VALIDATION_H_
#define CLOUDEMU_PROTOCOL_VALIDATION_H_

#include "cloudemu/status.h"
#include "core/document.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {

// Validates `input` of `operation` as it arrived over `wire` (SQS accepts
// both awsJson and awsQuery; everything else arrives in model.protocol).
Status ValidateInput(const ServiceModel& model, const Operation& operation, const core::Document& input, Protocol wire);
inline Status ValidateInput(const ServiceModel& model, const Operation& operation, const core::Document& input) {
  return ValidateInput(model, operation, input, model.protocol);
}

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_VALIDATION_H_
