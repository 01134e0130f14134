#include "services/dynamodb/expression/condition_evaluator.h"

#include <optional>
#include <string>

#include "services/dynamodb/decimal.h"
#include "services/dynamodb/expression/document_path.h"

namespace cloudemu::services::dynamodb::expression {
namespace {

using core::Document;

// The value of a condition operand, or null when it does not exist. size()
// results live in `scratch`.
const Document* OperandValue(const Operand& operand, const Item& item, Document& scratch) {
  switch (operand.kind) {
    case Operand::Kind::kPath:
      return ResolvePath(item, operand.path);
    case Operand::Kind::kValue:
      return operand.value.is_null() ? nullptr : &operand.value;
    case Operand::Kind::kSize: {
      const Document* value = ResolvePath(item, operand.path);
      if (value == nullptr) return nullptr;
      std::string_view type = TypeOf(*value);
      const Document& payload = Payload(*value);
      size_t size = 0;
      if (type == "S" || type == "B") {
        size = payload.AsString().size();
      } else if (IsSetType(type) || type == "L" || type == "M") {
        size = payload.size();
      } else {
        return nullptr;  // N, BOOL and NULL have no size
      }
      scratch = MakeValue("N", std::to_string(size));
      return &scratch;
    }
    default:
      return nullptr;  // update-only operands never reach conditions
  }
}

// <0, 0, >0 for two values of one sortable type; nullopt otherwise.
std::optional<int> Order(const Document* a, const Document* b) {
  if (a == nullptr || b == nullptr) return std::nullopt;
  std::string_view type = TypeOf(*a);
  if (!IsOrderedType(type) || type != TypeOf(*b)) return std::nullopt;
  return CompareKeyValues(*a, *b);
}

bool Compare(Comparator comparator, const Document* a, const Document* b) {
  switch (comparator) {
    case Comparator::kEq:
      return a != nullptr && b != nullptr && AttributeValuesEqual(*a, *b);
    case Comparator::kNe:
      if (a == nullptr && b == nullptr) return false;
      return a == nullptr || b == nullptr || !AttributeValuesEqual(*a, *b);
    default:
      break;
  }
  std::optional<int> order = Order(a, b);
  if (!order) return false;
  switch (comparator) {
    case Comparator::kLt:
      return *order < 0;
    case Comparator::kLe:
      return *order <= 0;
    case Comparator::kGt:
      return *order > 0;
    case Comparator::kGe:
      return *order >= 0;
    default:
      return false;
  }
}

bool SetHas(std::string_view element_type, const Document& elements, const Document& operand) {
  const std::string& wanted = Payload(operand).AsString();
  if (element_type != "N") {
    for (const Document& element : elements.AsList()) {
      if (element.AsString() == wanted) return true;
    }
    return false;
  }
  StatusOr<Decimal> number = Decimal::Parse(wanted);
  if (!number.ok()) return false;
  for (const Document& element : elements.AsList()) {
    StatusOr<Decimal> candidate = Decimal::Parse(element.AsString());
    if (candidate.ok() && candidate->Compare(*number) == 0) return true;
  }
  return false;
}

}  // namespace

bool BeginsWith(const Document& value, const Document& prefix) {
  std::string_view type = TypeOf(value);
  if ((type != "S" && type != "B") || type != TypeOf(prefix)) return false;
  return std::string_view(Payload(value).AsString()).starts_with(Payload(prefix).AsString());
}

bool Contains(const Document& container, const Document& operand) {
  std::string_view type = TypeOf(container);
  std::string_view operand_type = TypeOf(operand);
  const Document& payload = Payload(container);
  if (type == "S" || type == "B") {
    return operand_type == type && payload.AsString().find(Payload(operand).AsString()) != std::string::npos;
  }
  if (IsSetType(type)) {
    std::string_view element_type = type.substr(0, 1);
    return operand_type == element_type && SetHas(element_type, payload, operand);
  }
  if (type == "L") {
    for (const Document& element : payload.AsList()) {
      if (AttributeValuesEqual(element, operand)) return true;
    }
  }
  return false;
}

bool EvaluateCondition(const Condition& condition, const Item& item) {
  Document scratch[3];
  auto value = [&](size_t i) { return OperandValue(condition.operands[i], item, scratch[i < 3 ? i : 2]); };
  switch (condition.kind) {
    case Condition::Kind::kAnd:
      return EvaluateCondition(condition.children[0], item) && EvaluateCondition(condition.children[1], item);
    case Condition::Kind::kOr:
      return EvaluateCondition(condition.children[0], item) || EvaluateCondition(condition.children[1], item);
    case Condition::Kind::kNot:
      return !EvaluateCondition(condition.children[0], item);
    case Condition::Kind::kCompare:
      return Compare(condition.comparator, value(0), value(1));
    case Condition::Kind::kBetween: {
      const Document* subject = value(0);
      std::optional<int> low = Order(value(1), subject);
      std::optional<int> high = Order(subject, value(2));
      return low && high && *low <= 0 && *high <= 0;
    }
    case Condition::Kind::kIn: {
      const Document* subject = value(0);
      if (subject == nullptr) return false;
      for (size_t i = 1; i < condition.operands.size(); ++i) {
        const Document* candidate = OperandValue(condition.operands[i], item, scratch[1]);
        if (candidate != nullptr && AttributeValuesEqual(*subject, *candidate)) return true;
      }
      return false;
    }
    case Condition::Kind::kExists:
      return ResolvePath(item, condition.operands[0].path) != nullptr;
    case Condition::Kind::kNotExists:
      return ResolvePath(item, condition.operands[0].path) == nullptr;
    case Condition::Kind::kType: {
      const Document* subject = value(0);
      const Document* type = value(1);
      return subject != nullptr && type != nullptr && TypeOf(*subject) == Payload(*type).AsString();
    }
    case Condition::Kind::kBeginsWith: {
      const Document* subject = value(0);
      const Document* prefix = value(1);
      return subject != nullptr && prefix != nullptr && BeginsWith(*subject, *prefix);
    }
    case Condition::Kind::kContains: {
      const Document* subject = value(0);
      const Document* operand = value(1);
      return subject != nullptr && operand != nullptr && Contains(*subject, *operand);
    }
  }
  return false;
}

}  // namespace cloudemu::services::dynamodb::expression
