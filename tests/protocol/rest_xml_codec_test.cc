#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "protocol/rest_codecs.h"
#include "protocol/service_model.h"
#include "protocol/xml.h"

namespace cloudemu::protocol {
namespace {

using core::Blob;
using core::Document;
using core::Timestamp;

class RestXmlCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = FindModel("s3");
    ASSERT_NE(model_, nullptr);
  }

  static HttpRequest Request(std::string method, std::string path, std::string query = "",
                             std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = "") {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = ParseQueryString(query, false);
    for (auto& [name, value] : headers) request.headers.Set(name, value);
    // As every SDK does: a body goes with its Content-MD5 (S3 requires one
    // on DeleteObjects, Put*Configuration ...).
    if (!body.empty() && !request.headers.Has("content-md5")) {
      request.headers.Set("content-md5", core::Base64Encode(core::Md5(body)));
    }
    request.body = std::move(body);
    return request;
  }

  DecodedRequest MustDecode(const HttpRequest& request) {
    auto decoded = RestXmlCodec().Decode(*model_, request);
    EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
    return decoded.ok() ? *decoded : DecodedRequest{};
  }

  std::string OperationOf(const HttpRequest& request) {
    auto decoded = RestXmlCodec().Decode(*model_, request);
    if (!decoded.ok()) return "error:" + decoded.status().code();
    return std::string(decoded->operation->name);
  }

  HttpResponse Encode(std::string_view operation, const Document& output, std::string method = "GET") {
    const Operation* op = model_->FindOperation(operation);
    EXPECT_NE(op, nullptr) << operation;
    return RestXmlCodec().EncodeOutput(*model_, *op, output, ResponseContext{"REQ123", std::move(method)});
  }

  static xml::Element MustParse(const std::string& body) {
    auto parsed = xml::Parse(body);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << body;
    return parsed.ok() ? *parsed : xml::Element{};
  }

  const ServiceModel* model_ = nullptr;
};

TEST_F(RestXmlCodecTest, DecodesPutObject) {
  DecodedRequest decoded = MustDecode(Request("PUT", "/my-bucket/photos/2024/cat%20pic.jpg", "",
                                              {{"Content-Type", "image/jpeg"},
                                               {"Content-Length", "5"},
                                               {"Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="},
                                               {"x-amz-checksum-crc32", "NhCmhg=="},
                                               {"x-amz-meta-Color", "blue"},
                                               {"x-amz-meta-owner", "team a"},
                                               {"x-amz-storage-class", "STANDARD_IA"}},
                                              "hello"));
  ASSERT_NE(decoded.operation, nullptr);
  EXPECT_EQ(decoded.operation->name, "PutObject");
  const Document& in = decoded.input;
  EXPECT_EQ(in["Bucket"].AsString(), "my-bucket");
  EXPECT_EQ(in["Key"].AsString(), "photos/2024/cat pic.jpg");
  EXPECT_EQ(in["ContentType"].AsString(), "image/jpeg");
  EXPECT_EQ(in["ContentLength"], Document(int64_t{5}));
  EXPECT_EQ(in["ContentMD5"].AsString(), "XUFAKrxLKna5cZ2REBfFkg==");
  EXPECT_EQ(in["ChecksumCRC32"].AsString(), "NhCmhg==");
  EXPECT_EQ(in["StorageClass"].AsString(), "STANDARD_IA");
  EXPECT_EQ(in["Body"], Document(Blob{"hello"}));
  Document metadata = Document::Map();
  metadata.Set("color", "blue");
  metadata.Set("owner", "team a");
  EXPECT_EQ(in["Metadata"], metadata);
  EXPECT_FALSE(in.Has("CopySource"));
}

