// JSON <-> Document, driven by a model shape: the body of awsJson requests
// and responses (and of restJson ones). Members are named on the wire by
// their locationName, else their member name; members bound to HTTP
// (headers, uri, querystring) are never part of the body. Blobs are base64,
// timestamps epoch seconds unless the member says otherwise.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_PROTOCOL_JSON_SHAPES_H_
#define CLOUDEMU_PROTOCOL_JSON_SHAPES_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {

// Parses `body` (empty = {}) into a map shaped by `shape` (null: no members).
// Unknown members and nulls are ignored as AWS ignores them; malformed JSON,
// a member of the wrong JSON type or bad base64 give SerializationException.
StatusOr<core::Document> JsonBodyToDocument(std::string_view body, const Shape* shape);

// Writes the members of `doc` that `shape` declares, in model order ("{}"
// for a null shape).
std::string DocumentToJsonBody(const core::Document& doc, const Shape* shape);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_JSON_SHAPES_H_
