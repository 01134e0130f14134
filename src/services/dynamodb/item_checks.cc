#include "services/dynamodb/item_checks.h"

#include <string>

#include "services/dynamodb/dynamodb_errors.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

bool IsEmptyScalar(const Document& value) {
  std::string_view type = TypeOf(value);
  return (type == "S" || type == "B") && Payload(value).AsString().empty();
}

std::string EmptyKind(const Document& value) { return TypeOf(value) == "S" ? "string" : "binary"; }

Status CheckKeyAttribute(const KeyAttribute& attribute, const Item& item) {
  auto it = item.find(attribute.name);
  if (it == item.end()) return InvalidParameter("Missing the key " + attribute.name + " in the item");
  std::string_view type = TypeOf(it->second);
  if (type != attribute.type) {
    return InvalidParameter("Type mismatch for key " + attribute.name + " expected: " + attribute.type +
                            " actual: " + std::string(type));
  }
  if (IsEmptyScalar(it->second)) {
    return ValidationError("One or more parameter values are not valid. The AttributeValue for a key attribute "
                           "cannot contain an empty " + EmptyKind(it->second) + " value. Key: " + attribute.name);
  }
  return Status::Ok();
}

Status CheckIndexAttribute(const IndexInfo& index, const KeyAttribute& attribute, const Item& item) {
  auto it = item.find(attribute.name);
  if (it == item.end()) return Status::Ok();  // sparse index
  std::string_view type = TypeOf(it->second);
  if (type != attribute.type) {
    return InvalidParameter("Type mismatch for Index Key " + attribute.name + " Expected: " + attribute.type +
                            " Actual: " + std::string(type) + " IndexName: " + index.name);
  }
  if (IsEmptyScalar(it->second)) {
    return ValidationError(
        "One or more parameter values are not valid. A value specified for a secondary index key is not "
        "supported. The AttributeValue for a key attribute cannot contain an empty " + EmptyKind(it->second) +
        " value. IndexName: " + index.name + ", IndexKey: " + attribute.name);
  }
  return Status::Ok();
}

bool Present(const Document& input, std::string_view member) {
  const Document* value = input.Find(member);
  return value != nullptr && !value->is_null();
}

std::string JoinPresent(const Document& input, std::initializer_list<std::string_view> members) {
  std::string joined;
  for (std::string_view member : members) {
    if (!Present(input, member)) continue;
    if (!joined.empty()) joined += ", ";
    joined += member;
  }
  return joined;
}

}  // namespace

StatusOr<std::shared_ptr<const TableInfo>> RequireTable(const DynamoDBState& state, const Document& name) {
  auto table = state.FindTable(name.AsString());
  if (!table) return ResourceNotFound();
  return table;
}

StatusOr<Item> ValidateKey(const TableInfo& table, const Document& key) {
  if (!key.is_map()) return KeySchemaMismatch();
  for (const auto& [name, value] : key.AsMap()) {
    if (Status valid = ValidateAttributeValue(value); !valid.ok()) return valid;
  }
  size_t expected = table.key.sort ? 2 : 1;
  if (key.size() != expected) return KeySchemaMismatch();
  Item out;
  for (const KeyAttribute* attribute : {&table.key.partition, table.key.sort ? &*table.key.sort : nullptr}) {
    if (attribute == nullptr) continue;
    const Document* value = key.Find(attribute->name);
    if (value == nullptr || TypeOf(*value) != attribute->type) return KeySchemaMismatch();
    if (IsEmptyScalar(*value)) {
      return ValidationError("One or more parameter values are not valid. The AttributeValue for a key attribute "
                             "cannot contain an empty " + EmptyKind(*value) + " value. Key: " + attribute->name);
    }
    out.emplace(attribute->name, NormalizeValue(*value));
  }
  return out;
}

