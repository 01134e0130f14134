#include "services/dynamodb/expression/errors.h"

#include "services/dynamodb/attribute_values.h"

namespace cloudemu::services::dynamodb::expression {

Status ValidationError(std::string message) {
  return Status::InvalidArgument("ValidationException", std::move(message));
}

Status InvalidExpression(std::string_view parameter, std::string_view detail) {
  return ValidationError("Invalid " + std::string(parameter) + ": " + std::string(detail));
}

Status IncorrectDataType() { return ValidationError("An operand in the update expression has an incorrect data type"); }

Status MissingAttribute() {
  return ValidationError("The provided expression refers to an attribute that does not exist in the item");
}

Status InvalidDocumentPath() {
  return ValidationError("The document path provided in the update expression is invalid for update");
}

std::string IncorrectOperandType(std::string_view function, std::string_view type) {
  return "Incorrect operand type for operator or function; operator or function: " + std::string(function) +
         ", operand type: " + std::string(type);
}

std::string DescribeValue(const core::Document& value) {
  std::string_view type = TypeOf(value);
  const core::Document& payload = Payload(value);
  std::string text;
  if (payload.is_string() || payload.is_blob()) {
    text = payload.AsString();
  } else if (payload.is_bool()) {
    text = payload.AsBool() ? "true" : "false";
  } else {
    text = payload.DebugString();
  }
  return "{" + std::string(type) + ":" + text + "}";
}

std::string HumanType(std::string_view type) {
  if (type == "S") return "STRING";
  if (type == "N") return "NUMBER";
  if (type == "B") return "BINARY";
  if (type == "SS") return "STRING SET";
  if (type == "NS") return "NUMBER SET";
  if (type == "BS") return "BINARY SET";
  if (type == "M") return "MAP";
  if (type == "L") return "LIST";
  if (type == "BOOL") return "BOOLEAN";
  return std::string(type);
}

}  // namespace cloudemu::services::dynamodb::expression
