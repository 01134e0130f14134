// CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation,
// versioning and bucket ACLs, driven through S3Service::Invoke.
#include <gtest/gtest.h>

#include "core/store/store.h"
#include "s3_test_env.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {
namespace {

using testing::Detail;
using testing::Doc;
using testing::List;

class BucketOperationsTest : public testing::S3TestEnv {};

Document WithConstraint(const std::string& bucket, const std::string& constraint) {
  return Doc({{"Bucket", bucket}, {"CreateBucketConfiguration", Doc({{"LocationConstraint", constraint}})}});
}

TEST_F(BucketOperationsTest, CreateBucketInUsEast1) {
  Document output = Ok("CreateBucket", Doc({{"Bucket", "my-bucket"}, {"ACL", "private"}}));
  EXPECT_EQ(output["Location"].AsString(), "/my-bucket");

  Document head = Ok("HeadBucket", Doc({{"Bucket", "my-bucket"}}));
  EXPECT_EQ(head["BucketRegion"].AsString(), "us-east-1");
  EXPECT_EQ(Ok("GetBucketLocation", Doc({{"Bucket", "my-bucket"}})), Document::Map())
      << "us-east-1 answers an empty LocationConstraint";
}

TEST_F(BucketOperationsTest, CreateBucketElsewhereNeedsAMatchingConstraint) {
  Document output = Ok("CreateBucket", WithConstraint("eu-bucket", "eu-west-1"), "eu-west-1");
  EXPECT_EQ(output["Location"].AsString(), "http://eu-bucket.s3.amazonaws.com/");
  EXPECT_EQ(Ok("GetBucketLocation", Doc({{"Bucket", "eu-bucket"}}))["LocationConstraint"].AsString(), "eu-west-1");
  EXPECT_EQ(Ok("HeadBucket", Doc({{"Bucket", "eu-bucket"}}))["BucketRegion"].AsString(), "eu-west-1");

  Status missing = Error("CreateBucket", Doc({{"Bucket", "other-bucket"}}), "eu-west-1");
  EXPECT_EQ(missing.code(), "IllegalLocationConstraintException");
  EXPECT_EQ(missing.http_status(), 400);
  EXPECT_NE(missing.message().find("unspecified"), std::string::npos);
  EXPECT_EQ(Error("CreateBucket", WithConstraint("other-bucket", "us-west-2"), "eu-west-1").code(),
            "IllegalLocationConstraintException");
}

TEST_F(BucketOperationsTest, GlobalEndpointCreatesInAnyRegionButNotNamedUsEast1) {
  Ok("CreateBucket", WithConstraint("west-bucket", "us-west-2"));
  EXPECT_EQ(Ok("HeadBucket", Doc({{"Bucket", "west-bucket"}}))["BucketRegion"].AsString(), "us-west-2");

  Status named = Error("CreateBucket", WithConstraint("east-bucket", "us-east-1"));
  EXPECT_EQ(named.code(), "InvalidLocationConstraint");
  EXPECT_EQ(Error("CreateBucket", WithConstraint("bad-bucket", "moon-base")).code(), "InvalidLocationConstraint");
  EXPECT_EQ(Error("HeadBucket", Doc({{"Bucket", "east-bucket"}})).code(), "NoSuchBucket");
}

TEST_F(BucketOperationsTest, BucketNamesFollowAwsRules) {
  for (const char* bad :
       {"ab", "Upper-case", "under_score", "-leading", "trailing-", "two..dots", "192.168.5.4", "xn--punycode",
        "name-s3alias", "a-very-long-name-that-goes-on-and-on-and-on-well-past-the-limit-x"}) {
    Status status = Error("CreateBucket", Doc({{"Bucket", bad}}));
    EXPECT_EQ(status.code(), "InvalidBucketName") << bad;
    EXPECT_EQ(status.http_status(), 400);
    EXPECT_EQ(Detail(status, "BucketName"), bad);
  }
  for (const char* good : {"abc", "my.bucket.name", "bucket-1", "1bucket"}) {
    EXPECT_TRUE(Error("CreateBucket", Doc({{"Bucket", good}})).ok()) << good;
  }
}

TEST_F(BucketOperationsTest, RecreatingYourBucket) {
  CreateBucket("mine");
  // us-east-1 keeps its legacy answer: 200, and the ACL is reset.
  EXPECT_EQ(Ok("CreateBucket", Doc({{"Bucket", "mine"}}))["Location"].AsString(), "/mine");

  Ok("CreateBucket", WithConstraint("mine-eu", "eu-west-1"), "eu-west-1");
  Status again = Error("CreateBucket", WithConstraint("mine-eu", "eu-west-1"), "eu-west-1");
  EXPECT_EQ(again.code(), "BucketAlreadyOwnedByYou");
  EXPECT_EQ(again.http_status(), 409);
  EXPECT_EQ(Detail(again, "BucketName"), "mine-eu");
}

TEST_F(BucketOperationsTest, DeleteBucket) {
  CreateBucket("doomed");
  Ok("PutBucketTagging",
     Doc({{"Bucket", "doomed"}, {"Tagging", Doc({{"TagSet", List({Doc({{"Key", "k"}, {"Value", "v"}})})}})}}));
  EXPECT_EQ(Ok("DeleteBucket", Doc({{"Bucket", "doomed"}})), Document::Map());

  Status head = Error("HeadBucket", Doc({{"Bucket", "doomed"}}));
  EXPECT_EQ(head.code(), "NoSuchBucket");
  EXPECT_EQ(head.http_status(), 404);
  Status again = Error("DeleteBucket", Doc({{"Bucket", "doomed"}}));
  EXPECT_EQ(again.code(), "NoSuchBucket");
  EXPECT_EQ(Detail(again, "BucketName"), "doomed");

  CreateBucket("doomed");
  EXPECT_EQ(Error("GetBucketTagging", Doc({{"Bucket", "doomed"}})).code(), "NoSuchTagSet")
      << "a recreated bucket starts without the old configuration";
}

TEST_F(BucketOperationsTest, DeleteBucketRefusesWhileVersionsOrUploadsRemain) {
  CreateBucket("full");
  S3State state(*store_, ids_);
  ObjectVersion marker;
  marker.bucket = "full";
  marker.key = "k";
  marker.version_id = "v1";
  marker.delete_marker = true;
  core::WriteBatch batch;
  state.PutVersion(batch, marker);
  ASSERT_TRUE(store_->Commit(std::move(batch)).ok());

  Status refused = Error("DeleteBucket", Doc({{"Bucket", "full"}}));
  EXPECT_EQ(refused.code(), "BucketNotEmpty");
  EXPECT_EQ(refused.http_status(), 409);
  EXPECT_EQ(Detail(refused, "BucketName"), "full");

  core::WriteBatch removal;
  state.DeleteVersion(removal, marker);
  MultipartUpload upload;
  upload.bucket = "full";
  upload.key = "k";
  upload.upload_id = "u";
  state.PutUpload(removal, upload);
  ASSERT_TRUE(store_->Commit(std::move(removal)).ok());
  EXPECT_EQ(Error("DeleteBucket", Doc({{"Bucket", "full"}})).code(), "BucketNotEmpty");
}

TEST_F(BucketOperationsTest, ExpectedBucketOwnerMustBeTheAccount) {
  CreateBucket("owned");
  EXPECT_TRUE(Error("HeadBucket", Doc({{"Bucket", "owned"}, {"ExpectedBucketOwner", kAccount}})).ok());
  Status other = Error("HeadBucket", Doc({{"Bucket", "owned"}, {"ExpectedBucketOwner", "999999999999"}}));
  EXPECT_EQ(other.code(), "AccessDenied");
  EXPECT_EQ(other.http_status(), 403);
}

TEST_F(BucketOperationsTest, ListBucketsAll) {
  CreateBucket("bravo");
  clock_.Advance(std::chrono::seconds(5));
  CreateBucket("alpha");

  Document output = Ok("ListBuckets", Document::Map());
  const auto& buckets = output["Buckets"].AsList();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0]["Name"].AsString(), "alpha");
  EXPECT_EQ(buckets[0]["CreationDate"].AsTimestampMillis(), kStartMillis + 5000);
  EXPECT_EQ(buckets[1]["Name"].AsString(), "bravo");
  EXPECT_EQ(buckets[1]["CreationDate"].AsTimestampMillis(), kStartMillis);
  EXPECT_FALSE(buckets[0].Has("BucketRegion")) << "regions come with paginated listings only";
  EXPECT_EQ(output["Owner"]["ID"].AsString().size(), 64u);
  EXPECT_EQ(output["Owner"]["DisplayName"].AsString(), kAccount);
  EXPECT_FALSE(output.Has("ContinuationToken"));
}

