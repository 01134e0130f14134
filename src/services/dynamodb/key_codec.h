// Order-preserving, prefix-free byte encodings of key attribute values, so
// that the Store's byte order is DynamoDB's key order: strings and binaries
// by unsigned bytes, numbers by decimal value. A partition value followed by
// a sort value is then a prefix range that Query scans in sort order.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_KEY_CODEC_H_
#define CLOUDEMU_SERVICES_DYNAMODB_KEY_CODEC_H_

#include <string>
#include <string_view>

#include "core/document.h"

namespace cloudemu::services::dynamodb {

// Appends the encoding of a validated, normalised S, N or B AttributeValue.
void AppendKeyValue(const core::Document& value, std::string& out);
std::string EncodeKeyValue(const core::Document& value);
// The encoding of a string or binary value without its terminator: every
// value that begins with `prefix` encodes to something starting with this.
std::string EncodeKeyPrefix(const core::Document& value);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_KEY_CODEC_H_
