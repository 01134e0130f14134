// ExpressionAttributeNames / ExpressionAttributeValues: the checks on the
// maps themselves and on whether the expressions used every entry.
#include <cctype>
#include <string>

#include "services/dynamodb/expression/errors.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace {

bool IsPlaceholder(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (char c : key.substr(1)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

Status CheckKeys(const core::Document* map, std::string_view member, char sigil) {
  if (map == nullptr || !map->is_map()) return Status::Ok();
  if (map->empty()) return expression::ValidationError(std::string(member) + " must not be empty");
  for (const auto& [key, value] : map->AsMap()) {
    if (!IsPlaceholder(key, sigil)) {
      return expression::ValidationError(std::string(member) + " contains invalid key: Syntax error; key: \"" + key +
                                         "\"");
    }
  }
  return Status::Ok();
}

Status CheckUsed(const core::Document* map, const std::set<std::string, std::less<>>& used, std::string_view member) {
  if (map == nullptr || !map->is_map()) return Status::Ok();
  std::string unused;
  for (const auto& [key, value] : map->AsMap()) {
    if (used.count(key) != 0) continue;
    if (!unused.empty()) unused += ", ";
    unused += key;
  }
  if (unused.empty()) return Status::Ok();
  return expression::ValidationError("Value provided in " + std::string(member) + " unused in expressions: keys: {" +
                                     unused + "}");
}

}  // namespace

Status ValidateExpressionAttributes(const ExpressionAttributes& attributes) {
  if (Status s = CheckKeys(attributes.names, "ExpressionAttributeNames", '#'); !s.ok()) return s;
  if (Status s = CheckKeys(attributes.values, "ExpressionAttributeValues", ':'); !s.ok()) return s;
  if (attributes.values == nullptr || !attributes.values->is_map()) return Status::Ok();
  for (const auto& [key, value] : attributes.values->AsMap()) {
    if (Status s = ValidateAttributeValue(value); !s.ok()) {
      return expression::ValidationError("ExpressionAttributeValues contains invalid value: " + s.message() +
                                         " for key " + key);
    }
  }
  return Status::Ok();
}

Status ExpressionUsage::CheckAllUsed(const ExpressionAttributes& attributes) const {
  if (Status s = CheckUsed(attributes.names, names_, "ExpressionAttributeNames"); !s.ok()) return s;
  return CheckUsed(attributes.values, values_, "ExpressionAttributeValues");
}

}  // namespace cloudemu::services::dynamodb
