#include "services/dynamodb/expression/parser.h"

#include <array>
#include <charconv>
#include <utility>

#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/expression/document_path.h"
#include "services/dynamodb/expression/errors.h"
#include "services/dynamodb/expression/reserved_words.h"

namespace cloudemu::services::dynamodb::expression {
namespace {

using core::Document;

constexpr size_t kMaxInOperands = 100;
constexpr size_t kMaxExpressionBytes = 4096;  // measured on the text as sent
constexpr int kMaxOperators = 300;
constexpr std::array<std::string_view, 5> kConditionFunctions = {"attribute_exists", "attribute_not_exists",
                                                                 "attribute_type", "begins_with", "contains"};
constexpr std::array<std::string_view, 2> kUpdateFunctions = {"if_not_exists", "list_append"};

template <size_t N>
bool OneOf(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool IsComparator(Token::Kind kind, Comparator& comparator) {
  switch (kind) {
    case Token::Kind::kEq:
      comparator = Comparator::kEq;
      return true;
    case Token::Kind::kNe:
      comparator = Comparator::kNe;
      return true;
    case Token::Kind::kLt:
      comparator = Comparator::kLt;
      return true;
    case Token::Kind::kLe:
      comparator = Comparator::kLe;
      return true;
    case Token::Kind::kGt:
      comparator = Comparator::kGt;
      return true;
    case Token::Kind::kGe:
      comparator = Comparator::kGe;
      return true;
    default:
      return false;
  }
}

bool IsLiteral(const Operand& operand) { return operand.kind == Operand::Kind::kValue && !operand.value.is_null(); }

}  // namespace

Parser::Parser(std::string_view text, std::string_view parameter, const ExpressionAttributes& attributes,
               ExpressionUsage& usage)
    : text_(text), parameter_(parameter), attributes_(attributes), usage_(usage), tokens_(Tokenize(text)) {}

const Token& Parser::Peek(size_t ahead) const { return tokens_[std::min(position_ + ahead, tokens_.size() - 1)]; }

void Parser::SyntaxError() {
  if (failed()) return;
  syntax_error_ =
      InvalidExpression(parameter_, SyntaxErrorDetail(text_, tokens_, std::min(position_, tokens_.size() - 1)));
}

bool Parser::Expect(Token::Kind kind) {
  if (failed()) return false;
  if (Peek().kind != kind) {
    SyntaxError();
    return false;
  }
  Advance();
  return true;
}

void Parser::SemanticError(std::string detail) {
  if (semantic_error_.ok()) semantic_error_ = InvalidExpression(parameter_, detail);
}

Status Parser::Finish() {
  if (!syntax_error_.ok()) return syntax_error_;
  if (operators_ > kMaxOperators) {
    return InvalidExpression(
        parameter_, "The expression contains too many operators; operator count: " + std::to_string(operators_));
  }
  return semantic_error_;
}

bool Parser::Unparseable() {
  if (text_.size() > kMaxExpressionBytes) {
    syntax_error_ =
        InvalidExpression(parameter_, "Expression size has exceeded the maximum allowed size; expression size: " +
                                          std::to_string(text_.size()));
    return true;
  }
  if (tokens_.size() > 1) return false;
  syntax_error_ = InvalidExpression(parameter_, "The expression can not be empty;");
  return true;
}

bool Parser::AtPathStart() const {
  return Peek().kind == Token::Kind::kNamePlaceholder ||
         (Peek().kind == Token::Kind::kName && Peek(1).kind != Token::Kind::kLeftParen);
}

PathElement Parser::ParseName() {
  PathElement element;
  const Token& token = Peek();
  if (token.kind == Token::Kind::kName) {
    if (IsReservedWord(token.text)) {
      SemanticError("Attribute name is a reserved keyword; reserved keyword: " + std::string(token.text));
    }
    element.name = std::string(token.text);
  } else if (token.kind == Token::Kind::kNamePlaceholder) {
    usage_.UseName(token.text);
    const Document* name = attributes_.names == nullptr ? nullptr : attributes_.names->Find(token.text);
    if (name == nullptr || !name->is_string()) {
      SemanticError("An expression attribute name used in the document path is not defined; attribute name: " +
                    std::string(token.text));
    } else {
      element.name = name->AsString();
    }
  } else {
    SyntaxError();
    return element;
  }
  Advance();
  return element;
}

Path Parser::ParsePath() {
  Path path;
  path.push_back(ParseName());
  while (!failed()) {
    if (Peek().kind == Token::Kind::kDot) {
      Advance();
      path.push_back(ParseName());
    } else if (Peek().kind == Token::Kind::kLeftBracket) {
      Advance();
      const Token& token = Peek();
      int32_t index = -1;
      if (token.kind != Token::Kind::kNumber ||
          std::from_chars(token.text.data(), token.text.data() + token.text.size(), index).ec != std::errc()) {
        SyntaxError();
        break;
      }
      Advance();
      PathElement element;
      element.index = index;
      path.push_back(std::move(element));
      Expect(Token::Kind::kRightBracket);
    } else {
      break;
    }
  }
  return path;
}

Parser::Term Parser::ParseTerm() {
  Term term;
  if (failed()) return term;
  const Token& token = Peek();
  if (token.kind == Token::Kind::kValuePlaceholder) {
    usage_.UseValue(token.text);
    const Document* value = attributes_.values == nullptr ? nullptr : attributes_.values->Find(token.text);
    if (value == nullptr) {
      SemanticError("An expression attribute value used in expression is not defined; attribute value: " +
                    std::string(token.text));
    } else {
      term.value = NormalizeValue(*value);
    }
    Advance();
    return term;
  }
  if (token.kind == Token::Kind::kName && Peek(1).kind == Token::Kind::kLeftParen) {
    term.kind = Term::Kind::kCall;
    term.function = std::string(token.text);
    ++operators_;
    Advance();
    Advance();
    if (Peek().kind != Token::Kind::kRightParen) {
      term.args.push_back(ParseTerm());
      while (!failed() && Peek().kind == Token::Kind::kComma) {
        Advance();
        term.args.push_back(ParseTerm());
      }
    }
    Expect(Token::Kind::kRightParen);
    return term;
  }
  if (token.kind == Token::Kind::kName || token.kind == Token::Kind::kNamePlaceholder) {
    term.kind = Term::Kind::kPath;
    term.path = ParsePath();
    return term;
  }
  SyntaxError();
  return term;
}

bool Parser::CheckArity(const Term& call, size_t count) {
  if (call.args.size() == count) return true;
  SemanticError("Incorrect number of operands for operator or function; operator or function: " + call.function +
                ", number of operands: " + std::to_string(call.args.size()));
  return false;
}

// ---- Conditions ----------------------------------------------------------

StatusOr<Condition> Parser::ParseCondition() {
  if (Unparseable()) return syntax_error_;
  Condition condition = ParseOr();
  if (!failed() && Peek().kind != Token::Kind::kEof) SyntaxError();
  if (Status status = Finish(); !status.ok()) return status;
  return condition;
}

Condition Parser::ParseOr() { return ParseChain(Condition::Kind::kOr, "OR", &Parser::ParseAnd); }

Condition Parser::ParseAnd() { return ParseChain(Condition::Kind::kAnd, "AND", &Parser::ParseNot); }

// operand (keyword operand)*, folded to the left.
Condition Parser::ParseChain(Condition::Kind kind, std::string_view keyword, Condition (Parser::*operand)()) {
  Condition left = (this->*operand)();
  while (!failed() && IsKeyword(Peek(), keyword)) {
    Advance();
    ++operators_;
    Condition combined;
    combined.kind = kind;
    combined.children.push_back(std::move(left));
    combined.children.push_back((this->*operand)());
    left = std::move(combined);
  }
  return left;
}

Condition Parser::ParseNot() {
  if (IsKeyword(Peek(), "NOT")) {
    Advance();
    ++operators_;
    Condition negated;
    negated.kind = Condition::Kind::kNot;
    negated.children.push_back(ParseNot());
    return negated;
  }
  return ParsePrimary();
}

Condition Parser::ParsePrimary() {
  Condition condition;
  if (failed()) return condition;
  if (Peek().kind == Token::Kind::kLeftParen) {
    Advance();
    condition = ParseOr();
    Expect(Token::Kind::kRightParen);
    return condition;
  }
  Term left = ParseTerm();
  if (failed()) return condition;
  Comparator comparator;
  if (IsComparator(Peek().kind, comparator)) {
    Advance();
    ++operators_;
    Term right = ParseTerm();
    condition.kind = Condition::Kind::kCompare;
    condition.comparator = comparator;
    condition.operands.push_back(ConditionOperand(std::move(left)));
    condition.operands.push_back(ConditionOperand(std::move(right)));
    if (comparator != Comparator::kEq && comparator != Comparator::kNe) {
      for (const Operand& operand : condition.operands) CheckSortable(operand, ComparatorText(comparator));
    }
    return condition;
  }
  if (IsKeyword(Peek(), "BETWEEN")) {
    Advance();
    ++operators_;
    Term low = ParseTerm();
    if (!failed() && !IsKeyword(Peek(), "AND")) SyntaxError();
    Advance();
    Term high = ParseTerm();
    condition.kind = Condition::Kind::kBetween;
    condition.operands.push_back(ConditionOperand(std::move(left)));
    condition.operands.push_back(ConditionOperand(std::move(low)));
    condition.operands.push_back(ConditionOperand(std::move(high)));
    for (const Operand& operand : condition.operands) CheckSortable(operand, "BETWEEN");
    const Operand& lower = condition.operands[1];
    const Operand& upper = condition.operands[2];
    if (IsLiteral(lower) && IsLiteral(upper)) {
      std::string bounds = "lower bound operand: AttributeValue: " + DescribeValue(lower.value) +
                           ", upper bound operand: AttributeValue: " + DescribeValue(upper.value);
      if (TypeOf(lower.value) != TypeOf(upper.value)) {
        SemanticError("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
      } else if (IsOrderedType(TypeOf(lower.value)) && CompareKeyValues(lower.value, upper.value) > 0) {
        SemanticError("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " +
                      bounds);
      }
    }
    return condition;
  }
  if (IsKeyword(Peek(), "IN")) {
    Advance();
    ++operators_;
    condition.kind = Condition::Kind::kIn;
    condition.operands.push_back(ConditionOperand(std::move(left)));
    if (!Expect(Token::Kind::kLeftParen)) return condition;
    condition.operands.push_back(ConditionOperand(ParseTerm()));
    while (!failed() && Peek().kind == Token::Kind::kComma) {
      Advance();
      condition.operands.push_back(ConditionOperand(ParseTerm()));
    }
    Expect(Token::Kind::kRightParen);
    if (condition.operands.size() - 1 > kMaxInOperands) {
      SemanticError("The IN operator is provided with too many operands; number of operands: " +
                    std::to_string(condition.operands.size() - 1));
    }
    return condition;
  }
  if (left.kind == Term::Kind::kCall) return FunctionCondition(std::move(left));
  SyntaxError();
  return condition;
}

Condition Parser::FunctionCondition(Term call) {
  Condition condition;
  const std::string name = call.function;
  if (!OneOf(name, kConditionFunctions)) {
    ConditionOperand(std::move(call));  // reports why this function cannot stand here
    if (name == "size")
      SemanticError("The function is not allowed to be used this way in an expression; function: size");
    return condition;
  }
  const bool two_operands = name == "attribute_type" || name == "begins_with" || name == "contains";
  if (!CheckArity(call, two_operands ? 2 : 1)) return condition;
  if (call.args[0].kind != Term::Kind::kPath) {
    SemanticError("Operator or function requires a document path; operator or function: " + name);
  }
  if (name == "attribute_exists") condition.kind = Condition::Kind::kExists;
  if (name == "attribute_not_exists") condition.kind = Condition::Kind::kNotExists;
  if (name == "attribute_type") condition.kind = Condition::Kind::kType;
  if (name == "begins_with") condition.kind = Condition::Kind::kBeginsWith;
  if (name == "contains") condition.kind = Condition::Kind::kContains;
  for (Term& arg : call.args) condition.operands.push_back(ConditionOperand(std::move(arg)));
  if (!two_operands) return condition;
  const Operand& second = condition.operands[1];
  if (!IsLiteral(second)) return condition;
  std::string_view type = TypeOf(second.value);
  if (condition.kind == Condition::Kind::kType) {
    static constexpr std::array<std::string_view, 10> kTypeNames = {"S",  "N", "B", "SS",   "NS",
                                                                    "BS", "M", "L", "NULL", "BOOL"};
    if (type != "S") {
      SemanticError(IncorrectOperandType(name, type));
    } else if (!OneOf(Payload(second.value).AsString(), kTypeNames)) {
      SemanticError("Invalid attribute type name found; type: " + Payload(second.value).AsString() +
                    ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
    }
  } else if (condition.kind == Condition::Kind::kBeginsWith && type != "S" && type != "B") {
    SemanticError(IncorrectOperandType(name, type));
  }
  return condition;
}

Operand Parser::ConditionOperand(Term term) {
  Operand operand;
  switch (term.kind) {
    case Term::Kind::kPath:
      operand.kind = Operand::Kind::kPath;
      operand.path = std::move(term.path);
      return operand;
    case Term::Kind::kValue:
      operand.value = std::move(term.value);
      return operand;
    case Term::Kind::kCall:
      break;
  }
  const std::string& name = term.function;
  if (name == "size") {
    if (CheckArity(term, 1)) {
      if (term.args[0].kind != Term::Kind::kPath) {
        SemanticError("Operator or function requires a document path; operator or function: size");
      }
      operand.kind = Operand::Kind::kSize;
      operand.path = std::move(term.args[0].path);
    }
  } else if (OneOf(name, kConditionFunctions)) {
    SemanticError("The function is not allowed to be used this way in an expression; function: " + name);
  } else if (OneOf(name, kUpdateFunctions)) {
    SemanticError("The function is not allowed in a condition expression; function: " + name);
  } else {
    SemanticError("Invalid function name; function: " + name);
  }
  return operand;
}

void Parser::CheckSortable(const Operand& operand, std::string_view op) {
  if (IsLiteral(operand) && !IsOrderedType(TypeOf(operand.value))) {
    SemanticError(IncorrectOperandType(op, TypeOf(operand.value)));
  }
}

// ---- Updates -------------------------------------------------------------

StatusOr<UpdateProgram> Parser::ParseUpdate() {
  if (Unparseable()) return syntax_error_;
  static constexpr std::array<std::string_view, 4> kClauses = {"SET", "REMOVE", "ADD", "DELETE"};
  static constexpr std::array<UpdateAction::Kind, 4> kKinds = {UpdateAction::Kind::kSet, UpdateAction::Kind::kRemove,
                                                               UpdateAction::Kind::kAdd, UpdateAction::Kind::kDelete};
  std::array<bool, 4> seen = {};
  UpdateProgram program;
  while (!failed() && Peek().kind != Token::Kind::kEof) {
    size_t clause = 0;
    while (clause < kClauses.size() && !IsKeyword(Peek(), kClauses[clause])) ++clause;
    if (clause == kClauses.size()) {
      SyntaxError();
      break;
    }
    if (seen[clause]) {
      SemanticError("The \"" + std::string(kClauses[clause]) +
                    "\" section can only be used once in an update expression;");
    }
    seen[clause] = true;
    Advance();
    do {
      if (kKinds[clause] == UpdateAction::Kind::kSet) {
        ParseSetAction(program);
        continue;
      }
      UpdateAction action;
      action.kind = kKinds[clause];
      if (!AtPathStart()) {
        SyntaxError();
        break;
      }
      action.path = ParsePath();
      if (action.kind != UpdateAction::Kind::kRemove) action.value = UpdateValueOperand(action.kind);
      program.actions.push_back(std::move(action));
    } while (!failed() && Peek().kind == Token::Kind::kComma && (Advance(), true));
  }
  if (!failed()) {
    PathCollector paths;
    for (const UpdateAction& action : program.actions) {
      if (std::optional<std::string> overlap = paths.Add(action.path)) SemanticError(*overlap);
    }
    program.touched = paths.Release();
  }
  if (Status status = Finish(); !status.ok()) return status;
  return program;
}

void Parser::ParseSetAction(UpdateProgram& program) {
  UpdateAction action;
  action.kind = UpdateAction::Kind::kSet;
  if (!AtPathStart()) {
    SyntaxError();
    return;
  }
  action.path = ParsePath();
  if (!Expect(Token::Kind::kEq)) return;
  action.value = ParseSetValue();
  program.actions.push_back(std::move(action));
}

Operand Parser::ParseSetValue() {
  Operand left = UpdateOperand(ParseTerm());
  const Token::Kind kind = Peek().kind;
  if (failed() || (kind != Token::Kind::kPlus && kind != Token::Kind::kMinus)) return left;
  Advance();
  Operand right = UpdateOperand(ParseTerm());
  Operand arithmetic;
  arithmetic.kind = kind == Token::Kind::kPlus ? Operand::Kind::kPlus : Operand::Kind::kMinus;
  for (const Operand* operand : {&left, &right}) {
    if (IsLiteral(*operand) && TypeOf(operand->value) != "N") {
      SemanticError(IncorrectOperandType(kind == Token::Kind::kPlus ? "+" : "-", TypeOf(operand->value)));
    }
  }
  arithmetic.args.push_back(std::move(left));
  arithmetic.args.push_back(std::move(right));
  return arithmetic;
}

Operand Parser::UpdateOperand(Term term) {
  Operand operand;
  switch (term.kind) {
    case Term::Kind::kPath:
      operand.kind = Operand::Kind::kPath;
      operand.path = std::move(term.path);
      return operand;
    case Term::Kind::kValue:
      operand.value = std::move(term.value);
      return operand;
    case Term::Kind::kCall:
      break;
  }
  const std::string& name = term.function;
  if (name == "if_not_exists") {
    if (!CheckArity(term, 2)) return operand;
    if (term.args[0].kind != Term::Kind::kPath) {
      SemanticError("Operator or function requires a document path; operator or function: if_not_exists");
    }
    operand.kind = Operand::Kind::kIfNotExists;
    operand.path = std::move(term.args[0].path);
    operand.args.push_back(UpdateOperand(std::move(term.args[1])));
  } else if (name == "list_append") {
    if (!CheckArity(term, 2)) return operand;
    operand.kind = Operand::Kind::kListAppend;
    for (Term& arg : term.args) {
      operand.args.push_back(UpdateOperand(std::move(arg)));
      const Operand& added = operand.args.back();
      if (IsLiteral(added) && TypeOf(added.value) != "L") {
        SemanticError(IncorrectOperandType(name, TypeOf(added.value)));
      }
    }
  } else if (OneOf(name, kConditionFunctions) || name == "size") {
    SemanticError("The function is not allowed in an update expression; function: " + name);
  } else {
    SemanticError("Invalid function name; function: " + name);
  }
  return operand;
}

Operand Parser::UpdateValueOperand(UpdateAction::Kind kind) {
  if (failed()) return Operand();
  if (Peek().kind != Token::Kind::kValuePlaceholder) {
    SyntaxError();
    return Operand();
  }
  Operand operand = UpdateOperand(ParseTerm());
  if (!IsLiteral(operand)) return operand;
  std::string_view type = TypeOf(operand.value);
  const bool is_set = IsSetType(type);
  if (kind == UpdateAction::Kind::kAdd && !is_set && type != "N") {
    SemanticError("Incorrect operand type for operator or function; operator: ADD, operand type: " + HumanType(type) +
                  ", typeSet: ALLOWED_FOR_ADD_OPERAND");
  } else if (kind == UpdateAction::Kind::kDelete && !is_set) {
    SemanticError("Incorrect operand type for operator or function; operator: DELETE, operand type: " +
                  HumanType(type) + ", typeSet: ALLOWED_FOR_DELETE_OPERAND");
  }
  return operand;
}

// ---- Projections ---------------------------------------------------------

StatusOr<std::vector<Path>> Parser::ParseProjection() {
  if (Unparseable()) return syntax_error_;
  std::vector<Path> paths;
  PathCollector collector;
  do {
    if (!AtPathStart()) {
      SyntaxError();
      break;
    }
    paths.push_back(ParsePath());
    if (failed()) break;
    if (std::optional<std::string> overlap = collector.Add(paths.back())) SemanticError(*overlap);
  } while (Peek().kind == Token::Kind::kComma && (Advance(), true));
  if (!failed() && Peek().kind != Token::Kind::kEof) SyntaxError();
  if (Status status = Finish(); !status.ok()) return status;
  return paths;
}

}  // namespace cloudemu::services::dynamodb::expression
