#include "dispatch_bench.h"

#include <memory>
#include <string>

#include "bench_support.h"
#include "cloud/cloud_state.h"
#include "protocol/http_message.h"
#include "server/dispatcher.h"

namespace cloudemu::bench {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

constexpr char kBucket[] = "bench-bucket";
constexpr char kGetKey[] = "get-object";
const std::string kBody(1024, 'x');

// A Cloud and a dispatcher over it, with the bucket and the object to read.
class DispatchFixture {
 public:
  DispatchFixture() : state_(std::move(internal::CloudState::Create(Options{})).value()), dispatcher_(*state_) {
    Expect(Dispatch(Request("PUT", std::string("/") + kBucket, "")), "CreateBucket");
    Expect(Dispatch(Request("PUT", std::string("/") + kBucket + "/" + kGetKey, kBody)), "PutObject");
  }

  HttpResponse Dispatch(HttpRequest request) const { return dispatcher_.Dispatch(std::move(request)); }

  static HttpRequest Request(std::string method, std::string path, std::string body) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers.Set("host", "127.0.0.1:4566");
    if (request.method == "PUT") {
      request.headers.Set("content-type", "application/octet-stream");
      request.headers.Set("content-length", std::to_string(body.size()));
    }
    request.body = std::move(body);
    return request;
  }

  static HttpRequest Put(long i) { return Request("PUT", std::string("/") + kBucket + "/put/" + std::to_string(i), kBody); }
  static HttpRequest Get() { return Request("GET", std::string("/") + kBucket + "/" + kGetKey, ""); }

  static void Expect(const HttpResponse& response, std::string_view what) {
    if (response.status != 200) Fail(what, "HTTP " + std::to_string(response.status) + ": " + response.body);
  }
  static void ExpectBody(const HttpResponse& response) {
    Expect(response, "GetObject");
    if (response.body != kBody) Fail("GetObject", "another body came back");
  }

 private:
  std::unique_ptr<internal::CloudState> state_;
  server::Dispatcher dispatcher_;
};

}  // namespace

void BenchDispatchS3(std::chrono::milliseconds duration) {
  DispatchFixture fixture;
  ReportThroughput("dispatch_put_object_1kib", duration,
                   [&](long i) { DispatchFixture::Expect(fixture.Dispatch(DispatchFixture::Put(i)), "PutObject"); });
  ReportThroughput("dispatch_get_object_1kib", duration,
                   [&](long) { DispatchFixture::ExpectBody(fixture.Dispatch(DispatchFixture::Get())); });
}

bool LoopDispatchS3(std::string_view operation, long count) {
  DispatchFixture fixture;
  if (operation == "put") {
    MeasuredLoop(count, [&](long i) { DispatchFixture::Expect(fixture.Dispatch(DispatchFixture::Put(i)), "PutObject"); });
  } else if (operation == "get") {
    MeasuredLoop(count, [&](long) { DispatchFixture::ExpectBody(fixture.Dispatch(DispatchFixture::Get())); });
  } else {
    return false;
  }
  return true;
}

}  // namespace cloudemu::bench
