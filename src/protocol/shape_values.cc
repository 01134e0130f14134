#include "protocol/shape_values.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/encoding.h"
#include "core/time_format.h"

namespace cloudemu::protocol {
namespace {

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  if (auto special = ParseSpecialDouble(text)) return special;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string DoubleText(double value) {
  if (!std::isfinite(value)) return SpecialDoubleText(value);
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

const char* ShapeTypeArticleName(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure:
      return "a Structure";
    case ShapeType::kList:
      return "a List";
    case ShapeType::kMap:
      return "a Map";
    case ShapeType::kString:
      return "a String";
    case ShapeType::kInteger:
      return "an Integer";
    case ShapeType::kLong:
      return "a Long";
    case ShapeType::kFloat:
      return "a Float";
    case ShapeType::kDouble:
      return "a Double";
    case ShapeType::kBoolean:
      return "a Boolean";
    case ShapeType::kTimestamp:
      return "a Date";
    case ShapeType::kBlob:
      return "a Blob";
  }
  return "a value";
}

std::string_view TimestampFormat(const MemberRef& ref, std::string_view fallback) {
  if (!ref.timestamp_format.empty()) return ref.timestamp_format;
  if (ref.shape && !ref.shape->timestamp_format.empty()) return ref.shape->timestamp_format;
  return fallback;
}

std::string FormatTimestamp(int64_t millis, std::string_view format) {
  if (format == "rfc822") return core::FormatRfc822(millis);
  if (format == "unixTimestamp") return core::FormatEpochSeconds(millis);
  return core::FormatIso8601(millis);
}

std::optional<double> ParseSpecialDouble(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

const char* SpecialDoubleText(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

std::string ScalarText(const core::Document& doc) {
  switch (doc.kind()) {
    case core::Document::Kind::kString:
    case core::Document::Kind::kBlob:
      return doc.AsString();
    case core::Document::Kind::kBool:
      return doc.AsBool() ? "true" : "false";
    case core::Document::Kind::kInt:
      return std::to_string(doc.AsInt());
    case core::Document::Kind::kDouble:
      return DoubleText(doc.AsDouble());
    case core::Document::Kind::kTimestamp:
      return core::FormatIso8601(doc.AsTimestampMillis());
    default:
      return "";
  }
}

bool ScalarBool(const core::Document& doc) {
  if (doc.is_string()) return doc.AsString() == "true";
  return doc.AsBool(doc.AsInt() != 0);
}

int64_t ScalarInt(const core::Document& doc) {
  if (doc.is_string()) return ParseInt(doc.AsString()).value_or(0);
  if (doc.is_bool()) return doc.AsBool() ? 1 : 0;
  return doc.AsInt();
}

double ScalarDouble(const core::Document& doc) {
  if (doc.is_string()) return ParseDouble(doc.AsString()).value_or(0);
  return doc.AsDouble();
}

int64_t ScalarTimestampMillis(const core::Document& doc) {
  if (doc.is_timestamp()) return doc.AsTimestampMillis();
  if (doc.is_string()) return core::ParseTimestamp(doc.AsString()).value_or(0);
  if (doc.is_int()) return doc.AsInt() * 1000;  // epoch seconds
  return std::llround(doc.AsDouble() * 1000.0);
}

std::string ScalarToText(const core::Document& doc, const MemberRef& ref, std::string_view default_timestamp_format) {
  switch (ref.shape->type) {
    case ShapeType::kBoolean:
      return ScalarBool(doc) ? "true" : "false";
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return std::to_string(ScalarInt(doc));
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return DoubleText(ScalarDouble(doc));
    case ShapeType::kTimestamp:
      return FormatTimestamp(ScalarTimestampMillis(doc), TimestampFormat(ref, default_timestamp_format));
    case ShapeType::kBlob:
      return core::Base64Encode(doc.AsString());
    default:
      return ScalarText(doc);
  }
}

std::optional<core::Document> ScalarFromText(std::string_view text, const MemberRef& ref) {
  switch (ref.shape->type) {
    case ShapeType::kBoolean:
      if (text == "true") return core::Document(true);
      if (text == "false") return core::Document(false);
      return std::nullopt;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (auto v = ParseInt(text)) return core::Document(*v);
      return std::nullopt;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (auto v = ParseDouble(text)) return core::Document(*v);
      return std::nullopt;
    case ShapeType::kTimestamp:
      if (auto v = core::ParseTimestamp(text)) return core::Document(core::Timestamp{*v});
      return std::nullopt;
    case ShapeType::kBlob:
      if (auto v = core::Base64Decode(text)) return core::Document(core::Blob{std::move(*v)});
      return std::nullopt;
    default:
      return core::Document(std::string(text));
  }
}

}  // namespace cloudemu::protocol
