// Validation of Publish's MessageAttributes ({Name: {DataType, StringValue |
// BinaryValue}}) with the errors AWS answers for each kind of mistake.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SNS_MESSAGE_ATTRIBUTES_H_
#define CLOUDEMU_SERVICES_SNS_MESSAGE_ATTRIBUTES_H_

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::sns {

// OK for a null or empty map.
Status ValidateMessageAttributes(const core::Document& attributes);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_MESSAGE_ATTRIBUTES_H_
