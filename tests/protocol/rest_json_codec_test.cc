#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/json.h"
#include "protocol/rest_codecs.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {
namespace {

using core::Blob;
using core::Document;

class RestJsonCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = FindModel("lambda");
    ASSERT_NE(model_, nullptr);
  }

  static HttpRequest Request(std::string method, std::string path, std::string query = "",
                             std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = "") {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = ParseQueryString(query, false);
    for (auto& [name, value] : headers) request.headers.Set(name, value);
    request.body = std::move(body);
    return request;
  }

  DecodedRequest MustDecode(const HttpRequest& request) {
    auto decoded = RestJsonCodec().Decode(*model_, request);
    EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
    return decoded.ok() ? *decoded : DecodedRequest{};
  }

  HttpResponse Encode(std::string_view operation, const Document& output, std::string method = "GET") {
    const Operation* op = model_->FindOperation(operation);
    EXPECT_NE(op, nullptr) << operation;
    return RestJsonCodec().EncodeOutput(*model_, *op, output, ResponseContext{"req-1", std::move(method)});
  }

  static Document MustJson(const std::string& body) {
    auto parsed = core::FromJson(body);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << body;
    return parsed.ok() ? *parsed : Document();
  }

  const ServiceModel* model_ = nullptr;
};

TEST_F(RestJsonCodecTest, DecodesCreateFunction) {
  DecodedRequest decoded = MustDecode(Request(
      "POST", "/2015-03-31/functions", "", {{"Content-Type", "application/json"}},
      R"({"FunctionName":"hello","Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/r",)"
      R"("Handler":"app.handler","Code":{"ZipFile":"UEsDBA=="},"Timeout":30,"Publish":true,)"
      R"("Environment":{"Variables":{"A":"1"}},"Tags":{"team":"x"},"Architectures":["arm64"],"Unknown":1})"));
  ASSERT_NE(decoded.operation, nullptr);
  EXPECT_EQ(decoded.operation->name, "CreateFunction");
  const Document& in = decoded.input;
  EXPECT_EQ(in["FunctionName"].AsString(), "hello");
  EXPECT_EQ(in["Code"]["ZipFile"], Document(Blob{std::string("PK\x03\x04", 4)}));
  EXPECT_EQ(in["Timeout"], Document(int64_t{30}));
  EXPECT_EQ(in["Publish"], Document(true));
  EXPECT_EQ(in["Environment"]["Variables"]["A"].AsString(), "1");
  EXPECT_EQ(in["Tags"]["team"].AsString(), "x");
  EXPECT_EQ(in["Architectures"].AsList().at(0).AsString(), "arm64");
  EXPECT_FALSE(in.Has("Unknown"));
}

TEST_F(RestJsonCodecTest, DecodesGetFunctionAndListFunctions) {
  DecodedRequest get = MustDecode(Request("GET", "/2015-03-31/functions/my-func", "Qualifier=%24LATEST"));
  EXPECT_EQ(get.operation->name, "GetFunction");
  EXPECT_EQ(get.input["FunctionName"].AsString(), "my-func");
  EXPECT_EQ(get.input["Qualifier"].AsString(), "$LATEST");

  DecodedRequest list = MustDecode(Request("GET", "/2015-03-31/functions/", "MaxItems=10&Marker=m"));
  EXPECT_EQ(list.operation->name, "ListFunctions");
  EXPECT_EQ(list.input["MaxItems"], Document(int64_t{10}));
  EXPECT_EQ(list.input["Marker"].AsString(), "m");

  auto bad = RestJsonCodec().Decode(*model_, Request("GET", "/2015-03-31/functions", "MaxItems=ten"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().http_status(), 400);
}

TEST_F(RestJsonCodecTest, DecodesInvokeWithArnAndRawPayload) {
  DecodedRequest decoded = MustDecode(Request(
      "POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/invocations",
      "Qualifier=live", {{"X-Amz-Invocation-Type", "Event"}, {"X-Amz-Log-Type", "Tail"}}, R"({"k": [1, 2]})"));
  EXPECT_EQ(decoded.operation->name, "Invoke");
  const Document& in = decoded.input;
  EXPECT_EQ(in["FunctionName"].AsString(), "arn:aws:lambda:us-east-1:123456789012:function:f");
  EXPECT_EQ(in["InvocationType"].AsString(), "Event");
  EXPECT_EQ(in["LogType"].AsString(), "Tail");
  EXPECT_EQ(in["Qualifier"].AsString(), "live");
  EXPECT_EQ(in["Payload"], Document(Blob{R"({"k": [1, 2]})"}));
}

TEST_F(RestJsonCodecTest, RejectsUnreadableBodiesAndUnknownPaths) {
  auto malformed = RestJsonCodec().Decode(*model_, Request("POST", "/2015-03-31/functions", "", {}, "{\"FunctionName\":"));
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), "InvalidRequestContentException");
  EXPECT_EQ(malformed.status().http_status(), 400);

  auto mistyped =
      RestJsonCodec().Decode(*model_, Request("POST", "/2015-03-31/functions", "", {}, R"({"Timeout":"long"})"));
  ASSERT_FALSE(mistyped.ok());
  EXPECT_EQ(mistyped.status().http_status(), 400);

  auto unknown = RestJsonCodec().Decode(*model_, Request("GET", "/2015-03-31/nothing-here"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), "UnknownOperationException");
  EXPECT_EQ(unknown.status().http_status(), 404);
}

