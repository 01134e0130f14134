// DynamoDB's expression language: condition/filter, update, projection and
// key-condition expressions, plus the legacy parameters (Expected,
// QueryFilter/ScanFilter, AttributeUpdates, KeyConditions, AttributesToGet)
// translated into the same parsed forms.
//
// An expression is parsed once (names and values substituted, validated with
// AWS's messages) into a compact immutable tree and then evaluated against
// items without re-parsing or copying them.
// Thread-safety: parsed expressions are immutable and cheap to copy (they
// share their tree); Evaluate/Apply may run from any number of threads.
// ExpressionUsage is a plain value used by one request.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSIONS_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSIONS_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/attribute_values.h"

namespace cloudemu::services::dynamodb {

namespace expression {
struct ConditionTree;
struct UpdateProgram;
struct ProjectionTree;
}  // namespace expression

// One request's ExpressionAttributeNames / ExpressionAttributeValues.
struct ExpressionAttributes {
  const core::Document* names = nullptr;   // map "#n" -> "name"; null when absent
  const core::Document* values = nullptr;  // map ":v" -> AttributeValue; null when absent
};

// The checks AWS makes on the two maps themselves, before any expression:
// "ExpressionAttributeNames must not be empty", keys starting with '#' / ':',
// values valid AttributeValues.
Status ValidateExpressionAttributes(const ExpressionAttributes& attributes);

// Which names/values the request's expressions used. Parse every expression
// of a request with the same usage, then call CheckAllUsed.
class ExpressionUsage {
 public:
  void UseName(std::string_view placeholder) { names_.emplace(placeholder); }
  void UseValue(std::string_view placeholder) { values_.emplace(placeholder); }
  // AWS: "Value provided in ExpressionAttributeValues unused in expressions:
  // keys: {:x}" and the ExpressionAttributeNames variant.
  Status CheckAllUsed(const ExpressionAttributes& attributes) const;

 private:
  std::set<std::string, std::less<>> names_;
  std::set<std::string, std::less<>> values_;
};

// ConditionExpression and FilterExpression. A default-constructed condition
// holds for every item.
class ConditionExpression {
 public:
  ConditionExpression() = default;
  // `parameter` names the request member in error messages
  // ("Invalid FilterExpression: ...").
  static StatusOr<ConditionExpression> Parse(std::string_view text, const ExpressionAttributes& attributes,
                                             ExpressionUsage& usage,
                                             std::string_view parameter = "ConditionExpression");
  StatusOr<bool> Evaluate(const Item& item) const;
  // The top-level attribute names the condition reads, sorted and unique
  // (Query refuses filters on key attributes).
  std::vector<std::string> TopLevelAttributes() const;
  bool empty() const { return tree_ == nullptr; }

  // Wraps a tree built by expression/ (parsers, legacy translation).
  explicit ConditionExpression(std::shared_ptr<const expression::ConditionTree> tree) : tree_(std::move(tree)) {}
  const expression::ConditionTree* tree() const { return tree_.get(); }

 private:
  std::shared_ptr<const expression::ConditionTree> tree_;
};

class UpdateExpression {
 public:
  UpdateExpression() = default;  // changes nothing
  static StatusOr<UpdateExpression> Parse(std::string_view text, const ExpressionAttributes& attributes,
                                          ExpressionUsage& usage);
  // Applies every action; all operands read the item as it was before the
  // update. On error (AWS's ValidationExceptions for type mismatches, missing
  // attributes, invalid paths) `item` is left unchanged.
  Status Apply(Item& item) const;
  // The top-level attributes the update writes or removes, to reject key
  // updates ("Cannot update attribute X. This attribute is part of the key").
  std::vector<std::string> TopLevelAttributes() const;
  // The touched paths of `item`, for ReturnValues UPDATED_OLD / UPDATED_NEW.
  Item UpdatedAttributes(const Item& item) const;
  bool empty() const { return program_ == nullptr; }

  // Wraps a program built by expression/ (parser, legacy translation).
  explicit UpdateExpression(std::shared_ptr<const expression::UpdateProgram> program) : program_(std::move(program)) {}

 private:
  std::shared_ptr<const expression::UpdateProgram> program_;
};

// ProjectionExpression / AttributesToGet. A default-constructed projection
// returns the whole item.
class ProjectionExpression {
 public:
  ProjectionExpression() = default;
  static StatusOr<ProjectionExpression> Parse(std::string_view text, const ExpressionAttributes& attributes,
                                              ExpressionUsage& usage);
  static ProjectionExpression FromAttributeNames(const std::vector<std::string>& names);
  Item Apply(Item item) const;  // a caller done with `item` moves it in
  std::vector<std::string> TopLevelAttributes() const;  // empty for the whole item
  bool empty() const { return tree_ == nullptr; }

  // Wraps a tree built by expression/.
  explicit ProjectionExpression(std::shared_ptr<const expression::ProjectionTree> tree) : tree_(std::move(tree)) {}

 private:
  std::shared_ptr<const expression::ProjectionTree> tree_;
};

// The key schema of the table or index a Query runs on. Types ("S","N","B")
// are optional; when given, condition values must have them.
struct KeySchemaNames {
  std::string partition;
  std::string sort;  // empty when the table/index has none
  std::string partition_type;
  std::string sort_type;
};

// Query's KeyConditionExpression (or legacy KeyConditions).
struct KeyCondition {
  std::string partition_name;
  core::Document partition_value;
  struct SortCondition {
    std::string name;
    std::string op;            // = < <= > >= BETWEEN begins_with
    core::Document low, high;  // high only for BETWEEN
  };
  std::optional<SortCondition> sort;

  // AWS's messages ("Query condition missed key schema element: X", ...).
  static StatusOr<KeyCondition> Parse(std::string_view text, const ExpressionAttributes& attributes,
                                      ExpressionUsage& usage, const KeySchemaNames& schema);
  bool MatchesSort(const core::Document& sort_value) const;
};

// Legacy parameters, translated into the same forms. A null
// `conditional_operator` means AND.
StatusOr<ConditionExpression> ConditionFromExpected(const core::Document& expected,
                                                    const core::Document& conditional_operator);
// `parameter` ("QueryFilter" / "ScanFilter") names the member in messages.
StatusOr<ConditionExpression> ConditionFromFilter(const core::Document& filter,
                                                  const core::Document& conditional_operator,
                                                  std::string_view parameter = "QueryFilter");
StatusOr<UpdateExpression> UpdateFromAttributeUpdates(const core::Document& attribute_updates);
StatusOr<KeyCondition> KeyConditionFromLegacy(const core::Document& key_conditions, const KeySchemaNames& schema);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSIONS_H_