TEST_F(RestXmlCodecTest, DecodesGetObjectWithConditionsAndOverrides) {
  DecodedRequest decoded = MustDecode(
      Request("GET", "/b/k.txt", "response-content-type=text%2Fplain&versionId=v1&partNumber=3",
              {{"Range", "bytes=0-9"},
               {"If-None-Match", "\"abc\""},
               {"If-Modified-Since", "Sat, 28 Nov 2026 19:55:42 GMT"}}));
  ASSERT_NE(decoded.operation, nullptr);
  EXPECT_EQ(decoded.operation->name, "GetObject");
  const Document& in = decoded.input;
  EXPECT_EQ(in["Range"].AsString(), "bytes=0-9");
  EXPECT_EQ(in["IfNoneMatch"].AsString(), "\"abc\"");
  EXPECT_EQ(in["ResponseContentType"].AsString(), "text/plain");
  EXPECT_EQ(in["VersionId"].AsString(), "v1");
  EXPECT_EQ(in["PartNumber"], Document(int64_t{3}));
  ASSERT_TRUE(in["IfModifiedSince"].is_timestamp());
  EXPECT_EQ(in["IfModifiedSince"].AsTimestampMillis(), 1795895742000);
}

TEST_F(RestXmlCodecTest, InvalidHttpDateHeadersAreIgnored) {
  DecodedRequest decoded = MustDecode(Request("GET", "/b/k", "", {{"If-Modified-Since", "yesterday"}}));
  EXPECT_FALSE(decoded.input.Has("IfModifiedSince"));
}

TEST_F(RestXmlCodecTest, DecodesListObjectsV2) {
  DecodedRequest decoded =
      MustDecode(Request("GET", "/b", "list-type=2&prefix=logs%2F&continuation-token=abc%3D&max-keys=5&delimiter=%2F"));
  ASSERT_NE(decoded.operation, nullptr);
  EXPECT_EQ(decoded.operation->name, "ListObjectsV2");
  const Document& in = decoded.input;
  EXPECT_EQ(in["Bucket"].AsString(), "b");
  EXPECT_EQ(in["Prefix"].AsString(), "logs/");
  EXPECT_EQ(in["ContinuationToken"].AsString(), "abc=");
  EXPECT_EQ(in["Delimiter"].AsString(), "/");
  EXPECT_EQ(in["MaxKeys"], Document(int64_t{5}));
  EXPECT_EQ(OperationOf(Request("GET", "/b", "prefix=x")), "ListObjects");
  EXPECT_EQ(OperationOf(Request("GET", "/b/", "list-type=2")), "ListObjectsV2");
}

TEST_F(RestXmlCodecTest, BadIntegerIsInvalidArgument) {
  auto decoded = RestXmlCodec().Decode(*model_, Request("GET", "/b", "list-type=2&max-keys=lots"));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), "InvalidArgument");
  EXPECT_EQ(decoded.status().http_status(), 400);
}

