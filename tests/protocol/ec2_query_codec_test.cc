#include <string>

#include <gtest/gtest.h>

#include "protocol/codec.h"
#include "protocol/rpc_codecs.h"
#include "protocol/validation.h"
#include "protocol/xml.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

const ServiceModel& Ec2() {
  const ServiceModel* model = FindModel("ec2");
  EXPECT_NE(model, nullptr);
  return *model;
}

HttpRequest FormRequest(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.body = std::move(body);
  return request;
}

xml::Element ParseXml(const std::string& text) {
  auto parsed = xml::Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << text;
  return parsed.ok() ? *parsed : xml::Element{};
}

std::string Text(const xml::Element* element) { return element ? element->text : "<missing>"; }

TEST(Ec2QueryCodecTest, DecodesDescribeVpcsFiltersAndIds) {
  auto decoded = Ec2QueryCodec().Decode(Ec2(), FormRequest("Action=DescribeVpcs&Version=2016-11-15"
                                                           "&Filter.1.Name=cidr-block"
                                                           "&Filter.1.Value.1=10.0.0.0%2F16"
                                                           "&Filter.1.Value.2=10.1.0.0%2F16"
                                                           "&Filter.2.Name=is-default&Filter.2.Value.1=false"
                                                           "&VpcId.1=vpc-1&MaxResults=10&DryRun=false"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const Document& input = decoded->input;
  ASSERT_EQ(input["Filters"].size(), 2u);
  const Document& first = input["Filters"].AsList()[0];
  EXPECT_EQ(first["Name"].AsString(), "cidr-block");
  ASSERT_EQ(first["Values"].size(), 2u);
  EXPECT_EQ(first["Values"].AsList()[1].AsString(), "10.1.0.0/16");
  EXPECT_EQ(input["Filters"].AsList()[1]["Values"].AsList()[0].AsString(), "false");
  EXPECT_EQ(input["VpcIds"].AsList()[0].AsString(), "vpc-1");
  EXPECT_EQ(input["MaxResults"].AsInt(), 10);
  EXPECT_TRUE(input["DryRun"].is_bool());
}

TEST(Ec2QueryCodecTest, DecodesRunInstancesTagSpecifications) {
  auto decoded = Ec2QueryCodec().Decode(Ec2(), FormRequest("Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=2"
                                                           "&InstanceType=t3.micro&SecurityGroupId.1=sg-1"
                                                           "&TagSpecification.1.ResourceType=instance"
                                                           "&TagSpecification.1.Tag.1.Key=Name"
                                                           "&TagSpecification.1.Tag.1.Value=web"
                                                           "&ClientToken=tok"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const Document& input = decoded->input;
  EXPECT_EQ(input["ImageId"].AsString(), "ami-1");
  EXPECT_EQ(input["MaxCount"].AsInt(), 2);
  EXPECT_EQ(input["SecurityGroupIds"].AsList()[0].AsString(), "sg-1");
  EXPECT_EQ(input["ClientToken"].AsString(), "tok");  // locationName clientToken, capitalised on input
  const Document& spec = input["TagSpecifications"].AsList()[0];
  EXPECT_EQ(spec["ResourceType"].AsString(), "instance");
  EXPECT_EQ(spec["Tags"].AsList()[0]["Key"].AsString(), "Name");
  EXPECT_EQ(spec["Tags"].AsList()[0]["Value"].AsString(), "web");
}

TEST(Ec2QueryCodecTest, EncodesDescribeVpcsWithItemLists) {
  const ServiceModel& model = Ec2();
  Document output = Document::Map();
  Document& vpc = output.Set("Vpcs", Document::List()).Append(Document::Map());
  vpc.Set("VpcId", "vpc-1");
  vpc.Set("CidrBlock", "10.0.0.0/16");
  vpc.Set("IsDefault", false);
  Document& tag = vpc.Set("Tags", Document::List()).Append(Document::Map());
  tag.Set("Key", "Name");
  tag.Set("Value", "main");
  HttpResponse response =
      Ec2QueryCodec().EncodeOutput(model, *model.FindOperation("DescribeVpcs"), output, {"req-1", "POST"});
  EXPECT_EQ(response.status, 200);
  xml::Element root = ParseXml(response.body);
  EXPECT_EQ(root.name, "DescribeVpcsResponse");
  EXPECT_EQ(*root.Attribute("xmlns"), "http://ec2.amazonaws.com/doc/2016-11-15/");
  EXPECT_EQ(Text(root.Child("requestId")), "req-1");
  auto items = root.Child("vpcSet")->Children("item");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(Text(items[0]->Child("vpcId")), "vpc-1");
  EXPECT_EQ(Text(items[0]->Child("cidrBlock")), "10.0.0.0/16");
  EXPECT_EQ(Text(items[0]->Child("isDefault")), "false");
  auto tags = items[0]->Child("tagSet")->Children("item");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(Text(tags[0]->Child("key")), "Name");
  EXPECT_EQ(Text(tags[0]->Child("value")), "main");
}

TEST(Ec2QueryCodecTest, ErrorsUseTheEc2Envelope) {
  HttpResponse response = Ec2QueryCodec().EncodeError(
      Ec2(), nullptr, Status::InvalidArgument("InvalidVpcID.NotFound", "The vpc ID 'vpc-9' does not exist"),
      {"req-2", "POST"});
  EXPECT_EQ(response.status, 400);
  xml::Element root = ParseXml(response.body);
  EXPECT_EQ(root.name, "Response");
  const xml::Element* error = root.Child("Errors")->Child("Error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(Text(error->Child("Code")), "InvalidVpcID.NotFound");
  EXPECT_EQ(Text(error->Child("Message")), "The vpc ID 'vpc-9' does not exist");
  EXPECT_EQ(Text(root.Child("RequestID")), "req-2");

  HttpResponse unavailable =
      Ec2QueryCodec().EncodeError(Ec2(), nullptr, Status::Error("Unavailable", "busy", 503), {"r", "POST"});
  EXPECT_EQ(unavailable.status, 503);
}

TEST(Ec2QueryCodecTest, UnknownActionAndMissingParameter) {
  auto unknown = Ec2QueryCodec().Decode(Ec2(), FormRequest("Action=LaunchRockets"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), "InvalidAction");
  EXPECT_EQ(unknown.status().http_status(), 400);

  // Decoding leaves the constraints to ValidateInput, which says them in EC2's terms.
  auto decoded = Ec2QueryCodec().Decode(Ec2(), FormRequest("Action=RunInstances&ImageId=ami-1&MinCount=1"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  Status missing = ValidateInput(Ec2(), *decoded->operation, decoded->input, Protocol::kEc2);
  EXPECT_EQ(missing.code(), "MissingParameter");
  EXPECT_EQ(missing.message(), "The request must contain the parameter MaxCount");
}

}  // namespace
}  // namespace cloudemu::protocol
