// KeyCondition: Query's KeyConditionExpression, parsed with the condition
// grammar and then checked against the key schema as DynamoDB does.
#include <vector>

#include "services/dynamodb/expression/condition_evaluator.h"
#include "services/dynamodb/expression/errors.h"
#include "services/dynamodb/expression/key_condition_rules.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace expression {
namespace {

constexpr std::string_view kParameter = "KeyConditionExpression";

Status InvalidKeyCondition(std::string_view detail) { return InvalidExpression(kParameter, detail); }

std::string_view OperatorName(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::kOr:
      return "OR";
    case Condition::Kind::kNot:
      return "NOT";
    case Condition::Kind::kIn:
      return "IN";
    case Condition::Kind::kExists:
      return "attribute_exists";
    case Condition::Kind::kNotExists:
      return "attribute_not_exists";
    case Condition::Kind::kType:
      return "attribute_type";
    case Condition::Kind::kContains:
      return "contains";
    case Condition::Kind::kCompare:
      return "<>";
    default:
      return "";
  }
}

Status Flatten(const Condition& condition, std::vector<const Condition*>& out) {
  if (condition.kind == Condition::Kind::kAnd) {
    for (const Condition& child : condition.children) {
      if (Status s = Flatten(child, out); !s.ok()) return s;
    }
    return Status::Ok();
  }
  const bool supported = condition.kind == Condition::Kind::kBetween ||
                         condition.kind == Condition::Kind::kBeginsWith ||
                         (condition.kind == Condition::Kind::kCompare && condition.comparator != Comparator::kNe);
  if (!supported) {
    // AWS words this one without the "Invalid KeyConditionExpression:" prefix.
    return ValidationError("Invalid operator used in KeyConditionExpression: " +
                               std::string(OperatorName(condition)));
  }
  out.push_back(&condition);
  return Status::Ok();
}

Comparator Mirrored(Comparator comparator) {
  switch (comparator) {
    case Comparator::kLt:
      return Comparator::kGt;
    case Comparator::kLe:
      return Comparator::kGe;
    case Comparator::kGt:
      return Comparator::kLt;
    case Comparator::kGe:
      return Comparator::kLe;
    default:
      return comparator;
  }
}

// One conjunct as (attribute, operator, values), with the attribute on the left.
StatusOr<KeyTerm> ToKeyTerm(const Condition& condition) {
  KeyTerm term;
  const std::vector<Operand>& operands = condition.operands;
  size_t path_index = 0;
  if (condition.kind == Condition::Kind::kCompare) {
    const bool left_path = operands[0].kind == Operand::Kind::kPath;
    const bool right_path = operands[1].kind == Operand::Kind::kPath;
    if (left_path && right_path) {
      return ValidationError(
          "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }
    if (!left_path && !right_path) {
      return ValidationError("Invalid condition in KeyConditionExpression: No key attribute specified");
    }
    path_index = left_path ? 0 : 1;
    term.op = ComparatorText(left_path ? condition.comparator : Mirrored(condition.comparator));
    term.values.push_back(&operands[1 - path_index].value);
  } else {
    term.op = condition.kind == Condition::Kind::kBetween ? "BETWEEN" : "begins_with";
    for (size_t i = 1; i < operands.size(); ++i) {
      if (operands[i].kind != Operand::Kind::kValue) {
        return ValidationError(
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
      }
      term.values.push_back(&operands[i].value);
    }
  }
  const Operand& key = operands[path_index];
  if (key.kind != Operand::Kind::kPath) {
    return ValidationError("Invalid condition in KeyConditionExpression: No key attribute specified");
  }
  if (key.path.size() != 1) {
    return InvalidKeyCondition("KeyConditionExpressions cannot have conditions on nested attributes");
  }
  term.name = key.path.front().name;
  return term;
}

}  // namespace
}  // namespace expression

StatusOr<KeyCondition> KeyCondition::Parse(std::string_view text, const ExpressionAttributes& attributes,
                                           ExpressionUsage& usage, const KeySchemaNames& schema) {
  expression::Parser parser(text, expression::kParameter, attributes, usage);
  StatusOr<expression::Condition> condition = parser.ParseCondition();
  if (!condition.ok()) return condition.status();
  std::vector<const expression::Condition*> conjuncts;
  if (Status s = expression::Flatten(*condition, conjuncts); !s.ok()) return s;
  std::vector<expression::KeyTerm> terms;
  for (const expression::Condition* conjunct : conjuncts) {
    StatusOr<expression::KeyTerm> term = expression::ToKeyTerm(*conjunct);
    if (!term.ok()) return term.status();
    terms.push_back(std::move(term).value());
  }
  return expression::BuildKeyCondition(terms, schema);
}

bool KeyCondition::MatchesSort(const core::Document& sort_value) const {
  if (!sort) return true;
  if (TypeOf(sort_value) != TypeOf(sort->low)) return false;
  if (sort->op == "begins_with") return expression::BeginsWith(sort_value, sort->low);
  int low = CompareKeyValues(sort_value, sort->low);
  if (sort->op == "=") return low == 0;
  if (sort->op == "<") return low < 0;
  if (sort->op == "<=") return low <= 0;
  if (sort->op == ">") return low > 0;
  if (sort->op == ">=") return low >= 0;
  return low >= 0 && CompareKeyValues(sort_value, sort->high) <= 0;  // BETWEEN
}

}  // namespace cloudemu::services::dynamodb
