// The dispatch pipeline end to end, without HTTP: a fake Backend holding
// tiny fake services over the real embedded models and codecs.
#include "server/dispatcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "core/time_format.h"
#include "server/fake_backend.h"
#include "server/sigv4.h"

namespace cloudemu::server {
namespace {

using ::testing::HasSubstr;
using core::Document;
using protocol::HttpRequest;
using protocol::HttpResponse;

HttpRequest Request(std::string method, std::string path, std::string body = "") {
  HttpRequest request;
  request.method = std::move(method);
  std::string_view target = path;
  size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = protocol::ParseQueryString(target.substr(question + 1), false);
  request.headers.Set("host", "127.0.0.1:4566");
  // As the listener delivers them: a PUT or POST always has a length.
  if (request.method == "PUT" || request.method == "POST") request.headers.Set("content-length", std::to_string(body.size()));
  request.body = std::move(body);
  return request;
}

HttpRequest JsonRequest(std::string target, std::string body) {
  HttpRequest request = Request("POST", "/", std::move(body));
  request.headers.Set("content-type", "application/x-amz-json-1.0");
  request.headers.Set("x-amz-target", std::move(target));
  return request;
}

HttpRequest FormRequest(std::string body) {
  HttpRequest request = Request("POST", "/", std::move(body));
  request.headers.Set("content-type", "application/x-www-form-urlencoded");
  return request;
}

// Signs `request` (header form) as `access_key` / `secret` for `service`.
void Sign(HttpRequest& request, std::string access_key, std::string secret, std::string service) {
  request.headers.Set("x-amz-date", "20251128T000000Z");
  if (service == "s3" && !request.headers.Has("x-amz-content-sha256")) {
    request.headers.Set("x-amz-content-sha256", core::HexEncode(core::Sha256(request.body)));
  }
  SigV4Request auth;
  auth.kind = SigV4Request::Kind::kHeader;
  auth.access_key_id = access_key;
  auth.date = "20251128";
  auth.region = "us-east-1";
  auth.service = service;
  auth.amz_date = "20251128T000000Z";
  for (const auto& [name, value] : request.headers.all()) auth.signed_headers.push_back(name);
  std::string canonical = CanonicalRequest(request, auth, PathRulesFor(service));
  std::string signature = SignatureHex(SigningKey(secret, auth), StringToSign(auth, canonical));
  std::string signed_headers;
  for (const std::string& name : auth.signed_headers) signed_headers += (signed_headers.empty() ? "" : ";") + name;
  request.headers.Set("authorization", "AWS4-HMAC-SHA256 Credential=" + access_key + "/" + auth.Scope() +
                                           ", SignedHeaders=" + signed_headers + ", Signature=" + signature);
}

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : s3_(backend_.Add("s3")), dispatcher_(backend_) {
    s3_.On("PutObject", [this](const Document& input, const services::RequestContext&) -> StatusOr<Document> {
      std::lock_guard lock(mu_);
      const std::string& body = input["Body"].AsString();
      objects_[input["Bucket"].AsString() + "/" + input["Key"].AsString()] = body;
      Document out = Document::Map();
      out.Set("ETag", "\"" + core::HexEncode(core::Md5(body)) + "\"");
      return out;
    });
    auto get = [this](const Document& input, const services::RequestContext&) -> StatusOr<Document> {
      std::lock_guard lock(mu_);
      auto it = objects_.find(input["Bucket"].AsString() + "/" + input["Key"].AsString());
      if (it == objects_.end()) {
        return Status::NotFound("NoSuchKey", "The specified key does not exist.").WithDetail("Key", input["Key"].AsString());
      }
      Document out = Document::Map();
      out.Set("Body", core::Blob{it->second});
      out.Set("ContentLength", static_cast<int64_t>(it->second.size()));
      out.Set("ETag", "\"" + core::HexEncode(core::Md5(it->second)) + "\"");
      return out;
    };
    s3_.On("GetObject", get);
    s3_.On("HeadObject", get);
  }

  std::string Header(const HttpResponse& response, std::string_view name) { return response.headers.Get(name); }

