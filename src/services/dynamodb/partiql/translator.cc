#include "services/dynamodb/partiql/translator.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/dynamodb_errors.h"

namespace cloudemu::services::dynamodb::partiql {
namespace {

using Kind = Expr::Kind;

// Writes DynamoDB expression text, putting every attribute name into
// ExpressionAttributeNames (#n0, #n1, ...) and every value into
// ExpressionAttributeValues (:v0, :v1, ...), so no reserved word or odd
// character in a PartiQL name reaches the expression parser.
class ExpressionWriter {
 public:
  std::string Name(const std::string& name) {
    for (const auto& [placeholder, existing] : names_.AsMap()) {
      if (existing.AsString() == name) return placeholder;
    }
    std::string placeholder = "#n" + std::to_string(names_.size());
    names_.Set(placeholder, name);
    return placeholder;
  }

  std::string Value(const core::Document& value) {
    std::string placeholder = ":v" + std::to_string(values_.size());
    values_.Set(placeholder, value);
    return placeholder;
  }

  std::string PathText(const Path& path) {
    std::string text;
    for (const PathStep& step : path) {
      if (step.is_index()) {
        text += "[" + std::to_string(step.index) + "]";
      } else {
        if (!text.empty()) text += ".";
        text += Name(step.name);
      }
    }
    return text;
  }

