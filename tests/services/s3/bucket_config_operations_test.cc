// The bucket configuration operations: what each Get answers before any Put
// (as AWS does, since Terraform reads all of them), round trips, checks.
#include <gtest/gtest.h>

#include "s3_test_env.h"

namespace cloudemu::services::s3 {
namespace {

using testing::Detail;
using testing::Doc;
using testing::List;

class BucketConfigOperationsTest : public testing::S3TestEnv {
 protected:
  BucketConfigOperationsTest() { CreateBucket("cfg"); }

  Document Bucket() { return Doc({{"Bucket", "cfg"}}); }
  Document With(const char* member, Document value) {
    Document input = Bucket();
    input.Set(member, std::move(value));
    return input;
  }
};

struct AbsentCase {
  const char* operation;
  const char* code;
};

TEST_F(BucketConfigOperationsTest, AbsentConfigurationsAnswerAwsNotFoundErrors) {
  const AbsentCase cases[] = {
      {"GetBucketTagging", "NoSuchTagSet"},
      {"GetBucketPolicy", "NoSuchBucketPolicy"},
      {"GetBucketPolicyStatus", "NoSuchBucketPolicy"},
      {"GetBucketCors", "NoSuchCORSConfiguration"},
      {"GetBucketWebsite", "NoSuchWebsiteConfiguration"},
      {"GetBucketLifecycleConfiguration", "NoSuchLifecycleConfiguration"},
      {"GetBucketReplication", "ReplicationConfigurationNotFoundError"},
      {"GetObjectLockConfiguration", "ObjectLockConfigurationNotFoundError"},
  };
  for (const AbsentCase& c : cases) {
    Status status = Error(c.operation, Bucket());
    EXPECT_EQ(status.code(), c.code) << c.operation;
    EXPECT_EQ(status.http_status(), 404) << c.operation;
    EXPECT_EQ(Detail(status, "BucketName"), "cfg") << c.operation;
  }
}

TEST_F(BucketConfigOperationsTest, AbsentSettingsAnswerAwsDefaults) {
  EXPECT_EQ(Ok("GetBucketLogging", Bucket()), Document::Map());
  EXPECT_EQ(Ok("GetBucketNotificationConfiguration", Bucket()), Document::Map());
  EXPECT_EQ(Ok("GetBucketAccelerateConfiguration", Bucket()), Document::Map());
  EXPECT_EQ(Ok("GetBucketRequestPayment", Bucket()), Doc({{"Payer", "BucketOwner"}}));

  Document encryption = Ok("GetBucketEncryption", Bucket());
  const Document& rule = encryption["ServerSideEncryptionConfiguration"]["Rules"].AsList().at(0);
  EXPECT_EQ(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"].AsString(), "AES256");
  EXPECT_EQ(rule["BucketKeyEnabled"], Document(false));

  // New buckets: ACLs disabled and all public access blocked.
  EXPECT_EQ(Ok("GetBucketOwnershipControls", Bucket())["OwnershipControls"]["Rules"]
                .AsList()
                .at(0)["ObjectOwnership"]
                .AsString(),
            "BucketOwnerEnforced");
  Document block = Ok("GetPublicAccessBlock", Bucket())["PublicAccessBlockConfiguration"];
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    EXPECT_EQ(block[setting], Document(true)) << setting;
  }
}

TEST_F(BucketConfigOperationsTest, EveryOperationOnAMissingBucketIsNoSuchBucket) {
  for (const char* operation :
       {"GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging", "GetBucketPolicy", "PutBucketPolicy",
        "GetBucketCors", "DeleteBucketCors", "GetBucketEncryption", "GetBucketLogging", "PutBucketLogging",
        "GetBucketRequestPayment", "GetPublicAccessBlock", "DeletePublicAccessBlock", "GetBucketOwnershipControls",
        "GetBucketNotificationConfiguration", "GetObjectLockConfiguration", "GetBucketAcl", "GetBucketLocation"}) {
    Status status = Error(operation, Doc({{"Bucket", "missing-bucket"}}));
    EXPECT_EQ(status.code(), "NoSuchBucket") << operation;
    EXPECT_EQ(Detail(status, "BucketName"), "missing-bucket") << operation;
  }
}

TEST_F(BucketConfigOperationsTest, TaggingRoundTripAndRules) {
  Document tag_set = List({Doc({{"Key", "b"}, {"Value", "2"}}), Doc({{"Key", "a"}, {"Value", ""}})});
  Ok("PutBucketTagging", With("Tagging", Doc({{"TagSet", tag_set}})));
  Document read = Ok("GetBucketTagging", Bucket());
  EXPECT_EQ(read, Doc({{"TagSet", List({Doc({{"Key", "a"}, {"Value", ""}}), Doc({{"Key", "b"}, {"Value", "2"}})})}}));

  auto put = [&](Document tags) { return Error("PutBucketTagging", With("Tagging", Doc({{"TagSet", tags}}))); };
  EXPECT_EQ(put(List({Doc({{"Key", "k"}, {"Value", "1"}}), Doc({{"Key", "k"}, {"Value", "2"}})})).code(), "InvalidTag");
  EXPECT_EQ(put(List({Doc({{"Key", std::string(129, 'k')}, {"Value", "1"}})})).code(), "InvalidTag");
  EXPECT_EQ(put(List({Doc({{"Key", "aws:reserved"}, {"Value", "1"}})})).code(), "InvalidTag");
  Document many = Document::List();
  for (int i = 0; i < 51; ++i) many.Append(Doc({{"Key", "k" + std::to_string(i)}, {"Value", "v"}}));
  Status too_many = put(many);
  EXPECT_EQ(too_many.code(), "InvalidTag");
  EXPECT_EQ(too_many.http_status(), 400);
  many.MutableList().pop_back();
  EXPECT_TRUE(put(many).ok()) << "50 tags are allowed";

  Ok("DeleteBucketTagging", Bucket());
  EXPECT_EQ(Error("GetBucketTagging", Bucket()).code(), "NoSuchTagSet");
}

TEST_F(BucketConfigOperationsTest, PolicyIsStoredVerbatimAndChecked) {
  const std::string policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},)"
      R"("Action":"s3:GetObject","Resource":"arn:aws:s3:::cfg/*"}]})";
  Ok("PutBucketPolicy", With("Policy", policy));
  EXPECT_EQ(Ok("GetBucketPolicy", Bucket())["Policy"].AsString(), policy);
  EXPECT_EQ(Ok("GetBucketPolicyStatus", Bucket())["PolicyStatus"]["IsPublic"], Document(false));

  Status not_json = Error("PutBucketPolicy", With("Policy", "not json"));
  EXPECT_EQ(not_json.code(), "MalformedPolicy");
  EXPECT_EQ(not_json.http_status(), 400);
  EXPECT_EQ(Error("PutBucketPolicy", With("Policy", R"({"Version":"2012-10-17"})")).message(),
            "Missing required field Statement");
  EXPECT_EQ(
      Error("PutBucketPolicy", With("Policy", R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"))
          .message(),
      "Missing required field Principal");
  EXPECT_EQ(Error("PutBucketPolicy", With("Policy", R"({"Statement":{"Effect":"Maybe","Principal":"*",)"
                                                    R"("Action":"s3:*","Resource":"*"}})"))
                .message(),
            "Invalid effect: Maybe");

  const std::string public_policy =
      R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cfg/*"}]})";
  EXPECT_EQ(Error("PutBucketPolicy", With("Policy", public_policy)).code(), "AccessDenied")
      << "BlockPublicPolicy is on by default";
  Ok("PutPublicAccessBlock", With("PublicAccessBlockConfiguration", Doc({{"BlockPublicAcls", true}})));
  Ok("PutBucketPolicy", With("Policy", public_policy));
  EXPECT_EQ(Ok("GetBucketPolicyStatus", Bucket())["PolicyStatus"]["IsPublic"], Document(true));
  Document block = Ok("GetPublicAccessBlock", Bucket())["PublicAccessBlockConfiguration"];
  EXPECT_EQ(block, Doc({{"BlockPublicAcls", true},
                        {"IgnorePublicAcls", false},
                        {"BlockPublicPolicy", false},
                        {"RestrictPublicBuckets", false}}));

  Ok("DeleteBucketPolicy", Bucket());
  EXPECT_EQ(Error("GetBucketPolicy", Bucket()).code(), "NoSuchBucketPolicy");
}

TEST_F(BucketConfigOperationsTest, CorsRoundTripAndChecks) {
  Document rule = Doc({{"AllowedMethods", List({"GET", "PUT"})},
                       {"AllowedOrigins", List({"https://*.example.com"})},
                       {"AllowedHeaders", List({"*"})},
                       {"MaxAgeSeconds", 3000}});
  Document cors = Doc({{"CORSRules", List({rule})}});
  Ok("PutBucketCors", With("CORSConfiguration", cors));
  EXPECT_EQ(Ok("GetBucketCors", Bucket()), cors);

  Document bad_method = rule;
  bad_method.Set("AllowedMethods", List({"PATCH"}));
  Status method = Error("PutBucketCors", With("CORSConfiguration", Doc({{"CORSRules", List({bad_method})}})));
  EXPECT_EQ(method.code(), "InvalidRequest");
  EXPECT_NE(method.message().find("PATCH"), std::string::npos);
  Document two_wildcards = rule;
  two_wildcards.Set("AllowedOrigins", List({"https://*.*.com"}));
  EXPECT_EQ(Error("PutBucketCors", With("CORSConfiguration", Doc({{"CORSRules", List({two_wildcards})}}))).code(),
            "InvalidRequest");
  EXPECT_EQ(Error("PutBucketCors", With("CORSConfiguration", Doc({{"CORSRules", Document::List()}}))).code(),
            "MalformedXML");

  Ok("DeleteBucketCors", Bucket());
  EXPECT_EQ(Error("GetBucketCors", Bucket()).code(), "NoSuchCORSConfiguration");
}

TEST_F(BucketConfigOperationsTest, EncryptionRoundTripAndDefault) {
  Document kms = Doc({{"Rules", List({Doc({{"ApplyServerSideEncryptionByDefault",
                                            Doc({{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", "alias/key"}})},
                                           {"BucketKeyEnabled", true}})})}});
  Ok("PutBucketEncryption", With("ServerSideEncryptionConfiguration", kms));
  EXPECT_EQ(Ok("GetBucketEncryption", Bucket())["ServerSideEncryptionConfiguration"], kms);

  Document aes_with_key = Doc({{"Rules", List({Doc({{"ApplyServerSideEncryptionByDefault",
                                                     Doc({{"SSEAlgorithm", "AES256"}, {"KMSMasterKeyID", "k"}})}})})}});
  EXPECT_EQ(Error("PutBucketEncryption", With("ServerSideEncryptionConfiguration", aes_with_key)).code(),
            "InvalidArgument");

  Ok("DeleteBucketEncryption", Bucket());
  Document back_to_default = Ok("GetBucketEncryption", Bucket());
  EXPECT_EQ(back_to_default["ServerSideEncryptionConfiguration"]["Rules"]
                .AsList()
                .at(0)["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
                .AsString(),
            "AES256");
}

TEST_F(BucketConfigOperationsTest, LifecycleRoundTripAssignsIdsAndChecks) {
  Document expire = Doc({{"Status", "Enabled"},
                         {"Filter", Doc({{"Prefix", "logs/"}})},
                         {"Expiration", Doc({{"Date", core::Timestamp{kStartMillis}}})}});
  Document abort = Doc({{"ID", "abort"},
                        {"Status", "Disabled"},
                        {"Filter", Document::Map()},
                        {"AbortIncompleteMultipartUpload", Doc({{"DaysAfterInitiation", 7}})}});
  Document put =
      Ok("PutBucketLifecycleConfiguration", With("LifecycleConfiguration", Doc({{"Rules", List({expire, abort})}})));
  EXPECT_EQ(put["TransitionDefaultMinimumObjectSize"].AsString(), "all_storage_classes_128K");

  Document read = Ok("GetBucketLifecycleConfiguration", Bucket());
  ASSERT_EQ(read["Rules"].size(), 2u);
  const Document& first = read["Rules"].AsList()[0];
  EXPECT_FALSE(first["ID"].AsString().empty()) << "a rule without an ID gets one";
  EXPECT_EQ(first["Expiration"]["Date"], Document(core::Timestamp{kStartMillis}));
  EXPECT_EQ(read["Rules"].AsList()[1], abort);
  EXPECT_EQ(read["TransitionDefaultMinimumObjectSize"].AsString(), "all_storage_classes_128K");

  auto put_rule = [&](Document rule) {
    return Error("PutBucketLifecycleConfiguration", With("LifecycleConfiguration", Doc({{"Rules", List({rule})}})));
  };
  EXPECT_EQ(put_rule(Doc({{"Status", "Enabled"}, {"Filter", Document::Map()}})).code(), "InvalidRequest");
  EXPECT_EQ(put_rule(Doc({{"Status", "On"}, {"Expiration", Doc({{"Days", 1}})}})).code(), "MalformedXML");
  EXPECT_EQ(put_rule(Doc({{"Status", "Enabled"}, {"Expiration", Doc({{"Days", 0}})}})).code(), "InvalidArgument");
  EXPECT_EQ(
      put_rule(Doc({{"Status", "Enabled"}, {"Expiration", Doc({{"Date", core::Timestamp{kStartMillis + 1000}}})}}))
          .message(),
      "'Date' must be at midnight GMT");
  EXPECT_EQ(
      Error("PutBucketLifecycleConfiguration", With("LifecycleConfiguration", Doc({{"Rules", List({abort, abort})}})))
          .code(),
      "InvalidArgument")
      << "rule IDs are unique";

  Ok("DeleteBucketLifecycle", Bucket());
  EXPECT_EQ(Error("GetBucketLifecycleConfiguration", Bucket()).code(), "NoSuchLifecycleConfiguration");
}

TEST_F(BucketConfigOperationsTest, WebsiteRoundTripAndChecks) {
  Document website =
      Doc({{"IndexDocument", Doc({{"Suffix", "index.html"}})},
           {"ErrorDocument", Doc({{"Key", "error.html"}})},
           {"RoutingRules", List({Doc({{"Condition", Doc({{"KeyPrefixEquals", "docs/"}})},
                                       {"Redirect", Doc({{"ReplaceKeyPrefixWith", "documents/"}})}})})}});
  Ok("PutBucketWebsite", With("WebsiteConfiguration", website));
  EXPECT_EQ(Ok("GetBucketWebsite", Bucket()), website);

  EXPECT_EQ(
      Error("PutBucketWebsite", With("WebsiteConfiguration", Doc({{"ErrorDocument", Doc({{"Key", "e"}})}}))).code(),
      "InvalidArgument");
  EXPECT_EQ(Error("PutBucketWebsite", With("WebsiteConfiguration", Doc({{"IndexDocument", Doc({{"Suffix", "a/b"}})}})))
                .message(),
            "The IndexDocument Suffix is not well formed");
  Document redirect = Doc({{"RedirectAllRequestsTo", Doc({{"HostName", "example.com"}, {"Protocol", "https"}})}});
  Ok("PutBucketWebsite", With("WebsiteConfiguration", redirect));
  EXPECT_EQ(Ok("GetBucketWebsite", Bucket()), redirect);

  Ok("DeleteBucketWebsite", Bucket());
  EXPECT_EQ(Error("GetBucketWebsite", Bucket()).code(), "NoSuchWebsiteConfiguration");
}

TEST_F(BucketConfigOperationsTest, LoggingNeedsAnExistingTargetInTheSameRegion) {
  CreateBucket("log-target");
  Document enabled = Doc({{"TargetBucket", "log-target"}, {"TargetPrefix", "cfg/"}});
  Ok("PutBucketLogging", With("BucketLoggingStatus", Doc({{"LoggingEnabled", enabled}})));
  EXPECT_EQ(Ok("GetBucketLogging", Bucket()), Doc({{"LoggingEnabled", enabled}}));

  Status missing = Error(
      "PutBucketLogging",
      With("BucketLoggingStatus", Doc({{"LoggingEnabled", Doc({{"TargetBucket", "nowhere"}, {"TargetPrefix", ""}})}})));
  EXPECT_EQ(missing.code(), "InvalidTargetBucketForLogging");
  Ok("CreateBucket",
     Doc({{"Bucket", "eu-logs"}, {"CreateBucketConfiguration", Doc({{"LocationConstraint", "eu-west-1"}})}}));
  Status cross = Error(
      "PutBucketLogging",
      With("BucketLoggingStatus", Doc({{"LoggingEnabled", Doc({{"TargetBucket", "eu-logs"}, {"TargetPrefix", ""}})}})));
  EXPECT_EQ(cross.code(), "CrossLocationLoggingProhibitted");
  EXPECT_EQ(cross.http_status(), 403);

  Ok("PutBucketLogging", With("BucketLoggingStatus", Document::Map()));
  EXPECT_EQ(Ok("GetBucketLogging", Bucket()), Document::Map()) << "an empty status turns logging off";
}

TEST_F(BucketConfigOperationsTest, NotificationConfigurationIsStoredWithIds) {
  Document queue =
      Doc({{"QueueArn", "arn:aws:sqs:us-east-1:123456789012:q"},
           {"Events", List({"s3:ObjectCreated:*"})},
           {"Filter", Doc({{"Key", Doc({{"FilterRules", List({Doc({{"Name", "prefix"}, {"Value", "in/"}})})}})}})}});
  Ok("PutBucketNotificationConfiguration",
     With("NotificationConfiguration", Doc({{"QueueConfigurations", List({queue})}})));
  Document read = Ok("GetBucketNotificationConfiguration", Bucket());
  ASSERT_EQ(read["QueueConfigurations"].size(), 1u);
  const Document& stored = read["QueueConfigurations"].AsList()[0];
  EXPECT_FALSE(stored["Id"].AsString().empty());
  EXPECT_EQ(stored["QueueArn"], queue["QueueArn"]);
  EXPECT_EQ(stored["Filter"]["Key"]["FilterRules"].AsList()[0]["Name"].AsString(), "Prefix");

  Document bad = queue;
  bad.Set("Events", List({"ObjectCreated"}));
  EXPECT_EQ(Error("PutBucketNotificationConfiguration",
                  With("NotificationConfiguration", Doc({{"QueueConfigurations", List({bad})}})))
                .code(),
            "InvalidArgument");

  Ok("PutBucketNotificationConfiguration", With("NotificationConfiguration", Document::Map()));
  EXPECT_EQ(Ok("GetBucketNotificationConfiguration", Bucket()), Document::Map());
}

TEST_F(BucketConfigOperationsTest, AccelerateAndRequestPayment) {
  Ok("PutBucketAccelerateConfiguration", With("AccelerateConfiguration", Doc({{"Status", "Enabled"}})));
  EXPECT_EQ(Ok("GetBucketAccelerateConfiguration", Bucket()), Doc({{"Status", "Enabled"}}));
  CreateBucket("dotted.bucket");
  EXPECT_EQ(Error("PutBucketAccelerateConfiguration",
                  Doc({{"Bucket", "dotted.bucket"}, {"AccelerateConfiguration", Doc({{"Status", "Enabled"}})}}))
                .code(),
            "InvalidRequest");

  Ok("PutBucketRequestPayment", With("RequestPaymentConfiguration", Doc({{"Payer", "Requester"}})));
  EXPECT_EQ(Ok("GetBucketRequestPayment", Bucket()), Doc({{"Payer", "Requester"}}));
  EXPECT_EQ(Error("PutBucketRequestPayment", With("RequestPaymentConfiguration", Doc({{"Payer", "Nobody"}}))).code(),
            "MalformedXML");
}

TEST_F(BucketConfigOperationsTest, ReplicationNeedsVersionedBuckets) {
  CreateBucket("replica");
  Document rule =
      Doc({{"Status", "Enabled"}, {"Prefix", ""}, {"Destination", Doc({{"Bucket", "arn:aws:s3:::replica"}})}});
  Document configuration = Doc({{"Role", "arn:aws:iam::123456789012:role/r"}, {"Rules", List({rule})}});
  EXPECT_EQ(Error("PutBucketReplication", With("ReplicationConfiguration", configuration)).code(), "InvalidRequest");

  Document enable = Doc({{"Status", "Enabled"}});
  Ok("PutBucketVersioning", With("VersioningConfiguration", enable));
  EXPECT_EQ(Error("PutBucketReplication", With("ReplicationConfiguration", configuration)).message(),
            "Destination bucket must have versioning enabled.");
  Ok("PutBucketVersioning", Doc({{"Bucket", "replica"}, {"VersioningConfiguration", enable}}));
  Ok("PutBucketReplication", With("ReplicationConfiguration", configuration));
  Document read = Ok("GetBucketReplication", Bucket());
  EXPECT_EQ(read["ReplicationConfiguration"]["Role"], configuration["Role"]);
  EXPECT_FALSE(read["ReplicationConfiguration"]["Rules"].AsList().at(0)["ID"].AsString().empty());

  Ok("DeleteBucketReplication", Bucket());
  EXPECT_EQ(Error("GetBucketReplication", Bucket()).code(), "ReplicationConfigurationNotFoundError");
}

TEST_F(BucketConfigOperationsTest, ObjectLockOnAnExistingVersionedBucket) {
  Document lock = Doc({{"ObjectLockEnabled", "Enabled"},
                       {"Rule", Doc({{"DefaultRetention", Doc({{"Mode", "GOVERNANCE"}, {"Days", 30}})}})}});
  Status unversioned = Error("PutObjectLockConfiguration", With("ObjectLockConfiguration", lock));
  EXPECT_EQ(unversioned.code(), "InvalidBucketState");
  EXPECT_EQ(unversioned.http_status(), 409);

  Ok("PutBucketVersioning", With("VersioningConfiguration", Doc({{"Status", "Enabled"}})));
  Ok("PutObjectLockConfiguration", With("ObjectLockConfiguration", lock));
  EXPECT_EQ(Ok("GetObjectLockConfiguration", Bucket())["ObjectLockConfiguration"], lock);
  EXPECT_EQ(Error("PutBucketVersioning", With("VersioningConfiguration", Doc({{"Status", "Suspended"}}))).code(),
            "InvalidBucketState");

  Document both =
      Doc({{"ObjectLockEnabled", "Enabled"},
           {"Rule", Doc({{"DefaultRetention", Doc({{"Mode", "GOVERNANCE"}, {"Days", 1}, {"Years", 1}})}})}});
  EXPECT_EQ(Error("PutObjectLockConfiguration", With("ObjectLockConfiguration", both)).code(), "MalformedXML");
}

TEST_F(BucketConfigOperationsTest, OwnershipControlsCanBeRemoved) {
  Ok("DeleteBucketOwnershipControls", Bucket());
  Status status = Error("GetBucketOwnershipControls", Bucket());
  EXPECT_EQ(status.code(), "OwnershipControlsNotFoundError");
  EXPECT_EQ(status.http_status(), 404);
  Ok("DeletePublicAccessBlock", Bucket());
  EXPECT_EQ(Error("GetPublicAccessBlock", Bucket()).code(), "NoSuchPublicAccessBlockConfiguration");
  Ok("PutBucketAcl", With("ACL", "public-read"));
  EXPECT_EQ(Error("PutBucketOwnershipControls",
                  With("OwnershipControls", Doc({{"Rules", List({Doc({{"ObjectOwnership", "Sometimes"}})})}})))
                .code(),
            "MalformedXML");
}

}  // namespace
}  // namespace cloudemu::services::s3