Status ValidateItemForWrite(const TableInfo& table, Item& item) {
  if (Status valid = ValidateItem(item); !valid.ok()) return valid;
  if (Status key = CheckKeyAttribute(table.key.partition, item); !key.ok()) return key;
  if (table.key.sort) {
    if (Status key = CheckKeyAttribute(*table.key.sort, item); !key.ok()) return key;
  }
  for (const IndexInfo& index : table.indexes) {
    if (Status key = CheckIndexAttribute(index, index.key.partition, item); !key.ok()) return key;
    if (index.key.sort) {
      if (Status key = CheckIndexAttribute(index, *index.key.sort, item); !key.ok()) return key;
    }
  }
  if (ItemSizeBytes(item) > kMaxItemBytes) return ValidationError("Item size has exceeded the maximum allowed size");
  NormalizeItem(item);
  return Status::Ok();
}

StatusOr<ExpressionAttributes> RequestAttributes(const Document& input) {
  ExpressionAttributes attributes;
  if (const Document* names = input.Find("ExpressionAttributeNames"); names && !names->is_null()) {
    attributes.names = names;
  }
  if (const Document* values = input.Find("ExpressionAttributeValues"); values && !values->is_null()) {
    attributes.values = values;
  }
  if (Status valid = ValidateExpressionAttributes(attributes); !valid.ok()) return valid;
  return attributes;
}

Status CheckParameterStyles(const Document& input, std::initializer_list<std::string_view> legacy,
                            std::initializer_list<std::string_view> modern) {
  std::string legacy_given = JoinPresent(input, legacy);
  std::string modern_given = JoinPresent(input, modern);
  if (!legacy_given.empty() && !modern_given.empty()) {
    return ValidationError(
        "Can not use both expression and non-expression parameters in the same request: Non-expression "
        "parameters: {" + legacy_given + "} Expression parameters: {" + modern_given + "}");
  }
  if (modern_given.empty()) {
    for (std::string_view member : {"ExpressionAttributeNames", "ExpressionAttributeValues"}) {
      if (Present(input, member)) {
        return ValidationError(std::string(member) + " can only be specified when using expressions");
      }
    }
  }
  return Status::Ok();
}

StatusOr<ConditionExpression> ParseWriteCondition(const Document& input, const ExpressionAttributes& attributes,
                                                  ExpressionUsage& usage) {
  if (Present(input, "ConditionExpression")) {
    return ConditionExpression::Parse(input["ConditionExpression"].AsString(), attributes, usage);
  }
  if (Present(input, "Expected")) return ConditionFromExpected(input["Expected"], input["ConditionalOperator"]);
  return ConditionExpression();
}

StatusOr<ProjectionExpression> ParseProjection(const Document& input, const ExpressionAttributes& attributes,
                                               ExpressionUsage& usage) {
  if (Present(input, "ProjectionExpression")) {
    return ProjectionExpression::Parse(input["ProjectionExpression"].AsString(), attributes, usage);
  }
  if (Present(input, "AttributesToGet")) {
    std::vector<std::string> names;
    for (const Document& name : input["AttributesToGet"].AsList()) names.push_back(name.AsString());
    return ProjectionExpression::FromAttributeNames(names);
  }
  return ProjectionExpression();
}

StatusOr<std::string> ReturnValuesOf(const Document& input, std::initializer_list<std::string_view> allowed) {
  std::string value = input["ReturnValues"].AsString("NONE");
  for (std::string_view option : allowed) {
    if (value == option) return value;
  }
  std::string message = "ReturnValues can only be ";
  size_t i = 0;
  for (std::string_view option : allowed) {
    if (i > 0) message += (i + 1 == allowed.size()) ? " or " : ", ";
    message += option;
    ++i;
  }
  return ValidationError(message);
}

Status CheckCondition(const ConditionExpression& condition, const std::optional<Item>& item, const Document& input) {
  if (condition.empty()) return Status::Ok();
  static const Item kEmpty;
  auto holds = condition.Evaluate(item ? *item : kEmpty);
  if (!holds.ok()) return holds.status();
  if (*holds) return Status::Ok();
  bool return_old = input["ReturnValuesOnConditionCheckFailure"].AsString() == "ALL_OLD";
  Document old = item ? Document(*item) : Document();
  return ConditionalCheckFailed(return_old && item ? &old : nullptr);
}

}  // namespace cloudemu::services::dynamodb