TEST_F(RestXmlCodecTest, SelectsTheMostSpecificOperation) {
  EXPECT_EQ(OperationOf(Request("GET", "/b/k", "uploadId=u1")), "ListParts");
  EXPECT_EQ(OperationOf(Request("GET", "/b/k")), "GetObject");
  EXPECT_EQ(OperationOf(Request("PUT", "/b/k", "partNumber=2&uploadId=u1")), "UploadPart");
  EXPECT_EQ(OperationOf(Request("PUT", "/b/k", "partNumber=2")), "PutObject");
  EXPECT_EQ(OperationOf(Request("PUT", "/b/k", "", {{"x-amz-copy-source", "/src/key"}})), "CopyObject");
  EXPECT_EQ(OperationOf(Request("PUT", "/b/k", "partNumber=1&uploadId=u", {{"x-amz-copy-source", "/src/key"}})),
            "UploadPartCopy");
  EXPECT_EQ(OperationOf(Request("POST", "/b/k", "uploads")), "CreateMultipartUpload");
  EXPECT_EQ(OperationOf(Request("POST", "/b/k", "uploadId=u")), "CompleteMultipartUpload");
  EXPECT_EQ(OperationOf(Request("DELETE", "/b/k", "uploadId=u")), "AbortMultipartUpload");
  EXPECT_EQ(OperationOf(Request("DELETE", "/b/k")), "DeleteObject");
  EXPECT_EQ(OperationOf(Request("GET", "/b/k", "tagging")), "GetObjectTagging");
  EXPECT_EQ(OperationOf(Request("GET", "/b", "tagging")), "GetBucketTagging");
  EXPECT_EQ(OperationOf(Request("GET", "/b", "uploads")), "ListMultipartUploads");
  EXPECT_EQ(OperationOf(Request("GET", "/b", "versions")), "ListObjectVersions");
  EXPECT_EQ(OperationOf(Request("GET", "/b", "location")), "GetBucketLocation");
  EXPECT_EQ(OperationOf(Request("HEAD", "/b")), "HeadBucket");
  EXPECT_EQ(OperationOf(Request("HEAD", "/b/k")), "HeadObject");
  EXPECT_EQ(OperationOf(Request("DELETE", "/b")), "DeleteBucket");
  // Required query members decide between List and Get of the same sub-resource.
  EXPECT_EQ(OperationOf(Request("GET", "/b", "analytics")), "ListBucketAnalyticsConfigurations");
  EXPECT_EQ(OperationOf(Request("GET", "/b", "analytics&id=a1")), "GetBucketAnalyticsConfiguration");
  // Deprecated operations lose ties to their successors.
  EXPECT_EQ(OperationOf(Request("GET", "/b", "lifecycle")), "GetBucketLifecycleConfiguration");
  EXPECT_EQ(OperationOf(Request("PUT", "/b", "notification", {}, "<NotificationConfiguration/>")),
            "PutBucketNotificationConfiguration");
  EXPECT_EQ(OperationOf(Request("GET", "/")), "ListBuckets");
}

TEST_F(RestXmlCodecTest, GreedyKeysKeepSlashesAndDecodeEscapes) {
  DecodedRequest decoded = MustDecode(Request("GET", "/b/a%20b/c%2Fd/%E2%82%AC+x.txt"));
  EXPECT_EQ(decoded.input["Key"].AsString(), "a b/c/d/\xE2\x82\xAC+x.txt");
  EXPECT_EQ(MustDecode(Request("PUT", "/b/dir/", "", {}, "")).input["Key"].AsString(), "dir/");
  EXPECT_EQ(MustDecode(Request("GET", "/b//leading")).input["Key"].AsString(), "/leading");
  // The trailing slash of a bucket path does not make an empty key.
  DecodedRequest bucket = MustDecode(Request("GET", "/b/"));
  EXPECT_EQ(bucket.operation->name, "ListObjects");
  EXPECT_EQ(bucket.input["Bucket"].AsString(), "b");
  EXPECT_FALSE(bucket.input.Has("Key"));
}

TEST_F(RestXmlCodecTest, PresignParametersDoNotDisturbRouting) {
  DecodedRequest decoded = MustDecode(Request(
      "GET", "/b/k",
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261128%2Fus-east-1%2Fs3%2Faws4_request"
      "&X-Amz-Date=20261128T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&x-id=GetObject"));
  EXPECT_EQ(decoded.operation->name, "GetObject");
  EXPECT_EQ(decoded.input["Key"].AsString(), "k");
}

TEST_F(RestXmlCodecTest, DecodesPutBucketTaggingBody) {
  DecodedRequest decoded = MustDecode(
      Request("PUT", "/b", "tagging", {{"Content-MD5", "abc"}},
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
              "<Tag><Key>env</Key><Value>prod</Value></Tag><Tag><Key>team</Key><Value>a &amp; b</Value></Tag>"
              "</TagSet></Tagging>"));
  EXPECT_EQ(decoded.operation->name, "PutBucketTagging");
  const Document& tags = decoded.input["Tagging"]["TagSet"];
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags.AsList()[0]["Key"].AsString(), "env");
  EXPECT_EQ(tags.AsList()[1]["Value"].AsString(), "a & b");
  EXPECT_EQ(decoded.input["ContentMD5"].AsString(), "abc");
}

