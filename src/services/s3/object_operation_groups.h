// The files RegisterObjectOperations (object_operations.cc) gathers: each
// registers the object operations it implements through `add`.
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_OPERATION_GROUPS_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_OPERATION_GROUPS_H_

#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {

void RegisterObjectDeleteOperations(S3State& state, const AddOperation& add);       // object_delete_operations.cc
void RegisterObjectCopyOperation(S3State& state, const AddOperation& add);          // object_copy_operation.cc
void RegisterObjectSubresourceOperations(S3State& state, const AddOperation& add);  // object_subresource_operations.cc
void RegisterObjectAttributesOperation(S3State& state, const AddOperation& add);    // object_attributes_operation.cc

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_OPERATION_GROUPS_H_
