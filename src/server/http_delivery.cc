#include "server/http_delivery.h"

#include <string>

#include <httplib.h>

#include "core/ascii.h"

namespace cloudemu::server {
namespace {

constexpr std::string_view kDefaultContentType = "text/plain; charset=UTF-8";
constexpr time_t kConnectTimeoutSeconds = 5;
constexpr time_t kReadTimeoutSeconds = 5;
// What SNS reports when an endpoint cannot be reached at all.
constexpr int kUnreachableStatus = 502;

}  // namespace

Status DeliverHttp(const core::Delivery& delivery) {
  const std::string& url = delivery.target;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return Status::InvalidArgument("HttpDeliveryFailed", "not an http(s) URL: " + url);
  }
  size_t path_start = url.find('/', scheme_end + 3);
  const std::string origin = url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);

  httplib::Client client(origin);
  if (!client.is_valid()) return Status::InvalidArgument("HttpDeliveryFailed", "unusable endpoint URL: " + url);
  client.set_connection_timeout(kConnectTimeoutSeconds);
  client.set_read_timeout(kReadTimeoutSeconds);

  std::string content_type(kDefaultContentType);
  httplib::Headers headers;
  for (const auto& [name, value] : delivery.message["headers"].AsMap()) {
    if (core::EqualsIgnoreCase(name, "content-type")) {
      content_type = value.AsString();
    } else {
      headers.emplace(name, value.AsString());
    }
  }
  const std::string& body = delivery.message["body"].AsString();
  httplib::Result result = client.Post(path, headers, body, content_type);
  if (!result) {
    return Status::Error("HttpDeliveryFailed", "POST " + url + " failed: " + httplib::to_string(result.error()),
                         kUnreachableStatus);
  }
  if (result->status < 200 || result->status > 299) {
    return Status::Error("HttpDeliveryFailed", "POST " + url + " answered HTTP " + std::to_string(result->status),
                         result->status);
  }
  return Status::Ok();
}

}  // namespace cloudemu::server
