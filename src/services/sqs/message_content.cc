#include "services/sqs/message_content.h"

#include <cstdlib>

#include "core/encoding.h"
#include "core/hash.h"
#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {
namespace {

constexpr size_t kMaxAttributes = 10;
constexpr size_t kMaxAttributeName = 256;

bool Allowed(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The first code point SQS refuses, or -1 when all are fine (invalid UTF-8
// counts as refused, reported by its first byte).
int64_t FirstRefused(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return lead;
    uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return lead;
      c = (c << 6) | (next & 0x3F);
    }
    if (!Allowed(c)) return c;
    i += length;
  }
  return -1;
}

std::string HexCodePoint(int64_t c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  do {
    hex.insert(hex.begin(), kDigits[c % 16]);
    c /= 16;
  } while (c > 0);
  return "#x" + hex;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAttributeName || name.front() == '.' || name.back() == '.') return false;
  if (name.find("..") != std::string_view::npos) return false;
  std::string lower;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return lower.rfind("aws.", 0) != 0 && lower.rfind("amazon.", 0) != 0;
}

bool IsNumber(std::string_view text) {
  if (text.empty()) return false;
  std::string copy(text);
  char* end = nullptr;
  std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

void AppendLengthPrefixed(std::string& out, std::string_view bytes) {
  uint32_t length = static_cast<uint32_t>(bytes.size());
  out += static_cast<char>((length >> 24) & 0xFF);
  out += static_cast<char>((length >> 16) & 0xFF);
  out += static_cast<char>((length >> 8) & 0xFF);
  out += static_cast<char>(length & 0xFF);
  out += bytes;
}

Status CheckOne(const std::string& name, const Document& value, bool system) {
  const std::string kind = system ? "system" : "user";
  if (system && name != "AWSTraceHeader") {
    return InvalidParameterValue("Message system attribute name '" + name + "' is invalid.");
  }
  if (!ValidName(name)) {
    return InvalidParameterValue("Message (" + kind + ") attribute name '" + name +
                                 "' is invalid. Names may only contain alphanumeric characters, '-', '_' and '.', "
                                 "must not start with 'AWS.' or 'Amazon.', and must not start or end with a period "
                                 "or contain two periods in a row.");
  }
  const std::string& type = value["DataType"].AsString();
  if (type.empty()) {
    return InvalidParameterValue("The message attribute '" + name + "' must contain non-empty message attribute type.");
  }
  std::string base = type.substr(0, type.find('.'));
  if (base != "String" && base != "Number" && base != "Binary") {
    return InvalidParameterValue("The type of message (" + kind + ") attribute '" + name +
                                 "' is invalid. You must use only the following supported type prefixes: Binary, "
                                 "Number, String.");
  }
  if (system && type != "String") {
    return InvalidParameterValue("The message system attribute '" + name + "' must have type 'String'.");
  }
  bool binary = base == "Binary";
  const Document* field = value.Find(binary ? "BinaryValue" : "StringValue");
  if (field == nullptr || field->AsString().empty()) {
    return InvalidParameterValue("The message (" + kind + ") attribute '" + name +
                                 "' must contain a non-empty value of message (" + kind + ") attribute type '" + base +
                                 "'.");
  }
  if (base == "Number" && !IsNumber(field->AsString())) {
    return InvalidParameterValue("Can't cast the value of message (" + kind + ") attribute '" + name +
                                 "' to a number.");
  }
  if (!binary && FirstRefused(field->AsString()) >= 0) {
    return InvalidParameterValue("Message (" + kind + ") attribute '" + name + "' must contain only valid characters.");
  }
  return Status::Ok();
}

}  // namespace

Status CheckBody(std::string_view body) {
  if (body.empty()) {
    return InvalidParameterValue("The request must contain the parameter MessageBody.");
  }
  int64_t refused = FirstRefused(body);
  if (refused < 0) return Status::Ok();
  return Status::InvalidArgument(
      "InvalidMessageContents",
      "Invalid binary character '" + HexCodePoint(refused) +
          "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | "
          "#xE000 to #xFFFD | #x10000 to #x10FFFF");
}

Status CheckAttributes(const Document& attributes, bool system) {
  if (attributes.size() > kMaxAttributes) {
    return InvalidParameterValue("Number of message attributes [" + std::to_string(attributes.size()) +
                                 "] exceeds the allowed maximum [10].");
  }
  for (const auto& [name, value] : attributes.AsMap()) {
    if (Status valid = CheckOne(name, value, system); !valid.ok()) return valid;
  }
  return Status::Ok();
}

int64_t MessageSize(std::string_view body, const Document& attributes) {
  int64_t size = static_cast<int64_t>(body.size());
  for (const auto& [name, value] : attributes.AsMap()) {
    size += static_cast<int64_t>(name.size() + value["DataType"].AsString().size());
    size += static_cast<int64_t>(value["StringValue"].AsString().size() + value["BinaryValue"].AsString().size());
  }
  return size;
}

std::string Md5Hex(std::string_view data) { return core::HexEncode(core::Md5(data)); }

std::string AttributesMd5(const Document& attributes) {
  if (attributes.empty()) return "";
  std::string buffer;
  for (const auto& [name, value] : attributes.AsMap()) {  // a std::map: sorted by name
    AppendLengthPrefixed(buffer, name);
    AppendLengthPrefixed(buffer, value["DataType"].AsString());
    if (const Document* text = value.Find("StringValue")) {
      buffer += '\1';
      AppendLengthPrefixed(buffer, text->AsString());
    } else if (const Document* bytes = value.Find("BinaryValue")) {
      buffer += '\2';
      AppendLengthPrefixed(buffer, bytes->AsString());
    } else if (const Document* texts = value.Find("StringListValues")) {
      buffer += '\3';
      for (const Document& item : texts->AsList()) AppendLengthPrefixed(buffer, item.AsString());
    } else if (const Document* blobs = value.Find("BinaryListValues")) {
      buffer += '\4';
      for (const Document& item : blobs->AsList()) AppendLengthPrefixed(buffer, item.AsString());
    }
  }
  return Md5Hex(buffer);
}

}  // namespace cloudemu::services::sqs
