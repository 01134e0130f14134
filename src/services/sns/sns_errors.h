// The SNS errors the operations answer with, coded and statused as the SNS
// model declares them (awsQuery <Error><Code>).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SNS_SNS_ERRORS_H_
#define CLOUDEMU_SERVICES_SNS_SNS_ERRORS_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::sns {

// InvalidParameter (400): `message` is AWS's full text ("Invalid parameter: ...").
Status InvalidParameter(std::string message);
// ParameterValueInvalid (400), the code of InvalidParameterValueException.
Status ParameterValueInvalid(std::string message);
// NotFound (404): "Topic does not exist", "Subscription does not exist", ...
Status NotFound(std::string message);
Status ResourceNotFound(std::string message);  // ResourceNotFound (404)
// A required member is missing (the listener's validation catches it first;
// this covers the typed API).
Status MissingParameter(std::string_view member);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SNS_ERRORS_H_
