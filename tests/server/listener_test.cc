// The listener over real HTTP (cpp-httplib's client against the listener),
// with a fake S3 over the real model and codec: what httplib would change
// on its own must not reach the wire.
#include "server/listener.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/fake_backend.h"

namespace cloudemu::server {
namespace {

using ::testing::HasSubstr;
using core::Document;

struct StoredObject {
  std::string body;
  std::string content_type;
};

// Sends `raw` on a fresh connection and returns the first response.
std::string RawExchange(const std::string& endpoint, const std::string& raw) {
  int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    send(fd, raw.data(), raw.size(), 0);
    char buffer[4096];
    size_t expected = std::string::npos;  // header and body size, once known
    while (answer.size() < expected) {
      ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<size_t>(n));
      std::string lower = answer;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t end = lower.find("\r\n\r\n");
      size_t length = lower.find("content-length: ");
      if (end != std::string::npos && length != std::string::npos && length < end) {
        expected = end + 4 + std::stoul(answer.substr(length + 16));
      }
    }
  }
  close(fd);
  return answer;
}

class ListenerTest : public ::testing::Test {
 protected:
  ListenerTest() : s3_(backend_.Add("s3")), listener_(backend_) {
    s3_.On("PutObject", [this](const Document& input, const services::RequestContext&) -> StatusOr<Document> {
      std::lock_guard lock(mu_);
      objects_[input["Key"].AsString()] = {input["Body"].AsString(), input["ContentType"].AsString()};
      return Document::Map();
    });
    auto get = [this](const Document& input, const services::RequestContext&) -> StatusOr<Document> {
      std::lock_guard lock(mu_);
      auto it = objects_.find(input["Key"].AsString());
      if (it == objects_.end()) return Status::NotFound("NoSuchKey", "The specified key does not exist.");
      Document out = Document::Map();
      out.Set("Body", core::Blob{it->second.body});
      out.Set("ContentLength", static_cast<int64_t>(it->second.body.size()));
      if (!it->second.content_type.empty()) out.Set("ContentType", it->second.content_type);
      return out;
    };
    s3_.On("GetObject", get);
    s3_.On("HeadObject", get);
  }

  void Start(ListenOptions options = ListenOptions()) {
    auto endpoint = listener_.Start(options);
    ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    endpoint_ = *endpoint;
  }

  std::unique_ptr<httplib::Client> Client() {
    auto client = std::make_unique<httplib::Client>(endpoint_);
    client->set_decompress(false);
    return client;
  }

  // The input of the last call the fake S3 saw.
  Document LastInput() {
    std::lock_guard lock(s3_.mu);
    return s3_.calls.empty() ? Document() : s3_.calls.back().second;
  }

  FakeBackend backend_;
  FakeService& s3_;
  Listener listener_;
  std::string endpoint_;
  std::mutex mu_;
  std::map<std::string, StoredObject> objects_;
};

TEST_F(ListenerTest, StartsOnAnEphemeralLoopbackPortAndStops) {
  Start();
  EXPECT_THAT(endpoint_, ::testing::StartsWith("http://127.0.0.1:"));
  EXPECT_EQ(listener_.endpoint(), endpoint_);
  auto again = listener_.Start(ListenOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, endpoint_);
  auto health = Client()->Get("/_cloudemu/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->body, R"({"services":["s3"],"status":"ok"})");
  listener_.Stop();
  EXPECT_EQ(listener_.endpoint(), "");
  EXPECT_FALSE(Client()->Get("/_cloudemu/health"));
}

TEST_F(ListenerTest, ResponsesCarryOnlyTheCodecsHeaders) {
  Start();
  auto client = Client();
  auto put = client->Put("/bucket/k", "hello", "application/octet-stream");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200);
  EXPECT_EQ(put->get_header_value("Content-Length"), "0");
  EXPECT_FALSE(put->has_header("Content-Type"));
  EXPECT_FALSE(put->has_header("Keep-Alive"));
  EXPECT_FALSE(put->has_header("X-CloudEmu-Dispatched"));
  EXPECT_TRUE(put->has_header("x-amz-request-id"));

  auto get = client->Get("/bucket/k");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "hello");
  EXPECT_EQ(get->get_header_value_count("Content-Length"), 1u);
  EXPECT_EQ(get->get_header_value("Content-Length"), "5");
  EXPECT_EQ(get->get_header_value("Content-Type"), "application/octet-stream");

  auto missing = client->Get("/bucket/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_THAT(missing->body, HasSubstr("<Code>NoSuchKey</Code>"));
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/xml");
}

