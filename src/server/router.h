// Router: which service (botocore model) and which wire protocol a request
// is for. In order: the internal endpoints (/_cloudemu/...); the SigV4
// credential-scope service (matched to each model's signingName, which
// defaults to its endpointPrefix: "states" is stepfunctions); the
// X-Amz-Target prefix (JSON protocols); the Action's Version (query
// protocols); else S3, the one REST service addressed by path alone.
// The index is built once from the routing metadata embedded beside each
// model (embedded_models.h), so no model is parsed to route; a model is
// loaded the first time a request is routed to it. After that a request
// costs a few hash lookups.
// Thread-safety: Resolve is safe from any thread.
#ifndef CLOUDEMU_SERVER_ROUTER_H_
#define CLOUDEMU_SERVER_ROUTER_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "protocol/http_message.h"
#include "protocol/service_model.h"
#include "server/sigv4.h"

namespace cloudemu::server {

inline constexpr std::string_view kInternalPathPrefix = "/_cloudemu/";

struct Route {
  bool internal = false;                          // /_cloudemu/...
  const protocol::ServiceModel* model = nullptr;  // null only for internal routes
  protocol::Protocol protocol = protocol::Protocol::kRestXml;
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  Route Resolve(const protocol::HttpRequest& request, const SigV4Request& auth) const;

 private:
  struct Entry;
  struct Index;
  const Index& index() const;

  mutable std::once_flag once_;
  mutable std::unique_ptr<Index> index_;
};

// The value of `key` in an application/x-www-form-urlencoded body, decoded;
// "" when absent. Exposed for tests.
std::string FormValue(std::string_view form, std::string_view key);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_ROUTER_H_
