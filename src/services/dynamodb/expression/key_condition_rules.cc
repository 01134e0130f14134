#include "services/dynamodb/expression/key_condition_rules.h"

#include "services/dynamodb/expression/errors.h"

namespace cloudemu::services::dynamodb::expression {
namespace {

const KeyTerm* FindTerm(const std::vector<KeyTerm>& terms, const std::string& name) {
  for (const KeyTerm& term : terms) {
    if (term.name == name) return &term;
  }
  return nullptr;
}

Status CheckValues(const KeyTerm& term, const std::string& schema_type) {
  for (const core::Document* value : term.values) {
    if (!schema_type.empty() && TypeOf(*value) != schema_type) {
      return ValidationError(
          "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }
    if (TypeOf(*value) == "S" && Payload(*value).AsString().empty()) {
      return ValidationError(
          "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
          "string value. Key: " +
          term.name);
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<KeyCondition> BuildKeyCondition(const std::vector<KeyTerm>& terms, const KeySchemaNames& schema) {
  for (size_t i = 0; i < terms.size(); ++i) {
    for (size_t j = i + 1; j < terms.size(); ++j) {
      if (terms[i].name == terms[j].name) {
        return InvalidExpression("KeyConditionExpression",
                                 "KeyConditionExpressions must only contain one condition per key");
      }
    }
  }
  const KeyTerm* partition = FindTerm(terms, schema.partition);
  if (partition == nullptr) return ValidationError("Query condition missed key schema element: " + schema.partition);
  if (partition->op != "=") return ValidationError("Query key condition not supported");
  const KeyTerm* sort = schema.sort.empty() ? nullptr : FindTerm(terms, schema.sort);
  if (terms.size() > (sort == nullptr ? 1u : 2u)) {
    if (!schema.sort.empty() && sort == nullptr) {
      return ValidationError("Query condition missed key schema element: " + schema.sort);
    }
    return ValidationError("Query key condition not supported");
  }
  if (Status s = CheckValues(*partition, schema.partition_type); !s.ok()) return s;
  KeyCondition condition;
  condition.partition_name = partition->name;
  condition.partition_value = NormalizeValue(*partition->values[0]);
  if (sort != nullptr) {
    if (Status s = CheckValues(*sort, schema.sort_type); !s.ok()) return s;
    KeyCondition::SortCondition sort_condition;
    sort_condition.name = sort->name;
    sort_condition.op = sort->op;
    sort_condition.low = NormalizeValue(*sort->values[0]);
    if (sort->values.size() > 1) sort_condition.high = NormalizeValue(*sort->values[1]);
    condition.sort = std::move(sort_condition);
  }
  return condition;
}

}  // namespace cloudemu::services::dynamodb::expression
