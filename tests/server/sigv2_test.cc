// S3's legacy Signature Version 2, with the examples of the S3 developer
// guide ("Signing and authenticating REST requests"): bucket johnsmith,
// key AKIAIOSFODNN7EXAMPLE.
#include "server/sigv2.h"

#include <gtest/gtest.h>

#include <string>

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::Protocol;

constexpr char kKey[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

SignatureOptions Strict() {
  SignatureOptions options;
  options.strict = true;
  options.credentials = {{kKey, kSecret}};
  return options;
}

HttpRequest Signed(std::string method, std::string path, std::string date, std::string signature) {
  HttpRequest request;
  request.method = std::move(method);
  size_t question = path.find('?');
  request.path = path.substr(0, question);
  if (question != std::string::npos) request.query = protocol::ParseQueryString(path.substr(question + 1), false);
  request.headers.Set("host", "johnsmith.s3.amazonaws.com");
  request.headers.Set("date", std::move(date));
  request.headers.Set("authorization", std::string("AWS ") + kKey + ":" + signature);
  return request;
}

TEST(SigV2Test, TheDocumentedObjectGet) {
  HttpRequest request = Signed("GET", "/photos/puppy.jpg", "Tue, 27 Mar 2007 19:36:42 +0000", "bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
  SigV2Request auth = ParseSigV2(request);
  ASSERT_EQ(auth.kind, SigV2Request::Kind::kHeader);
  EXPECT_EQ(auth.access_key_id, kKey);
  EXPECT_EQ(SigV2StringToSign(request, auth), "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), 0).failure, AuthFailure::kNone);
}

TEST(SigV2Test, TheDocumentedObjectPut) {
  HttpRequest request = Signed("PUT", "/photos/puppy.jpg", "Tue, 27 Mar 2007 21:15:45 +0000", "MyyxeRY7whkBe+bq8fHCL/2kKUg=");
  request.headers.Set("content-type", "image/jpeg");
  request.headers.Set("content-length", "94328");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), 0).failure, AuthFailure::kNone);
}

TEST(SigV2Test, TheDocumentedListOnlySignsSubresources) {
  HttpRequest request = Signed("GET", "/?prefix=photos&max-keys=50&marker=puppy", "Tue, 27 Mar 2007 19:42:41 +0000",
                               "htDYFYduRNen8P9ZfE/s9SuKy0U=");
  SigV2Request auth = ParseSigV2(request);
  EXPECT_EQ(SigV2StringToSign(request, auth), "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/johnsmith/");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), 0).failure, AuthFailure::kNone);
  request.query = protocol::ParseQueryString("versionId=3&acl", false);
  EXPECT_EQ(SigV2StringToSign(request, auth), "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/johnsmith/?acl&versionId=3");
}

TEST(SigV2Test, AmzHeadersAreSignedSortedAndReplaceTheDate) {
  HttpRequest request = Signed("PUT", "/bucket/key", "ignored", "x");
  request.headers.Set("host", "127.0.0.1:4566");
  request.headers.Set("x-amz-meta-b", " two ");
  request.headers.Set("x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000");
  request.headers.Set("content-md5", "4gJE4saaMU4BqNR0kLY+lw==");
  EXPECT_EQ(SigV2StringToSign(request, ParseSigV2(request)),
            "PUT\n4gJE4saaMU4BqNR0kLY+lw==\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\nx-amz-meta-b:two\n"
            "/bucket/key");
}

TEST(SigV2Test, TheDocumentedPresignedUrl) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/photos/puppy.jpg";
  request.query = protocol::ParseQueryString(
      "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", false);
  request.headers.Set("host", "johnsmith.s3.amazonaws.com");
  SigV2Request auth = ParseSigV2(request);
  ASSERT_EQ(auth.kind, SigV2Request::Kind::kPresigned);
  EXPECT_EQ(SigV2StringToSign(request, auth), "GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg");
  const int64_t expires = 1175139620LL * 1000;
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), expires).failure, AuthFailure::kNone);
  AuthResult late = Authenticate(request, ParseSigV4(request), SignatureOptions(), expires + 1000);
  EXPECT_EQ(late.failure, AuthFailure::kExpired);
  EXPECT_EQ(AuthError(Protocol::kRestXml, late).message(), "Request has expired");
}

TEST(SigV2Test, StrictModeRefusesWrongSignaturesAndKeys) {
  HttpRequest request = Signed("GET", "/photos/puppy.jpg", "Tue, 27 Mar 2007 19:36:42 +0000", "AAAAs1WEIj+Ydj0vQ697zp+IXMU=");
  AuthResult wrong = Authenticate(request, ParseSigV4(request), Strict(), 0);
  EXPECT_EQ(wrong.failure, AuthFailure::kSignatureMismatch);
  EXPECT_EQ(wrong.string_to_sign, "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg");
  request.headers.Set("authorization", "AWS AKIDUNKNOWN:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), 0).failure, AuthFailure::kUnknownAccessKey);
  request.headers.Set("authorization", "AWS nocolon");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), Strict(), 0).failure, AuthFailure::kMalformed);
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), SignatureOptions(), 0).failure, AuthFailure::kMalformed);
  request.headers.Set("authorization", "AWS AKIDANY:anything");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), SignatureOptions(), 0).failure, AuthFailure::kNone);
}

}  // namespace
}  // namespace cloudemu::server
