#include <string>

#include <gtest/gtest.h>

#include "core/hash.h"
#include "core/json.h"
#include "protocol/codec.h"
#include "protocol/json_shapes.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

const ServiceModel& Model(std::string_view name) {
  const ServiceModel* model = FindModel(name);
  EXPECT_NE(model, nullptr) << name;
  return *model;
}

HttpRequest JsonRequest(std::string target, std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers.Set("x-amz-target", std::move(target));
  request.headers.Set("content-type", "application/x-amz-json-1.0");
  request.body = std::move(body);
  return request;
}

Document ParseJson(const std::string& text) {
  auto parsed = core::FromJson(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : Document();
}

TEST(JsonCodecTest, DecodesDynamoDbPutItemWithNestedAttributeValues) {
  const ServiceModel& model = Model("dynamodb");
  auto decoded = JsonCodec().Decode(model, JsonRequest("DynamoDB_20120810.PutItem", R"json({
    "TableName": "Music",
    "Item": {
      "Artist": {"S": "No One You Know"},
      "Year": {"N": "2024"},
      "Cover": {"B": "AAEC/w=="},
      "Tags": {"SS": ["a", "b"]},
      "Gone": {"NULL": true},
      "Live": {"BOOL": false},
      "Info": {"M": {"Tracks": {"L": [{"S": "one"}, {"M": {"Len": {"N": "3.5"}}}]}}}
    },
    "ConditionExpression": "attribute_not_exists(Artist)",
    "SomethingAwsAddsLater": {"ignored": true}
  })json"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->operation->name, "PutItem");
  const Document& input = decoded->input;
  EXPECT_EQ(input["TableName"].AsString(), "Music");
  EXPECT_FALSE(input.Has("SomethingAwsAddsLater"));
  const Document& item = input["Item"];
  EXPECT_EQ(item["Artist"]["S"].AsString(), "No One You Know");
  EXPECT_EQ(item["Year"]["N"].AsString(), "2024");
  ASSERT_TRUE(item["Cover"]["B"].is_blob());
  EXPECT_EQ(item["Cover"]["B"].AsString(), std::string("\x00\x01\x02\xff", 4));
  ASSERT_EQ(item["Tags"]["SS"].size(), 2u);
  EXPECT_EQ(item["Tags"]["SS"].AsList()[1].AsString(), "b");
  EXPECT_TRUE(item["Gone"]["NULL"].is_bool());
  EXPECT_TRUE(item["Gone"]["NULL"].AsBool());
  EXPECT_FALSE(item["Live"]["BOOL"].AsBool(true));
  const Document& tracks = item["Info"]["M"]["Tracks"]["L"];
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks.AsList()[0]["S"].AsString(), "one");
  EXPECT_EQ(tracks.AsList()[1]["M"]["Len"]["N"].AsString(), "3.5");
}

TEST(JsonCodecTest, EncodesDynamoDbQueryOutputThatDecodesBackToTheSameDocument) {
  const ServiceModel& model = Model("dynamodb");
  const Operation& query = *model.FindOperation("Query");
  Document item = Document::Map();
  item.Set("pk", Document::Map()).Set("S", "user#1");
  item.Set("blob", Document::Map()).Set("B", core::Blob{std::string("\x10\x00\x20", 3)});
  Document& nested = item.Set("doc", Document::Map()).Set("M", Document::Map());
  nested.Set("list", Document::Map()).Set("L", Document::List()).Append(Document::Map()).Set("N", "7");
  Document output = Document::Map();
  output.Set("Items", Document::List()).Append(item);
  output.Set("Count", 1);
  output.Set("ScannedCount", 4);
  output.Set("LastEvaluatedKey", Document::Map()).Set("pk", Document::Map()).Set("S", "user#1");
  Document& capacity = output.Set("ConsumedCapacity", Document::Map());
  capacity.Set("TableName", "Users");
  capacity.Set("CapacityUnits", 0.5);

  HttpResponse response = JsonCodec().EncodeOutput(model, query, output, {"req-1", "POST"});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.Get("content-type"), "application/x-amz-json-1.0");
  EXPECT_EQ(response.headers.Get("x-amzn-requestid"), "req-1");
  EXPECT_EQ(response.headers.Get("x-amz-crc32"), std::to_string(core::Crc32(response.body)));

  Document wire = ParseJson(response.body);
  EXPECT_EQ(wire["Count"].AsInt(), 1);
  EXPECT_DOUBLE_EQ(wire["ConsumedCapacity"]["CapacityUnits"].AsDouble(), 0.5);
  EXPECT_EQ(wire["Items"].AsList()[0]["blob"]["B"].AsString(), "EAAg");  // base64 on the wire

  auto round_trip = JsonBodyToDocument(response.body, query.output);
  ASSERT_TRUE(round_trip.ok()) << round_trip.status().ToString();
  EXPECT_EQ(*round_trip, output) << round_trip->DebugString() << "\n" << output.DebugString();
}

