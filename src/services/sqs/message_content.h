// What a message carries: checks of its body and attributes as SQS makes
// them, its size as SQS counts it, and the MD5 digests SQS returns (which
// the SDKs verify).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SQS_MESSAGE_CONTENT_H_
#define CLOUDEMU_SERVICES_SQS_MESSAGE_CONTENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::sqs {

using core::Document;

// Non-empty and only the characters SQS allows (#x9 | #xA | #xD |
// #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF).
Status CheckBody(std::string_view body);
// A MessageAttributes map (system = false) or MessageSystemAttributes map
// (system = true: AWSTraceHeader only).
Status CheckAttributes(const Document& attributes, bool system);
// Body plus every attribute's name, type and value, in bytes.
int64_t MessageSize(std::string_view body, const Document& attributes);

std::string Md5Hex(std::string_view data);
// AWS's digest of a (system) attribute map: for each attribute by name, the
// length-prefixed name and type, a transport byte (1 string, 2 binary, 3
// string list, 4 binary list) and the length-prefixed value(s). "" when the
// map is empty.
std::string AttributesMd5(const Document& attributes);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_MESSAGE_CONTENT_H_
