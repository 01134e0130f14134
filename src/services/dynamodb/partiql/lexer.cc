#include "services/dynamodb/partiql/lexer.h"

#include <cctype>

#include "services/dynamodb/dynamodb_errors.h"

namespace cloudemu::services::dynamodb::partiql {
namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool IsWordPart(char c) { return IsWordStart(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads a `quote`-delimited run starting at text[*pos] (the opening quote);
// a doubled quote stands for one. Advances *pos past the closing quote.
StatusOr<std::string> ReadQuoted(std::string_view text, size_t* pos, char quote) {
  std::string out;
  size_t i = *pos + 1;
  while (true) {
    if (i >= text.size()) {
      return MalformedStatement(quote == '\'' ? "Unterminated string literal" : "Unterminated quoted identifier");
    }
    if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) {
        out.push_back(quote);
        i += 2;
        continue;
      }
      *pos = i + 1;
      return out;
    }
    out.push_back(text[i++]);
  }
}

// Digits with an optional fraction and exponent; `*pos` at the first digit or '.'.
std::string ReadNumber(std::string_view text, size_t* pos) {
  size_t i = *pos;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && IsDigit(text[j])) {
      i = j;
      while (i < text.size() && IsDigit(text[i])) ++i;
    }
  }
  std::string number(text.substr(*pos, i - *pos));
  *pos = i;
  return number;
}

}  // namespace

Status MalformedStatement(std::string_view detail) {
  return ValidationError("Statement wasn't well formed, can't be processed: " + std::string(detail));
}

StatusOr<std::vector<Token>> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    Token token;
    token.offset = i;
    if (i >= text.size()) {
      tokens.push_back(std::move(token));
      return tokens;
    }
    char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {  // comment to end of line
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (IsWordStart(c)) {
      size_t start = i;
      while (i < text.size() && IsWordPart(text[i])) ++i;
      token.kind = Token::Kind::kIdentifier;
      token.text = std::string(text.substr(start, i - start));
    } else if (c == '"' || c == '\'') {
      auto quoted = ReadQuoted(text, &i, c);
      if (!quoted.ok()) return quoted.status();
      token.kind = c == '"' ? Token::Kind::kQuotedIdentifier : Token::Kind::kString;
      token.text = std::move(quoted).value();
    } else if (IsDigit(c) || (c == '.' && i + 1 < text.size() && IsDigit(text[i + 1]))) {
      token.kind = Token::Kind::kNumber;
      token.text = ReadNumber(text, &i);
    } else {
      static constexpr std::string_view kTwoCharSymbols[] = {"<>", "!=", "<=", ">=", "<<", ">>"};
      token.kind = Token::Kind::kSymbol;
      std::string_view rest = text.substr(i);
      for (std::string_view symbol : kTwoCharSymbols) {
        if (rest.substr(0, 2) == symbol) token.text = std::string(symbol);
      }
      if (token.text.empty()) {
        if (std::string_view("()[]{},.:;?*=<>+-").find(c) == std::string_view::npos) {
          return MalformedStatement("Unexpected character '" + std::string(1, c) + "'");
        }
        token.text = std::string(1, c);
      }
      i += token.text.size();
    }
    tokens.push_back(std::move(token));
  }
}

}  // namespace cloudemu::services::dynamodb::partiql
