// The ValidationExceptions of DynamoDB's expression language, in one place
// so every parser and evaluator words them as AWS does.
// Thread-safety: free functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_ERRORS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_ERRORS_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::dynamodb::expression {

Status ValidationError(std::string message);
// "Invalid <parameter>: <detail>", e.g. "Invalid UpdateExpression: Syntax error; ...".
Status InvalidExpression(std::string_view parameter, std::string_view detail);

// Runtime failures of update actions.
Status IncorrectDataType();    // "An operand in the update expression has an incorrect data type"
Status MissingAttribute();     // "The provided expression refers to an attribute that does not exist in the item"
Status InvalidDocumentPath();  // "The document path provided in the update expression is invalid for update"

// "Incorrect operand type for operator or function; operator or function: <f>, operand type: <type>".
std::string IncorrectOperandType(std::string_view function, std::string_view type);
// "{N:5}", as DynamoDB prints literal operands in messages.
std::string DescribeValue(const core::Document& value);
// "STRING", "NUMBER SET", ...: the type names of the ADD/DELETE messages.
std::string HumanType(std::string_view type);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_ERRORS_H_