TEST_F(RestXmlCodecTest, DecodesDeleteObjectsBody) {
  DecodedRequest decoded =
      MustDecode(Request("POST", "/b", "delete", {},
                         "<Delete><Object><Key>a.txt</Key></Object>"
                         "<Object><Key>b/c.txt</Key><VersionId>v2</VersionId></Object><Quiet>true</Quiet></Delete>"));
  EXPECT_EQ(decoded.operation->name, "DeleteObjects");
  const Document& del = decoded.input["Delete"];
  ASSERT_EQ(del["Objects"].size(), 2u);
  EXPECT_EQ(del["Objects"].AsList()[0]["Key"].AsString(), "a.txt");
  EXPECT_EQ(del["Objects"].AsList()[1]["Key"].AsString(), "b/c.txt");
  EXPECT_EQ(del["Objects"].AsList()[1]["VersionId"].AsString(), "v2");
  EXPECT_EQ(del["Quiet"], Document(true));
}

TEST_F(RestXmlCodecTest, DecodesCreateBucketWithAndWithoutConfiguration) {
  DecodedRequest plain = MustDecode(Request("PUT", "/new-bucket", "", {{"x-amz-acl", "private"}}));
  EXPECT_EQ(plain.operation->name, "CreateBucket");
  EXPECT_EQ(plain.input["Bucket"].AsString(), "new-bucket");
  EXPECT_EQ(plain.input["ACL"].AsString(), "private");
  EXPECT_FALSE(plain.input.Has("CreateBucketConfiguration"));

  DecodedRequest located = MustDecode(Request(
      "PUT", "/new-bucket/", "", {},
      "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"));
  EXPECT_EQ(located.operation->name, "CreateBucket");
  EXPECT_EQ(located.input["CreateBucketConfiguration"]["LocationConstraint"].AsString(), "eu-west-1");

  DecodedRequest empty = MustDecode(Request("PUT", "/new-bucket", "", {}, "<CreateBucketConfiguration/>"));
  EXPECT_TRUE(empty.input["CreateBucketConfiguration"].is_map());
}

TEST_F(RestXmlCodecTest, DecodesXmlAttributesAndWrappedLists) {
  DecodedRequest decoded = MustDecode(Request(
      "PUT", "/b", "acl", {},
      "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Owner><ID>owner-id</ID></Owner><AccessControlList>"
      "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
      "<ID>owner-id</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
      "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
      "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>"
      "</AccessControlList></AccessControlPolicy>"));
  EXPECT_EQ(decoded.operation->name, "PutBucketAcl");
  const Document& policy = decoded.input["AccessControlPolicy"];
  EXPECT_EQ(policy["Owner"]["ID"].AsString(), "owner-id");
  ASSERT_EQ(policy["Grants"].size(), 2u);
  EXPECT_EQ(policy["Grants"].AsList()[0]["Grantee"]["Type"].AsString(), "CanonicalUser");
  EXPECT_EQ(policy["Grants"].AsList()[1]["Grantee"]["Type"].AsString(), "Group");
  EXPECT_EQ(policy["Grants"].AsList()[1]["Permission"].AsString(), "READ");
}

