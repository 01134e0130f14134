// DynamoDB JSON as people write it in fixtures and tests: binaries in
// base64 (as on the wire) and numbers as JSON numbers or text. Turned into
// the AttributeValue Documents operations take (Blobs, number text).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_ITEM_JSON_H_
#define CLOUDEMU_SERVICES_DYNAMODB_ITEM_JSON_H_

#include "core/document.h"

namespace cloudemu::services::dynamodb {

// One AttributeValue ({"B": "<base64>"} -> Blob, {"N": 5} -> "5", nested M/L too).
core::Document AttributeValueFromJson(const core::Document& value);
// A map of attribute name -> AttributeValue.
core::Document ItemFromJson(const core::Document& item);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_ITEM_JSON_H_
