#include "cli/service_catalog.h"

#include <memory>

#include "cli/commands.h"
#include "cloud/cloud_state.h"

namespace cloudemu::cli {

namespace {

std::unique_ptr<internal::CloudState> NewCloudState() {
  auto state = internal::CloudState::Create(Options{});
  if (!state.ok()) throw CommandError("cannot create a Cloud: " + state.status().ToString());
  return std::move(state).value();
}

}  // namespace

void ForEachModel(
    const std::function<void(const protocol::ServiceModel& model, const services::Service* service)>& visit) {
  std::unique_ptr<internal::CloudState> state = NewCloudState();
  for (const std::string& name : protocol::EmbeddedModelNames()) {
    const protocol::ServiceModel* model = protocol::FindModel(name);
    if (model == nullptr) throw CommandError("the embedded model of " + name + " does not load");
    visit(*model, state->FindService(name));
  }
}

std::vector<std::string> EmulatedServiceNames() {
  // Without loading the models: parsing every model would slow `serve` down.
  std::unique_ptr<internal::CloudState> state = NewCloudState();
  std::vector<std::string> names;
  for (const std::string& name : protocol::EmbeddedModelNames()) {
    if (state->FindService(name) != nullptr) names.push_back(name);
  }
  return names;
}

}  // namespace cloudemu::cli
