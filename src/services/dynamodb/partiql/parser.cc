#include "services/dynamodb/partiql/parser.h"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/partiql/lexer.h"

namespace cloudemu::services::dynamodb::partiql {
namespace {

using Kind = Token::Kind;

// Words that end a path or an operand; they cannot be bare attribute names.
bool IsReservedKeyword(std::string_view word) {
  static constexpr std::string_view kKeywords[] = {
      "select", "from", "where", "and", "or", "not", "between", "in", "is", "insert", "into", "value",
      "update", "set", "remove", "delete", "returning", "exists", "missing", "null", "true", "false"};
  for (std::string_view keyword : kKeywords) {
    if (core::EqualsIgnoreCase(word, keyword)) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const core::DocumentList& parameters)
      : tokens_(std::move(tokens)), parameters_(parameters) {}

  StatusOr<Statement> ParseAll() {
    auto statement = ParseStatementBody();
    if (!statement.ok()) return statement;
    if (IsSymbol(";")) Advance();
    if (Peek().kind != Kind::kEnd) return Unexpected();
    if (next_parameter_ != parameters_.size()) return ParameterCountMismatch();
    return statement;
  }

 private:
  // --- tokens ---
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
  }
  const Token& Advance() { return tokens_[position_ < tokens_.size() - 1 ? position_++ : position_]; }
  bool IsSymbol(std::string_view symbol, size_t ahead = 0) const {
    return Peek(ahead).kind == Kind::kSymbol && Peek(ahead).text == symbol;
  }
  bool IsKeyword(std::string_view keyword, size_t ahead = 0) const {
    return Peek(ahead).kind == Kind::kIdentifier && core::EqualsIgnoreCase(Peek(ahead).text, keyword);
  }
  Status Unexpected() const {
    const Token& token = Peek();
    if (token.kind == Kind::kEnd) return MalformedStatement("Unexpected end of statement");
    return MalformedStatement("Unexpected token '" + token.text + "' at offset " + std::to_string(token.offset));
  }
  Status ExpectSymbol(std::string_view symbol) {
    if (!IsSymbol(symbol)) return Unexpected();
    Advance();
    return Status::Ok();
  }
  Status ExpectKeyword(std::string_view keyword) {
    if (!IsKeyword(keyword)) return Unexpected();
    Advance();
    return Status::Ok();
  }
  static Status ParameterCountMismatch() {
    return ValidationError("Number of parameters in request and statement don't match.");
  }

  // --- statements ---
  StatusOr<Statement> ParseStatementBody() {
    if (IsKeyword("select")) return ParseSelect();
    if (IsKeyword("insert")) return ParseInsert();
    if (IsKeyword("update")) return ParseUpdate();
    if (IsKeyword("delete")) return ParseDelete();
    if (IsKeyword("exists")) return ParseExists();
    return Unexpected();
  }

  StatusOr<std::string> ParseName() {
    const Token& token = Peek();
    if (token.kind == Kind::kQuotedIdentifier ||
        (token.kind == Kind::kIdentifier && !IsReservedKeyword(token.text))) {
      return Advance().text;
    }
    return Unexpected();
  }

  StatusOr<Statement> ParseSelect() {
    Advance();  // SELECT
    Statement statement;
    statement.kind = Statement::Kind::kSelect;
    if (IsSymbol("*")) {
      Advance();
    } else {
      do {
        if (!statement.projection.empty()) Advance();  // ','
        auto path = ParsePath();
        if (!path.ok()) return path.status();
        statement.projection.push_back(std::move(path).value());
      } while (IsSymbol(","));
    }
    if (Status status = ExpectKeyword("from"); !status.ok()) return status;
    auto table = ParseName();
    if (!table.ok()) return table.status();
    statement.table = std::move(table).value();
    if (IsSymbol(".")) {
      Advance();
      auto index = ParseName();
      if (!index.ok()) return index.status();
      statement.index = std::move(index).value();
    }
    if (Status status = ParseOptionalWhere(statement); !status.ok()) return status;
    return statement;
  }

  StatusOr<Statement> ParseExists() {
    Advance();  // EXISTS
    if (Status status = ExpectSymbol("("); !status.ok()) return status;
    if (!IsKeyword("select")) return Unexpected();
    auto statement = ParseSelect();
    if (!statement.ok()) return statement;
    if (Status status = ExpectSymbol(")"); !status.ok()) return status;
    statement->kind = Statement::Kind::kExists;
    return statement;
  }

