#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {

Status QueueDoesNotExist() {
  return Status::InvalidArgument("QueueDoesNotExist", "The specified queue does not exist.");
}

Status InvalidParameterValue(std::string message) {
  return Status::InvalidArgument("InvalidParameterValue", std::move(message));
}

Status InvalidParameter(std::string_view name, std::string_view value, std::string_view reason) {
  return InvalidParameterValue("Value " + std::string(value) + " for parameter " + std::string(name) +
                               " is invalid. Reason: " + std::string(reason) + ".");
}

Status MissingParameter(std::string_view name) {
  return Status::InvalidArgument("MissingParameter",
                                 "The request must contain the parameter " + std::string(name) + ".");
}

Status InvalidAttributeName(std::string_view name) {
  return Status::InvalidArgument("InvalidAttributeName", "Unknown Attribute " + std::string(name) + ".");
}

Status InvalidAttributeValue(std::string_view name, std::string_view reason) {
  std::string message = "Invalid value for the parameter " + std::string(name) + ".";
  if (!reason.empty()) message += " Reason: " + std::string(reason);
  return Status::InvalidArgument("InvalidAttributeValue", message);
}

Status ReceiptHandleIsInvalid(std::string_view handle) {
  return Status::NotFound("ReceiptHandleIsInvalid",
                          "The input receipt handle \"" + std::string(handle) + "\" is not a valid receipt handle.");
}

}  // namespace cloudemu::services::sqs
