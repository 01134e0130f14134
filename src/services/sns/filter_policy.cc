#include "services/sns/filter_policy.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>

#include "core/json.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;
using core::DocumentList;

// AWS caps the number of value combinations a policy may describe.
constexpr int64_t kMaxCombinations = 150;
constexpr size_t kMaxKeys = 5;
constexpr std::string_view kOr = "$or";

Status Invalid(std::string reason) { return Status::InvalidArgument("InvalidParameter", std::move(reason)); }

bool IsScalar(const Document& value) {
  return value.is_string() || value.is_number() || value.is_bool() || value.is_null();
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "a.b.c.d" -> 32-bit address.
std::optional<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t address = 0;
  int parts = 0;
  size_t pos = 0;
  while (parts < 4) {
    size_t end = text.find('.', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(pos, end - pos);
    if (part.empty() || part.size() > 3) return std::nullopt;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return std::nullopt;
    address = (address << 8) | static_cast<uint32_t>(value);
    ++parts;
    pos = end + 1;
    if (end == text.size()) break;
  }
  if (parts != 4 || pos <= text.size()) return std::nullopt;
  return address;
}

}  // namespace

struct FilterPolicy::Condition {
  enum class Kind {
    kExact,             // `value`: a string, number, boolean or null
    kPrefix,            // `text`
    kSuffix,            // `text`
    kEqualsIgnoreCase,  // `text`, lower-cased
    kAnythingBut,       // `values`
    kAnythingButPrefix,
    kAnythingButSuffix,
    kNumeric,
    kExists,  // `flag`
    kCidr,
  };
  Kind kind = Kind::kExact;
  Document value;
  std::string text;
  std::vector<Document> values;
  bool flag = false;
  // Numeric range; an absent bound is open.
  std::optional<double> lower, upper;
  bool lower_inclusive = false, upper_inclusive = false;
  uint32_t network = 0, mask = 0;
};

struct FilterPolicy::Node {
  struct Field {
    std::string key;
    std::vector<Condition> conditions;   // a leaf
    std::shared_ptr<const Node> nested;  // or a nested object (MessageBody scope)
  };
  std::vector<Field> fields;
  std::vector<std::vector<std::shared_ptr<const Node>>> alternatives;  // each "$or"
};

namespace {

using Condition = FilterPolicy::Condition;
using Node = FilterPolicy::Node;

bool SameValue(const Document& a, const Document& b) {
  if (a.is_number() && b.is_number()) return a.AsDouble() == b.AsDouble();
  return a == b;
}

// --- compiling

StatusOr<Condition> CompileNumeric(const Document& spec) {
  Condition condition;
  condition.kind = Condition::Kind::kNumeric;
  if (!spec.is_list() || spec.empty()) return Invalid("Invalid member in numeric match: ]");
  const DocumentList& items = spec.AsList();
  if (items.size() % 2 != 0 || items.size() > 4) return Invalid("Too many elements in numeric expression");
  for (size_t i = 0; i < items.size(); i += 2) {
    if (!items[i].is_string()) return Invalid("Invalid member in numeric match: " + core::ToJson(items[i]));
    const std::string& op = items[i].AsString();
    if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") {
      return Invalid("Unrecognized numeric range operator: " + op);
    }
    if (!items[i + 1].is_number()) return Invalid("Value of " + op + " must be numeric");
    double number = items[i + 1].AsDouble();
    if (i == 2) {
      // The second pair closes a range opened by the first.
      if (op == "=" || op == ">" || op == ">=" || !condition.lower || condition.upper) {
        return Invalid("Bad numeric range operator: " + op);
      }
      if (*condition.lower >= number) return Invalid("Bottom must be less than top");
    } else if (op == "=" && items.size() > 2) {
      return Invalid("Too many elements in numeric expression");
    }
    if (op == "=") {
      condition.lower = condition.upper = number;
      condition.lower_inclusive = condition.upper_inclusive = true;
    } else if (op[0] == '>') {
      condition.lower = number;
      condition.lower_inclusive = op.size() == 2;
    } else {
      condition.upper = number;
      condition.upper_inclusive = op.size() == 2;
    }
  }
  return condition;
}

