// UpdateExpression: parsing, and applying the actions to an item.
//
// Apply works in two phases so a failing action leaves the item untouched:
// first every new value is computed from the item as it was (DynamoDB's
// semantics: all operands read the old item), then the writes happen. REMOVE
// runs last, on list elements from the highest index down, so indexes always
// refer to the positions before the update.
#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "services/dynamodb/decimal.h"
#include "services/dynamodb/expression/document_path.h"
#include "services/dynamodb/expression/errors.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expression/projection.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace expression {
namespace {

using core::Document;

StatusOr<Document> Arithmetic(Operand::Kind kind, const Document& a, const Document& b) {
  if (TypeOf(a) != "N" || TypeOf(b) != "N") return IncorrectDataType();
  StatusOr<Decimal> left = Decimal::Parse(Payload(a).AsString());
  if (!left.ok()) return left.status();
  StatusOr<Decimal> right = Decimal::Parse(Payload(b).AsString());
  if (!right.ok()) return right.status();
  StatusOr<Decimal> result = kind == Operand::Kind::kPlus ? left->Add(*right) : left->Subtract(*right);
  if (!result.ok()) return result.status();
  return MakeValue("N", result->ToString());
}

StatusOr<Document> ListAppend(Document a, const Document& b) {
  if (TypeOf(a) != "L" || TypeOf(b) != "L") return IncorrectDataType();
  core::DocumentList& list = a.MutableMap().begin()->second.MutableList();
  for (const Document& element : Payload(b).AsList()) list.push_back(element);
  return a;
}

StatusOr<Document> EvaluateOperand(const Operand& operand, const Item& item) {
  switch (operand.kind) {
    case Operand::Kind::kPath: {
      const Document* value = ResolvePath(item, operand.path);
      if (value == nullptr) return MissingAttribute();
      return *value;
    }
    case Operand::Kind::kValue:
      return operand.value;
    case Operand::Kind::kIfNotExists: {
      const Document* value = ResolvePath(item, operand.path);
      if (value != nullptr) return *value;
      return EvaluateOperand(operand.args[0], item);
    }
    case Operand::Kind::kListAppend:
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      StatusOr<Document> left = EvaluateOperand(operand.args[0], item);
      if (!left.ok()) return left.status();
      StatusOr<Document> right = EvaluateOperand(operand.args[1], item);
      if (!right.ok()) return right.status();
      if (operand.kind == Operand::Kind::kListAppend) return ListAppend(std::move(left).value(), *right);
      return Arithmetic(operand.kind, *left, *right);
    }
    case Operand::Kind::kSize:
      break;
  }
  return IncorrectDataType();
}

// ADD: sum numbers, unite sets (legacy AttributeUpdates also appends lists).
StatusOr<Document> AddTo(const Document* current, const Document& operand, bool legacy) {
  if (current == nullptr) return operand;
  std::string_view type = TypeOf(*current);
  if (type != TypeOf(operand)) return IncorrectDataType();
  if (type == "N") return Arithmetic(Operand::Kind::kPlus, *current, operand);
  if (legacy && type == "L") return ListAppend(*current, operand);
  if (!IsSetType(type)) return IncorrectDataType();
  Document result = *current;
  core::DocumentList& elements = result.MutableMap().begin()->second.MutableList();
  std::set<std::string> present;
  for (const Document& element : elements) present.insert(SetElementKey(type, element));
  for (const Document& element : Payload(operand).AsList()) {
    if (present.insert(SetElementKey(type, element)).second) elements.push_back(element);
  }
  return result;
}

// DELETE: the set without the operand's elements; nullopt once it is empty.
StatusOr<std::optional<Document>> DeleteFrom(const Document& current, const Document& operand) {
  std::string_view type = TypeOf(current);
  if (!IsSetType(type) || type != TypeOf(operand)) return IncorrectDataType();
  std::set<std::string> removed;
  for (const Document& element : Payload(operand).AsList()) removed.insert(SetElementKey(type, element));
  core::DocumentList remaining;
  for (const Document& element : Payload(current).AsList()) {
    if (removed.count(SetElementKey(type, element)) == 0) remaining.push_back(element);
  }
  if (remaining.empty()) return std::optional<Document>();
  return std::optional<Document>(MakeValue(type, Document(std::move(remaining))));
}

bool HoldsElement(const Document& parent, const PathElement& element) {
  return TypeOf(parent) == (element.is_index() ? "L" : "M");
}

void WriteAt(Item& item, const Path& path, Document value) {
  if (path.size() == 1) {
    item.insert_or_assign(path.front().name, std::move(value));
    return;
  }
  Document* parent = MutableResolvePrefix(item, path, path.size() - 1);
  Document& payload = parent->MutableMap().begin()->second;
  const PathElement& last = path.back();
  if (!last.is_index()) {
    payload.MutableMap().insert_or_assign(last.name, std::move(value));
    return;
  }
  core::DocumentList& list = payload.MutableList();
  if (static_cast<size_t>(last.index) < list.size()) {
    list[static_cast<size_t>(last.index)] = std::move(value);
  } else {
    list.push_back(std::move(value));  // beyond the end: DynamoDB appends
  }
}