TEST_F(RestXmlCodecTest, RejectsBadBodies) {
  auto malformed = RestXmlCodec().Decode(*model_, Request("PUT", "/b", "tagging", {}, "<Tagging><TagSet></Tagging>"));
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), "MalformedXML");
  EXPECT_EQ(malformed.status().http_status(), 400);

  auto wrong_root = RestXmlCodec().Decode(*model_, Request("PUT", "/b", "tagging", {}, "<Other/>"));
  ASSERT_FALSE(wrong_root.ok());
  EXPECT_EQ(wrong_root.status().code(), "MalformedXML");

  auto bad_boolean =
      RestXmlCodec().Decode(*model_, Request("POST", "/b", "delete", {}, "<Delete><Quiet>maybe</Quiet></Delete>"));
  ASSERT_FALSE(bad_boolean.ok());
  EXPECT_EQ(bad_boolean.status().code(), "MalformedXML");

  auto xxe = RestXmlCodec().Decode(
      *model_, Request("PUT", "/b", "tagging", {},
                       "<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Tagging><TagSet><Tag>"
                       "<Key>&x;</Key><Value>v</Value></Tag></TagSet></Tagging>"));
  ASSERT_FALSE(xxe.ok());
  EXPECT_EQ(xxe.status().code(), "MalformedXML");

  auto missing = RestXmlCodec().Decode(
      *model_, Request("PUT", "/b", "tagging", {{"content-md5", core::Base64Encode(core::Md5(""))}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "MissingRequestBodyError");
}

TEST_F(RestXmlCodecTest, UnknownOperations) {
  auto patch = RestXmlCodec().Decode(*model_, Request("PATCH", "/b/k"));
  ASSERT_FALSE(patch.ok());
  EXPECT_EQ(patch.status().code(), "MethodNotAllowed");
  EXPECT_EQ(patch.status().http_status(), 405);
  ASSERT_EQ(patch.status().details().size(), 2u);
  EXPECT_EQ(patch.status().details()[1].second, "OBJECT");

  auto post = RestXmlCodec().Decode(*model_, Request("POST", "/b/k"));
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.status().code(), "MethodNotAllowed");

  auto unparsable = RestXmlCodec().Decode(*model_, Request("GET", "//"));
  ASSERT_FALSE(unparsable.ok());
  EXPECT_EQ(unparsable.status().code(), "InvalidURI");
}

TEST_F(RestXmlCodecTest, EncodesListObjectsV2) {
  Document output = Document::Map();
  output.Set("IsTruncated", true);
  output.Set("Name", "b");
  output.Set("Prefix", "");
  output.Set("Delimiter", "/");
  output.Set("MaxKeys", 2);
  output.Set("KeyCount", 2);
  output.Set("NextContinuationToken", "tok");
  Document contents = Document::List();
  for (const char* key : {"a.txt", "b&c.txt"}) {
    Document object = Document::Map();
    object.Set("Key", key);
    object.Set("LastModified", Timestamp{1795895742123});
    object.Set("ETag", "\"etag\"");
    object.Set("Size", int64_t{11});
    object.Set("StorageClass", "STANDARD");
    contents.Append(std::move(object));
  }
  output.Set("Contents", std::move(contents));
  Document prefixes = Document::List();
  Document prefix = Document::Map();
  prefix.Set("Prefix", "logs/");
  prefixes.Append(std::move(prefix));
  output.Set("CommonPrefixes", std::move(prefixes));

  HttpResponse response = Encode("ListObjectsV2", output);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.Get("Content-Type"), "application/xml");
  EXPECT_EQ(response.headers.Get("Content-Length"), std::to_string(response.body.size()));
  EXPECT_EQ(response.headers.Get("x-amz-request-id"), "REQ123");
  EXPECT_FALSE(response.headers.Get("x-amz-id-2").empty());
  xml::Element root = MustParse(response.body);
  EXPECT_EQ(root.name, "ListBucketResult");
  ASSERT_NE(root.Attribute("xmlns"), nullptr);
  EXPECT_EQ(*root.Attribute("xmlns"), "http://s3.amazonaws.com/doc/2006-03-01/");
  EXPECT_EQ(root.Child("IsTruncated")->text, "true");
  EXPECT_EQ(root.Child("MaxKeys")->text, "2");
  EXPECT_EQ(root.Child("Prefix")->text, "");
  auto items = root.Children("Contents");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]->Child("Key")->text, "b&c.txt");
  EXPECT_EQ(items[0]->Child("LastModified")->text, "2026-11-28T19:55:42.123Z");
  EXPECT_EQ(items[0]->Child("Size")->text, "11");
  auto common = root.Children("CommonPrefixes");
  ASSERT_EQ(common.size(), 1u);
  EXPECT_EQ(common[0]->Child("Prefix")->text, "logs/");
  EXPECT_EQ(root.Child("ContinuationToken"), nullptr);  // absent members are not written
  // Model order: Contents comes before Name.
  EXPECT_LT(response.body.find("<Contents>"), response.body.find("<Name>"));
}