StatusOr<Condition> CompileAnythingBut(const Document& spec) {
  Condition condition;
  condition.kind = Condition::Kind::kAnythingBut;
  if (spec.is_map()) {
    if (spec.size() != 1) return Invalid("Value of anything-but must be an array or single string/number value.");
    const auto& [op, operand] = *spec.AsMap().begin();
    if (op != "prefix" && op != "suffix") return Invalid("Unsupported anything-but pattern: " + op);
    if (!operand.is_string()) return Invalid(op + " match pattern must be a string");
    if (operand.AsString().empty()) return Invalid("Null prefix/suffix not allowed");
    condition.kind = op == "prefix" ? Condition::Kind::kAnythingButPrefix : Condition::Kind::kAnythingButSuffix;
    condition.text = operand.AsString();
    return condition;
  }
  if (spec.is_string() || spec.is_number()) {
    condition.values.push_back(spec);
    return condition;
  }
  if (!spec.is_list()) return Invalid("Value of anything-but must be an array or single string/number value.");
  for (const Document& item : spec.AsList()) {
    if (!item.is_string() && !item.is_number()) {
      return Invalid("Inside anything but list, start|null|boolean is not supported.");
    }
    condition.values.push_back(item);
  }
  return condition;
}

StatusOr<Condition> CompileOperator(const Document& spec) {
  if (spec.size() != 1) return Invalid("Only one key allowed in match expression");
  const auto& [op, operand] = *spec.AsMap().begin();
  Condition condition;
  if (op == "prefix" || op == "suffix" || op == "equals-ignore-case") {
    if (!operand.is_string()) return Invalid(op + " match pattern must be a string");
    condition.kind = op == "prefix"   ? Condition::Kind::kPrefix
                     : op == "suffix" ? Condition::Kind::kSuffix
                                      : Condition::Kind::kEqualsIgnoreCase;
    condition.text = op == "equals-ignore-case" ? Lower(operand.AsString()) : operand.AsString();
    return condition;
  }
  if (op == "anything-but") return CompileAnythingBut(operand);
  if (op == "numeric") return CompileNumeric(operand);
  if (op == "exists") {
    if (!operand.is_bool()) return Invalid("exists match pattern must be either true or false.");
    condition.kind = Condition::Kind::kExists;
    condition.flag = operand.AsBool();
    return condition;
  }
  if (op == "cidr") {
    std::string text = operand.AsString("");
    size_t slash = text.find('/');
    std::optional<uint32_t> address = slash == std::string::npos ? std::nullopt : ParseIpv4(text.substr(0, slash));
    char* end = nullptr;
    long bits = slash == std::string::npos ? -1 : std::strtol(text.c_str() + slash + 1, &end, 10);
    if (!operand.is_string() || !address || bits < 0 || bits > 32 || end == nullptr || *end != '\0' ||
        slash + 1 == text.size()) {
      return Invalid("Malformed CIDR, one '/' required");
    }
    condition.kind = Condition::Kind::kCidr;
    condition.mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    condition.network = *address & condition.mask;
    return condition;
  }
  return Invalid("Unrecognized match type " + op);
}

StatusOr<std::vector<Condition>> CompileConditions(const Document& spec) {
  std::vector<Condition> conditions;
  for (const Document& item : spec.AsList()) {
    if (IsScalar(item)) {
      Condition exact;
      exact.value = item;
      conditions.push_back(std::move(exact));
      continue;
    }
    if (!item.is_map()) return Invalid("Match value must be String, number, true, false, or null");
    auto condition = CompileOperator(item);
    if (!condition.ok()) return condition.status();
    conditions.push_back(std::move(condition).value());
  }
  if (conditions.empty()) return Invalid("Empty arrays are not allowed");
  return conditions;
}

