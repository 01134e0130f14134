#include "services/dynamodb/expression/lexer.h"

#include <cctype>

namespace cloudemu::services::dynamodb::expression {
namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    const size_t start = i;
    const char c = text[i];
    Token::Kind kind = Token::Kind::kInvalid;
    size_t length = 1;
    auto run = [&](size_t from, auto predicate) {
      size_t end = from;
      while (end < text.size() && predicate(text[end])) ++end;
      return end - start;
    };
    if (IsNameStart(c)) {
      kind = Token::Kind::kName;
      length = run(i + 1, IsNameChar);
    } else if (IsDigit(c)) {
      kind = Token::Kind::kNumber;
      length = run(i + 1, IsDigit);
    } else if ((c == '#' || c == ':') && i + 1 < text.size() && IsNameChar(text[i + 1])) {
      kind = c == '#' ? Token::Kind::kNamePlaceholder : Token::Kind::kValuePlaceholder;
      length = run(i + 1, IsNameChar);
    } else {
      char next = i + 1 < text.size() ? text[i + 1] : '\0';
      switch (c) {
        case '(':
          kind = Token::Kind::kLeftParen;
          break;
        case ')':
          kind = Token::Kind::kRightParen;
          break;
        case '[':
          kind = Token::Kind::kLeftBracket;
          break;
        case ']':
          kind = Token::Kind::kRightBracket;
          break;
        case ',':
          kind = Token::Kind::kComma;
          break;
        case '.':
          kind = Token::Kind::kDot;
          break;
        case '=':
          kind = Token::Kind::kEq;
          break;
        case '+':
          kind = Token::Kind::kPlus;
          break;
        case '-':
          kind = Token::Kind::kMinus;
          break;
        case '<':
          if (next == '>') {
            kind = Token::Kind::kNe;
            length = 2;
          } else if (next == '=') {
            kind = Token::Kind::kLe;
            length = 2;
          } else {
            kind = Token::Kind::kLt;
          }
          break;
        case '>':
          if (next == '=') {
            kind = Token::Kind::kGe;
            length = 2;
          } else {
            kind = Token::Kind::kGt;
          }
          break;
        default:
          // One whole UTF-8 character, so the message shows it intact.
          while (start + length < text.size() && (static_cast<unsigned char>(text[start + length]) & 0xC0) == 0x80) {
            ++length;
          }
          break;
      }
    }
    tokens.push_back(Token{kind, text.substr(start, length), start});
    i = start + length;
  }
  tokens.push_back(Token{Token::Kind::kEof, text.substr(text.size()), text.size()});
  return tokens;
}

bool IsKeyword(const Token& token, std::string_view keyword) {
  if (token.kind != Token::Kind::kName || token.text.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != keyword[i]) return false;
  }
  return true;
}

std::string SyntaxErrorDetail(std::string_view text, const std::vector<Token>& tokens, size_t position) {
  const Token& token = tokens[position];
  const bool at_end = token.kind == Token::Kind::kEof;
  size_t begin = position > 0 ? tokens[position - 1].offset : token.offset;
  size_t end = token.offset + token.text.size();
  if (!at_end && position + 1 < tokens.size()) {
    const Token& next = tokens[position + 1];
    end = next.offset + next.text.size();
  }
  return "Syntax error; token: \"" + std::string(at_end ? "<EOF>" : token.text) + "\", near: \"" +
         std::string(text.substr(begin, end - begin)) + "\"";
}

}  // namespace cloudemu::services::dynamodb::expression