TEST_F(RestXmlCodecTest, EncodesGetObjectHeadersAndRawBody) {
  Document output = Document::Map();
  output.Set("Body", Blob{"0123456789"});
  output.Set("ContentType", "text/plain");
  output.Set("ContentLength", int64_t{10});
  output.Set("ETag", "\"e\"");
  output.Set("LastModified", Timestamp{1795895742000});
  output.Set("AcceptRanges", "bytes");
  output.Set("DeleteMarker", false);
  Document metadata = Document::Map();
  metadata.Set("color", "blue");
  output.Set("Metadata", std::move(metadata));

  HttpResponse full = Encode("GetObject", output);
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(full.body, "0123456789");
  EXPECT_EQ(full.headers.Get("content-type"), "text/plain");
  EXPECT_EQ(full.headers.Get("content-length"), "10");
  EXPECT_EQ(full.headers.Get("etag"), "\"e\"");
  EXPECT_EQ(full.headers.Get("last-modified"), "Sat, 28 Nov 2026 19:55:42 GMT");
  EXPECT_EQ(full.headers.Get("x-amz-meta-color"), "blue");
  EXPECT_EQ(full.headers.Get("accept-ranges"), "bytes");
  EXPECT_EQ(full.headers.Get("x-amz-delete-marker"), "false");

  output.Set("ContentRange", "bytes 0-9/100");
  HttpResponse partial = Encode("GetObject", output);
  EXPECT_EQ(partial.status, 206);
  EXPECT_EQ(partial.headers.Get("content-range"), "bytes 0-9/100");

  Document no_type = Document::Map();
  no_type.Set("Body", Blob{"x"});
  EXPECT_FALSE(Encode("GetObject", no_type).headers.Has("content-type"));
}

TEST_F(RestXmlCodecTest, EncodesHeaderOnlyOutputsAndResponseCodes) {
  Document put = Document::Map();
  put.Set("ETag", "\"abc\"");
  put.Set("VersionId", "v1");
  HttpResponse response = Encode("PutObject", put, "PUT");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(response.headers.Get("content-length"), "0");
  EXPECT_EQ(response.headers.Get("x-amz-version-id"), "v1");

  EXPECT_EQ(Encode("DeleteObject", Document::Map(), "DELETE").status, 204);

  Document head = Document::Map();
  head.Set("ContentLength", int64_t{42});
  head.Set("ContentType", "image/png");
  HttpResponse head_response = Encode("HeadObject", head, "HEAD");
  EXPECT_EQ(head_response.body, "");
  EXPECT_EQ(head_response.headers.Get("content-length"), "42");
}

