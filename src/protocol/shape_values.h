// Scalar values by shape, shared by the codecs: the text form of a scalar
// member (query parameters, XML elements), the forgiving reads of a Document
// a service produced, and timestamp formats by trait.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_PROTOCOL_SHAPE_VALUES_H_
#define CLOUDEMU_PROTOCOL_SHAPE_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {

// "a String", "an Integer", ... as AWS's serialization errors word them.
const char* ShapeTypeArticleName(ShapeType type);

// The timestampFormat trait of `ref` (member first, then shape), else `fallback`.
std::string_view TimestampFormat(const MemberRef& ref, std::string_view fallback);
// `millis` as "iso8601", "rfc822" or "unixTimestamp" text.
std::string FormatTimestamp(int64_t millis, std::string_view format);

// "NaN", "Infinity", "-Infinity" <-> double.
std::optional<double> ParseSpecialDouble(std::string_view text);
const char* SpecialDoubleText(double value);

// Reads of a service's output that tolerate a neighbouring kind (an int for
// a string member, a string holding a number, ...).
std::string ScalarText(const core::Document& doc);
bool ScalarBool(const core::Document& doc);
int64_t ScalarInt(const core::Document& doc);
double ScalarDouble(const core::Document& doc);
int64_t ScalarTimestampMillis(const core::Document& doc);

// A scalar member as XML/query text: booleans true/false, blobs base64,
// timestamps in the member's format (else `default_timestamp_format`).
std::string ScalarToText(const core::Document& doc, const MemberRef& ref, std::string_view default_timestamp_format);
// Query/XML text -> a Document of the member's type; nullopt when the text
// is not a valid value of that type.
std::optional<core::Document> ScalarFromText(std::string_view text, const MemberRef& ref);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_SHAPE_VALUES_H_