  // A boolean expression: a ConditionExpression, FilterExpression or
  // KeyConditionExpression.
  StatusOr<std::string> Condition(const Expr& expr) {
    switch (expr.kind) {
      case Kind::kAnd:
      case Kind::kOr: {
        auto left = Condition(expr.operands[0]);
        if (!left.ok()) return left;
        auto right = Condition(expr.operands[1]);
        if (!right.ok()) return right;
        return "(" + *left + (expr.kind == Kind::kAnd ? " AND " : " OR ") + *right + ")";
      }
      case Kind::kNot: {
        auto operand = Condition(expr.operands[0]);
        if (!operand.ok()) return operand;
        return "(NOT " + *operand + ")";
      }
      case Kind::kCompare: {
        auto left = Operand(expr.operands[0]);
        if (!left.ok()) return left;
        auto right = Operand(expr.operands[1]);
        if (!right.ok()) return right;
        return *left + " " + expr.op + " " + *right;
      }
      case Kind::kBetween: {
        std::vector<std::string> parts;
        for (const Expr& operand : expr.operands) {
          auto text = Operand(operand);
          if (!text.ok()) return text;
          parts.push_back(std::move(text).value());
        }
        return parts[0] + " BETWEEN " + parts[1] + " AND " + parts[2];
      }
      case Kind::kIn: {
        auto subject = Operand(expr.operands[0]);
        if (!subject.ok()) return subject;
        std::string text = *subject + " IN (";
        for (size_t i = 1; i < expr.operands.size(); ++i) {
          auto element = Operand(expr.operands[i]);
          if (!element.ok()) return element;
          text += (i > 1 ? ", " : "") + *element;
        }
        return text + ")";
      }
      case Kind::kIsMissing: {
        if (expr.operands[0].kind != Kind::kPath) return ValidationError("IS MISSING applies to an attribute path");
        std::string path = PathText(expr.operands[0].path);
        return (expr.negated ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
      }
      case Kind::kIsNull: {
        // DynamoDB stores NULL as a type of its own; IS NULL asks for it.
        if (expr.operands[0].kind != Kind::kPath) return ValidationError("IS NULL applies to an attribute path");
        std::string test =
            "attribute_type(" + PathText(expr.operands[0].path) + ", " + Value(MakeValue("S", "NULL")) + ")";
        return expr.negated ? "(NOT " + test + ")" : test;
      }
      case Kind::kCall:
        if (expr.op == "begins_with" || expr.op == "contains" || expr.op == "attribute_type") return Call(expr);
        return ValidationError("Unsupported function in a condition: " + expr.op);
      case Kind::kPath:
      case Kind::kValue:
      case Kind::kArithmetic:
        break;
    }
    return ValidationError("A WHERE clause must be a condition, not a value or an attribute");
  }

  // A value position: a path, a placeholder, size(), list_append(), a + b.
  StatusOr<std::string> Operand(const Expr& expr) {
    switch (expr.kind) {
      case Kind::kPath:
        return PathText(expr.path);
      case Kind::kValue:
        return Value(expr.value);
      case Kind::kArithmetic: {
        auto left = Operand(expr.operands[0]);
        if (!left.ok()) return left;
        auto right = Operand(expr.operands[1]);
        if (!right.ok()) return right;
        return *left + " " + expr.op + " " + *right;
      }
      case Kind::kCall:
        if (expr.op == "size" || expr.op == "list_append" || expr.op == "if_not_exists") return Call(expr);
        return ValidationError("Unsupported function in a value: " + expr.op);
      default:
        return ValidationError("A condition cannot stand where a value is expected");
    }
  }

  // Puts the placeholders into `input` (only those used).
  void AddTo(core::Document& input) const {
    if (!names_.empty()) input.Set("ExpressionAttributeNames", names_);
    if (!values_.empty()) input.Set("ExpressionAttributeValues", values_);
  }

 private:
  StatusOr<std::string> Call(const Expr& expr) {
    std::string text = expr.op + "(";
    for (size_t i = 0; i < expr.operands.size(); ++i) {
      auto argument = Operand(expr.operands[i]);
      if (!argument.ok()) return argument;
      text += (i > 0 ? ", " : "") + *argument;
    }
    return text + ")";
  }

  core::Document names_ = core::Document::Map();
  core::Document values_ = core::Document::Map();
};

bool IsSingleName(const Expr& expr, const std::string& name) {
  return !name.empty() && expr.kind == Kind::kPath && expr.path.size() == 1 && expr.path[0].name == name;
}

bool References(const Expr& expr, const std::string& name) {
  if (name.empty()) return false;
  if (expr.kind == Kind::kPath) return expr.path[0].name == name;
  for (const Expr& operand : expr.operands) {
    if (References(operand, name)) return true;
  }
  return false;
}

void FlattenAnd(const Expr& expr, std::vector<const Expr*>& terms) {
  if (expr.kind == Kind::kAnd) {
    FlattenAnd(expr.operands[0], terms);
    FlattenAnd(expr.operands[1], terms);
  } else {
    terms.push_back(&expr);
  }
}

// The value of a top-level `name = value` (or `value = name`) term.
const core::Document* EqualityValue(const Expr& term, const std::string& name) {
  if (term.kind != Kind::kCompare || term.op != "=") return nullptr;
  const Expr& left = term.operands[0];
  const Expr& right = term.operands[1];
  if (IsSingleName(left, name) && right.kind == Kind::kValue) return &right.value;
  if (IsSingleName(right, name) && left.kind == Kind::kValue) return &left.value;
  return nullptr;
}

// A WHERE clause split into equalities on key attributes and everything else.
struct KeySplit {
  core::Document key = core::Document::Map();  // key attribute -> value, from `k = v` terms
  std::vector<const Expr*> rest;
};

KeySplit SplitKey(const std::optional<Expr>& where, const KeyAttributes& keys) {
  KeySplit split;
  if (!where) return split;
  std::vector<const Expr*> terms;
  FlattenAnd(*where, terms);
  for (const Expr* term : terms) {
    bool taken = false;
    for (const std::string* name : {&keys.partition, &keys.sort}) {
      if (name->empty() || split.key.Has(*name)) continue;
      if (const core::Document* value = EqualityValue(*term, *name)) {
        split.key.Set(*name, *value);
        taken = true;
        break;
      }
    }
    if (!taken) split.rest.push_back(term);
  }
  return split;
}

bool HasWholeKey(const KeySplit& split, const KeyAttributes& keys) {
  return split.key.Has(keys.partition) && (keys.sort.empty() || split.key.Has(keys.sort));
}

// The terms joined with AND; empty when there are none.
StatusOr<std::string> Conjunction(ExpressionWriter& writer, const std::vector<const Expr*>& terms) {
  std::string text;
  for (const Expr* term : terms) {
    auto condition = writer.Condition(*term);
    if (!condition.ok()) return condition;
    text += (text.empty() ? "" : " AND ") + *condition;
  }
  return text;
}

// A sort key condition a KeyConditionExpression can hold: sk op v, sk BETWEEN
// v AND w, begins_with(sk, v).
bool IsSortKeyCondition(const Expr& term, const std::string& sort) {
  auto is_value = [](const Expr& expr) { return expr.kind == Kind::kValue; };
  switch (term.kind) {
    case Kind::kCompare:
      return term.op != "<>" && IsSingleName(term.operands[0], sort) && is_value(term.operands[1]);
    case Kind::kBetween:
      return IsSingleName(term.operands[0], sort) && is_value(term.operands[1]) && is_value(term.operands[2]);
    case Kind::kCall:
      return term.op == "begins_with" && term.operands.size() == 2 && IsSingleName(term.operands[0], sort) &&
             is_value(term.operands[1]);
    default:
      return false;
  }
}

void AddProjection(const Statement& statement, ExpressionWriter& writer, core::Document& input) {
  if (statement.projection.empty()) return;
  std::string text;
  for (const Path& path : statement.projection) text += (text.empty() ? "" : ", ") + writer.PathText(path);
  input.Set("ProjectionExpression", text);
}

Status SetIfNotEmpty(core::Document& input, std::string_view member, StatusOr<std::string> text) {
  if (!text.ok()) return text.status();
  if (!text->empty()) input.Set(member, std::move(text).value());
  return Status::Ok();
}

StatusOr<Translation> TranslateSelect(const Statement& statement, const TableKeys& tables) {
  KeyAttributes keys = tables.table;
  if (!statement.index.empty()) {
    auto index = tables.indexes.find(statement.index);
    if (index == tables.indexes.end()) {
      return ValidationError("The table does not have the specified index: " + statement.index);
    }
    keys = index->second;
  }
  KeySplit split = SplitKey(statement.where, keys);
  Translation translation;
  core::Document& input = translation.input;
  input.Set("TableName", statement.table);
  if (!statement.index.empty()) input.Set("IndexName", statement.index);
  ExpressionWriter writer;

  if (statement.index.empty() && split.rest.empty() && HasWholeKey(split, keys)) {
    translation.operation = "GetItem";
    input.Set("Key", split.key);
    AddProjection(statement, writer, input);
    writer.AddTo(input);
    return translation;
  }

  // A Query needs the partition key's equality and leaves no key attribute in
  // the filter (DynamoDB refuses those); otherwise the statement scans.
  const Expr* sort_condition = nullptr;
  std::vector<const Expr*> filter = split.rest;
  bool query = split.key.Has(keys.partition);
  if (query && !keys.sort.empty() && !split.key.Has(keys.sort)) {
    for (auto term = filter.begin(); term != filter.end(); ++term) {
      if (IsSortKeyCondition(**term, keys.sort)) {
        sort_condition = *term;
        filter.erase(term);
        break;
      }
    }
  }
  for (const Expr* term : filter) {
    if (References(*term, keys.partition) || References(*term, keys.sort)) query = false;
  }

  if (query) {
    translation.operation = "Query";
    std::string key_condition =
        writer.Name(keys.partition) + " = " + writer.Value(split.key[keys.partition]);
    if (split.key.Has(keys.sort)) {
      key_condition += " AND " + writer.Name(keys.sort) + " = " + writer.Value(split.key[keys.sort]);
    } else if (sort_condition) {
      auto text = writer.Condition(*sort_condition);
      if (!text.ok()) return text.status();
      key_condition += " AND " + *text;
    }
    input.Set("KeyConditionExpression", key_condition);
    if (Status status = SetIfNotEmpty(input, "FilterExpression", Conjunction(writer, filter)); !status.ok()) {
      return status;
    }
  } else {
    translation.operation = "Scan";
    if (statement.where) {
      auto text = writer.Condition(*statement.where);
      if (!text.ok()) return text.status();
      input.Set("FilterExpression", std::move(text).value());
    }
  }
  AddProjection(statement, writer, input);
  writer.AddTo(input);
  return translation;
}

StatusOr<Translation> TranslateInsert(const Statement& statement, const TableKeys& tables) {
  Translation translation;
  translation.operation = "PutItem";
  core::Document& input = translation.input;
  input.Set("TableName", statement.table);
  input.Set("Item", statement.item);
  ExpressionWriter writer;
  input.Set("ConditionExpression", "attribute_not_exists(" + writer.Name(tables.table.partition) + ")");
  writer.AddTo(input);
  return translation;
}

// UPDATE, DELETE and EXISTS name one item by its whole key; the rest of the
// WHERE clause is a condition on it.
StatusOr<Translation> TranslateKeyed(const Statement& statement, const TableKeys& tables) {
  const KeyAttributes& keys = tables.table;
  KeySplit split = SplitKey(statement.where, keys);
  if (!HasWholeKey(split, keys)) return MissingKeyEquality();
  Translation translation;
  core::Document& input = translation.input;
  input.Set("TableName", statement.table);
  input.Set("Key", split.key);
  ExpressionWriter writer;
  std::vector<std::string> conditions;
  if (statement.kind != Statement::Kind::kDelete) {
    conditions.push_back("attribute_exists(" + writer.Name(keys.partition) + ")");
  }
  auto rest = Conjunction(writer, split.rest);
  if (!rest.ok()) return rest.status();
  if (!rest->empty()) conditions.push_back(std::move(rest).value());

  if (statement.kind == Statement::Kind::kUpdate) {
    translation.operation = "UpdateItem";
    std::string set, add, remove, del;
    for (const Statement::Assignment& assignment : statement.assignments) {
      const Expr& value = assignment.value;
      std::string path = writer.PathText(assignment.path);
      // SET s = set_add(s, <<...>>) is DynamoDB's ADD; set_delete its DELETE.
      bool set_function = value.kind == Kind::kCall && (value.op == "set_add" || value.op == "set_delete");
      if (set_function) {
        if (value.operands.size() != 2 || value.operands[0].kind != Kind::kPath ||
            writer.PathText(value.operands[0].path) != path || value.operands[1].kind != Kind::kValue) {
          return ValidationError(value.op + " takes the updated attribute and a set value");
        }
        std::string& clause = value.op == "set_add" ? add : del;
        clause += (clause.empty() ? "" : ", ") + path + " " + writer.Value(value.operands[1].value);
        continue;
      }
      auto text = writer.Operand(value);
      if (!text.ok()) return text.status();
      set += (set.empty() ? "" : ", ") + path + " = " + *text;
    }
    for (const Path& removal : statement.removals) {
      remove += (remove.empty() ? "" : ", ") + writer.PathText(removal);
    }
    std::string update;
    for (auto [keyword, clause] : {std::pair{"SET ", &set}, {"ADD ", &add}, {"DELETE ", &del}, {"REMOVE ", &remove}}) {
      if (!clause->empty()) update += (update.empty() ? "" : " ") + std::string(keyword) + *clause;
    }
    input.Set("UpdateExpression", update);
  } else if (statement.kind == Statement::Kind::kDelete) {
    translation.operation = "DeleteItem";
  } else {
    translation.operation = "ConditionCheck";
  }
  std::string condition;
  for (const std::string& part : conditions) condition += (condition.empty() ? "" : " AND ") + part;
  if (!condition.empty()) input.Set("ConditionExpression", condition);
  if (!statement.return_values.empty()) input.Set("ReturnValues", statement.return_values);
  writer.AddTo(input);
  return translation;
}

}  // namespace

Status MissingKeyEquality() {
  return ValidationError("Where clause does not contain a mandatory equality on all key attributes");
}

StatusOr<Translation> Translate(const Statement& statement, const TableKeys& keys) {
  switch (statement.kind) {
    case Statement::Kind::kSelect:
      return TranslateSelect(statement, keys);
    case Statement::Kind::kInsert:
      return TranslateInsert(statement, keys);
    case Statement::Kind::kUpdate:
    case Statement::Kind::kDelete:
    case Statement::Kind::kExists:
      return TranslateKeyed(statement, keys);
  }
  return ValidationError("Unsupported statement");
}

}  // namespace cloudemu::services::dynamodb::partiql
