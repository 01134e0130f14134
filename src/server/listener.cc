// The cpp-httplib side of the listener: converts requests and responses
// and keeps httplib's own behaviour out of the AWS wire format. httplib,
// left alone, would
//   - inflate gzip/deflate/br request bodies (S3 stores Content-Encoding as
//     object metadata and must keep the bytes), answering 400 when they are
//     not compressed at all,
//   - compress responses when the client accepts gzip,
//   - slice 2xx response bodies by the request's Range header (S3 already
//     answers ranges itself), answering 416 for a Range it cannot parse,
//   - add Content-Type: text/plain, Keep-Alive and Accept-Ranges headers.
// The pre-routing handler hides the first three from httplib (the request
// headers are restored when the request is converted), and the
// post-routing handler removes what httplib added to a dispatched response.
#include "server/listener.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <cctype>
#include <chrono>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "protocol/http_message.h"
#include "server/dispatcher.h"
#include "server/thread_pool.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

// Request headers renamed before httplib reads the body or writes the
// response, and restored in the HttpRequest.
constexpr std::pair<std::string_view, std::string_view> kHiddenHeaders[] = {
    {"Content-Encoding", "X-CloudEmu-Hidden-Content-Encoding"},
    {"Accept-Encoding", "X-CloudEmu-Hidden-Accept-Encoding"},
};
// Headers httplib adds to every request from the socket.
constexpr std::string_view kSocketHeaders[] = {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"};

// Marks a response the dispatcher produced; its value lists the headers
// httplib may add that the codec did set: 'T' Content-Type, 'R' Accept-Ranges.
constexpr char kDispatchedMarker[] = "X-CloudEmu-Dispatched";

// Threads beyond ListenOptions.worker_threads, started while every thread
// holds a connection.
constexpr size_t kMaxThreads = 1024;
constexpr time_t kKeepAliveSeconds = 60;
constexpr time_t kSocketTimeoutSeconds = 60;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

void HideFromHttplib(httplib::Request& request) {
  for (const auto& [name, hidden] : kHiddenHeaders) {
    auto range = request.headers.equal_range(std::string(name));
    std::vector<std::string> values;
    for (auto it = range.first; it != range.second; ++it) values.push_back(it->second);
    request.headers.erase(range.first, range.second);
    for (std::string& value : values) request.headers.emplace(std::string(hidden), std::move(value));
  }
  request.ranges.clear();
}

// The request as the dispatcher sees it; `with_body` false when httplib did
// not read it.
HttpRequest Convert(const httplib::Request& in, bool with_body) {
  HttpRequest out;
  out.method = in.method;
  std::string_view target = in.target;
  size_t question = target.find('?');
  out.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    out.query = protocol::ParseQueryString(target.substr(question + 1), /*plus_is_space=*/false);
  }
  for (const auto& [name, value] : in.headers) {
    std::string_view wire_name = name;
    for (const auto& [original, hidden] : kHiddenHeaders) {
      if (EqualsIgnoreCase(name, hidden)) wire_name = original;
    }
    bool from_socket = false;
    for (std::string_view socket_header : kSocketHeaders) from_socket |= name == socket_header;
    if (!from_socket) out.headers.Add(wire_name, value);
  }
  // The handler's last use of the request: its body can be taken.
  if (with_body) out.body = std::move(const_cast<httplib::Request&>(in).body);
  return out;
}

void Apply(HttpResponse&& in, httplib::Response& out) {
  out.status = in.status;
  std::string marker;
  for (auto& [name, value] : in.headers.all()) {
    // httplib sets Content-Length itself for a body; a HEAD answer keeps
    // the codec's (the object's length) with no body.
    if (name == "content-length" && !in.body.empty()) continue;
    if (name == "content-type") marker += 'T';
    if (name == "accept-ranges") marker += 'R';
    out.headers.emplace(name, value);
  }
  out.headers.emplace(kDispatchedMarker, marker);
  out.body = std::move(in.body);
}

// Removes what httplib added to a dispatched response.
void RemoveHttplibHeaders(httplib::Response& response) {
  auto marker = response.headers.find(kDispatchedMarker);
  if (marker == response.headers.end()) return;
  const std::string flags = marker->second;
  response.headers.erase(marker);
  response.headers.erase("Keep-Alive");
  if (flags.find('T') == std::string::npos) response.headers.erase("Content-Type");
  if (flags.find('R') == std::string::npos) response.headers.erase("Accept-Ranges");
}

std::string EndpointHost(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "[::1]";
  if (host.find(':') != std::string::npos) return "[" + host + "]";
  return host;
}

}  // namespace

class Listener::Impl {
 public:
  explicit Impl(Backend& backend) : dispatcher_(backend) {}
  ~Impl() { Stop(); }