void EraseAt(Item& item, const Path& path) {
  if (path.size() == 1) {
    item.erase(path.front().name);
    return;
  }
  Document* parent = MutableResolvePrefix(item, path, path.size() - 1);
  const PathElement& last = path.back();
  if (parent == nullptr || !HoldsElement(*parent, last)) return;
  Document& payload = parent->MutableMap().begin()->second;
  if (!last.is_index()) {
    payload.MutableMap().erase(last.name);
    return;
  }
  core::DocumentList& list = payload.MutableList();
  if (static_cast<size_t>(last.index) < list.size()) list.erase(list.begin() + last.index);
}

// Descending path order: later list elements are removed before earlier ones.
bool RemoveFirst(const Path* a, const Path* b) {
  for (size_t i = 0; i < std::min(a->size(), b->size()); ++i) {
    const PathElement& x = (*a)[i];
    const PathElement& y = (*b)[i];
    if (x.is_index() && y.is_index() && x.index != y.index) return x.index > y.index;
    if (!x.is_index() && !y.is_index() && x.name != y.name) return x.name > y.name;
  }
  return a->size() > b->size();
}

}  // namespace
}  // namespace expression

StatusOr<UpdateExpression> UpdateExpression::Parse(std::string_view text, const ExpressionAttributes& attributes,
                                                   ExpressionUsage& usage) {
  expression::Parser parser(text, "UpdateExpression", attributes, usage);
  StatusOr<expression::UpdateProgram> program = parser.ParseUpdate();
  if (!program.ok()) return program.status();
  return UpdateExpression(std::make_shared<const expression::UpdateProgram>(std::move(program).value()));
}

Status UpdateExpression::Apply(Item& item) const {
  using expression::UpdateAction;
  if (program_ == nullptr) return Status::Ok();
  struct Write {
    const expression::Path* path;
    std::optional<core::Document> value;  // nullopt: erase
  };
  std::vector<Write> writes;
  std::vector<const expression::Path*> removals;
  for (const UpdateAction& action : program_->actions) {
    const expression::Path& path = action.path;
    const core::Document* parent = path.size() > 1 ? expression::ResolvePrefix(item, path, path.size() - 1) : nullptr;
    if (action.kind == UpdateAction::Kind::kRemove) {
      if (parent != nullptr && !expression::HoldsElement(*parent, path.back()))
        return expression::InvalidDocumentPath();
      removals.push_back(&path);
      continue;
    }
    if (path.size() > 1 && (parent == nullptr || !expression::HoldsElement(*parent, path.back()))) {
      return expression::InvalidDocumentPath();
    }
    const core::Document* current = expression::ResolvePath(item, path);
    switch (action.kind) {
      case UpdateAction::Kind::kSet: {
        StatusOr<core::Document> value = expression::EvaluateOperand(action.value, item);
        if (!value.ok()) return value.status();
        writes.push_back({&path, std::move(value).value()});
        break;
      }
      case UpdateAction::Kind::kAdd: {
        StatusOr<core::Document> value = expression::AddTo(current, action.value.value, action.legacy);
        if (!value.ok()) return value.status();
        writes.push_back({&path, std::move(value).value()});
        break;
      }
      case UpdateAction::Kind::kDelete: {
        if (current == nullptr) break;  // nothing to delete from
        StatusOr<std::optional<core::Document>> value = expression::DeleteFrom(*current, action.value.value);
        if (!value.ok()) return value.status();
        writes.push_back({&path, std::move(value).value()});
        break;
      }
      case UpdateAction::Kind::kRemove:
        break;
    }
  }
  // Every check passed: from here on nothing fails.
  for (Write& write : writes) {
    if (write.value) {
      expression::WriteAt(item, *write.path, std::move(*write.value));
    } else {
      expression::EraseAt(item, *write.path);
    }
  }
  std::sort(removals.begin(), removals.end(), expression::RemoveFirst);
  for (const expression::Path* path : removals) expression::EraseAt(item, *path);
  return Status::Ok();
}

std::vector<std::string> UpdateExpression::TopLevelAttributes() const {
  std::vector<std::string> names;
  if (program_ == nullptr) return names;
  for (const expression::UpdateAction& action : program_->actions) {
    const std::string& name = action.path.front().name;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

Item UpdateExpression::UpdatedAttributes(const Item& item) const {
  if (program_ == nullptr) return Item();
  return expression::ProjectItem(item, program_->touched);
}

}  // namespace cloudemu::services::dynamodb
