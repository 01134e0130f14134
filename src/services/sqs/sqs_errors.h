// The errors SQS answers with, by their model shape names (the codecs add the
// legacy query codes such as AWS.SimpleQueueService.NonExistentQueue) and
// AWS's message texts.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SQS_SQS_ERRORS_H_
#define CLOUDEMU_SERVICES_SQS_SQS_ERRORS_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::sqs {

Status QueueDoesNotExist();
Status InvalidParameterValue(std::string message);
// "Value <value> for parameter <name> is invalid. Reason: <reason>."
Status InvalidParameter(std::string_view name, std::string_view value, std::string_view reason);
Status MissingParameter(std::string_view name);
Status InvalidAttributeName(std::string_view name);
Status InvalidAttributeValue(std::string_view name, std::string_view reason = "");
Status ReceiptHandleIsInvalid(std::string_view handle);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_SQS_ERRORS_H_