// Compiles one object of the policy; `combinations` gets the number of value
// combinations it describes, which AWS limits.
StatusOr<std::shared_ptr<const Node>> CompileNode(const Document& spec, FilterScope scope, bool top,
                                                  int64_t& combinations) {
  auto node = std::make_shared<Node>();
  combinations = 1;
  size_t keys = 0;
  for (const auto& [key, value] : spec.AsMap()) {
    if (key == kOr) {
      if (!value.is_list() || value.size() < 2) return Invalid("Value of $or must be an array of at least 2 objects");
      int64_t sum = 0;
      std::vector<std::shared_ptr<const Node>> branches;
      for (const Document& branch : value.AsList()) {
        if (!branch.is_map() || branch.empty()) return Invalid("Value of $or must be an array of at least 2 objects");
        int64_t branch_combinations = 0;
        auto compiled = CompileNode(branch, scope, false, branch_combinations);
        if (!compiled.ok()) return compiled.status();
        branches.push_back(*compiled);
        sum += branch_combinations;
      }
      combinations *= sum;
      node->alternatives.push_back(std::move(branches));
    } else if (value.is_list()) {
      auto conditions = CompileConditions(value);
      if (!conditions.ok()) return conditions.status();
      combinations *= static_cast<int64_t>(conditions->size());
      node->fields.push_back({key, std::move(conditions).value(), nullptr});
      ++keys;
    } else if (value.is_map()) {
      if (scope == FilterScope::kMessageAttributes) {
        return Status::InvalidArgument("InvalidParameter",
                                       "Filter policy scope MessageAttributes does not support nested filter policy");
      }
      int64_t nested_combinations = 0;
      auto nested = CompileNode(value, scope, false, nested_combinations);
      if (!nested.ok()) return nested.status();
      combinations *= nested_combinations;
      node->fields.push_back({key, {}, *nested});
      ++keys;
    } else {
      return Invalid("\"" + key + "\" must be an object or an array");
    }
    if (combinations > kMaxCombinations) return Invalid("Filter policy is too complex");
  }
  if (top && keys > kMaxKeys) return Invalid("Filter policy can not have more than 5 keys");
  return std::shared_ptr<const Node>(std::move(node));
}

// --- matching

bool MatchesValue(const Condition& condition, const Document& value) {
  switch (condition.kind) {
    case Condition::Kind::kExact:
      return SameValue(condition.value, value);
    case Condition::Kind::kPrefix:
      return value.is_string() && StartsWith(value.AsString(), condition.text);
    case Condition::Kind::kSuffix:
      return value.is_string() && EndsWith(value.AsString(), condition.text);
    case Condition::Kind::kEqualsIgnoreCase:
      return value.is_string() && Lower(value.AsString()) == condition.text;
    case Condition::Kind::kAnythingBut:
      for (const Document& excluded : condition.values) {
        if (SameValue(excluded, value)) return false;
      }
      return true;
    case Condition::Kind::kAnythingButPrefix:
      return value.is_string() && !StartsWith(value.AsString(), condition.text);
    case Condition::Kind::kAnythingButSuffix:
      return value.is_string() && !EndsWith(value.AsString(), condition.text);
    case Condition::Kind::kNumeric: {
      if (!value.is_number()) return false;
      double number = value.AsDouble();
      if (condition.lower && (condition.lower_inclusive ? number < *condition.lower : number <= *condition.lower))
        return false;
      if (condition.upper && (condition.upper_inclusive ? number > *condition.upper : number >= *condition.upper))
        return false;
      return true;
    }
    case Condition::Kind::kCidr: {
      std::optional<uint32_t> address = value.is_string() ? ParseIpv4(value.AsString()) : std::nullopt;
      return address && (*address & condition.mask) == condition.network;
    }
    case Condition::Kind::kExists:
      return false;  // decided on presence, in MatchesLeaf
  }
  return false;
}

