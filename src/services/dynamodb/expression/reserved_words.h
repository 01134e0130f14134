// DynamoDB's reserved words: names an expression may not use unquoted.
// Thread-safety: a pure function over constant data.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_RESERVED_WORDS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_RESERVED_WORDS_H_

#include <string_view>

namespace cloudemu::services::dynamodb::expression {

// Case-insensitive, as DynamoDB checks.
bool IsReservedWord(std::string_view word);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_RESERVED_WORDS_H_
