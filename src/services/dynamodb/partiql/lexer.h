// The tokens of a PartiQL statement for DynamoDB.
//
// Keywords are not told apart here: a bare word is kIdentifier and the parser
// compares it case-insensitively where a keyword may stand. Double-quoted
// identifiers ("My-Table") are kQuotedIdentifier and never keywords.
// Thread-safety: pure functions over values.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_LEXER_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_LEXER_H_

#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu::services::dynamodb::partiql {

struct Token {
  enum class Kind {
    kIdentifier,        // bare word: a name or a keyword
    kQuotedIdentifier,  // "name" with "" as an escaped quote
    kString,            // 'text' with '' as an escaped quote
    kNumber,            // 12, 1.5, 1e3 (sign is a separate token)
    kSymbol,            // ( ) [ ] { } , . : ; ? * = <> != < <= > >= + - << >>
    kEnd,
  };
  Kind kind = Kind::kEnd;
  std::string text;  // unquoted and unescaped for names and strings
  size_t offset = 0;
};

// "Statement wasn't well formed, can't be processed: <detail>".
Status MalformedStatement(std::string_view detail);

// The tokens of `statement`, ending with one kEnd token.
StatusOr<std::vector<Token>> Tokenize(std::string_view statement);

}  // namespace cloudemu::services::dynamodb::partiql

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_LEXER_H_
