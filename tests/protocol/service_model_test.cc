#include "protocol/service_model.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace cloudemu::protocol {
namespace {

const ServiceModel& Model(std::string_view service) {
  const ServiceModel* model = FindModel(service);
  if (model == nullptr) throw std::runtime_error("no model " + std::string(service));
  return *model;
}

TEST(ServiceModelTest, LoadsEachModelOnceAndKnowsNoOthers) {
  EXPECT_EQ(FindModel("s3"), FindModel("s3"));
  EXPECT_EQ(FindModel("no-such-service"), nullptr);
  std::vector<std::string> names = EmbeddedModelNames();
  for (const char* expected : {"s3", "dynamodb", "sqs", "sns", "ec2", "stepfunctions"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
}

TEST(ServiceModelTest, EveryReferenceOfEveryModelResolves) {
  for (const std::string& name : EmbeddedModelNames()) {
    const ServiceModel& model = Model(name);
    ASSERT_FALSE(model.shapes.empty()) << name;
    ASSERT_FALSE(model.operations.empty()) << name;
    for (const Shape& shape : model.shapes) {
      // Sorted by name, which is what the lookups rely on.
      ASSERT_EQ(model.FindShape(shape.name), &shape) << name << " " << shape.name;
      for (const MemberRef& member : shape.members) {
        ASSERT_NE(member.shape, nullptr) << shape.name;
      }
      if (shape.type == ShapeType::kList) {
        ASSERT_TRUE(shape.member && shape.member->shape) << shape.name;
      }
      if (shape.type == ShapeType::kMap) {
        ASSERT_TRUE(shape.key && shape.key->shape && shape.value && shape.value->shape) << shape.name;
      }
      for (std::string_view required : shape.required) {
        EXPECT_NE(shape.FindMember(required), nullptr) << name << " " << shape.name << "." << required;
      }
    }
    for (const Operation& operation : model.operations) {
      ASSERT_EQ(model.FindOperation(operation.name), &operation) << name << " " << operation.name;
      EXPECT_FALSE(operation.http_method.empty()) << operation.name;
      for (const Shape* error : operation.errors) EXPECT_TRUE(error && error->exception) << operation.name;
    }
  }
}

TEST(ServiceModelTest, CarriesTheMetadataOfTheModel) {
  const ServiceModel& s3 = Model("s3");
  EXPECT_EQ(s3.name, "s3");
  EXPECT_EQ(s3.protocol, Protocol::kRestXml);
  EXPECT_EQ(s3.api_version, "2006-03-01");
  EXPECT_EQ(s3.signing_name, "s3");

  const ServiceModel& sqs = Model("sqs");
  EXPECT_EQ(sqs.protocol, Protocol::kJson);
  EXPECT_EQ(sqs.target_prefix, "AmazonSQS");
  EXPECT_EQ(sqs.json_version, "1.0");
  EXPECT_TRUE(sqs.aws_query_compatible);
  // It still accepts the query protocol older SDKs speak.
  EXPECT_EQ(sqs.protocols, (std::vector<Protocol>{Protocol::kJson, Protocol::kQuery}));

  EXPECT_EQ(Model("stepfunctions").signing_name, "states");
}

TEST(ServiceModelTest, CarriesOperationsAsTheModelDefinesThem) {
  const ServiceModel& s3 = Model("s3");
  const Operation* put = s3.FindOperation("PutObject");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->http_method, "PUT");
  EXPECT_EQ(put->request_uri, "/{Bucket}/{Key+}");
  EXPECT_EQ(put->input, s3.FindShape("PutObjectRequest"));
  EXPECT_EQ(put->output, s3.FindShape("PutObjectOutput"));
  EXPECT_TRUE(put->has_http_checksum);
  EXPECT_TRUE(s3.FindOperation("DeleteObjects")->request_checksum_required);
  EXPECT_TRUE(s3.FindOperation("GetBucketLifecycle")->deprecated);
  EXPECT_FALSE(s3.FindOperation("GetBucketLifecycleConfiguration")->deprecated);
  const Operation* select = s3.FindOperation("SelectObjectContent");
  EXPECT_EQ(select->input_location_name, "SelectObjectContentRequest");
  EXPECT_EQ(select->input_xml_namespace, "http://s3.amazonaws.com/doc/2006-03-01/");
  EXPECT_EQ(s3.FindOperation("NoSuchOperation"), nullptr);

  const ServiceModel& sns = Model("sns");
  EXPECT_EQ(sns.FindOperation("Publish")->result_wrapper, "PublishResult");
}

TEST(ServiceModelTest, CarriesMemberTraitsInModelOrder) {
  const ServiceModel& s3 = Model("s3");
  const Shape* request = s3.FindShape("PutObjectRequest");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(request->type, ShapeType::kStructure);
  EXPECT_EQ(request->members.front().name, "ACL");  // botocore's order, not sorted
  EXPECT_EQ(request->payload, "Body");
  EXPECT_TRUE(request->IsRequired("Bucket"));
  EXPECT_TRUE(request->IsRequired("Key"));
  EXPECT_FALSE(request->IsRequired("ContentType"));
  const MemberRef* bucket = request->FindMember("Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->location, "uri");
  EXPECT_EQ(bucket->location_name, "Bucket");
  EXPECT_EQ(request->FindMember("ContentType")->location, "header");
  EXPECT_EQ(request->FindMember("ContentType")->WireName("fallback"), "Content-Type");
  EXPECT_EQ(request->FindMember("Metadata")->location, "headers");
  EXPECT_TRUE(request->FindMember("Body")->shape->streaming || request->FindMember("Body")->streaming);

  const Shape* grantee = s3.FindShape("Grantee");
  EXPECT_EQ(grantee->xml_namespace_prefix, "xsi");
  EXPECT_EQ(grantee->xml_namespace_uri, "http://www.w3.org/2001/XMLSchema-instance");
  EXPECT_TRUE(grantee->FindMember("Type")->xml_attribute);

  const Shape* last_modified = s3.FindShape("LastModified");
  EXPECT_EQ(last_modified->type, ShapeType::kTimestamp);
  const Shape* tags = s3.FindShape("TagSet");
  EXPECT_EQ(tags->type, ShapeType::kList);
  EXPECT_EQ(tags->member->location_name, "Tag");
  EXPECT_EQ(tags->member->shape, s3.FindShape("Tag"));
}

TEST(ServiceModelTest, CarriesLimitsEnumsPatternsAndErrors) {
  const ServiceModel& dynamodb = Model("dynamodb");
  const Shape* table_name = dynamodb.FindShape("TableName");
  ASSERT_NE(table_name, nullptr);
  EXPECT_EQ(table_name->min, 3);
  EXPECT_EQ(table_name->max, 255);
  EXPECT_EQ(table_name->pattern, "[a-zA-Z0-9_.-]+");
  EXPECT_FALSE(dynamodb.FindShape("AttributeValue")->min.has_value());
  EXPECT_TRUE(Model("s3").FindShape("ObjectEncryption")->is_union);
  EXPECT_FALSE(Model("s3").FindShape("Tag")->is_union);
  // Backslashes survive the trip through the compiled string pool.
  EXPECT_EQ(dynamodb.FindShape("AutoScalingRoleArn")->pattern,
            "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
  const Shape* key_type = dynamodb.FindShape("KeyType");
  EXPECT_EQ(std::vector<std::string_view>(key_type->enum_values.begin(), key_type->enum_values.end()),
            (std::vector<std::string_view>{"HASH", "RANGE"}));

  const Shape* not_found = dynamodb.FindShape("ResourceNotFoundException");
  EXPECT_TRUE(not_found->exception);
  EXPECT_EQ(dynamodb.FindErrorShape("ResourceNotFoundException"), not_found);

  EXPECT_FALSE(not_found->error.has_value());  // awsJson errors carry no query trait

  const ServiceModel& sns = Model("sns");
  const Shape* denied = sns.FindShape("AuthorizationErrorException");
  ASSERT_TRUE(denied->error.has_value());
  EXPECT_EQ(denied->error->code, "AuthorizationError");
  EXPECT_EQ(denied->error->http_status, 403);
  EXPECT_TRUE(denied->error->sender_fault);
  EXPECT_EQ(sns.FindErrorShape("AuthorizationError"), denied);
}

}  // namespace
}  // namespace cloudemu::protocol
