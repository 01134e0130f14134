// The files RegisterMultipartOperations (multipart_operations.cc) gathers:
// each registers the multipart operations it implements through `add`.
#ifndef CLOUDEMU_SERVICES_S3_MULTIPART_OPERATION_GROUPS_H_
#define CLOUDEMU_SERVICES_S3_MULTIPART_OPERATION_GROUPS_H_

#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {

void RegisterMultipartCompleteOperation(S3State& state, const AddOperation& add);  // multipart_complete_operation.cc
void RegisterMultipartListOperations(S3State& state, const AddOperation& add);     // multipart_list_operations.cc

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_MULTIPART_OPERATION_GROUPS_H_
