// The groups of S3 operations; each group lives in its own file and adds its
// handlers through `add`. S3Service calls every Register* once.
#ifndef CLOUDEMU_SERVICES_S3_S3_OPERATIONS_H_
#define CLOUDEMU_SERVICES_S3_S3_OPERATIONS_H_

#include <functional>
#include <string>

#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

using AddOperation = std::function<void(std::string operation, Service::Handler handler)>;

void RegisterBucketOperations(S3State& state, const AddOperation& add);        // bucket_operations.cc
void RegisterBucketConfigOperations(S3State& state, const AddOperation& add);  // bucket_config_operations.cc
void RegisterObjectOperations(S3State& state, const AddOperation& add);        // object_operations.cc
void RegisterMultipartOperations(S3State& state, const AddOperation& add);     // multipart_operations.cc
void RegisterListingOperations(S3State& state, const AddOperation& add);       // listing_operations.cc

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_OPERATIONS_H_
