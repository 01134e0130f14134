#include "protocol/model_index.h"

#include <map>
#include <mutex>
#include <shared_mutex>

namespace cloudemu::protocol {
namespace {

bool HasOwnLimits(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kStructure:
      return !shape.required.empty();
    case ShapeType::kBoolean:
    case ShapeType::kTimestamp:
      return false;
    default:
      return shape.min.has_value() || shape.max.has_value();
  }
}

template <typename Fn>
void ForEachChild(const Shape& shape, Fn&& fn) {
  switch (shape.type) {
    case ShapeType::kStructure:
      for (const MemberRef& m : shape.members) fn(m.shape);
      break;
    case ShapeType::kList:
      fn(shape.member->shape);
      break;
    case ShapeType::kMap:  // keys are not validated
      fn(shape.value->shape);
      break;
    default:
      break;
  }
}

std::string DefaultQueryNamespace(const ServiceModel& model, const WireFacts& facts) {
  std::string ns = !model.xml_namespace.empty() ? std::string(model.xml_namespace)
                   : !facts.query_xml_namespace.empty()
                       ? std::string(facts.query_xml_namespace)
                       : "https://" + std::string(model.endpoint_prefix) + ".amazonaws.com/doc/" + std::string(model.api_version) + "/";
  if (ns.back() != '/') ns += '/';
  return ns;
}

struct Registry {
  std::shared_mutex mu;
  std::map<const ServiceModel*, std::shared_ptr<const ModelIndex>> indexes;
};

}  // namespace

std::shared_ptr<const ModelIndex> ModelIndex::For(const ServiceModel& model) {
  static Registry* registry = new Registry();  // never destroyed, like the models it indexes
  {
    std::shared_lock lock(registry->mu);
    auto it = registry->indexes.find(&model);
    if (it != registry->indexes.end()) return it->second;
  }
  auto index = std::make_shared<const ModelIndex>(model);
  // Only embedded models live forever; caching another model by address
  // could hand its index to a later model allocated at the same address.
  if (FindModel(model.name) != &model) return index;
  std::unique_lock lock(registry->mu);
  return registry->indexes.emplace(&model, std::move(index)).first->second;
}

ModelIndex::ModelIndex(const ServiceModel& model)
    : model_(model), facts_(WireFactsFor(model.name)), query_xml_namespace_(DefaultQueryNamespace(model, facts_)) {
  for (const Shape& shape : model.shapes) {
    if (!shape.exception) continue;
    errors_.emplace(shape.name, &shape);
    if (shape.error && !shape.error->code.empty()) errors_.emplace(shape.error->code, &shape);
  }
  for (const QueryErrorFacts& fact : facts_.query_errors) {
    const Shape* shape = model.FindShape(fact.shape);
    if (shape == nullptr || shape->error) continue;  // the model's own trait wins
    error_traits_[shape] = ErrorTraits{fact.code, fact.http_status, fact.http_status < 500};
    if (!fact.code.empty()) errors_.emplace(fact.code, shape);
  }
  for (const QueryShapeNames& names : facts_.query_names) {
    if (const Shape* shape = model.FindShape(names.shape)) query_names_.emplace(shape, &names);
  }
  IndexValidation();
}

// A shape may fail validation when it has limits of its own or contains a
// shape that may; shapes can be recursive (DynamoDB's AttributeValue), so
// propagate to a fixed point.
void ModelIndex::IndexValidation() {
  for (const Shape& shape : model_.shapes) {
    if (HasOwnLimits(shape)) validated_.insert(&shape);
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Shape& shape : model_.shapes) {
      if (validated_.count(&shape)) continue;
      bool any = false;
      ForEachChild(shape, [&](const Shape* child) { any = any || (child && validated_.count(child)); });
      if (any) changed = validated_.insert(&shape).second || changed;
    }
  }
}

const Shape* ModelIndex::FindErrorShape(std::string_view code) const {
  auto it = errors_.find(code);
  return it == errors_.end() ? nullptr : it->second;
}

ErrorDescription ModelIndex::DescribeError(const Status& error) const {
  ErrorDescription d;
  d.shape = FindErrorShape(error.code());
  d.code = d.shape ? std::string_view(d.shape->name) : std::string_view(error.code());
  const ErrorTraits* traits = ErrorTraitsOf(d.shape);
  d.query_code = traits && !traits->code.empty() ? std::string_view(traits->code) : d.code;
  d.http_status = error.http_status();
  if (d.http_status == 400 && traits && traits->http_status != 0) d.http_status = traits->http_status;
  d.sender_fault = d.http_status < 500;
  return d;
}

const ErrorTraits* ModelIndex::ErrorTraitsOf(const Shape* shape) const {
  if (shape == nullptr) return nullptr;
  if (shape->error) return &*shape->error;
  auto it = error_traits_.find(shape);
  return it == error_traits_.end() ? nullptr : &it->second;
}

const QueryShapeNames* ModelIndex::QueryNames(const Shape* shape) const {
  if (query_names_.empty()) return nullptr;
  auto it = query_names_.find(shape);
  return it == query_names_.end() ? nullptr : it->second;
}

bool ModelIndex::MayFailValidation(const Shape* shape) const { return shape && validated_.count(shape) != 0; }

}  // namespace cloudemu::protocol
