// Routing requests to a service model and wire protocol, the way the aws
// CLI, boto3 and the Terraform provider address a single endpoint.
#include "server/router.h"

#include <gtest/gtest.h>

#include <string>

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::Protocol;

HttpRequest Post(std::string scope_service = "") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  if (!scope_service.empty()) {
    request.headers.Set("authorization", "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/" + scope_service +
                                             "/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
    request.headers.Set("x-amz-date", "20261128T000000Z");
  }
  return request;
}

HttpRequest Form(std::string body, std::string scope_service = "") {
  HttpRequest request = Post(std::move(scope_service));
  request.headers.Set("content-type", "application/x-www-form-urlencoded; charset=utf-8");
  request.body = std::move(body);
  return request;
}

HttpRequest Json(std::string target, std::string scope_service = "") {
  HttpRequest request = Post(std::move(scope_service));
  request.headers.Set("content-type", "application/x-amz-json-1.0");
  request.headers.Set("x-amz-target", std::move(target));
  request.body = "{}";
  return request;
}

class RouterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { router_ = new Router(); }
  static void TearDownTestSuite() { delete router_; }

  std::string Service(const HttpRequest& request) const {
    Route route = router_->Resolve(request, ParseSigV4(request));
    return std::string(route.model ? route.model->name : "<internal>");
  }
  Protocol Wire(const HttpRequest& request) const { return router_->Resolve(request, ParseSigV4(request)).protocol; }

  static Router* router_;
};
Router* RouterTest::router_ = nullptr;

TEST_F(RouterTest, InternalEndpointsComeFirst) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/_cloudemu/health";
  request.headers.Set("x-amz-target", "DynamoDB_20120810.ListTables");
  EXPECT_TRUE(router_->Resolve(request, ParseSigV4(request)).internal);
  request.path = "/_cloudemuX";
  EXPECT_FALSE(router_->Resolve(request, ParseSigV4(request)).internal);
}

TEST_F(RouterTest, TheCredentialScopeNamesTheService) {
  EXPECT_EQ(Service(Json("AWSStepFunctions.ListStateMachines", "states")), "stepfunctions");
  EXPECT_EQ(Service(Json("AWSEvents.ListRules", "events")), "events");
  EXPECT_EQ(Service(Json("TrentService.ListKeys", "kms")), "kms");
  EXPECT_EQ(Service(Form("Action=ListRoles&Version=2010-05-08", "iam")), "iam");
  HttpRequest lambda = Post("lambda");
  lambda.method = "GET";
  lambda.path = "/2015-03-31/functions";
  EXPECT_EQ(Service(lambda), "lambda");
  EXPECT_EQ(Wire(lambda), Protocol::kRestJson);
  HttpRequest s3 = Post("s3");
  s3.method = "PUT";
  s3.path = "/bucket";
  EXPECT_EQ(Service(s3), "s3");
  EXPECT_EQ(Wire(s3), Protocol::kRestXml);
}

TEST_F(RouterTest, ThePresignedCredentialScopeNamesTheService) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/";
  request.query = protocol::ParseQueryString(
      "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
      "test%2F20261128%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261128T000000Z&X-Amz-Expires=60&"
      "X-Amz-SignedHeaders=host&X-Amz-Signature=00",
      false);
  EXPECT_EQ(Service(request), "sts");
  EXPECT_EQ(Wire(request), Protocol::kQuery);
}

TEST_F(RouterTest, SqsSpeaksJsonWithATargetAndQueryWithoutOne) {
  HttpRequest json = Json("AmazonSQS.ListQueues", "sqs");
  EXPECT_EQ(Service(json), "sqs");
  EXPECT_EQ(Wire(json), Protocol::kJson);
  HttpRequest query = Form("Action=ListQueues&Version=2012-11-05", "sqs");
  EXPECT_EQ(Service(query), "sqs");
  EXPECT_EQ(Wire(query), Protocol::kQuery);
  EXPECT_EQ(Service(Form("Action=ListQueues&Version=2012-11-05")), "sqs") << "by apiVersion";
}

TEST_F(RouterTest, UnsignedRequestsRouteByTargetThenVersion) {
  EXPECT_EQ(Service(Json("DynamoDB_20120810.ListTables")), "dynamodb");
  EXPECT_EQ(Wire(Json("DynamoDB_20120810.ListTables")), Protocol::kJson);
  EXPECT_EQ(Service(Json("secretsmanager.ListSecrets")), "secretsmanager");
  EXPECT_EQ(Service(Form("Action=GetCallerIdentity&Version=2011-06-15")), "sts");
  EXPECT_EQ(Service(Form("Action=Publish&Version=2010-03-31&TopicArn=x")), "sns");
  HttpRequest ec2;
  ec2.method = "GET";
  ec2.path = "/";
  ec2.query = protocol::ParseQueryString("Action=DescribeVpcs&Version=2016-11-15", false);
  EXPECT_EQ(Service(ec2), "ec2");
  EXPECT_EQ(Wire(ec2), Protocol::kEc2);
}

TEST_F(RouterTest, AnUnknownScopeFallsBackToTheOtherSignals) {
  EXPECT_EQ(Service(Json("TrentService.ListKeys", "unknownsvc")), "kms");
  EXPECT_EQ(Service(Post("unknownsvc")), "s3");
}

TEST_F(RouterTest, EverythingElseIsS3) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/bucket/key";
  EXPECT_EQ(Service(request), "s3");
  EXPECT_EQ(Service(Form("Action=Nothing&Version=1999-01-01")), "s3");
  EXPECT_EQ(Service(Json("NoSuchPrefix_2020.Op")), "s3");
  // A form body is only read as query parameters when it is one.
  HttpRequest upload = Post();
  upload.method = "PUT";
  upload.path = "/bucket/key";
  upload.body = "Action=GetCallerIdentity&Version=2011-06-15";
  EXPECT_EQ(Service(upload), "s3");
}

TEST(FormValueTest, FindsAndDecodesValues) {
  EXPECT_EQ(FormValue("Action=Publish&Version=2010-03-31", "Version"), "2010-03-31");
  EXPECT_EQ(FormValue("Action=Publish&Message=a+b%21", "Message"), "a b!");
  EXPECT_EQ(FormValue("XAction=1&Action=2", "Action"), "2");
  EXPECT_EQ(FormValue("Action=&Version=1", "Action"), "");
  EXPECT_EQ(FormValue("Action", "Action"), "");
  EXPECT_EQ(FormValue("", "Action"), "");
}

}  // namespace
}  // namespace cloudemu::server