TEST_F(BucketOperationsTest, ListBucketsPaginatesAndFilters) {
  for (const char* name : {"app-1", "app-2", "app-3", "logs-1"}) CreateBucket(name);
  Ok("CreateBucket", WithConstraint("app-eu", "eu-west-1"), "eu-west-1");

  Document first = Ok("ListBuckets", Doc({{"MaxBuckets", 2}, {"Prefix", "app-"}}));
  ASSERT_EQ(first["Buckets"].size(), 2u);
  EXPECT_EQ(first["Buckets"].AsList()[0]["Name"].AsString(), "app-1");
  EXPECT_EQ(first["Buckets"].AsList()[0]["BucketRegion"].AsString(), "us-east-1");
  EXPECT_EQ(first["Prefix"].AsString(), "app-");
  ASSERT_TRUE(first.Has("ContinuationToken"));

  Document second = Ok("ListBuckets",
                       Doc({{"MaxBuckets", 2}, {"Prefix", "app-"}, {"ContinuationToken", first["ContinuationToken"]}}));
  ASSERT_EQ(second["Buckets"].size(), 2u);
  EXPECT_EQ(second["Buckets"].AsList()[0]["Name"].AsString(), "app-3");
  EXPECT_EQ(second["Buckets"].AsList()[1]["Name"].AsString(), "app-eu");
  EXPECT_FALSE(second.Has("ContinuationToken"));

  Document europe = Ok("ListBuckets", Doc({{"BucketRegion", "eu-west-1"}}));
  ASSERT_EQ(europe["Buckets"].size(), 1u);
  EXPECT_EQ(europe["Buckets"].AsList()[0]["Name"].AsString(), "app-eu");

  EXPECT_EQ(Error("ListBuckets", Doc({{"MaxBuckets", 0}})).code(), "InvalidArgument");
  EXPECT_EQ(Error("ListBuckets", Doc({{"ContinuationToken", "!!!"}})).code(), "InvalidArgument");
}

