#include "services/sns/message_attributes.h"

#include <cstdlib>
#include <string>

#include "core/json.h"
#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {
namespace {

constexpr size_t kMaxAttributes = 10;
constexpr size_t kMaxNameLength = 256;

bool HasTypePrefix(std::string_view type, std::string_view prefix) {
  return type == prefix ||
         (type.size() > prefix.size() + 1 && type.substr(0, prefix.size()) == prefix && type[prefix.size()] == '.');
}

// Names: letters, digits, '_', '-', '.'; no leading or trailing '.', no "..",
// and not starting with the reserved "AWS." or "Amazon." prefixes.
bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name.front() == '.' || name.back() == '.') return false;
  if (name.find("..") != std::string_view::npos) return false;
  if (name.substr(0, 4) == "AWS." || name.substr(0, 7) == "Amazon.") return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsNumber(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return *end == '\0';
}

}  // namespace

Status ValidateMessageAttributes(const core::Document& attributes) {
  if (attributes.size() > kMaxAttributes) {
    return InvalidParameter("Invalid parameter: MessageAttributes Reason: Number of message attributes [" +
                            std::to_string(attributes.size()) + "] exceeds the allowed maximum [10].");
  }
  for (const auto& [name, attribute] : attributes.AsMap()) {
    if (!ValidName(name)) {
      return InvalidParameter("Invalid parameter: MessageAttributes Reason: Message attribute name '" + name +
                              "' has an invalid character or is reserved.");
    }
    const std::string& type = attribute["DataType"].AsString();
    const core::Document& string_value = attribute["StringValue"];
    const core::Document& binary_value = attribute["BinaryValue"];
    if (type.empty()) {
      return ParameterValueInvalid("The message attribute '" + name +
                                   "' must contain non-empty message attribute type.");
    }
    if (HasTypePrefix(type, "Binary")) {
      if (binary_value.is_null()) {
        return ParameterValueInvalid("The message attribute '" + name +
                                     "' with type 'Binary' must use field 'Binary'.");
      }
      continue;
    }
    if (!HasTypePrefix(type, "String") && !HasTypePrefix(type, "Number")) {
      return ParameterValueInvalid("The message attribute '" + name +
                                   "' has an invalid message attribute type, the set of supported type prefixes is "
                                   "Binary, Number, and String.");
    }
    if (string_value.is_null() || string_value.AsString().empty()) {
      return ParameterValueInvalid("The message attribute '" + name +
                                   "' must contain non-empty message attribute value for message attribute type '" +
                                   type.substr(0, type.find('.')) + "'.");
    }
    if (HasTypePrefix(type, "Number") && !IsNumber(string_value.AsString())) {
      return ParameterValueInvalid("Could not cast message attribute '" + name + "' value to number.");
    }
    if (type == "String.Array") {
      auto parsed = core::FromJson(string_value.AsString());
      if (!parsed.ok() || !parsed->is_list()) {
        return InvalidParameter("Invalid parameter: MessageAttributes Reason: The message attribute '" + name +
                                "' with type 'String.Array' must be a JSON array.");
      }
    }
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::sns