  StatusOr<Statement> ParseInsert() {
    Advance();  // INSERT
    Statement statement;
    statement.kind = Statement::Kind::kInsert;
    if (Status status = ExpectKeyword("into"); !status.ok()) return status;
    auto table = ParseName();
    if (!table.ok()) return table.status();
    statement.table = std::move(table).value();
    if (Status status = ExpectKeyword("value"); !status.ok()) return status;
    auto item = ParseValue();
    if (!item.ok()) return item.status();
    if (TypeOf(*item) != "M") return MalformedStatement("INSERT's VALUE must be a map of attribute names to values");
    statement.item = (*item)["M"];
    return statement;
  }

  StatusOr<Statement> ParseUpdate() {
    Advance();  // UPDATE
    Statement statement;
    statement.kind = Statement::Kind::kUpdate;
    auto table = ParseName();
    if (!table.ok()) return table.status();
    statement.table = std::move(table).value();
    while (IsKeyword("set") || IsKeyword("remove")) {
      bool set = IsKeyword("set");
      Advance();
      bool first = true;
      do {
        if (!first) Advance();  // ','
        first = false;
        auto path = ParsePath();
        if (!path.ok()) return path.status();
        if (!set) {
          statement.removals.push_back(std::move(path).value());
          continue;
        }
        if (Status status = ExpectSymbol("="); !status.ok()) return status;
        auto value = ParseOperand();
        if (!value.ok()) return value.status();
        statement.assignments.push_back({std::move(path).value(), std::move(value).value()});
      } while (IsSymbol(","));
    }
    if (statement.assignments.empty() && statement.removals.empty()) return Unexpected();
    if (Status status = ParseOptionalWhere(statement); !status.ok()) return status;
    if (Status status = ParseOptionalReturning(statement); !status.ok()) return status;
    return statement;
  }

  StatusOr<Statement> ParseDelete() {
    Advance();  // DELETE
    Statement statement;
    statement.kind = Statement::Kind::kDelete;
    if (Status status = ExpectKeyword("from"); !status.ok()) return status;
    auto table = ParseName();
    if (!table.ok()) return table.status();
    statement.table = std::move(table).value();
    if (Status status = ParseOptionalWhere(statement); !status.ok()) return status;
    if (Status status = ParseOptionalReturning(statement); !status.ok()) return status;
    if (!statement.return_values.empty() && statement.return_values != "ALL_OLD") {
      return ValidationError("Unsupported RETURNING clause for DELETE: only ALL OLD * is allowed");
    }
    return statement;
  }

  Status ParseOptionalWhere(Statement& statement) {
    if (!IsKeyword("where")) return Status::Ok();
    Advance();
    auto where = ParseExpression();
    if (!where.ok()) return where.status();
    statement.where = std::move(where).value();
    return Status::Ok();
  }

  // RETURNING (ALL | MODIFIED) (OLD | NEW) *
  Status ParseOptionalReturning(Statement& statement) {
    if (!IsKeyword("returning")) return Status::Ok();
    Advance();
    std::string which;
    if (IsKeyword("all")) {
      which = "ALL_";
    } else if (IsKeyword("modified")) {
      which = "UPDATED_";
    } else {
      return Unexpected();
    }
    Advance();
    if (IsKeyword("old")) {
      which += "OLD";
    } else if (IsKeyword("new")) {
      which += "NEW";
    } else {
      return Unexpected();
    }
    Advance();
    if (Status status = ExpectSymbol("*"); !status.ok()) return status;
    statement.return_values = std::move(which);
    return Status::Ok();
  }

  // --- expressions ---
  StatusOr<Expr> ParseExpression() { return ParseOr(); }

  static Expr Binary(Expr::Kind kind, Expr left, Expr right, std::string op = "") {
    Expr expr;
    expr.kind = kind;
    expr.op = std::move(op);
    expr.operands.push_back(std::move(left));
    expr.operands.push_back(std::move(right));
    return expr;
  }

  StatusOr<Expr> ParseOr() {
    auto left = ParseAnd();
    if (!left.ok()) return left;
    while (IsKeyword("or")) {
      Advance();
      auto right = ParseAnd();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kOr, std::move(left).value(), std::move(right).value());
    }
    return left;
  }

