#include "server/router.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/encoding.h"
#include "protocol/embedded_models.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::Protocol;
using protocol::ServiceModel;

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

// Whether a comma-separated botocore protocol list names `protocol`.
bool Lists(std::string_view protocols, std::string_view protocol) {
  while (!protocols.empty()) {
    size_t comma = protocols.find(',');
    if (protocols.substr(0, comma) == protocol) return true;
    if (comma == std::string_view::npos) break;
    protocols.remove_prefix(comma + 1);
  }
  return false;
}

// The query-protocol parameters of a request: in the query string, or in a
// form-encoded body.
class QueryParameters {
 public:
  explicit QueryParameters(const HttpRequest& request) : request_(request) {}

  std::string Get(std::string_view key) const {
    if (const std::string* value = request_.FindQuery(key)) return *value;
    if (!IsForm()) return std::string();
    return FormValue(request_.body, key);
  }

 private:
  bool IsForm() const {
    constexpr std::string_view kForm = "application/x-www-form-urlencoded";
    const std::string* type = request_.headers.Find("content-type");
    return type && type->compare(0, kForm.size(), kForm) == 0;
  }
  const HttpRequest& request_;
};

// "DynamoDB_20120810.PutItem" -> "DynamoDB_20120810".
std::string_view TargetPrefix(const std::string* target) {
  if (!target) return {};
  size_t dot = target->rfind('.');
  return dot == std::string::npos ? std::string_view() : std::string_view(*target).substr(0, dot);
}

}  // namespace

// One embedded model, loaded on first use.
struct Router::Entry {
  explicit Entry(const protocol::EmbeddedModel& m)
      : embedded(m),
        speaks_json(Lists(m.protocols, "json")),
        speaks_query(Lists(m.protocols, "query") || Lists(m.protocols, "ec2")) {}

  const ServiceModel* Model() const {
    const ServiceModel* loaded = model.load(std::memory_order_acquire);
    if (!loaded) {
      loaded = protocol::FindModel(embedded.service);  // loads once, process-wide
      model.store(loaded, std::memory_order_release);
    }
    return loaded;
  }

  const protocol::EmbeddedModel& embedded;
  const bool speaks_json;
  const bool speaks_query;  // awsQuery or ec2Query
  mutable std::atomic<const ServiceModel*> model{nullptr};
};

struct Router::Index {
  std::vector<std::unique_ptr<Entry>> entries;
  StringMap<std::vector<const Entry*>> by_signing_name;
  StringMap<const Entry*> by_target_prefix;
  StringMap<std::vector<const Entry*>> by_api_version;  // query-protocol services
  const Entry* s3 = nullptr;
};

Router::Router() = default;
Router::~Router() = default;

const Router::Index& Router::index() const {
  std::call_once(once_, [this] {
    auto index = std::make_unique<Index>();
    for (const protocol::EmbeddedModel& embedded : protocol::EmbeddedModels()) {
      const Entry* entry = index->entries.emplace_back(std::make_unique<Entry>(embedded)).get();
      index->by_signing_name[embedded.signing_name].push_back(entry);
      if (*embedded.target_prefix) index->by_target_prefix.emplace(embedded.target_prefix, entry);
      if (entry->speaks_query) index->by_api_version[embedded.api_version].push_back(entry);
      if (std::string_view(embedded.service) == "s3") index->s3 = entry;
    }
    index_ = std::move(index);
  });
  return *index_;
}

Route Router::Resolve(const HttpRequest& request, const SigV4Request& auth) const {
  Route route;
  if (std::string_view(request.path).substr(0, kInternalPathPrefix.size()) == kInternalPathPrefix) {
    route.internal = true;
    return route;
  }
  const Index& idx = index();
  const std::string* target = request.headers.Find("x-amz-target");
  const std::string_view target_prefix = TargetPrefix(target);
  const QueryParameters params(request);

  // The service a query request's Version names (among `among` when given),
  // preferring the one with its Action.
  auto by_version = [&](const std::vector<const Entry*>* among) -> const Entry* {
    std::string version = params.Get("Version");
    if (version.empty()) return nullptr;
    auto it = idx.by_api_version.find(version);
    if (it == idx.by_api_version.end()) return nullptr;
    const Entry* fallback = nullptr;
    for (const Entry* entry : it->second) {
      if (among && std::find(among->begin(), among->end(), entry) == among->end()) continue;
      if (it->second.size() == 1) return entry;
      const ServiceModel* model = entry->Model();
      if (model && model->FindOperation(params.Get("Action"))) return entry;
      if (!fallback) fallback = entry;
    }
    return fallback;
  };

  const Entry* entry = nullptr;
  if (!auth.service.empty()) {
    if (auto it = idx.by_signing_name.find(auth.service); it != idx.by_signing_name.end()) {
      const std::vector<const Entry*>& candidates = it->second;
      entry = candidates.front();
      if (candidates.size() > 1) {
        // Several models share the signing name (as dynamodb and dynamodbstreams would).
        auto by_target = idx.by_target_prefix.find(target_prefix);
        if (by_target != idx.by_target_prefix.end() &&
            std::find(candidates.begin(), candidates.end(), by_target->second) != candidates.end()) {
          entry = by_target->second;
        } else if (const Entry* versioned = by_version(&candidates)) {
          entry = versioned;
        } else {
          for (const Entry* candidate : candidates) {
            if (auth.service == candidate->embedded.service) entry = candidate;
          }
        }
      }
    }
  }
  if (!entry && target) {
    if (auto it = idx.by_target_prefix.find(target_prefix); it != idx.by_target_prefix.end()) entry = it->second;
  }
  if (!entry) entry = by_version(nullptr);
  if (!entry) entry = idx.s3;
  route.model = entry ? entry->Model() : nullptr;
  if (!route.model) return route;

  // A service with several protocols (SQS: awsJson and awsQuery) is spoken to
  // in the one the request uses.
  route.protocol = route.model->protocol;
  if (target && entry->speaks_json) {
    route.protocol = Protocol::kJson;
  } else if (!target && entry->speaks_query && route.protocol == Protocol::kJson && !params.Get("Action").empty()) {
    route.protocol = Protocol::kQuery;
  }
  return route;
}

std::string FormValue(std::string_view form, std::string_view key) {
  size_t pos = 0;
  while (pos <= form.size()) {
    size_t end = form.find('&', pos);
    if (end == std::string_view::npos) end = form.size();
    std::string_view pair = form.substr(pos, end - pos);
    if (pair.size() > key.size() && pair[key.size()] == '=' && pair.substr(0, key.size()) == key) {
      return core::UriDecode(pair.substr(key.size() + 1), /*plus_is_space=*/true);
    }
    pos = end + 1;
  }
  return std::string();
}

}  // namespace cloudemu::server
