// Plain JSON <-> Document, for stored records, snapshots, fixtures and the
// internal endpoints. (Wire JSON is the protocol codecs' job: they follow the
// service model; this follows nothing but JSON.)
#ifndef CLOUDEMU_CORE_JSON_H_
#define CLOUDEMU_CORE_JSON_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::core {

// Blobs are written as base64 strings, timestamps as epoch seconds (with
// milliseconds as a fraction). Integers stay integers.
std::string ToJson(const Document& doc, bool pretty = false);

// Numbers without fraction or exponent become kInt, others kDouble.
// Errors are InvalidArgument with code "SerializationException".
StatusOr<Document> FromJson(std::string_view text);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_JSON_H_