TEST_F(BucketOperationsTest, VersioningStartsUnsetThenEnabledThenSuspended) {
  CreateBucket("versions");
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "versions"}})), Document::Map());

  Ok("PutBucketVersioning", Doc({{"Bucket", "versions"}, {"VersioningConfiguration", Doc({{"Status", "Enabled"}})}}));
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "versions"}})), Doc({{"Status", "Enabled"}}));
  Ok("PutBucketVersioning", Doc({{"Bucket", "versions"}, {"VersioningConfiguration", Doc({{"Status", "Suspended"}})}}));
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "versions"}})), Doc({{"Status", "Suspended"}}));

  EXPECT_EQ(Error("PutBucketVersioning",
                  Doc({{"Bucket", "versions"}, {"VersioningConfiguration", Doc({{"Status", "Disabled"}})}}))
                .code(),
            "MalformedXML");
  EXPECT_EQ(Error("GetBucketVersioning", Doc({{"Bucket", "nope"}})).code(), "NoSuchBucket");
}

TEST_F(BucketOperationsTest, MfaDeleteNeedsTheMfaHeader) {
  CreateBucket("mfa");
  Document enable =
      Doc({{"Bucket", "mfa"}, {"VersioningConfiguration", Doc({{"Status", "Enabled"}, {"MFADelete", "Enabled"}})}});
  EXPECT_EQ(Error("PutBucketVersioning", enable).code(), "AccessDenied");
  enable.Set("MFA", "arn:aws:iam::123456789012:mfa/root 123456");
  Ok("PutBucketVersioning", enable);
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "mfa"}})),
            Doc({{"Status", "Enabled"}, {"MFADelete", "Enabled"}}));
}