TEST_F(RestXmlCodecTest, EncodesPayloadStructuresAndSpecialRoots) {
  Document tagging = Document::Map();
  Document tag = Document::Map();
  tag.Set("Key", "k");
  tag.Set("Value", "v");
  Document tags = Document::List();
  tags.Append(tag);
  tagging.Set("TagSet", tags);
  xml::Element root = MustParse(Encode("GetBucketTagging", tagging).body);
  EXPECT_EQ(root.name, "Tagging");
  EXPECT_EQ(root.Child("TagSet")->Child("Tag")->Child("Key")->text, "k");

  Document location = Document::Map();
  location.Set("LocationConstraint", "eu-west-1");
  HttpResponse located = Encode("GetBucketLocation", location);
  EXPECT_EQ(MustParse(located.body).text, "eu-west-1");
  EXPECT_EQ(MustParse(located.body).name, "LocationConstraint");
  xml::Element us_east = MustParse(Encode("GetBucketLocation", Document::Map()).body);
  EXPECT_EQ(us_east.name, "LocationConstraint");
  EXPECT_EQ(us_east.text, "");

  Document copy = Document::Map();
  Document result = Document::Map();
  result.Set("ETag", "\"e\"");
  result.Set("LastModified", Timestamp{0});
  copy.Set("CopyObjectResult", result);
  copy.Set("VersionId", "v9");
  HttpResponse copied = Encode("CopyObject", copy, "PUT");
  xml::Element copy_root = MustParse(copied.body);
  EXPECT_EQ(copy_root.name, "CopyObjectResult");
  EXPECT_EQ(*copy_root.Attribute("xmlns"), "http://s3.amazonaws.com/doc/2006-03-01/");
  EXPECT_EQ(copy_root.Child("LastModified")->text, "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(copied.headers.Get("x-amz-version-id"), "v9");

  Document upload = Document::Map();
  upload.Set("Bucket", "b");
  upload.Set("Key", "k");
  upload.Set("UploadId", "u1");
  xml::Element initiated = MustParse(Encode("CreateMultipartUpload", upload, "POST").body);
  EXPECT_EQ(initiated.name, "InitiateMultipartUploadResult");
  EXPECT_EQ(initiated.Child("UploadId")->text, "u1");
}

TEST_F(RestXmlCodecTest, EncodesGranteeTypeAsNamespacedAttribute) {
  Document grantee = Document::Map();
  grantee.Set("Type", "CanonicalUser");
  grantee.Set("ID", "owner");
  Document grant = Document::Map();
  grant.Set("Grantee", grantee);
  grant.Set("Permission", "FULL_CONTROL");
  Document grants = Document::List();
  grants.Append(grant);
  Document output = Document::Map();
  output.Set("Grants", grants);
  HttpResponse response = Encode("GetBucketAcl", output);
  EXPECT_NE(response.body.find("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                               "xsi:type=\"CanonicalUser\">"),
            std::string::npos)
      << response.body;
  xml::Element root = MustParse(response.body);
  EXPECT_EQ(root.name, "AccessControlPolicy");
  const xml::Element* decoded_grant = root.Child("AccessControlList")->Child("Grant");
  ASSERT_NE(decoded_grant, nullptr);
  EXPECT_EQ(decoded_grant->Child("Permission")->text, "FULL_CONTROL");
}

TEST_F(RestXmlCodecTest, SendsHeaderNamedErrorDetailsAsHeaders) {
  Status error = Status::NotFound("NoSuchKey", "The specified key does not exist.");
  error.WithDetail("Key", "k").WithDetail("x-amz-delete-marker", "true").WithDetail("x-amz-version-id", "v1");
  const Operation* get = model_->FindOperation("GetObject");
  HttpResponse response = RestXmlCodec().EncodeError(*model_, get, error, ResponseContext{"REQ9", "GET"});
  EXPECT_EQ(response.headers.Get("x-amz-delete-marker"), "true");
  EXPECT_EQ(response.headers.Get("x-amz-version-id"), "v1");
  xml::Element root = MustParse(response.body);
  EXPECT_EQ(root.Child("Key")->text, "k");
  EXPECT_EQ(root.Child("x-amz-delete-marker"), nullptr);
  HttpResponse head = RestXmlCodec().EncodeError(*model_, model_->FindOperation("HeadObject"), error,
                                                 ResponseContext{"REQ9", "HEAD"});
  EXPECT_EQ(head.headers.Get("x-amz-delete-marker"), "true");
}

TEST_F(RestXmlCodecTest, EncodesErrors) {
  Status error = Status::NotFound("NoSuchKey", "The specified key does not exist.");
  error.WithDetail("Key", "a<b");
  const Operation* get = model_->FindOperation("GetObject");
  HttpResponse response = RestXmlCodec().EncodeError(*model_, get, error, ResponseContext{"REQ9", "GET"});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.Get("content-type"), "application/xml");
  EXPECT_EQ(response.headers.Get("x-amz-request-id"), "REQ9");
  EXPECT_EQ(response.headers.Get("content-length"), std::to_string(response.body.size()));
  EXPECT_EQ(response.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  xml::Element root = MustParse(response.body);
  EXPECT_EQ(root.name, "Error");
  EXPECT_EQ(root.Child("Code")->text, "NoSuchKey");
  EXPECT_EQ(root.Child("Message")->text, "The specified key does not exist.");
  EXPECT_EQ(root.Child("Key")->text, "a<b");
  EXPECT_EQ(root.Child("RequestId")->text, "REQ9");
  EXPECT_EQ(root.Child("HostId")->text, response.headers.Get("x-amz-id-2"));

  HttpResponse head = RestXmlCodec().EncodeError(*model_, model_->FindOperation("HeadObject"), error,
                                                 ResponseContext{"REQ9", "HEAD"});
  EXPECT_EQ(head.status, 404);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.headers.Get("x-amz-request-id"), "REQ9");

  HttpResponse not_modified = RestXmlCodec().EncodeError(
      *model_, get, Status::Error("NotModified", "Not Modified", 304), ResponseContext{"REQ9", "GET"});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_EQ(not_modified.body, "");

  HttpResponse unmatched = RestXmlCodec().EncodeError(
      *model_, nullptr, Status::Error("MethodNotAllowed", "no", 405), ResponseContext{"REQ9", "PATCH"});
  EXPECT_EQ(unmatched.status, 405);
  EXPECT_EQ(MustParse(unmatched.body).Child("Code")->text, "MethodNotAllowed");
}

