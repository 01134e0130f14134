#include <string>

#include <gtest/gtest.h>

#include "protocol/codec.h"
#include "protocol/rpc_codecs.h"
#include "protocol/xml.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

const ServiceModel& Model(std::string_view name) {
  const ServiceModel* model = FindModel(name);
  EXPECT_NE(model, nullptr) << name;
  return *model;
}

HttpRequest FormRequest(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers.Set("content-type", "application/x-www-form-urlencoded; charset=utf-8");
  request.body = std::move(body);
  return request;
}

xml::Element ParseXml(const std::string& text) {
  auto parsed = xml::Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << text;
  return parsed.ok() ? *parsed : xml::Element{};
}

std::string Text(const xml::Element* element) { return element ? element->text : "<missing>"; }

TEST(QueryCodecTest, DecodesSnsPublishMessageAttributeEntries) {
  auto decoded = QueryCodec().Decode(
      Model("sns"), FormRequest("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At"
                                "&Message=hello+world"
                                "&MessageAttributes.entry.1.Name=color"
                                "&MessageAttributes.entry.1.Value.DataType=String"
                                "&MessageAttributes.entry.1.Value.StringValue=blue"
                                "&MessageAttributes.entry.2.Name=raw"
                                "&MessageAttributes.entry.2.Value.DataType=Binary"
                                "&MessageAttributes.entry.2.Value.BinaryValue=AAE%3D"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->operation->name, "Publish");
  const Document& input = decoded->input;
  EXPECT_EQ(input["TopicArn"].AsString(), "arn:aws:sns:us-east-1:1:t");
  EXPECT_EQ(input["Message"].AsString(), "hello world");
  EXPECT_EQ(input["MessageAttributes"]["color"]["DataType"].AsString(), "String");
  EXPECT_EQ(input["MessageAttributes"]["color"]["StringValue"].AsString(), "blue");
  ASSERT_TRUE(input["MessageAttributes"]["raw"]["BinaryValue"].is_blob());
  EXPECT_EQ(input["MessageAttributes"]["raw"]["BinaryValue"].AsString(), std::string("\x00\x01", 2));
}

TEST(QueryCodecTest, DecodesSnsCreateTopicTagsAndAttributesInIndexOrder) {
  auto decoded = QueryCodec().Decode(Model("sns"), FormRequest("Action=CreateTopic&Name=orders"
                                                               "&Tags.member.2.Key=team&Tags.member.2.Value=core"
                                                               "&Tags.member.1.Key=env&Tags.member.1.Value=prod"
                                                               "&Attributes.entry.1.key=DisplayName"
                                                               "&Attributes.entry.1.value=Orders"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const Document& input = decoded->input;
  EXPECT_EQ(input["Name"].AsString(), "orders");
  ASSERT_EQ(input["Tags"].size(), 2u);
  EXPECT_EQ(input["Tags"].AsList()[0]["Key"].AsString(), "env");
  EXPECT_EQ(input["Tags"].AsList()[1]["Value"].AsString(), "core");
  EXPECT_EQ(input["Attributes"]["DisplayName"].AsString(), "Orders");
}

TEST(QueryCodecTest, AcceptsTheQueryStringOfAGet) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/";
  request.query = {{"Action", "GetCallerIdentity"}, {"Version", "2011-06-15"}};
  auto decoded = QueryCodec().Decode(Model("sts"), request);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->operation->name, "GetCallerIdentity");
}

TEST(QueryCodecTest, EncodesStsGetCallerIdentity) {
  const ServiceModel& model = Model("sts");
  Document output = Document::Map();
  output.Set("UserId", "AIDAEXAMPLE");
  output.Set("Account", "000000000000");
  output.Set("Arn", "arn:aws:iam::000000000000:root");
  HttpResponse response =
      QueryCodec().EncodeOutput(model, *model.FindOperation("GetCallerIdentity"), output, {"req-1", "POST"});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.Get("content-type"), "text/xml");
  xml::Element root = ParseXml(response.body);
  EXPECT_EQ(root.name, "GetCallerIdentityResponse");
  ASSERT_NE(root.Attribute("xmlns"), nullptr);
  EXPECT_EQ(*root.Attribute("xmlns"), "https://sts.amazonaws.com/doc/2011-06-15/");
  const xml::Element* result = root.Child("GetCallerIdentityResult");
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(Text(result->Child("UserId")), "AIDAEXAMPLE");
  EXPECT_EQ(Text(result->Child("Account")), "000000000000");
  EXPECT_EQ(Text(result->Child("Arn")), "arn:aws:iam::000000000000:root");
  ASSERT_NE(root.Child("ResponseMetadata"), nullptr);
  EXPECT_EQ(Text(root.Child("ResponseMetadata")->Child("RequestId")), "req-1");
}