  FakeBackend backend_;
  FakeService& s3_;
  Dispatcher dispatcher_;
  std::mutex mu_;
  std::map<std::string, std::string> objects_;
};

TEST_F(DispatcherTest, PutThenGetAnObject) {
  HttpResponse put = dispatcher_.Dispatch(Request("PUT", "/bucket/dir/key.txt", "hello"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Header(put, "etag"), "\"5d41402abc4b2a76b9719d911017c592\"");
  EXPECT_EQ(Header(put, "x-amz-request-id"), "req-1");

  HttpResponse get = dispatcher_.Dispatch(Request("GET", "/bucket/dir/key.txt"));
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.body, "hello");
  EXPECT_EQ(Header(get, "x-amz-request-id"), "req-2");

  ASSERT_EQ(s3_.calls.size(), 2u);
  EXPECT_EQ(s3_.calls[0].second["Bucket"].AsString(), "bucket");
  EXPECT_EQ(s3_.calls[0].second["Key"].AsString(), "dir/key.txt");
}

TEST_F(DispatcherTest, HeadKeepsTheContentLengthWithoutABody) {
  dispatcher_.Dispatch(Request("PUT", "/bucket/k", "12345"));
  HttpResponse head = dispatcher_.Dispatch(Request("HEAD", "/bucket/k"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(Header(head, "content-length"), "5");
}

TEST_F(DispatcherTest, ServiceErrorsUseTheProtocolsFormat) {
  HttpResponse missing = dispatcher_.Dispatch(Request("GET", "/bucket/nope"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr("<Code>NoSuchKey</Code>"));
  EXPECT_THAT(missing.body, HasSubstr("<Key>nope</Key>"));
  EXPECT_THAT(missing.body, HasSubstr("<RequestId>req-1</RequestId>"));
}

TEST_F(DispatcherTest, AnUnimplementedOperationIsNotImplemented) {
  HttpResponse list = dispatcher_.Dispatch(Request("GET", "/"));  // ListBuckets
  EXPECT_EQ(list.status, 501);
  EXPECT_THAT(list.body, HasSubstr("<Code>NotImplemented</Code>"));
  EXPECT_THAT(list.body, HasSubstr("ListBuckets"));
}

TEST_F(DispatcherTest, AServiceCloudEmuLacksAnswersInItsProtocol) {
  HttpResponse json = dispatcher_.Dispatch(JsonRequest("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(json.status, 400);
  EXPECT_THAT(json.body, HasSubstr("UnknownOperationException"));
  EXPECT_THAT(json.body, HasSubstr("ListTables"));

  HttpResponse query = dispatcher_.Dispatch(FormRequest("Action=GetCallerIdentity&Version=2011-06-15"));
  EXPECT_EQ(query.status, 400);
  EXPECT_THAT(query.body, HasSubstr("<Code>InvalidAction</Code>"));
}

TEST_F(DispatcherTest, AnUnknownJsonOperationIsTheCodecsError) {
  HttpResponse response = dispatcher_.Dispatch(JsonRequest("DynamoDB_20120810.NoSuchOperation", "{}"));
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("UnknownOperationException"));
}

TEST_F(DispatcherTest, InputIsValidatedBeforeTheServiceRuns) {
  FakeService& sqs = backend_.Add("sqs");
  sqs.On("GetQueueUrl", [](const Document&, const services::RequestContext&) -> StatusOr<Document> {
    return Document::Map();
  });
  HttpResponse response = dispatcher_.Dispatch(JsonRequest("AmazonSQS.GetQueueUrl", "{}"));
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_TRUE(sqs.calls.empty());
  HttpResponse valid = dispatcher_.Dispatch(JsonRequest("AmazonSQS.GetQueueUrl", R"({"QueueName":"q"})"));
  EXPECT_EQ(valid.status, 200) << valid.body;
  ASSERT_EQ(sqs.calls.size(), 1u);
  EXPECT_EQ(sqs.calls[0].second["QueueName"].AsString(), "q");
}

TEST_F(DispatcherTest, SqsQueryRequestsReachTheSameService) {
  FakeService& sqs = backend_.Add("sqs");
  sqs.On("GetQueueUrl", [](const Document& input, const services::RequestContext&) -> StatusOr<Document> {
    Document out = Document::Map();
    out.Set("QueueUrl", "http://127.0.0.1/123456789012/" + input["QueueName"].AsString());
    return out;
  });
  HttpResponse response = dispatcher_.Dispatch(FormRequest("Action=GetQueueUrl&Version=2012-11-05&QueueName=q1"));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_THAT(response.body, HasSubstr("<QueueUrl>http://127.0.0.1/123456789012/q1</QueueUrl>"));
}

TEST_F(DispatcherTest, AThrowingServiceIsAnInternalError) {
  FakeService& sqs = backend_.Add("sqs");
  sqs.On("ListQueues", [](const Document&, const services::RequestContext&) -> StatusOr<Document> {
    throw std::runtime_error("boom");
  });
  HttpResponse response = dispatcher_.Dispatch(JsonRequest("AmazonSQS.ListQueues", "{}"));
  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, HasSubstr("InternalError"));
}

TEST_F(DispatcherTest, AwsChunkedBodiesAreDecodedBeforeTheCodec) {
  HttpRequest put = Request("PUT", "/bucket/chunked", "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n");
  put.headers.Set("content-encoding", "aws-chunked");
  put.headers.Set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  put.headers.Set("x-amz-decoded-content-length", "5");
  put.headers.Set("x-amz-trailer", "x-amz-checksum-crc32");
  HttpResponse response = dispatcher_.Dispatch(put);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(objects_["bucket/chunked"], "hello");
  EXPECT_EQ(s3_.calls[0].second["ChecksumCRC32"].AsString(), "NhCmhg==");
  EXPECT_FALSE(s3_.calls[0].second.Has("ContentEncoding"));

  put.headers.Set("x-amz-decoded-content-length", "6");
  HttpResponse incomplete = dispatcher_.Dispatch(put);
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_THAT(incomplete.body, HasSubstr("<Code>IncompleteBody</Code>"));
}

TEST_F(DispatcherTest, VirtualHostedRequestsAreRewritten) {
  HttpRequest put = Request("PUT", "/path/key", "v");
  put.headers.Set("host", "vbucket.localhost:4566");
  ASSERT_EQ(dispatcher_.Dispatch(put).status, 200);
  EXPECT_EQ(objects_["vbucket/path/key"], "v");
}

TEST_F(DispatcherTest, StrictModeRefusesBadCredentialsInEachProtocol) {
  backend_.signatures.strict = true;
  backend_.signatures.credentials = {{"AKIDGOOD", "secret"}};

  HttpResponse anonymous = dispatcher_.Dispatch(Request("GET", "/bucket/k"));
  EXPECT_EQ(anonymous.status, 403);
  EXPECT_THAT(anonymous.body, HasSubstr("<Code>AccessDenied</Code>"));

  HttpRequest unknown = Request("GET", "/bucket/k");
  Sign(unknown, "AKIDBAD", "secret", "s3");
  HttpResponse unknown_response = dispatcher_.Dispatch(unknown);
  EXPECT_EQ(unknown_response.status, 403);
  EXPECT_THAT(unknown_response.body, HasSubstr("<Code>InvalidAccessKeyId</Code>"));

  HttpRequest wrong = Request("PUT", "/bucket/k", "data");
  Sign(wrong, "AKIDGOOD", "not-the-secret", "s3");
  HttpResponse wrong_response = dispatcher_.Dispatch(wrong);
  EXPECT_EQ(wrong_response.status, 403);
  EXPECT_THAT(wrong_response.body, HasSubstr("<Code>SignatureDoesNotMatch</Code>"));
  EXPECT_TRUE(objects_.empty());

  HttpRequest good = Request("PUT", "/bucket/k", "data");
  Sign(good, "AKIDGOOD", "secret", "s3");
  EXPECT_EQ(dispatcher_.Dispatch(good).status, 200);
  EXPECT_EQ(objects_["bucket/k"], "data");

  HttpRequest json = JsonRequest("DynamoDB_20120810.ListTables", "{}");
  Sign(json, "AKIDBAD", "secret", "dynamodb");
  HttpResponse json_response = dispatcher_.Dispatch(json);
  EXPECT_EQ(json_response.status, 403);
  EXPECT_THAT(json_response.body, HasSubstr("UnrecognizedClientException"));

  HttpRequest query = FormRequest("Action=GetCallerIdentity&Version=2011-06-15");
  Sign(query, "AKIDBAD", "secret", "sts");
  HttpResponse query_response = dispatcher_.Dispatch(query);
  EXPECT_EQ(query_response.status, 403);
  EXPECT_THAT(query_response.body, HasSubstr("<Code>InvalidClientTokenId</Code>"));
}

TEST_F(DispatcherTest, StrictModeVerifiesSignedChunks) {
  backend_.signatures.strict = true;
  backend_.signatures.credentials = {{"AKIDGOOD", "secret"}};
  HttpRequest put = Request("PUT", "/bucket/signed", "");
  put.headers.Set("content-encoding", "aws-chunked");
  put.headers.Set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  put.headers.Set("x-amz-decoded-content-length", "5");
  Sign(put, "AKIDGOOD", "secret", "s3");
  SigV4Request auth = ParseSigV4(put);
  std::string key = SigningKey("secret", auth);
  auto chunk = [&](std::string previous, std::string data) {
    return SignatureHex(key, "AWS4-HMAC-SHA256-PAYLOAD\n" + auth.amz_date + "\n" + auth.Scope() + "\n" + previous +
                                 "\n" + core::HexEncode(core::Sha256("")) + "\n" + core::HexEncode(core::Sha256(data)));
  };
  std::string first = chunk(auth.signature, "hello");
  std::string last = chunk(first, "");
  put.body = "5;chunk-signature=" + first + "\r\nhello\r\n0;chunk-signature=" + last + "\r\n\r\n";
  HttpResponse response = dispatcher_.Dispatch(put);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(objects_["bucket/signed"], "hello");

  put.body = "5;chunk-signature=" + first + "\r\nHELLO\r\n0;chunk-signature=" + last + "\r\n\r\n";
  HttpResponse tampered = dispatcher_.Dispatch(put);
  EXPECT_EQ(tampered.status, 403);
  EXPECT_THAT(tampered.body, HasSubstr("SignatureDoesNotMatch"));
}

TEST_F(DispatcherTest, ExpiredPresignedUrlsAreRefused) {
  dispatcher_.Dispatch(Request("PUT", "/bucket/k", "x"));
  std::string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20251128%2Fus-east-1%2Fs3%2F"
                      "aws4_request&X-Amz-Date=" + core::FormatAmzDate(backend_.now_millis) +
                      "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
  EXPECT_EQ(dispatcher_.Dispatch(Request("GET", "/bucket/k?" + query)).status, 200);
  backend_.now_millis += 61 * 1000;
  HttpResponse expired = dispatcher_.Dispatch(Request("GET", "/bucket/k?" + query));
  EXPECT_EQ(expired.status, 403);
  EXPECT_THAT(expired.body, HasSubstr("<Message>Request has expired</Message>"));
}

TEST_F(DispatcherTest, RejectAndBodyTooLargeSpeakTheRoutedProtocol) {
  HttpRequest put = Request("PUT", "/bucket/big");
  put.headers.Set("content-length", "2048");
  HttpResponse s3 = dispatcher_.Reject(put, dispatcher_.BodyTooLarge(put, 1024));
  EXPECT_EQ(s3.status, 400);
  EXPECT_THAT(s3.body, HasSubstr("<Code>EntityTooLarge</Code>"));
  EXPECT_THAT(s3.body, HasSubstr("<MaxSizeAllowed>1024</MaxSizeAllowed>"));

  HttpRequest json = JsonRequest("DynamoDB_20120810.PutItem", "");
  HttpResponse too_large = dispatcher_.Reject(json, dispatcher_.BodyTooLarge(json, 1024));
  EXPECT_EQ(too_large.status, 413);
  EXPECT_THAT(too_large.body, HasSubstr("RequestEntityTooLarge"));

  HttpRequest restore = Request("POST", "/_cloudemu/snapshot");
  HttpResponse internal = dispatcher_.Reject(restore, dispatcher_.BodyTooLarge(restore, 1024));
  EXPECT_EQ(internal.status, 400);
  EXPECT_EQ(internal.headers.Get("content-type"), "application/json");
  EXPECT_THAT(internal.body, HasSubstr(R"("code":"EntityTooLarge")"));
}

TEST_F(DispatcherTest, AnInvalidPercentEscapeIsAnInvalidUri) {
  HttpResponse response = dispatcher_.Dispatch(Request("GET", "/bucket/bad%zzkey"));
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("<Code>InvalidURI</Code>"));
  EXPECT_EQ(dispatcher_.Dispatch(Request("GET", "/bucket/trailing%2")).status, 400);
  EXPECT_TRUE(s3_.calls.empty());
}

TEST_F(DispatcherTest, S3RefusesHeaderSectionsOver8KiB) {
  HttpRequest put = Request("PUT", "/bucket/k", "x");
  for (int i = 0; i < 100; ++i) put.headers.Set("x-junk-" + std::to_string(i), std::string(80, 'v'));
  HttpResponse response = dispatcher_.Dispatch(put);
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("<Code>RequestHeaderSectionTooLarge</Code>"));
  EXPECT_TRUE(objects_.empty());
}

TEST_F(DispatcherTest, PutObjectNeedsAContentLength) {
  HttpRequest put = Request("PUT", "/bucket/k", "x");
  put.headers.Erase("content-length");
  HttpResponse response = dispatcher_.Dispatch(put);
  EXPECT_EQ(response.status, 411);
  EXPECT_THAT(response.body, HasSubstr("<Code>MissingContentLength</Code>"));
  EXPECT_TRUE(objects_.empty());
}

TEST_F(DispatcherTest, MalformedAuthorizationIsRefusedInDefaultMode) {
  HttpRequest get = Request("GET", "/bucket/k");
  get.headers.Set("authorization", "AWS4-HMAC-SHA256 nonsense");
  HttpResponse malformed = dispatcher_.Dispatch(get);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_THAT(malformed.body, HasSubstr("<Code>AuthorizationHeaderMalformed</Code>"));
  get.headers.Set("authorization", "Bearer abc");
  HttpResponse unsupported = dispatcher_.Dispatch(get);
  EXPECT_EQ(unsupported.status, 400);
  EXPECT_THAT(unsupported.body, HasSubstr("<Code>InvalidArgument</Code>"));
}

TEST_F(DispatcherTest, InternalEndpoints) {
  HttpResponse health = dispatcher_.Dispatch(Request("GET", "/_cloudemu/health"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"services":["s3"],"status":"ok"})");
  EXPECT_EQ(health.headers.Get("content-type"), "application/json");

  EXPECT_EQ(dispatcher_.Dispatch(Request("GET", "/_cloudemu/resources")).body, R"({"services":{}})");

  EXPECT_EQ(dispatcher_.Dispatch(Request("POST", "/_cloudemu/reset")).status, 200);
  EXPECT_EQ(backend_.resets, 1);
  EXPECT_EQ(dispatcher_.Dispatch(Request("GET", "/_cloudemu/reset")).status, 405);

  HttpResponse snapshot = dispatcher_.Dispatch(Request("GET", "/_cloudemu/snapshot"));
  EXPECT_EQ(snapshot.body, backend_.Snapshot());
  EXPECT_EQ(dispatcher_.Dispatch(Request("POST", "/_cloudemu/snapshot", snapshot.body)).status, 200);
  HttpResponse bad = dispatcher_.Dispatch(Request("POST", "/_cloudemu/snapshot", "{nope"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, R"({"code":"InvalidSnapshot","message":"not a snapshot"})");

  EXPECT_EQ(dispatcher_.Dispatch(Request("POST", "/_cloudemu/settle")).status, 200);
  EXPECT_EQ(backend_.settles, 1);
  EXPECT_EQ(dispatcher_.Dispatch(Request("GET", "/_cloudemu/settle")).status, 405);

  HttpResponse unknown = dispatcher_.Dispatch(Request("GET", "/_cloudemu/nothing"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.body, HasSubstr("\"code\":\"NotFound\""));
}

TEST_F(DispatcherTest, PublishedFilesAreAskedOfTheirService) {
  HttpResponse unpublished = dispatcher_.Dispatch(Request("GET", "/_cloudemu/s3/file.pem"));
  EXPECT_EQ(unpublished.status, 404);
  EXPECT_EQ(unpublished.body, R"({"code":"NotFound","message":"no published file s3/file.pem"})");
  HttpResponse no_service = dispatcher_.Dispatch(Request("GET", "/_cloudemu/lambda/file.pem"));
  EXPECT_EQ(no_service.status, 404);
  EXPECT_EQ(no_service.body, R"({"code":"NotFound","message":"no service lambda"})");
  EXPECT_EQ(dispatcher_.Dispatch(Request("POST", "/_cloudemu/s3/file.pem")).status, 405);
}

TEST_F(DispatcherTest, DashboardIsAPageThatReadsTheResourceListing) {
  for (const char* path : {"/_cloudemu/dashboard", "/_cloudemu/"}) {
    HttpResponse page = dispatcher_.Dispatch(Request("GET", path));
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(page.headers.Get("content-type"), "text/html; charset=utf-8");
    EXPECT_THAT(page.body, HasSubstr("fetch(\"/_cloudemu/resources\""));
  }
  EXPECT_EQ(dispatcher_.Dispatch(Request("POST", "/_cloudemu/dashboard")).status, 405);
}

}  // namespace
}  // namespace cloudemu::server