TEST_F(RestJsonCodecTest, EncodesCreateFunctionOutput) {
  Document output = Document::Map();
  output.Set("FunctionName", "hello");
  output.Set("FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:hello");
  output.Set("Timeout", 30);
  output.Set("CodeSize", int64_t{4});
  output.Set("State", "Active");
  Document env = Document::Map();
  Document vars = Document::Map();
  vars.Set("A", "1");
  env.Set("Variables", vars);
  output.Set("Environment", env);
  HttpResponse response = Encode("CreateFunction", output, "POST");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.headers.Get("content-type"), "application/json");
  EXPECT_EQ(response.headers.Get("x-amzn-RequestId"), "req-1");
  EXPECT_EQ(response.headers.Get("content-length"), std::to_string(response.body.size()));
  Document body = MustJson(response.body);
  EXPECT_EQ(body["FunctionName"].AsString(), "hello");
  EXPECT_EQ(body["Timeout"].AsInt(), 30);
  EXPECT_EQ(body["Environment"]["Variables"]["A"].AsString(), "1");
  EXPECT_EQ(body.size(), 6u);
}

TEST_F(RestJsonCodecTest, EncodesGetFunctionOutput) {
  Document output = Document::Map();
  Document configuration = Document::Map();
  configuration.Set("FunctionName", "f");
  configuration.Set("MemorySize", 128);
  output.Set("Configuration", configuration);
  Document code = Document::Map();
  code.Set("RepositoryType", "S3");
  code.Set("Location", "https://example/f.zip");
  output.Set("Code", code);
  Document tags = Document::Map();
  tags.Set("team", "x");
  output.Set("Tags", tags);
  HttpResponse response = Encode("GetFunction", output);
  EXPECT_EQ(response.status, 200);
  Document body = MustJson(response.body);
  EXPECT_EQ(body["Configuration"]["MemorySize"].AsInt(), 128);
  EXPECT_EQ(body["Code"]["RepositoryType"].AsString(), "S3");
  EXPECT_EQ(body["Tags"]["team"].AsString(), "x");
}

TEST_F(RestJsonCodecTest, EncodesInvokeOutput) {
  Document output = Document::Map();
  output.Set("StatusCode", 200);
  output.Set("FunctionError", "Unhandled");
  output.Set("ExecutedVersion", "$LATEST");
  output.Set("LogResult", "bG9ncw==");
  output.Set("Payload", Blob{R"({"errorMessage":"boom"})"});
  HttpResponse response = Encode("Invoke", output, "POST");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"errorMessage":"boom"})");
  EXPECT_EQ(response.headers.Get("X-Amz-Function-Error"), "Unhandled");
  EXPECT_EQ(response.headers.Get("X-Amz-Executed-Version"), "$LATEST");
  EXPECT_EQ(response.headers.Get("X-Amz-Log-Result"), "bG9ncw==");

  Document async = Document::Map();
  async.Set("StatusCode", 202);
  HttpResponse accepted = Encode("Invoke", async, "POST");
  EXPECT_EQ(accepted.status, 202);
  EXPECT_EQ(accepted.body, "");
  EXPECT_EQ(accepted.headers.Get("content-length"), "0");
}

TEST_F(RestJsonCodecTest, EncodesErrors) {
  Status error = Status::NotFound("ResourceNotFoundException", "Function not found: arn:aws:lambda:f");
  HttpResponse response = RestJsonCodec().EncodeError(*model_, model_->FindOperation("GetFunction"), error,
                                                      ResponseContext{"req-2", "GET"});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.Get("x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_EQ(response.headers.Get("x-amzn-RequestId"), "req-2");
  EXPECT_EQ(response.headers.Get("content-type"), "application/json");
  Document body = MustJson(response.body);
  EXPECT_EQ(body["Type"].AsString(), "User");
  EXPECT_EQ(body["Message"].AsString(), "Function not found: arn:aws:lambda:f");  // as the shape spells it
  EXPECT_EQ(body["__type"].AsString(), "ResourceNotFoundException");

  HttpResponse server = RestJsonCodec().EncodeError(*model_, nullptr, Status::Internal("boom"),
                                                    ResponseContext{"req-3", "POST"});
  EXPECT_EQ(server.status, 500);
  Document server_body = MustJson(server.body);
  EXPECT_EQ(server_body["Type"].AsString(), "Service");
  EXPECT_EQ(server_body["message"].AsString(), "boom");

  HttpResponse head = RestJsonCodec().EncodeError(*model_, nullptr, error, ResponseContext{"req-4", "HEAD"});
  EXPECT_EQ(head.body, "");
}

}  // namespace
}  // namespace cloudemu::protocol