TEST_F(RestXmlCodecTest, RoundTripsTaggingThroughEncodeAndDecode) {
  Document tagging = Document::Map();
  Document tags = Document::List();
  for (const char* key : {"a", "b <&> c"}) {
    Document tag = Document::Map();
    tag.Set("Key", key);
    tag.Set("Value", std::string(key) + "-value");
    tags.Append(std::move(tag));
  }
  tagging.Set("TagSet", tags);
  HttpResponse encoded = Encode("GetObjectTagging", tagging);
  // The same document body, put back as a PutObjectTagging request.
  DecodedRequest decoded = MustDecode(Request("PUT", "/b/k", "tagging", {}, encoded.body));
  EXPECT_EQ(decoded.operation->name, "PutObjectTagging");
  EXPECT_EQ(decoded.input["Tagging"], tagging);
}

TEST_F(RestXmlCodecTest, RequiresAChecksumWhereTheModelDoes) {
  std::string body = "<Delete><Object><Key>a</Key></Object></Delete>";
  HttpRequest request = Request("POST", "/b", "delete", {}, body);
  request.headers.Erase("content-md5");
  auto missing = RestXmlCodec().Decode(*model_, request);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "InvalidRequest");
  EXPECT_EQ(missing.status().http_status(), 400);

  request.headers.Set("x-amz-checksum-crc32", core::Base64Encode(core::BigEndianBytes(core::Crc32(body))));
  EXPECT_TRUE(RestXmlCodec().Decode(*model_, request).ok());

  // PutObject's checksum is optional.
  HttpRequest put = Request("PUT", "/b/k", "", {}, "data");
  put.headers.Erase("content-md5");
  EXPECT_TRUE(RestXmlCodec().Decode(*model_, put).ok());
}

}  // namespace
}  // namespace cloudemu::protocol