TEST(QueryCodecTest, EncodesListsMapsAndTimestamps) {
  const ServiceModel& sns = Model("sns");
  Document topics = Document::Map();
  Document& list = topics.Set("Topics", Document::List());
  list.Append(Document::Map()).Set("TopicArn", "arn:1");
  list.Append(Document::Map()).Set("TopicArn", "arn:2");
  xml::Element listed =
      ParseXml(QueryCodec().EncodeOutput(sns, *sns.FindOperation("ListTopics"), topics, {"r", "POST"}).body);
  auto members = listed.Child("ListTopicsResult")->Child("Topics")->Children("member");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(Text(members[1]->Child("TopicArn")), "arn:2");

  Document attributes = Document::Map();
  attributes.Set("Attributes", Document::Map()).Set("DisplayName", "Orders & more");
  xml::Element got = ParseXml(
      QueryCodec().EncodeOutput(sns, *sns.FindOperation("GetTopicAttributes"), attributes, {"r", "POST"}).body);
  auto entries = got.Child("GetTopicAttributesResult")->Child("Attributes")->Children("entry");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(Text(entries[0]->Child("key")), "DisplayName");
  EXPECT_EQ(Text(entries[0]->Child("value")), "Orders & more");

  const ServiceModel& iam = Model("iam");
  Document user = Document::Map();
  Document& u = user.Set("User", Document::Map());
  u.Set("UserName", "alice");
  u.Set("CreateDate", core::Timestamp{1700000000000});
  xml::Element created =
      ParseXml(QueryCodec().EncodeOutput(iam, *iam.FindOperation("CreateUser"), user, {"r", "POST"}).body);
  EXPECT_EQ(*created.Attribute("xmlns"), "https://iam.amazonaws.com/doc/2010-05-08/");
  EXPECT_EQ(Text(created.Child("CreateUserResult")->Child("User")->Child("CreateDate")), "2023-11-14T22:13:20.000Z");

  // An operation without output has only the metadata.
  xml::Element deleted = ParseXml(
      QueryCodec().EncodeOutput(sns, *sns.FindOperation("DeleteTopic"), Document::Map(), {"r-9", "POST"}).body);
  EXPECT_EQ(deleted.name, "DeleteTopicResponse");
  EXPECT_EQ(deleted.Child("DeleteTopicResult"), nullptr);
  EXPECT_EQ(Text(deleted.Child("ResponseMetadata")->Child("RequestId")), "r-9");
}