// `values` is empty when the key is absent.
bool MatchesLeaf(const std::vector<Condition>& conditions, bool present, const DocumentList& values) {
  for (const Condition& condition : conditions) {
    if (condition.kind == Condition::Kind::kExists) {
      if (condition.flag == present) return true;
      continue;
    }
    for (const Document& value : values) {
      if (MatchesValue(condition, value)) return true;
    }
  }
  return false;
}

// The values a message attribute offers to a policy: a String as text, a
// Number as a number, each element of a String.Array. Binary attributes are
// not filterable and count as absent.
std::optional<DocumentList> AttributeValues(const Document& attribute) {
  const std::string& type = attribute["DataType"].AsString();
  const std::string& text = attribute["StringValue"].AsString();
  if (StartsWith(type, "Binary")) return std::nullopt;
  if (StartsWith(type, "Number")) {
    char* end = nullptr;
    double number = std::strtod(text.c_str(), &end);
    if (end == text.c_str()) return DocumentList{Document(text)};
    return DocumentList{Document(number)};
  }
  if (StartsWith(type, "String.Array")) {
    auto parsed = core::FromJson(text);
    if (parsed.ok() && parsed->is_list()) return parsed->AsList();
  }
  return DocumentList{Document(text)};
}

bool MatchesAttributes(const Node& node, const Document& attributes);
bool MatchesBody(const Node& node, const Document& object);

template <typename Match>
bool MatchesAlternatives(const Node& node, const Match& match) {
  for (const auto& branches : node.alternatives) {
    bool any = false;
    for (const auto& branch : branches) {
      if (match(*branch)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

bool MatchesAttributes(const Node& node, const Document& attributes) {
  for (const Node::Field& field : node.fields) {
    const Document* attribute = attributes.Find(field.key);
    std::optional<DocumentList> values = attribute ? AttributeValues(*attribute) : std::nullopt;
    if (!MatchesLeaf(field.conditions, values.has_value(), values ? *values : DocumentList{})) return false;
  }
  return MatchesAlternatives(node, [&](const Node& branch) { return MatchesAttributes(branch, attributes); });
}

bool MatchesBody(const Node& node, const Document& object) {
  for (const Node::Field& field : node.fields) {
    const Document* value = object.is_map() ? object.Find(field.key) : nullptr;
    if (field.nested) {
      // A nested policy looks into an object, or into any object of an array.
      bool matched = false;
      if (value && value->is_list()) {
        for (const Document& item : value->AsList()) matched = matched || MatchesBody(*field.nested, item);
      } else {
        matched = MatchesBody(*field.nested, value ? *value : Document());
      }
      if (!matched) return false;
      continue;
    }
    DocumentList values;
    if (value && value->is_list()) {
      values = value->AsList();
    } else if (value) {
      values.push_back(*value);
    }
    if (!MatchesLeaf(field.conditions, value != nullptr, values)) return false;
  }
  return MatchesAlternatives(node, [&](const Node& branch) { return MatchesBody(branch, object); });
}

}  // namespace

StatusOr<FilterPolicy> FilterPolicy::Compile(std::string_view policy_json, FilterScope scope) {
  auto parsed = core::FromJson(policy_json);
  if (!parsed.ok()) return Invalid("failed to parse JSON.");
  if (!parsed->is_map()) return Invalid("Filter policy must be a JSON object");
  int64_t combinations = 0;
  auto root = CompileNode(*parsed, scope, true, combinations);
  if (!root.ok()) return root.status();
  FilterPolicy policy;
  policy.scope_ = scope;
  policy.root_ = *root;
  return policy;
}

bool FilterPolicy::Matches(const Document& attributes, std::string_view body) const {
  if (scope_ == FilterScope::kMessageAttributes) return MatchesAttributes(*root_, attributes);
  auto parsed = core::FromJson(body);
  if (!parsed.ok() || !parsed->is_map()) return false;
  return MatchesBody(*root_, *parsed);
}

}  // namespace cloudemu::services::sns
