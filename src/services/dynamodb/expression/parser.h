// Recursive-descent parser for condition, update and projection expressions.
//
// Grammar (keywords case-insensitive, function names case-sensitive):
//   condition := and (OR and)*          and := not (AND not)*
//   not       := NOT not | primary
//   primary   := '(' condition ')' | function-call
//              | operand comparator operand | operand BETWEEN operand AND operand
//              | operand IN '(' operand (',' operand)* ')'
//   operand   := path | :value | function-call
//   path      := (name | #name) ('.' (name | #name) | '[' digits ']')*
//   update    := (SET set (',' set)* | REMOVE path (',' path)*
//               | ADD path :value (',' ...)* | DELETE path :value (',' ...)*)+
//   set       := path '=' operand (('+' | '-') operand)?
//   projection:= path (',' path)*
// Placeholders are substituted and recorded in the ExpressionUsage while
// parsing. Syntax errors win over the semantic errors (undefined
// placeholders, reserved words, wrong functions or operand types) that a
// syntactically valid expression may have, as in DynamoDB.
// Thread-safety: one Parser per expression, used from one thread.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PARSER_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "services/dynamodb/expression/ast.h"
#include "services/dynamodb/expression/lexer.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb::expression {

class Parser {
 public:
  // `parameter` names the request member in messages ("ConditionExpression").
  Parser(std::string_view text, std::string_view parameter, const ExpressionAttributes& attributes,
         ExpressionUsage& usage);

  StatusOr<Condition> ParseCondition();
  StatusOr<UpdateProgram> ParseUpdate();
  StatusOr<std::vector<Path>> ParseProjection();

 private:
  // A parsed operand before its context gives function calls their meaning.
  struct Term {
    enum class Kind { kPath, kValue, kCall };
    Kind kind = Kind::kValue;
    Path path;
    core::Document value;    // kValue; null when the placeholder is undefined
    std::string function;    // kCall
    std::vector<Term> args;  // kCall
    bool defined() const { return kind != Kind::kValue || !value.is_null(); }
  };

  const Token& Peek(size_t ahead = 0) const;
  void Advance() { ++position_; }
  bool failed() const { return !syntax_error_.ok(); }
  void SyntaxError();  // at the current token
  bool Expect(Token::Kind kind);
  void SemanticError(std::string detail);
  Status Finish();  // the syntax error, else the first semantic error, else OK

  // Over 4 KB or empty: records the error and returns true.
  bool Unparseable();
  bool AtPathStart() const;
  Path ParsePath();
  PathElement ParseName();
  Term ParseTerm();

  Condition ParseOr();
  Condition ParseAnd();
  Condition ParseChain(Condition::Kind kind, std::string_view keyword, Condition (Parser::*operand)());
  Condition ParseNot();
  Condition ParsePrimary();
  Condition FunctionCondition(Term call);
  Operand ConditionOperand(Term term);
  bool CheckArity(const Term& call, size_t count);
  void CheckSortable(const Operand& operand, std::string_view op);

  void ParseSetAction(UpdateProgram& program);
  Operand ParseSetValue();
  Operand UpdateOperand(Term term);
  Operand UpdateValueOperand(UpdateAction::Kind kind);

  std::string_view text_;
  std::string_view parameter_;
  ExpressionAttributes attributes_;
  ExpressionUsage& usage_;
  std::vector<Token> tokens_;
  size_t position_ = 0;
  int operators_ = 0;  // operators and function calls; DynamoDB allows 300
  Status syntax_error_;
  Status semantic_error_;
};

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_PARSER_H_
