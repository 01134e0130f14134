// ConditionExpression: the public face of the condition parser and evaluator.
#include <memory>
#include <set>

#include "services/dynamodb/expression/condition_evaluator.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {

StatusOr<ConditionExpression> ConditionExpression::Parse(std::string_view text, const ExpressionAttributes& attributes,
                                                         ExpressionUsage& usage, std::string_view parameter) {
  expression::Parser parser(text, parameter, attributes, usage);
  StatusOr<expression::Condition> condition = parser.ParseCondition();
  if (!condition.ok()) return condition.status();
  auto tree = std::make_shared<expression::ConditionTree>();
  tree->root = std::move(condition).value();
  return ConditionExpression(std::move(tree));
}

StatusOr<bool> ConditionExpression::Evaluate(const Item& item) const {
  if (tree_ == nullptr) return true;
  return expression::EvaluateCondition(tree_->root, item);
}

namespace {

void CollectTopLevel(const expression::Operand& operand, std::set<std::string>& names) {
  if (!operand.path.empty()) names.insert(operand.path.front().name);
  for (const expression::Operand& arg : operand.args) CollectTopLevel(arg, names);
}

void CollectTopLevel(const expression::Condition& condition, std::set<std::string>& names) {
  for (const expression::Operand& operand : condition.operands) CollectTopLevel(operand, names);
  for (const expression::Condition& child : condition.children) CollectTopLevel(child, names);
}

}  // namespace

std::vector<std::string> ConditionExpression::TopLevelAttributes() const {
  std::set<std::string> names;
  if (tree_ != nullptr) CollectTopLevel(tree_->root, names);
  return {names.begin(), names.end()};
}

}  // namespace cloudemu::services::dynamodb