TEST_F(ListenerTest, HeadKeepsTheObjectsContentLength) {
  Start();
  auto client = Client();
  ASSERT_TRUE(client->Put("/bucket/k", std::string(1234, 'x'), "text/plain"));
  auto head = client->Head("/bucket/k");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("Content-Length"), "1234");
  EXPECT_EQ(head->body, "");
  EXPECT_FALSE(head->has_header("Accept-Ranges"));
}

TEST_F(ListenerTest, RangesAreTheServicesBusiness) {
  Start();
  auto client = Client();
  ASSERT_TRUE(client->Put("/bucket/k", "0123456789", "text/plain"));
  // The fake ignores Range; httplib must not slice the body itself.
  auto ranged = client->Get("/bucket/k", {{"Range", "bytes=2-4"}});
  ASSERT_TRUE(ranged);
  EXPECT_EQ(ranged->status, 200);
  EXPECT_EQ(ranged->body, "0123456789");
  EXPECT_FALSE(ranged->has_header("Content-Range"));
  EXPECT_EQ(LastInput()["Range"].AsString(), "bytes=2-4");
  // httplib refuses a Range it cannot parse with 416; S3 serves the object.
  auto unparsable = client->Get("/bucket/k", {{"Range", "bytes=abc"}});
  ASSERT_TRUE(unparsable);
  EXPECT_EQ(unparsable->status, 200);
  EXPECT_EQ(unparsable->body, "0123456789");
  EXPECT_EQ(LastInput()["Range"].AsString(), "bytes=abc");
}

TEST_F(ListenerTest, ContentEncodingsPassThroughUntouched) {
  Start();
  auto client = Client();
  // Not gzip data at all: httplib would try to inflate it and answer 400.
  auto put = client->Put("/bucket/gz", {{"Content-Encoding", "gzip"}}, "plain bytes", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200);
  EXPECT_EQ(objects_["gz"].body, "plain bytes");
  EXPECT_EQ(LastInput()["ContentEncoding"].AsString(), "gzip");
  // httplib would gzip a text/plain answer for a client that accepts it.
  auto get = client->Get("/bucket/gz", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "plain bytes");
  EXPECT_FALSE(get->has_header("Content-Encoding"));
}

TEST_F(ListenerTest, DecodesAwsChunkedUploads) {
  Start();
  auto put = Client()->Put("/bucket/chunked",
                           {{"Content-Encoding", "aws-chunked"},
                            {"X-Amz-Content-Sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                            {"X-Amz-Decoded-Content-Length", "11"},
                            {"X-Amz-Trailer", "x-amz-checksum-crc32"}},
                           "6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(objects_["chunked"].body, "hello world");
  Document input = LastInput();
  EXPECT_EQ(input["ChecksumCRC32"].AsString(), "DUoRhQ==");
  EXPECT_FALSE(input.Has("ContentEncoding"));
}

TEST_F(ListenerTest, OversizedBodiesGetTheProtocolsError) {
  ListenOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  auto client = Client();
  auto put = client->Put("/bucket/big", std::string(4096, 'x'), "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 400);
  EXPECT_THAT(put->body, HasSubstr("<Code>EntityTooLarge</Code>"));
  EXPECT_THAT(put->body, HasSubstr("<ProposedSize>4096</ProposedSize>"));
  EXPECT_TRUE(objects_.empty());
  auto json = client->Post("/", {{"X-Amz-Target", "DynamoDB_20120810.PutItem"}}, std::string(4096, '{'),
                           "application/x-amz-json-1.0");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 413);
  EXPECT_THAT(json->body, HasSubstr("RequestEntityTooLarge"));
  auto small = client->Put("/bucket/small", "ok", "text/plain");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 200);
}

TEST_F(ListenerTest, EveryMethodReachesTheDispatcher) {
  Start();
  auto client = Client();
  auto options = client->Options("/bucket/k");
  ASSERT_TRUE(options);
  EXPECT_TRUE(options->has_header("x-amz-request-id")) << options->status << " " << options->body;
  auto patch = client->Patch("/bucket/k", "x", "text/plain");
  ASSERT_TRUE(patch);
  EXPECT_TRUE(patch->has_header("x-amz-request-id")) << patch->status << " " << patch->body;
  auto del = client->Delete("/bucket/k");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 501) << "DeleteObject is not implemented by the fake";
  EXPECT_THAT(del->body, HasSubstr("<Code>NotImplemented</Code>"));
}

