// The legacy (pre-expression) parameters, translated into the trees the
// expressions parse to: Expected, QueryFilter/ScanFilter, AttributeUpdates,
// KeyConditions. Names there are plain top-level attribute names.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/expression/ast.h"
#include "services/dynamodb/expression/document_path.h"
#include "services/dynamodb/expression/errors.h"
#include "services/dynamodb/expression/key_condition_rules.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace expression {
namespace {

using core::Document;

Status InvalidParameter(const std::string& detail) {
  return ValidationError("One or more parameter values were invalid: " + detail);
}

struct OperatorRule {
  std::string_view name;
  int min_values;
  int max_values;
  std::string_view types;  // allowed value types, space separated; empty: any
};

constexpr std::array<OperatorRule, 13> kOperators = {{
    {"EQ", 1, 1, ""},
    {"NE", 1, 1, ""},
    {"LE", 1, 1, "S N B"},
    {"LT", 1, 1, "S N B"},
    {"GE", 1, 1, "S N B"},
    {"GT", 1, 1, "S N B"},
    {"NOT_NULL", 0, 0, ""},
    {"NULL", 0, 0, ""},
    {"CONTAINS", 1, 1, "S N B"},
    {"NOT_CONTAINS", 1, 1, "S N B"},
    {"BEGINS_WITH", 1, 1, "S B"},
    {"IN", 1, 100, "S N B"},
    {"BETWEEN", 2, 2, "S N B"},
}};

bool TypeAllowed(std::string_view types, std::string_view type) {
  if (types.empty()) return true;
  size_t start = 0;
  while (start <= types.size()) {
    size_t end = types.find(' ', start);
    if (end == std::string_view::npos) end = types.size();
    if (types.substr(start, end - start) == type) return true;
    start = end + 1;
  }
  return false;
}

Operand PathOperand(const std::string& name) {
  Operand operand;
  operand.kind = Operand::Kind::kPath;
  operand.path.push_back(PathElement{name});
  return operand;
}

Operand ValueOperand(const Document& value) {
  Operand operand;
  operand.value = NormalizeValue(value);
  return operand;
}

// Checks `values` (an AttributeValueList) against the operator's rules.
StatusOr<const OperatorRule*> CheckOperator(std::string_view op, const Document& values) {
  const OperatorRule* rule = nullptr;
  for (const OperatorRule& candidate : kOperators) {
    if (candidate.name == op) rule = &candidate;
  }
  if (rule == nullptr) {
    return ValidationError(
        "1 validation error detected: Value '" + std::string(op) +
        "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
        "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
  }
  const int count = static_cast<int>(values.size());
  if (count < rule->min_values || count > rule->max_values) {
    return InvalidParameter("Invalid number of argument(s) for the " + std::string(op) + " ComparisonOperator");
  }
  for (const Document& value : values.AsList()) {
    if (Status s = ValidateAttributeValue(value); !s.ok()) return s;
    std::string_view type = TypeOf(value);
    if (!TypeAllowed(rule->types, type)) {
      return InvalidParameter("ComparisonOperator " + std::string(op) + " is not valid for " + std::string(type) +
                              " AttributeValue type");
    }
  }
  if (op == "BETWEEN") {
    const Document& low = values.AsList()[0];
    const Document& high = values.AsList()[1];
    if (TypeOf(low) != TypeOf(high)) {
      return InvalidParameter("AttributeValues inside AttributeValueList must be of same type");
    }
    if (CompareKeyValues(low, high) > 0) {
      return ValidationError(
          "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }
  }
  return rule;
}

StatusOr<Condition> Comparison(const std::string& name, std::string_view op, const Document& values) {
  StatusOr<const OperatorRule*> rule = CheckOperator(op, values);
  if (!rule.ok()) return rule.status();
  Condition condition;
  condition.operands.push_back(PathOperand(name));
  for (const Document& value : values.AsList()) condition.operands.push_back(ValueOperand(value));
  static constexpr std::array<std::pair<std::string_view, Comparator>, 6> kComparators = {{
      {"EQ", Comparator::kEq},
      {"NE", Comparator::kNe},
      {"LE", Comparator::kLe},
      {"LT", Comparator::kLt},
      {"GE", Comparator::kGe},
      {"GT", Comparator::kGt},
  }};
  for (const auto& [text, comparator] : kComparators) {
    if (op == text) {
      condition.kind = Condition::Kind::kCompare;
      condition.comparator = comparator;
      return condition;
    }
  }
  if (op == "NULL") condition.kind = Condition::Kind::kNotExists;
  if (op == "NOT_NULL") condition.kind = Condition::Kind::kExists;
  if (op == "CONTAINS" || op == "NOT_CONTAINS") condition.kind = Condition::Kind::kContains;
  if (op == "BEGINS_WITH") condition.kind = Condition::Kind::kBeginsWith;
  if (op == "IN") condition.kind = Condition::Kind::kIn;
  if (op == "BETWEEN") condition.kind = Condition::Kind::kBetween;
  if (op == "NOT_CONTAINS") {
    Condition negated;
    negated.kind = Condition::Kind::kNot;
    negated.children.push_back(std::move(condition));
    return negated;
  }
  return condition;
}

// One entry of Expected: either Value/Exists or ComparisonOperator/AttributeValueList.
StatusOr<Condition> ExpectedCondition(const std::string& name, const Document& entry) {
  const Document* value = entry.Find("Value");
  const Document* exists = entry.Find("Exists");
  const Document* op = entry.Find("ComparisonOperator");
  const Document* values = entry.Find("AttributeValueList");
  if (op != nullptr) {
    if (value != nullptr) {
      return InvalidParameter("Value and ComparisonOperator cannot be used together for Attribute: " + name);
    }
    if (exists != nullptr) {
      return InvalidParameter("Exists and ComparisonOperator cannot be used together for Attribute: " + name);
    }
    static const Document kNoValues = Document::List();
    return Comparison(name, op->AsString(), values != nullptr ? *values : kNoValues);
  }
  if (values != nullptr) {
    return InvalidParameter("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
  }
  Condition condition;
  condition.operands.push_back(PathOperand(name));
  if (exists == nullptr || exists->AsBool()) {
    if (value == nullptr) {
      return InvalidParameter(std::string("Value must be provided when Exists is ") +
                              (exists == nullptr ? "null" : "true") + " for Attribute: " + name);
    }
    if (Status s = ValidateAttributeValue(*value); !s.ok()) return s;
    condition.kind = Condition::Kind::kCompare;
    condition.comparator = Comparator::kEq;
    condition.operands.push_back(ValueOperand(*value));
    return condition;
  }
  if (value != nullptr) return InvalidParameter("Value cannot be used when Exists is false for Attribute: " + name);
  condition.kind = Condition::Kind::kNotExists;
  return condition;
}

template <typename Translate>
StatusOr<ConditionExpression> Combine(const Document& entries, const Document& conditional_operator,
                                      Translate translate) {
  if (!entries.is_map() || entries.empty()) return ConditionExpression();
  Condition::Kind join = Condition::Kind::kAnd;
  if (!conditional_operator.is_null()) {
    const std::string& text = conditional_operator.AsString();
    if (text == "OR") {
      join = Condition::Kind::kOr;
    } else if (text != "AND") {
      return ValidationError("1 validation error detected: Value '" + text +
                             "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value "
                             "set: [OR, AND]");
    }
  }
  std::optional<Condition> combined;
  for (const auto& [name, entry] : entries.AsMap()) {
    StatusOr<Condition> condition = translate(name, entry);
    if (!condition.ok()) return condition.status();
    if (!combined) {
      combined = std::move(condition).value();
      continue;
    }
    Condition joined;
    joined.kind = join;
    joined.children.push_back(std::move(*combined));
    joined.children.push_back(std::move(condition).value());
    combined = std::move(joined);
  }
  auto tree = std::make_shared<ConditionTree>();
  tree->root = std::move(*combined);
  return ConditionExpression(std::move(tree));
}

StatusOr<UpdateAction> AttributeUpdate(const std::string& name, const Document& update) {
  UpdateAction action;
  action.path.push_back(PathElement{name});
  action.legacy = true;
  const Document* value = update.Find("Value");
  const std::string action_name = update["Action"].AsString("PUT");
  if (value == nullptr) {
    if (action_name != "DELETE") {
      return InvalidParameter("Only DELETE action is allowed when no attribute value is specified");
    }
    action.kind = UpdateAction::Kind::kRemove;
    return action;
  }
  if (Status s = ValidateAttributeValue(*value); !s.ok()) return s;
  std::string_view type = TypeOf(*value);
  const bool is_set = IsSetType(type);
  action.value = ValueOperand(*value);
  if (action_name == "PUT") {
    action.kind = UpdateAction::Kind::kSet;
  } else if (action_name == "ADD") {
    if (!is_set && type != "N" && type != "L") {
      return InvalidParameter("ADD action is not supported for the type " + std::string(type));
    }
    action.kind = UpdateAction::Kind::kAdd;
  } else if (action_name == "DELETE") {
    if (!is_set) return InvalidParameter("DELETE action with value is not supported for the type " + std::string(type));
    action.kind = UpdateAction::Kind::kDelete;
  } else {
    return ValidationError("1 validation error detected: Value '" + action_name + "' at 'attributeUpdates." + name +
                           ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, "
                           "PUT, DELETE]");
  }
  return action;
}

}  // namespace
}  // namespace expression

StatusOr<ConditionExpression> ConditionFromExpected(const core::Document& expected,
                                                    const core::Document& conditional_operator) {
  return expression::Combine(expected, conditional_operator, expression::ExpectedCondition);
}

StatusOr<ConditionExpression> ConditionFromFilter(const core::Document& filter,
                                                  const core::Document& conditional_operator,
                                                  std::string_view parameter) {
  return expression::Combine(
      filter, conditional_operator, [parameter](const std::string& name, const core::Document& entry) {
        static const core::Document kNoValues = core::Document::List();
        if (!entry["ComparisonOperator"].is_string()) {
          return StatusOr<expression::Condition>(expression::InvalidParameter(
              "ComparisonOperator is required in " + std::string(parameter) + " for Attribute: " + name));
        }
        const core::Document* values = entry.Find("AttributeValueList");
        return expression::Comparison(name, entry["ComparisonOperator"].AsString(),
                                      values != nullptr ? *values : kNoValues);
      });
}

StatusOr<UpdateExpression> UpdateFromAttributeUpdates(const core::Document& attribute_updates) {
  if (!attribute_updates.is_map() || attribute_updates.empty()) return UpdateExpression();
  auto program = std::make_shared<expression::UpdateProgram>();
  expression::PathCollector paths;
  for (const auto& [name, update] : attribute_updates.AsMap()) {
    StatusOr<expression::UpdateAction> action = expression::AttributeUpdate(name, update);
    if (!action.ok()) return action.status();
    paths.Add(action->path);  // map keys are distinct: no overlaps
    program->actions.push_back(std::move(action).value());
  }
  program->touched = paths.Release();
  return UpdateExpression(std::move(program));
}

StatusOr<KeyCondition> KeyConditionFromLegacy(const core::Document& key_conditions, const KeySchemaNames& schema) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kKeyOperators = {{
      {"EQ", "="},
      {"LE", "<="},
      {"LT", "<"},
      {"GE", ">="},
      {"GT", ">"},
      {"BEGINS_WITH", "begins_with"},
      {"BETWEEN", "BETWEEN"},
  }};
  std::vector<expression::KeyTerm> terms;
  if (key_conditions.is_map()) {
    for (const auto& [name, entry] : key_conditions.AsMap()) {
      static const core::Document kNoValues = core::Document::List();
      const std::string& op = entry["ComparisonOperator"].AsString();
      const core::Document* values = entry.Find("AttributeValueList");
      if (values == nullptr) values = &kNoValues;
      StatusOr<const expression::OperatorRule*> rule = expression::CheckOperator(op, *values);
      if (!rule.ok()) return rule.status();
      expression::KeyTerm term;
      term.name = name;
      for (const auto& [legacy, text] : kKeyOperators) {
        if (op == legacy) term.op = std::string(text);
      }
      if (term.op.empty()) {
        return expression::ValidationError("Attempted conditional constraint is not an indexable operation");
      }
      for (const core::Document& value : values->AsList()) term.values.push_back(&value);
      terms.push_back(std::move(term));
    }
  }
  return expression::BuildKeyCondition(terms, schema);
}

}  // namespace cloudemu::services::dynamodb
