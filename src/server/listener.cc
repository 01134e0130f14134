// The cpp-httplib side of the listener: converts requests and responses
// and keeps httplib's own behaviour out of the AWS wire format. httplib,
// left alone, would
//   - inflate gzip/deflate/br request bodies (S3 stores Content-Encoding as
//     object metadata and must keep the bytes), answering 400 when they are
//     not compressed at all,
//   - parse form and multipart bodies, refusing forms over 8 KiB with 413,
//   - compress responses when the client accepts gzip,
//   - slice 2xx response bodies by the request's Range header (S3 already
//     answers ranges itself), answering 416 for a Range it cannot parse,
//   - refuse a POST/PUT/PATCH without Content-Length with 400, where
//     HTTP/1.1 says the request has no body,
//   - read a whole declared body before refusing it as too large,
//   - add Content-Type: text/plain, Keep-Alive and Accept-Ranges headers.
// The pre-routing handler takes from httplib every request header but the
// body framing ones (the handler gets them back), which keeps it from the
// first three and makes its own header lookups cheap; it declares a missing
// body empty and refuses an oversized one up front. The post-routing handler
// removes what httplib added to a dispatched response.
#include "server/listener.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "core/ascii.h"
#include "protocol/http_message.h"
#include "server/dispatcher.h"
#include "server/thread_pool.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