TEST_F(ListenerTest, IdleKeepAliveConnectionsDoNotStarveNewOnes) {
  ListenOptions options;
  options.worker_threads = 2;
  Start(options);
  // Each keep-alive connection holds a worker thread while it stays open.
  std::vector<std::unique_ptr<httplib::Client>> held;
  for (int i = 0; i < 6; ++i) {
    held.push_back(Client());
    held.back()->set_keep_alive(true);
    auto health = held.back()->Get("/_cloudemu/health");
    ASSERT_TRUE(health) << "connection " << i;
  }
  auto start = std::chrono::steady_clock::now();
  auto fresh = Client();
  fresh->set_read_timeout(5);
  auto health = fresh->Get("/_cloudemu/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ListenerTest, ABodylessPutWithoutContentLengthReachesTheService) {
  Start();
  // httplib alone answers 400; HTTP/1.1 says there is no body.
  std::string bucket = RawExchange(endpoint_, "PUT /bucket HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(bucket, ::testing::StartsWith("HTTP/1.1 501 ")) << "CreateBucket: the fake lacks it\n" << bucket;
  // S3 itself insists on a length for an object.
  std::string object = RawExchange(endpoint_, "PUT /bucket/empty HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(object, ::testing::StartsWith("HTTP/1.1 411 ")) << object;
  EXPECT_THAT(object, HasSubstr("<Code>MissingContentLength</Code>"));
  EXPECT_TRUE(objects_.empty());
}

TEST_F(ListenerTest, FormAndMultipartBodiesAreJustBytes) {
  Start();
  auto client = Client();
  std::string form = "a=1&b=" + std::string(100 * 1024, 'x');
  auto put = client->Put("/bucket/form", form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(objects_["form"].body, form);
  EXPECT_EQ(objects_["form"].content_type, "application/x-www-form-urlencoded");
  std::string multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue\r\n--XyZ--\r\n";
  auto put_multipart = client->Put("/bucket/multipart", multipart, "multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(put_multipart);
  EXPECT_EQ(put_multipart->status, 200) << put_multipart->body;
  EXPECT_EQ(objects_["multipart"].body, multipart);
}

TEST_F(ListenerTest, OversizedBodiesAreRefusedBeforeTheyArrive) {
  ListenOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  auto start = std::chrono::steady_clock::now();
  // Declares 5 GiB and sends none of it: the answer must not wait for the body.
  std::string refused = RawExchange(endpoint_, "PUT /bucket/huge HTTP/1.1\r\nHost: x\r\nContent-Length: 5368709121\r\n\r\n");
  EXPECT_THAT(refused, ::testing::StartsWith("HTTP/1.1 400 ")) << refused;
  EXPECT_THAT(refused, HasSubstr("<Code>EntityTooLarge</Code>"));
  EXPECT_THAT(refused, HasSubstr("Connection: close"));
  std::string expecting = RawExchange(
      endpoint_, "PUT /bucket/huge HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_THAT(expecting, ::testing::StartsWith("HTTP/1.1 400 ")) << "no 100 Continue first\n" << expecting;
  EXPECT_THAT(expecting, HasSubstr("<Code>EntityTooLarge</Code>"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(objects_.empty());
}

TEST_F(ListenerTest, ChunkedTransferEncodingBodiesGetTheirLength) {
  Start();
  std::string answer = RawExchange(endpoint_,
                                   "PUT /bucket/chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 200 ")) << answer;
  EXPECT_EQ(objects_["chunked"].body, "abcde");
  EXPECT_EQ(LastInput()["ContentLength"].AsInt(), 5);
}

TEST_F(ListenerTest, RequestsHttplibRefusesStillGetAwsErrors) {
  Start();
  for (std::string method : {"TRACE", "CONNECT"}) {
    std::string answer = RawExchange(endpoint_, method + " /bucket/k HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 405 ")) << answer;
    EXPECT_THAT(answer, HasSubstr("<Code>MethodNotAllowed</Code>"));
  }
  std::string garbage = RawExchange(endpoint_, "NONSENSE\r\n\r\n");
  EXPECT_THAT(garbage, ::testing::StartsWith("HTTP/1.1 400 ")) << garbage;
  EXPECT_THAT(garbage, HasSubstr("<Code>BadRequest</Code>"));
}

}  // namespace
}  // namespace cloudemu::server