  StatusOr<std::string> Start(const ListenOptions& options) {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return endpoint_;
    server_ = std::make_unique<httplib::Server>();
    Configure(*server_, options);
    const std::string host = options.host.empty() ? "127.0.0.1" : options.host;
    int port = options.port;
    if (port == 0) {
      port = server_->bind_to_any_port(host);
      if (port < 0) return Status::Internal("cannot bind a port on " + host);
    } else if (!server_->bind_to_port(host, port)) {
      return Status::Error("AddressInUse", "cannot listen on " + host + ":" + std::to_string(port), 500);
    }
    auto stopped = std::make_shared<std::atomic<bool>>(false);
    thread_ = std::thread([server = server_.get(), stopped] {
      server->listen_after_bind();
      stopped->store(true);
    });
    while (!server_->is_running()) {
      if (stopped->load()) {
        thread_.join();
        return Status::Internal("the listener on " + host + " stopped before accepting connections");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    endpoint_ = "http://" + EndpointHost(host) + ":" + std::to_string(port);
    return endpoint_;
  }

  void Stop() {
    std::lock_guard lock(mu_);
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
    server_.reset();
    endpoint_.clear();
  }

  std::string endpoint() const {
    std::lock_guard lock(mu_);
    return endpoint_;
  }

 private:
  void Configure(httplib::Server& server, const ListenOptions& options) {
    const size_t workers = options.worker_threads > 0 ? static_cast<size_t>(options.worker_threads) : 1;
    server.new_task_queue = [workers] { return new ElasticThreadPool(workers, std::max(workers, kMaxThreads)); };
    server.set_tcp_nodelay(true);
    // httplib's default also sets SO_REUSEPORT, which lets a second server
    // bind a port in use and silently take half of its connections.
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server.set_keep_alive_max_count(std::numeric_limits<int>::max());
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    server.set_read_timeout(kSocketTimeoutSeconds);
    server.set_write_timeout(kSocketTimeoutSeconds);
    server.set_payload_max_length(options.max_body_bytes);
    max_body_bytes_ = options.max_body_bytes;

    server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
      // httplib owns `request` as a non-const object; it hands it out const.
      HideFromHttplib(const_cast<httplib::Request&>(request));
      return httplib::Server::HandlerResponse::Unhandled;
    });
    httplib::Server::Handler handle = [this](const httplib::Request& request, httplib::Response& response) {
      Apply(dispatcher_.Dispatch(Convert(request, /*with_body=*/true)), response);
    };
    const std::string kAnyPath = ".*";
    server.Get(kAnyPath, handle);  // GET and HEAD
    server.Post(kAnyPath, handle);
    server.Put(kAnyPath, handle);
    server.Patch(kAnyPath, handle);
    server.Delete(kAnyPath, handle);
    server.Options(kAnyPath, handle);
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& request, httplib::Response& response) {
          return AnswerHttplibError(request, response);
        }));
    server.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& response) { RemoveHttplibHeaders(response); });
  }

  // httplib answered on its own (an error status and no dispatched
  // response): say it as the request's AWS protocol would.
  httplib::Server::HandlerResponse AnswerHttplibError(const httplib::Request& request, httplib::Response& response) {
    if (response.has_header(kDispatchedMarker)) return httplib::Server::HandlerResponse::Unhandled;
    // Reached without the pre-routing handler when httplib refused the
    // request line or its Range; the answer must not be sliced or compressed.
    HideFromHttplib(const_cast<httplib::Request&>(request));
    HttpRequest converted = Convert(request, /*with_body=*/false);
    HttpResponse answer;
    switch (response.status) {
      case 413:
        answer = dispatcher_.Reject(converted, dispatcher_.BodyTooLarge(converted, max_body_bytes_));
        break;
      case 416:  // a Range httplib cannot parse; S3 ignores such a header
        answer = dispatcher_.Dispatch(std::move(converted));
        break;
      case 404:  // a method no handler is registered for (TRACE, CONNECT)
        answer = dispatcher_.Reject(
            converted, Status::Error("MethodNotAllowed", "The specified method is not allowed against this resource.",
                                     405));
        break;
      default:
        answer = dispatcher_.Reject(
            converted, Status::Error("BadRequest", "An error occurred when parsing the HTTP request.", response.status));
        break;
    }
    response.headers.clear();
    Apply(std::move(answer), response);
    return httplib::Server::HandlerResponse::Handled;
  }

  Dispatcher dispatcher_;
  size_t max_body_bytes_ = 0;
  mutable std::mutex mu_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string endpoint_;
};

Listener::Listener(Backend& backend) : impl_(std::make_unique<Impl>(backend)) {}
Listener::~Listener() { Stop(); }

StatusOr<std::string> Listener::Start(const ListenOptions& options) { return impl_->Start(options); }
void Listener::Stop() { impl_->Stop(); }
std::string Listener::endpoint() const { return impl_->endpoint(); }

}  // namespace cloudemu::server
