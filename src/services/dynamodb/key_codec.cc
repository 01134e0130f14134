#include "services/dynamodb/key_codec.h"

#include <cstdint>

#include "services/dynamodb/attribute_values.h"

namespace cloudemu::services::dynamodb {
namespace {

// Bytes: 0x00 is escaped as 0x00 0xFF and the value ends with 0x00 0x01, so
// no encoding is a prefix of another and the order of the bytes is kept.
void AppendEscaped(std::string_view bytes, std::string& out) {
  for (char c : bytes) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xFF');
  }
}

// Numbers: a class byte (negative < zero < positive), then for non-zero
// values the decimal exponent (biased, 2 bytes) and the significant digits,
// ended by a terminator; negative numbers invert every byte after the class
// so that larger magnitudes sort first.
void AppendNumber(std::string_view text, std::string& out) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
  std::string digits;
  int point = -1;  // digits before the decimal point
  for (char c : text) {
    if (c == '.') {
      point = static_cast<int>(digits.size());
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else {
      break;  // canonical text has no exponent
    }
  }
  if (point < 0) point = static_cast<int>(digits.size());
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    out.push_back('\x02');
    return;
  }
  size_t last = digits.find_last_not_of('0');
  // value = 0.d1d2d3... * 10^exponent
  int exponent = point - static_cast<int>(first);
  std::string significant = digits.substr(first, last - first + 1);
  uint16_t biased = static_cast<uint16_t>(exponent + 1000);
  std::string body;
  body.push_back(static_cast<char>(biased >> 8));
  body.push_back(static_cast<char>(biased & 0xFF));
  body += significant;
  body.push_back('\0');
  if (negative) {
    out.push_back('\x01');
    for (char c : body) out.push_back(static_cast<char>(~static_cast<uint8_t>(c)));
  } else {
    out.push_back('\x03');
    out += body;
  }
}

}  // namespace

void AppendKeyValue(const core::Document& value, std::string& out) {
  std::string_view type = TypeOf(value);
  const core::Document& payload = Payload(value);
  if (type == "N") {
    AppendNumber(payload.AsString(), out);
    return;
  }
  AppendEscaped(payload.AsString(), out);
  out.push_back('\0');
  out.push_back('\x01');
}

std::string EncodeKeyValue(const core::Document& value) {
  std::string out;
  AppendKeyValue(value, out);
  return out;
}

std::string EncodeKeyPrefix(const core::Document& value) {
  std::string out;
  AppendEscaped(Payload(value).AsString(), out);
  return out;
}

}  // namespace cloudemu::services::dynamodb