TEST(JsonCodecTest, OnlyModelMembersAreWrittenInModelOrder) {
  const ServiceModel& model = Model("sqs");
  Document output = Document::Map();
  output.Set("MessageId", "m-1");
  output.Set("MD5OfMessageBody", "abc");
  output.Set("InternalBookkeeping", "never on the wire");
  HttpResponse response = JsonCodec().EncodeOutput(model, *model.FindOperation("SendMessage"), output, {"r", "POST"});
  EXPECT_EQ(response.body, R"({"MD5OfMessageBody":"abc","MessageId":"m-1"})");
  EXPECT_FALSE(response.headers.Has("x-amz-crc32"));  // DynamoDB only
}

TEST(JsonCodecTest, DecodesSqsSendMessageWithBinaryMessageAttributes) {
  const ServiceModel& model = Model("sqs");
  auto decoded = JsonCodec().Decode(model, JsonRequest("AmazonSQS.SendMessage", R"({
    "QueueUrl": "http://localhost/000000000000/q",
    "MessageBody": "hello",
    "DelaySeconds": 5,
    "MessageAttributes": {
      "bin": {"DataType": "Binary", "BinaryValue": "aGk="},
      "str": {"DataType": "String", "StringValue": "v"}
    }
  })"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const Document& input = decoded->input;
  EXPECT_EQ(input["DelaySeconds"].AsInt(), 5);
  const Document& bin = input["MessageAttributes"]["bin"];
  EXPECT_EQ(bin["DataType"].AsString(), "Binary");
  ASSERT_TRUE(bin["BinaryValue"].is_blob());
  EXPECT_EQ(bin["BinaryValue"].AsString(), "hi");
  EXPECT_EQ(input["MessageAttributes"]["str"]["StringValue"].AsString(), "v");
}

TEST(JsonCodecTest, EmptyBodyIsAnEmptyInput) {
  auto decoded = JsonCodec().Decode(Model("sqs"), JsonRequest("AmazonSQS.ListQueues", ""));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(decoded->input.is_map());
  EXPECT_TRUE(decoded->input.empty());
}

TEST(JsonCodecTest, UnknownTargetsAreUnknownOperationException) {
  const ServiceModel& model = Model("dynamodb");
  for (const char* target : {"DynamoDB_20120810.NoSuchThing", "AmazonSQS.PutItem", "PutItem"}) {
    auto decoded = JsonCodec().Decode(model, JsonRequest(target, "{}"));
    ASSERT_FALSE(decoded.ok()) << target;
    EXPECT_EQ(decoded.status().code(), "UnknownOperationException");
    EXPECT_EQ(decoded.status().http_status(), 400);
  }
  HttpRequest no_target = JsonRequest("", "{}");
  no_target.headers.Erase("x-amz-target");
  EXPECT_EQ(JsonCodec().Decode(model, no_target).status().code(), "UnknownOperationException");
}

TEST(JsonCodecTest, MalformedJsonWrongTypesAndBadBase64AreSerializationExceptions) {
  const ServiceModel& model = Model("dynamodb");
  struct Case {
    const char* body;
    const char* message_part;
  } cases[] = {
      {R"({"TableName": "t", )", "Malformed JSON"},
      {R"(["not", "an", "object"])", "Start of structure"},
      {R"({"TableName": 5, "Item": {}})", "NUMBER_VALUE can not be converted to a String"},
      {R"({"TableName": "t", "Item": []})", "Start of list found where not expected"},
      {R"({"TableName": "t", "Item": {"a": {"S": {"x": 1}}}})", "Start of structure or map found"},
      {R"({"TableName": "t", "Item": {"a": {"BOOL": "yes"}}})", "STRING_VALUE can not be converted to a Boolean"},
      {R"({"TableName": "t", "Item": {"a": {"B": "%%%"}}})", "Base64"},
  };
  for (const Case& c : cases) {
    auto decoded = JsonCodec().Decode(model, JsonRequest("DynamoDB_20120810.PutItem", c.body));
    ASSERT_FALSE(decoded.ok()) << c.body;
    EXPECT_EQ(decoded.status().code(), "SerializationException") << c.body;
    EXPECT_EQ(decoded.status().http_status(), 400);
    EXPECT_NE(decoded.status().message().find(c.message_part), std::string::npos) << decoded.status().message();
  }
}

