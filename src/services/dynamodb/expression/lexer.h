// Tokens of DynamoDB's expression language. Keywords (AND, OR, NOT, BETWEEN,
// IN, SET, REMOVE, ADD, DELETE) and function names are plain kName tokens;
// the parser gives them meaning by position, as DynamoDB does.
// Thread-safety: a value over a caller-owned string.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_LEXER_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cloudemu::services::dynamodb::expression {

struct Token {
  enum class Kind : uint8_t {
    kName,              // attribute name, keyword or function name
    kNamePlaceholder,   // #name
    kValuePlaceholder,  // :value
    kNumber,            // digits (list indexes)
    kLeftParen,
    kRightParen,
    kLeftBracket,
    kRightBracket,
    kComma,
    kDot,
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kPlus,
    kMinus,
    kInvalid,  // a character no token starts with
    kEof,
  };
  Kind kind = Kind::kEof;
  std::string_view text;  // within the expression
  size_t offset = 0;
};

// Splits `text` into tokens, ending with kEof. Never fails: an unexpected
// character becomes a kInvalid token that the parser reports.
std::vector<Token> Tokenize(std::string_view text);

// Case-insensitive keyword match ("and" is AND).
bool IsKeyword(const Token& token, std::string_view keyword);

// DynamoDB's "Syntax error; token: \"x\", near: \"...\"": the token (or
// <EOF>) and the text around it, from the token before to the token after.
std::string SyntaxErrorDetail(std::string_view text, const std::vector<Token>& tokens, size_t position);

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_LEXER_H_
