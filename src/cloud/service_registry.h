// The one list of services a Cloud is assembled from.
#ifndef CLOUDEMU_CLOUD_SERVICE_REGISTRY_H_
#define CLOUDEMU_CLOUD_SERVICE_REGISTRY_H_

#include <memory>
#include <vector>

#include "services/service.h"

namespace cloudemu::internal {

std::vector<std::unique_ptr<services::Service>> CreateServices(const services::ServiceEnvironment& env);

}  // namespace cloudemu::internal

#endif  // CLOUDEMU_CLOUD_SERVICE_REGISTRY_H_
