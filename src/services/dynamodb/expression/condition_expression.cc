// ConditionExpression: the public face of the condition parser and evaluator.
#include <memory>

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

}  // namespace cloudemu::services::dynamodb