// Marks a response the dispatcher produced; its value lists the headers
// httplib may add that the codec did set: 'T' Content-Type, 'R' Accept-Ranges.
constexpr char kDispatchedMarker[] = "X-CloudEmu-Dispatched";
// The request headers httplib still needs after the pre-routing handler: the
// body framing and whether to keep the connection.
constexpr std::string_view kHttplibHeaders[] = {"Content-Length", "Transfer-Encoding", "Connection"};
// Headers httplib adds to every request from the socket, spelt so.
constexpr std::string_view kSocketHeaders[] = {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"};

// Threads beyond ListenOptions.worker_threads, started while every thread
// holds a connection.
constexpr size_t kMaxThreads = 1024;
// httplib only notices a stop when an idle keep-alive connection times out,
// so this bounds how long Stop() (and SIGTERM of `cloudemu serve`) can take.
// Clients reconnect transparently after an idle close.
constexpr time_t kKeepAliveSeconds = 5;
constexpr time_t kSocketTimeoutSeconds = 60;

// What a request's headers declare about its body.
struct DeclaredBody {
  bool has_length = false;  // a Content-Length header
  uint64_t length = 0;      // the first Content-Length; 0 when none is declared
  bool has_transfer_encoding = false;
};

uint64_t ParseLength(const std::string& value) {
  uint64_t length = 0;
  std::from_chars(value.data(), value.data() + value.size(), length);
  return length;
}

// The declared body size; 0 when none is declared.
uint64_t DeclaredLength(const httplib::Request& request) {
  return ParseLength(request.get_header_value("Content-Length"));
}

bool IsSocketHeader(std::string_view name) {
  return std::find(std::begin(kSocketHeaders), std::end(kSocketHeaders), name) != std::end(kSocketHeaders);
}

bool IsHttplibHeader(std::string_view name) {
  return std::any_of(std::begin(kHttplibHeaders), std::end(kHttplibHeaders),
                     [name](std::string_view n) { return core::EqualsIgnoreCase(name, n); });
}

// The headers of the request this worker thread is serving, taken out of
// httplib's request by the pre-routing handler until the handler (or the
// error handler) converts the request; httplib runs all three on the
// connection's thread, one request after another.
struct TakenHeaders {
  bool pending = false;  // taken and not yet converted
  protocol::Headers headers;
};
thread_local TakenHeaders taken_headers;

// Moves the request's headers to this thread's TakenHeaders, leaving httplib
// only kHttplibHeaders, so that it neither acts on the others nor searches
// them on every one of its lookups. Notes in passing what the headers declare
// about the body.
DeclaredBody TakeHeaders(httplib::Request& request) {
  DeclaredBody body;
  TakenHeaders& taken = taken_headers;
  taken.pending = true;
  taken.headers = protocol::Headers();
  for (auto it = request.headers.begin(); it != request.headers.end();) {
    const std::string& name = it->first;
    if (IsSocketHeader(name)) {
      it = request.headers.erase(it);
    } else if (IsHttplibHeader(name)) {
      if (core::EqualsIgnoreCase(name, "Content-Length") && !body.has_length) {
        body.has_length = true;
        body.length = ParseLength(it->second);
      }
      body.has_transfer_encoding |= core::EqualsIgnoreCase(name, "Transfer-Encoding");
      taken.headers.Add(name, it->second);
      ++it;
    } else {
      auto node = request.headers.extract(it++);
      taken.headers.Add(node.key(), std::move(node.mapped()));
    }
  }
  request.ranges.clear();
  return body;
}

// httplib refuses a POST, PUT or PATCH that has neither Content-Length nor
// Transfer-Encoding with 400; HTTP/1.1 says such a request has no body. The
// Content-Length added here is httplib's alone: the dispatcher does not see it
// (S3 answers PutObject without Content-Length with 411).
void DeclareEmptyBody(httplib::Request& request, const DeclaredBody& body) {
  if (request.method != "POST" && request.method != "PUT" && request.method != "PATCH") return;
  if (body.has_length || body.has_transfer_encoding) return;
  request.headers.emplace("Content-Length", "0");
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
  if (TakenHeaders& taken = taken_headers; taken.pending) {
    taken.pending = false;
    out.headers = std::move(taken.headers);
  } else {
    for (const auto& [name, value] : in.headers) {
      if (!IsSocketHeader(name)) out.headers.Add(name, value);
    }
  }
  if (!with_body) return out;
  // The handler's last use of the request: its body can be taken.
  out.body = std::move(const_cast<httplib::Request&>(in).body);
  // A Transfer-Encoding: chunked body (httplib joined the chunks) has the
  // length it turned out to have.
  if (out.headers.Has("transfer-encoding") && !out.headers.Has("content-length")) {
    out.headers.Set("content-length", std::to_string(out.body.size()));
  }
  return out;
}

void Apply(HttpResponse&& in, httplib::Response& out) {
  out.status = in.status;
  std::string marker;
  for (auto& [name, value] : in.headers.all()) {
    // A body's length is its size; a HEAD answer keeps the codec's (the
    // object's) with no body.
    if (name == "content-length" && !in.body.empty()) continue;
    if (name == "content-type") marker += 'T';
    if (name == "accept-ranges") marker += 'R';
    out.headers.emplace(name, value);
  }
  if (!in.body.empty()) out.headers.emplace("Content-Length", std::to_string(in.body.size()));
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
  // httplib appends its own Content-Length after the one Apply set.
  auto [first, end] = response.headers.equal_range("Content-Length");
  if (first != end) response.headers.erase(std::next(first), end);
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
      std::this_thread::sleep_for(std::chrono::microseconds(50));
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

    server.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      // httplib owns `request` as a non-const object; it hands it out const.
      auto& mutable_request = const_cast<httplib::Request&>(request);
      const DeclaredBody body = TakeHeaders(mutable_request);
      DeclareEmptyBody(mutable_request, body);
      return RefuseOversized(body.length, request, response) ? httplib::Server::HandlerResponse::Handled
                                                             : httplib::Server::HandlerResponse::Unhandled;
    });
    // A client that waits for "100 Continue" learns before sending the body.
    server.set_expect_100_continue_handler([this](const httplib::Request& request, httplib::Response& response) {
      return RefuseOversized(DeclaredLength(request), request, response) ? response.status : 100;
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

  // Answers a request that declares a body (of `declared_length` bytes)
  // larger than ListenOptions allow without reading it (httplib would read
  // it all first), telling the client to close the connection its unread
  // body would arrive on.
  bool RefuseOversized(uint64_t declared_length, const httplib::Request& request, httplib::Response& response) {
    if (declared_length <= max_body_bytes_) return false;
    HttpRequest converted = Convert(request, /*with_body=*/false);
    Apply(dispatcher_.Reject(converted, dispatcher_.BodyTooLarge(converted, max_body_bytes_)), response);
    response.set_header("Connection", "close");
    return true;
  }

  // httplib answered on its own (an error status and no dispatched
  // response): say it as the request's AWS protocol would.
  httplib::Server::HandlerResponse AnswerHttplibError(const httplib::Request& request, httplib::Response& response) {
    if (response.has_header(kDispatchedMarker)) return httplib::Server::HandlerResponse::Unhandled;
    // Reached without the pre-routing handler when httplib refused the
    // request line or its Range; the answer must not be sliced or compressed.
    if (!taken_headers.pending) TakeHeaders(const_cast<httplib::Request&>(request));
    HttpRequest converted = Convert(request, /*with_body=*/false);
    HttpResponse answer;
    switch (response.status) {
      case 413:
        answer = dispatcher_.Reject(converted, dispatcher_.BodyTooLarge(converted, max_body_bytes_));
        break;
      case 416:  // a Range httplib cannot parse; S3 ignores such a header
        answer = dispatcher_.Dispatch(std::move(converted));
        break;
      case 400:
        if (request.method == "TRACE" || request.method == "CONNECT" || request.method == "PRI") {
          // Methods httplib parses but routes nowhere.
          answer = dispatcher_.Reject(converted, Status::Error("MethodNotAllowed",
                                                               "The specified method is not allowed against this resource.",
                                                               405));
          break;
        }
        [[fallthrough]];
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