TEST_F(BucketOperationsTest, ObjectLockBucketsAreVersionedForGood) {
  Ok("CreateBucket", Doc({{"Bucket", "locked"}, {"ObjectLockEnabledForBucket", true}}));
  EXPECT_EQ(Ok("GetBucketVersioning", Doc({{"Bucket", "locked"}}))["Status"].AsString(), "Enabled");
  Status suspend = Error("PutBucketVersioning",
                         Doc({{"Bucket", "locked"}, {"VersioningConfiguration", Doc({{"Status", "Suspended"}})}}));
  EXPECT_EQ(suspend.code(), "InvalidBucketState");
  EXPECT_EQ(suspend.http_status(), 409);
  EXPECT_EQ(
      Ok("GetObjectLockConfiguration", Doc({{"Bucket", "locked"}}))["ObjectLockConfiguration"]["ObjectLockEnabled"]
          .AsString(),
      "Enabled");
}

TEST_F(BucketOperationsTest, DefaultAclIsOwnerFullControl) {
  CreateBucket("acl-bucket");
  Document acl = Ok("GetBucketAcl", Doc({{"Bucket", "acl-bucket"}}));
  Document owner = Ok("ListBuckets", Document::Map())["Owner"];
  EXPECT_EQ(acl["Owner"], owner);
  ASSERT_EQ(acl["Grants"].size(), 1u);
  const Document& grant = acl["Grants"].AsList()[0];
  EXPECT_EQ(grant["Permission"].AsString(), "FULL_CONTROL");
  EXPECT_EQ(grant["Grantee"]["Type"].AsString(), "CanonicalUser");
  EXPECT_EQ(grant["Grantee"]["ID"], owner["ID"]);
}

TEST_F(BucketOperationsTest, AclsNeedObjectOwnershipThatAllowsThem) {
  Status enforced = Error("CreateBucket", Doc({{"Bucket", "pub"}, {"ACL", "authenticated-read"}}));
  EXPECT_EQ(enforced.code(), "InvalidBucketAclWithObjectOwnership");
  Status blocked =
      Error("CreateBucket", Doc({{"Bucket", "pub"}, {"ACL", "public-read"}, {"ObjectOwnership", "ObjectWriter"}}));
  EXPECT_EQ(blocked.code(), "InvalidBucketAclWithBlockPublicAccessError");

  CreateBucket("pub");
  Status not_supported = Error("PutBucketAcl", Doc({{"Bucket", "pub"}, {"ACL", "public-read"}}));
  EXPECT_EQ(not_supported.code(), "AccessControlListNotSupported");
  EXPECT_EQ(not_supported.http_status(), 400);
  EXPECT_TRUE(Error("PutBucketAcl", Doc({{"Bucket", "pub"}, {"ACL", "private"}})).ok())
      << "an owner-only ACL is accepted with ACLs disabled";

  Ok("PutBucketOwnershipControls",
     Doc({{"Bucket", "pub"},
          {"OwnershipControls", Doc({{"Rules", List({Doc({{"ObjectOwnership", "ObjectWriter"}})})}})}}));
  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "pub"}, {"ACL", "public-read"}})).code(), "AccessDenied")
      << "Block Public Access is on by default";
  Ok("DeletePublicAccessBlock", Doc({{"Bucket", "pub"}}));
  Ok("PutBucketAcl", Doc({{"Bucket", "pub"}, {"ACL", "public-read"}}));

  Document acl = Ok("GetBucketAcl", Doc({{"Bucket", "pub"}}));
  ASSERT_EQ(acl["Grants"].size(), 2u);
  const Document& public_grant = acl["Grants"].AsList()[1];
  EXPECT_EQ(public_grant["Grantee"]["Type"].AsString(), "Group");
  EXPECT_EQ(public_grant["Grantee"]["URI"].AsString(), "http://acs.amazonaws.com/groups/global/AllUsers");
  EXPECT_EQ(public_grant["Permission"].AsString(), "READ");

  Status enforce_again =
      Error("PutBucketOwnershipControls",
            Doc({{"Bucket", "pub"},
                 {"OwnershipControls", Doc({{"Rules", List({Doc({{"ObjectOwnership", "BucketOwnerEnforced"}})})}})}}));
  EXPECT_EQ(enforce_again.code(), "InvalidBucketAclWithObjectOwnership");
}

