#include "services/service.h"

namespace cloudemu::services {

StatusOr<Document> Service::Invoke(std::string_view operation, const Document& input,
                                   const RequestContext& context) const {
  auto it = handlers_.find(operation);
  if (it == handlers_.end()) {
    return Status::NotImplemented("CloudEmu does not implement " + std::string(operation) + " yet");
  }
  return it->second(input, context);
}

std::vector<std::string> Service::ImplementedOperations() const {
  std::vector<std::string> names;
  for (const auto& [name, handler] : handlers_) names.push_back(name);
  return names;
}

}  // namespace cloudemu::services