  StatusOr<Expr> ParseAnd() {
    auto left = ParseNot();
    if (!left.ok()) return left;
    while (IsKeyword("and")) {
      Advance();
      auto right = ParseNot();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kAnd, std::move(left).value(), std::move(right).value());
    }
    return left;
  }

  StatusOr<Expr> ParseNot() {
    if (!IsKeyword("not")) return ParsePredicate();
    Advance();
    auto operand = ParseNot();
    if (!operand.ok()) return operand;
    Expr expr;
    expr.kind = Expr::Kind::kNot;
    expr.operands.push_back(std::move(operand).value());
    return expr;
  }

  StatusOr<Expr> ParsePredicate() {
    auto left = ParseOperand();
    if (!left.ok()) return left;
    static constexpr std::string_view kComparisons[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    for (std::string_view comparison : kComparisons) {
      if (!IsSymbol(comparison)) continue;
      Advance();
      auto right = ParseOperand();
      if (!right.ok()) return right;
      return Binary(Expr::Kind::kCompare, std::move(left).value(), std::move(right).value(),
                    comparison == "!=" ? "<>" : std::string(comparison));
    }
    bool negated = false;
    if (IsKeyword("not") && (IsKeyword("between", 1) || IsKeyword("in", 1))) {
      negated = true;
      Advance();
    }
    Expr expr;
    if (IsKeyword("between")) {
      Advance();
      expr.kind = Expr::Kind::kBetween;
      expr.operands.push_back(std::move(left).value());
      auto low = ParseOperand();
      if (!low.ok()) return low;
      if (Status status = ExpectKeyword("and"); !status.ok()) return status;
      auto high = ParseOperand();
      if (!high.ok()) return high;
      expr.operands.push_back(std::move(low).value());
      expr.operands.push_back(std::move(high).value());
    } else if (IsKeyword("in")) {
      Advance();
      expr.kind = Expr::Kind::kIn;
      expr.operands.push_back(std::move(left).value());
      if (Status status = ParseInList(expr.operands); !status.ok()) return status;
    } else if (IsKeyword("is")) {
      Advance();
      if (IsKeyword("not")) {
        expr.negated = true;
        Advance();
      }
      if (IsKeyword("missing")) {
        expr.kind = Expr::Kind::kIsMissing;
      } else if (IsKeyword("null")) {
        expr.kind = Expr::Kind::kIsNull;
      } else {
        return Unexpected();
      }
      Advance();
      expr.operands.push_back(std::move(left).value());
      return expr;
    } else {
      return left;
    }
    if (!negated) return expr;
    Expr negation;
    negation.kind = Expr::Kind::kNot;
    negation.operands.push_back(std::move(expr));
    return negation;
  }

  // IN [v, ...] or IN (v, ...); a list value (also a `?` list) spreads into its elements.
  Status ParseInList(std::vector<Expr>& operands) {
    size_t first = operands.size();
    if (IsSymbol("(")) {
      Advance();
      do {
        if (operands.size() > first) Advance();  // ','
        auto value = ParseValue();
        if (!value.ok()) return value.status();
        operands.push_back(ValueExpr(std::move(value).value()));
      } while (IsSymbol(","));
      if (Status status = ExpectSymbol(")"); !status.ok()) return status;
    } else {
      auto list = ParseValue();
      if (!list.ok()) return list.status();
      if (TypeOf(*list) != "L") return MalformedStatement("IN expects a list of values");
      for (const core::Document& element : (*list)["L"].AsList()) operands.push_back(ValueExpr(element));
    }
    if (operands.size() == first) return MalformedStatement("IN expects at least one value");
    return Status::Ok();
  }

  static Expr ValueExpr(core::Document value) {
    Expr expr;
    expr.kind = Expr::Kind::kValue;
    expr.value = std::move(value);
    return expr;
  }

  // operand: primary (('+' | '-') primary)*
  StatusOr<Expr> ParseOperand() {
    auto left = ParsePrimary();
    if (!left.ok()) return left;
    while (IsSymbol("+") || IsSymbol("-")) {
      std::string op = Advance().text;
      auto right = ParsePrimary();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kArithmetic, std::move(left).value(), std::move(right).value(), op);
    }
    return left;
  }

  StatusOr<Expr> ParsePrimary() {
    if (IsSymbol("(")) {
      Advance();
      auto inner = ParseExpression();
      if (!inner.ok()) return inner;
      if (Status status = ExpectSymbol(")"); !status.ok()) return status;
      return inner;
    }
    const Token& token = Peek();
    bool bare_word = token.kind == Kind::kIdentifier;
    if (bare_word && IsSymbol("(", 1) && !IsReservedKeyword(token.text)) {
      Expr call;
      call.kind = Expr::Kind::kCall;
      call.op = core::AsciiLower(Advance().text);
      Advance();  // '('
      if (!IsSymbol(")")) {
        do {
          if (!call.operands.empty()) Advance();  // ','
          auto argument = ParseOperand();
          if (!argument.ok()) return argument;
          call.operands.push_back(std::move(argument).value());
        } while (IsSymbol(","));
      }
      if (Status status = ExpectSymbol(")"); !status.ok()) return status;
      return call;
    }
    if (token.kind == Kind::kQuotedIdentifier || (bare_word && !IsReservedKeyword(token.text))) {
      auto path = ParsePath();
      if (!path.ok()) return path.status();
      Expr expr;
      expr.kind = Expr::Kind::kPath;
      expr.path = std::move(path).value();
      return expr;
    }
    auto value = ParseValue();
    if (!value.ok()) return value.status();
    return ValueExpr(std::move(value).value());
  }

  StatusOr<Path> ParsePath() {
    Path path;
    auto first = ParseName();
    if (!first.ok()) return first.status();
    path.push_back({std::move(first).value()});
    while (true) {
      if (IsSymbol(".")) {
        Advance();
        auto name = ParseName();
        if (!name.ok()) return name.status();
        path.push_back({std::move(name).value()});
      } else if (IsSymbol("[")) {
        Advance();
        int64_t index = -1;
        const std::string& digits = Peek().text;
        if (Peek().kind != Kind::kNumber ||
            std::from_chars(digits.data(), digits.data() + digits.size(), index).ptr != digits.data() + digits.size()) {
          return MalformedStatement("A list index must be a non-negative integer");
        }
        Advance();
        if (Status status = ExpectSymbol("]"); !status.ok()) return status;
        path.push_back({"", index});
      } else {
        return path;
      }
    }
  }

  // --- values ---
  StatusOr<core::Document> ParseValue() {
    const Token& token = Peek();
    if (token.kind == Kind::kString) return MakeValue("S", Advance().text);
    if (token.kind == Kind::kNumber) return MakeValue("N", Advance().text);
    if (IsSymbol("-") && Peek(1).kind == Kind::kNumber) {
      Advance();
      return MakeValue("N", "-" + Advance().text);
    }
    if (IsKeyword("true") || IsKeyword("false")) return MakeValue("BOOL", core::EqualsIgnoreCase(Advance().text, "true"));
    if (IsKeyword("null")) {
      Advance();
      return MakeValue("NULL", true);
    }
    if (IsSymbol("?")) {
      Advance();
      if (next_parameter_ >= parameters_.size()) return ParameterCountMismatch();
      return parameters_[next_parameter_++];
    }
    if (IsSymbol("{")) return ParseMap();
    if (IsSymbol("[")) return ParseList();
    if (IsSymbol("<<")) return ParseSet();
    return Unexpected();
  }

  StatusOr<core::Document> ParseMap() {
    Advance();  // '{'
    core::Document members = core::Document::Map();
    while (!IsSymbol("}")) {
      if (!members.empty()) {
        if (Status status = ExpectSymbol(","); !status.ok()) return status;
      }
      if (Peek().kind != Kind::kString) return MalformedStatement("A map key must be a string literal");
      std::string key = Advance().text;
      if (Status status = ExpectSymbol(":"); !status.ok()) return status;
      auto value = ParseValue();
      if (!value.ok()) return value;
      members.Set(key, std::move(value).value());
    }
    Advance();  // '}'
    return MakeValue("M", std::move(members));
  }

  StatusOr<core::Document> ParseList() {
    Advance();  // '['
    core::Document elements = core::Document::List();
    while (!IsSymbol("]")) {
      if (!elements.empty()) {
        if (Status status = ExpectSymbol(","); !status.ok()) return status;
      }
      auto value = ParseValue();
      if (!value.ok()) return value;
      elements.Append(std::move(value).value());
    }
    Advance();  // ']'
    return MakeValue("L", std::move(elements));
  }

  // <<'a', 'b'>> is a string set, <<1, 2>> a number set, <<?, ?>> with B
  // parameters a binary set.
  StatusOr<core::Document> ParseSet() {
    Advance();  // '<<'
    core::Document elements = core::Document::List();
    std::string_view element_type;
    while (!IsSymbol(">>")) {
      if (!elements.empty()) {
        if (Status status = ExpectSymbol(","); !status.ok()) return status;
      }
      auto value = ParseValue();
      if (!value.ok()) return value;
      std::string_view type = TypeOf(*value);
      if (type != "S" && type != "N" && type != "B") {
        return ValidationError("Unsupported type passed as a set element: sets hold strings, numbers or binaries");
      }
      if (!element_type.empty() && type != element_type) {
        return ValidationError("Set elements must all be of the same type");
      }
      element_type = type;
      elements.Append(Payload(*value));
    }
    Advance();  // '>>'
    if (elements.empty()) return ValidationError("An empty set is not allowed");
    return MakeValue(std::string(element_type) + "S", std::move(elements));
  }

  std::vector<Token> tokens_;
  size_t position_ = 0;
  const core::DocumentList& parameters_;
  size_t next_parameter_ = 0;
};

}  // namespace

StatusOr<Statement> ParseStatement(std::string_view text, const core::DocumentList& parameters) {
  auto tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(std::move(tokens).value(), parameters).ParseAll();
}

}  // namespace cloudemu::services::dynamodb::partiql
