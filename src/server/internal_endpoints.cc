#include "server/internal_endpoints.h"

#include <string>
#include <string_view>

#include "core/document.h"
#include "core/json.h"
#include "protocol/service_model.h"
#include "server/dashboard.h"
#include "server/router.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

HttpResponse Json(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers.Set("content-type", "application/json");
  response.body = std::move(body);
  return response;
}

HttpResponse Error(int status, std::string_view code, std::string_view message) {
  core::Document error = core::Document::Map();
  error.Set("code", code);
  error.Set("message", message);
  return Json(status, core::ToJson(error));
}

HttpResponse Ok() {
  core::Document ok = core::Document::Map();
  ok.Set("status", "ok");
  return Json(200, core::ToJson(ok));
}

HttpResponse Health(Backend& backend) {
  core::Document health = core::Document::Map();
  health.Set("status", "ok");
  core::Document& services = health.Set("services", core::Document::List());
  for (const std::string& name : protocol::EmbeddedModelNames()) {
    if (backend.FindService(name)) services.Append(name);
  }
  return Json(200, core::ToJson(health));
}

// GET /_cloudemu/<model>/<file>: a file the service publishes.
HttpResponse PublishedFile(Backend& backend, std::string_view model, std::string_view file) {
  services::Service* service = backend.FindService(model);
  if (service == nullptr) return Error(404, "NotFound", "no service " + std::string(model));
  auto published = service->FindPublishedFile(file);
  if (!published.ok()) return InternalEndpointError(published.status());
  HttpResponse response;
  response.status = 200;
  response.headers.Set("content-type", published->content_type);
  response.body = std::move(published->body);
  return response;
}

HttpResponse WrongMethod(std::string_view allowed) {
  HttpResponse response = Error(405, "MethodNotAllowed", "this endpoint accepts " + std::string(allowed));
  response.headers.Set("allow", std::string(allowed));
  return response;
}

}  // namespace

HttpResponse InternalEndpointError(const Status& error) {
  return Error(error.http_status(), error.code(), error.message());
}

HttpResponse HandleInternalEndpoint(Backend& backend, const HttpRequest& request) {
  std::string_view name = std::string_view(request.path).substr(kInternalPathPrefix.size());
  if (!name.empty() && name.back() == '/') name.remove_suffix(1);
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";

  if (name == "health") return get ? Health(backend) : WrongMethod("GET");
  if (name.empty() || name == "dashboard") return get ? DashboardPage() : WrongMethod("GET");
  if (name == "resources") return get ? Json(200, backend.ResourcesJson()) : WrongMethod("GET");
  if (name == "reset") {
    if (!post) return WrongMethod("POST");
    Status reset = backend.Reset();
    return reset.ok() ? Ok() : Error(reset.http_status(), reset.code(), reset.message());
  }
  if (name == "settle") {
    if (!post) return WrongMethod("POST");
    backend.Settle();
    return Ok();
  }
  if (name == "snapshot") {
    if (get) return Json(200, backend.Snapshot());
    if (!post) return WrongMethod("GET, POST");
    Status restored = backend.Restore(request.body);
    if (restored.ok()) return Ok();
    // A snapshot the caller sent that cannot be restored is the caller's error.
    int status = restored.http_status() >= 500 ? 500 : 400;
    return Error(status, restored.code(), restored.message());
  }
  if (const size_t slash = name.find('/'); slash != std::string_view::npos) {
    return get ? PublishedFile(backend, name.substr(0, slash), name.substr(slash + 1)) : WrongMethod("GET");
  }
  return Error(404, "NotFound", "no internal endpoint " + request.path);
}

}  // namespace cloudemu::server