TEST_F(BucketOperationsTest, PutBucketAclFromGrantHeadersAndPolicyBody) {
  Ok("CreateBucket", Doc({{"Bucket", "grants"}, {"ObjectOwnership", "BucketOwnerPreferred"}}));
  Ok("DeletePublicAccessBlock", Doc({{"Bucket", "grants"}}));
  Document owner = Ok("GetBucketAcl", Doc({{"Bucket", "grants"}}))["Owner"];
  std::string other_user(64, 'a');

  Ok("PutBucketAcl",
     Doc({{"Bucket", "grants"},
          {"GrantRead", "uri=\"http://acs.amazonaws.com/groups/s3/LogDelivery\", id=\"" + other_user + "\""},
          {"GrantFullControl", "id=\"" + owner["ID"].AsString() + "\""}}));
  Document acl = Ok("GetBucketAcl", Doc({{"Bucket", "grants"}}));
  ASSERT_EQ(acl["Grants"].size(), 3u);
  const Document& owner_grant = acl["Grants"].AsList()[0];  // x-amz-grant-full-control comes first
  EXPECT_EQ(owner_grant["Permission"].AsString(), "FULL_CONTROL");
  EXPECT_EQ(owner_grant["Grantee"]["DisplayName"], owner["DisplayName"]);
  EXPECT_EQ(acl["Grants"].AsList()[1]["Grantee"]["URI"].AsString(), "http://acs.amazonaws.com/groups/s3/LogDelivery");
  EXPECT_EQ(acl["Grants"].AsList()[2]["Grantee"]["ID"].AsString(), other_user);
  EXPECT_FALSE(acl["Grants"].AsList()[2]["Grantee"].Has("DisplayName"));

  Document policy = Doc({{"Owner", owner},
                         {"Grants", List({Doc({{"Grantee", Doc({{"Type", "CanonicalUser"}, {"ID", other_user}})},
                                               {"Permission", "WRITE_ACP"}})})}});
  Ok("PutBucketAcl", Doc({{"Bucket", "grants"}, {"AccessControlPolicy", policy}}));
  acl = Ok("GetBucketAcl", Doc({{"Bucket", "grants"}}));
  ASSERT_EQ(acl["Grants"].size(), 1u);
  EXPECT_EQ(acl["Grants"].AsList()[0]["Permission"].AsString(), "WRITE_ACP");

  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "grants"}})).code(), "MissingSecurityHeader");
  EXPECT_EQ(
      Error("PutBucketAcl", Doc({{"Bucket", "grants"}, {"ACL", "private"}, {"AccessControlPolicy", policy}})).code(),
      "UnexpectedContent");
  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "grants"}, {"ACL", "private"}, {"GrantRead", "id=\"x\""}})).code(),
            "InvalidRequest");
  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "grants"}, {"GrantRead", "id=\"short\""}})).code(),
            "InvalidArgument");
  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "grants"}, {"GrantRead", "emailAddress=\"a@b.c\""}})).code(),
            "UnresolvableGrantByEmailAddress");
  EXPECT_EQ(Error("PutBucketAcl", Doc({{"Bucket", "grants"}, {"ACL", "everyone"}})).code(), "InvalidArgument");
}

TEST_F(BucketOperationsTest, CreateBucketWithTags) {
  Document tags = List({Doc({{"Key", "team"}, {"Value", "storage"}}), Doc({{"Key", "env"}, {"Value", "test"}})});
  Ok("CreateBucket", Doc({{"Bucket", "tagged"}, {"CreateBucketConfiguration", Doc({{"Tags", tags}})}}));
  Document tagging = Ok("GetBucketTagging", Doc({{"Bucket", "tagged"}}));
  ASSERT_EQ(tagging["TagSet"].size(), 2u);
  EXPECT_EQ(tagging["TagSet"].AsList()[0]["Key"].AsString(), "env");
}

}  // namespace
}  // namespace cloudemu::services::s3