TEST(QueryCodecTest, DecodesSqsQueryProtocolWithFlattenedNames) {
  const ServiceModel& model = Model("sqs");
  auto sent = QueryCodec().Decode(model, FormRequest("Action=SendMessage&Version=2012-11-05"
                                                     "&QueueUrl=http%3A%2F%2Flocalhost%2F000000000000%2Fq"
                                                     "&MessageBody=hi&DelaySeconds=2"
                                                     "&MessageAttribute.1.Name=kind"
                                                     "&MessageAttribute.1.Value.DataType=String"
                                                     "&MessageAttribute.1.Value.StringValue=greeting"
                                                     "&MessageAttribute.2.Name=blob"
                                                     "&MessageAttribute.2.Value.DataType=Binary"
                                                     "&MessageAttribute.2.Value.BinaryValue=aGk%3D"));
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const Document& input = sent->input;
  EXPECT_EQ(input["QueueUrl"].AsString(), "http://localhost/000000000000/q");
  EXPECT_EQ(input["DelaySeconds"].AsInt(), 2);
  EXPECT_EQ(input["MessageAttributes"]["kind"]["StringValue"].AsString(), "greeting");
  EXPECT_EQ(input["MessageAttributes"]["blob"]["BinaryValue"].AsString(), "hi");

  auto received = QueryCodec().Decode(model, FormRequest("Action=ReceiveMessage&QueueUrl=q&AttributeName.1=All"
                                                         "&MessageAttributeName.1=kind&MessageAttributeName.2=blob"
                                                         "&MaxNumberOfMessages=5"));
  ASSERT_TRUE(received.ok()) << received.status().ToString();
  EXPECT_EQ(received->input["AttributeNames"].AsList()[0].AsString(), "All");
  EXPECT_EQ(received->input["MessageAttributeNames"].size(), 2u);
  EXPECT_EQ(received->input["MaxNumberOfMessages"].AsInt(), 5);

  auto created = QueryCodec().Decode(model, FormRequest("Action=CreateQueue&QueueName=q"
                                                        "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=60"
                                                        "&Tag.1.Key=env&Tag.1.Value=dev"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->input["Attributes"]["VisibilityTimeout"].AsString(), "60");
  EXPECT_EQ(created->input["tags"]["env"].AsString(), "dev");

  auto batch = QueryCodec().Decode(model, FormRequest("Action=SendMessageBatch&QueueUrl=q"
                                                      "&SendMessageBatchRequestEntry.1.Id=a"
                                                      "&SendMessageBatchRequestEntry.1.MessageBody=one"
                                                      "&SendMessageBatchRequestEntry.2.Id=b"
                                                      "&SendMessageBatchRequestEntry.2.MessageBody=two"));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ(batch->input["Entries"].size(), 2u);
  EXPECT_EQ(batch->input["Entries"].AsList()[1]["MessageBody"].AsString(), "two");
}

TEST(QueryCodecTest, EncodesSqsReceiveMessageInTheQueryShape) {
  const ServiceModel& model = Model("sqs");
  Document output = Document::Map();
  Document& message = output.Set("Messages", Document::List()).Append(Document::Map());
  message.Set("MessageId", "m-1");
  message.Set("Body", "hi");
  message.Set("Attributes", Document::Map()).Set("SenderId", "AIDA");
  Document& attribute = message.Set("MessageAttributes", Document::Map()).Set("kind", Document::Map());
  attribute.Set("DataType", "String");
  attribute.Set("StringValue", "greeting");
  HttpResponse response =
      QueryCodec().EncodeOutput(model, *model.FindOperation("ReceiveMessage"), output, {"req-2", "POST"});
  xml::Element root = ParseXml(response.body);
  EXPECT_EQ(root.name, "ReceiveMessageResponse");
  EXPECT_EQ(*root.Attribute("xmlns"), "http://queue.amazonaws.com/doc/2012-11-05/");
  const xml::Element* result = root.Child("ReceiveMessageResult");
  ASSERT_NE(result, nullptr);
  auto messages = result->Children("Message");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(Text(messages[0]->Child("MessageId")), "m-1");
  const xml::Element* system = messages[0]->Child("Attribute");
  ASSERT_NE(system, nullptr);
  EXPECT_EQ(Text(system->Child("Name")), "SenderId");
  EXPECT_EQ(Text(system->Child("Value")), "AIDA");
  const xml::Element* user = messages[0]->Child("MessageAttribute");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(Text(user->Child("Name")), "kind");
  EXPECT_EQ(Text(user->Child("Value")->Child("DataType")), "String");
  EXPECT_EQ(Text(user->Child("Value")->Child("StringValue")), "greeting");

  Document urls = Document::Map();
  Document& list = urls.Set("QueueUrls", Document::List());
  list.Append("http://q/1");
  list.Append("http://q/2");
  xml::Element listed =
      ParseXml(QueryCodec().EncodeOutput(model, *model.FindOperation("ListQueues"), urls, {"r", "POST"}).body);
  auto url_elements = listed.Child("ListQueuesResult")->Children("QueueUrl");
  ASSERT_EQ(url_elements.size(), 2u);
  EXPECT_EQ(url_elements[1]->text, "http://q/2");
}

TEST(QueryCodecTest, ErrorsUseTheQueryErrorCodeAndFault) {
  const ServiceModel& sqs = Model("sqs");
  HttpResponse response = QueryCodec().EncodeError(
      sqs, nullptr, Status::InvalidArgument("QueueDoesNotExist", "The specified queue does not exist."),
      {"req-3", "POST"});
  EXPECT_EQ(response.status, 400);
  xml::Element root = ParseXml(response.body);
  EXPECT_EQ(root.name, "ErrorResponse");
  const xml::Element* error = root.Child("Error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(Text(error->Child("Type")), "Sender");
  EXPECT_EQ(Text(error->Child("Code")), "AWS.SimpleQueueService.NonExistentQueue");
  EXPECT_EQ(Text(error->Child("Message")), "The specified queue does not exist.");
  EXPECT_EQ(Text(root.Child("RequestId")), "req-3");

  // SNS's NotFoundException is "NotFound" on the wire, with the model's 404.
  HttpResponse not_found = QueryCodec().EncodeError(
      Model("sns"), nullptr, Status::Error("NotFoundException", "Topic does not exist"), {"req-4", "POST"});
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(Text(ParseXml(not_found.body).Child("Error")->Child("Code")), "NotFound");

  HttpResponse internal = QueryCodec().EncodeError(Model("iam"), nullptr, Status::Internal("boom"), {"r", "POST"});
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(Text(ParseXml(internal.body).Child("Error")->Child("Type")), "Receiver");
}

TEST(QueryCodecTest, MissingUnknownActionsAndBadValues) {
  const ServiceModel& model = Model("sns");
  auto unknown = QueryCodec().Decode(model, FormRequest("Action=PublishEverything&Version=2010-03-31"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), "InvalidAction");
  EXPECT_EQ(unknown.status().http_status(), 400);

  auto missing = QueryCodec().Decode(model, FormRequest("Version=2010-03-31"));
  EXPECT_EQ(missing.status().code(), "MissingAction");

  auto bad_int =
      QueryCodec().Decode(Model("sqs"), FormRequest("Action=ReceiveMessage&QueueUrl=q&MaxNumberOfMessages=ten"));
  ASSERT_FALSE(bad_int.ok());
  EXPECT_EQ(bad_int.status().code(), "InvalidParameterValue");
  EXPECT_NE(bad_int.status().message().find("MaxNumberOfMessages"), std::string::npos);
}

}  // namespace
}  // namespace cloudemu::protocol