TEST(JsonCodecTest, DynamoDbErrorsCarryTheServiceNamespaceAndCrc) {
  const ServiceModel& model = Model("dynamodb");
  HttpResponse response = JsonCodec().EncodeError(
      model, model.FindOperation("GetItem"),
      Status::NotFound("ResourceNotFoundException", "Requested resource not found"), {"req-2", "POST"});
  EXPECT_EQ(response.status, 404);
  Document body = ParseJson(response.body);
  EXPECT_EQ(body["__type"].AsString(), "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  EXPECT_EQ(body["message"].AsString(), "Requested resource not found");
  EXPECT_EQ(response.headers.Get("x-amz-crc32"), std::to_string(core::Crc32(response.body)));
  EXPECT_FALSE(response.headers.Has("x-amzn-query-error"));

  HttpResponse validation =
      JsonCodec().EncodeError(model, nullptr, Status::InvalidArgument("ValidationException", "bad"), {"req-3", "POST"});
  EXPECT_EQ(validation.status, 400);
  EXPECT_EQ(ParseJson(validation.body)["__type"].AsString(), "com.amazon.coral.validate#ValidationException");
}

TEST(JsonCodecTest, SqsErrorsAlsoCarryTheQueryErrorHeader) {
  const ServiceModel& model = Model("sqs");
  HttpResponse response = JsonCodec().EncodeError(
      model, model.FindOperation("GetQueueUrl"),
      Status::InvalidArgument("QueueDoesNotExist", "The specified queue does not exist."), {"req-4", "POST"});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.headers.Get("x-amzn-query-error"), "AWS.SimpleQueueService.NonExistentQueue;Sender");
  EXPECT_EQ(ParseJson(response.body)["__type"].AsString(), "com.amazonaws.sqs#QueueDoesNotExist");

  // The query code finds the same shape; the model's status wins over the default 400.
  HttpResponse over_limit =
      JsonCodec().EncodeError(model, nullptr, Status::Error("OverLimit", "too many"), {"req-5", "POST"});
  EXPECT_EQ(over_limit.status, 403);
  EXPECT_EQ(over_limit.headers.Get("x-amzn-query-error"), "OverLimit;Sender");
  HttpResponse by_query_code = JsonCodec().EncodeError(
      model, nullptr, Status::Error("AWS.SimpleQueueService.NonExistentQueue", "gone"), {"req-6", "POST"});
  EXPECT_EQ(ParseJson(by_query_code.body)["__type"].AsString(), "com.amazonaws.sqs#QueueDoesNotExist");

  HttpResponse internal = JsonCodec().EncodeError(model, nullptr, Status::Internal("boom"), {"req-7", "POST"});
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.headers.Get("x-amzn-query-error"), "InternalError;Receiver");
}

TEST(JsonCodecTest, Json11ServicesUsePlainErrorCodesAndEpochTimestamps) {
  const ServiceModel& model = Model("kms");
  const Operation& describe = *model.FindOperation("DescribeKey");
  Document output = Document::Map();
  Document& meta = output.Set("KeyMetadata", Document::Map());
  meta.Set("KeyId", "k-1");
  meta.Set("CreationDate", core::Timestamp{1700000000123});
  meta.Set("Enabled", true);
  HttpResponse response = JsonCodec().EncodeOutput(model, describe, output, {"r", "POST"});
  EXPECT_EQ(response.headers.Get("content-type"), "application/x-amz-json-1.1");
  EXPECT_NE(response.body.find(R"("CreationDate":1700000000.123)"), std::string::npos) << response.body;
  auto round_trip = JsonBodyToDocument(response.body, describe.output);
  ASSERT_TRUE(round_trip.ok());
  EXPECT_EQ((*round_trip)["KeyMetadata"]["CreationDate"].AsTimestampMillis(), 1700000000123);

  HttpResponse error =
      JsonCodec().EncodeError(model, &describe, Status::InvalidArgument("NotFoundException", "nope"), {"r", "POST"});
  EXPECT_EQ(ParseJson(error.body)["__type"].AsString(), "NotFoundException");
}

}  // namespace
}  // namespace cloudemu::protocol
