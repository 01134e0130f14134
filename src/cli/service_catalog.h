// Every AWS service model embedded in the library, each with the CloudEmu
// service implementing it (or none yet): what `cloudemu coverage` reports and
// which endpoints `cloudemu serve` suggests to Terraform.
// Thread-safety: call from one thread; each call builds its own in-memory Cloud.
#ifndef CLOUDEMU_CLI_SERVICE_CATALOG_H_
#define CLOUDEMU_CLI_SERVICE_CATALOG_H_

#include <functional>
#include <string>
#include <vector>

#include "protocol/service_model.h"
#include "services/service.h"

namespace cloudemu::cli {

// Visits the models in the order the library embeds them; `service` is null
// for a model CloudEmu does not emulate. Throws CommandError when a model
// does not load.
void ForEachModel(
    const std::function<void(const protocol::ServiceModel& model, const services::Service* service)>& visit);

// The model names of the emulated services, without loading any model.
std::vector<std::string> EmulatedServiceNames();

}  // namespace cloudemu::cli

#endif  // CLOUDEMU_CLI_SERVICE_CATALOG_H_
