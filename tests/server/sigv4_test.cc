// SigV4 parsing, canonicalisation and verification against AWS's published
// Signature Version 4 test suite (credential scope 20150830/us-east-1/
// service, key AKIDEXAMPLE) and the S3 examples of the S3 API reference.
#include "server/sigv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/time_format.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::Protocol;

constexpr char kSuiteKey[] = "AKIDEXAMPLE";
constexpr char kSuiteSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kS3Key[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kS3Secret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kEmptySha[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SignatureOptions Strict() {
  SignatureOptions options;
  options.strict = true;
  options.credentials = {{kSuiteKey, kSuiteSecret}, {kS3Key, kS3Secret}};
  return options;
}

int64_t Millis(std::string_view amz_date) { return *core::ParseTimestamp(amz_date); }

// Line `n` (from 0) of a canonical request.
std::string Line(const std::string& text, int n) {
  size_t start = 0;
  for (int i = 0; i < n; ++i) start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

struct SuiteCase {
  std::string name;
  std::string method;
  std::string path;  // as on the wire (percent-encoded)
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string signature;
};

// A suite request signed with `signature` over the headers it carries.
HttpRequest SuiteRequest(const SuiteCase& c) {
  HttpRequest request;
  request.method = c.method;
  request.path = c.path;
  request.query = c.query;
  request.body = c.body;
  request.headers.Set("host", "example.amazonaws.com");
  request.headers.Set("x-amz-date", "20150830T123600Z");
  std::vector<std::string> names = {"host", "x-amz-date"};
  for (const auto& [name, value] : c.headers) {
    request.headers.Add(name, value);
    std::string lower;
    for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (std::find(names.begin(), names.end(), lower) == names.end()) names.push_back(lower);
  }
  std::sort(names.begin(), names.end());
  std::string signed_headers;
  for (const std::string& n : names) signed_headers += (signed_headers.empty() ? "" : ";") + n;
  request.headers.Set("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                       "aws4_request, SignedHeaders=" + signed_headers + ", Signature=" + c.signature);
  return request;
}

// The suite signs paths as S3 does (each segment encoded once, nothing
// normalised); these requests are therefore checked under the S3 rules.
std::vector<SuiteCase> SuiteCases() {
  return {
      {"get-vanilla", "GET", "/", {}, {}, "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {"get-vanilla-query-order-key-case", "GET", "/", {{"Param2", "value2"}, {"Param1", "value1"}}, {}, "",
       "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
      {"get-vanilla-query-order-encoded", "GET", "/",
       {{"Param-3", "Value3"}, {"Param", "Value2"}, {"\xE1\x88\xB4", "Value1"}}, {}, "",
       "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"},
      {"get-vanilla-query-unreserved", "GET", "/",
       {{"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
         "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}},
       {}, "", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
      {"get-vanilla-utf8-query", "GET", "/", {{"\xE1\x88\xB4", "bar"}}, {}, "",
       "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
      {"get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", {}, {}, "",
       "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
      {"get-utf8", "GET", "/%E1%88%B4", {}, {}, "", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
      {"get-space-unnormalized", "GET", "/example%20space/", {}, {}, "",
       "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"},
      {"get-slashes-unnormalized", "GET", "//example//", {}, {}, "",
       "87cca117541a147f6df867677d98a7d80dff226d2bfca9e4ffa899665623c7e5"},
      {"get-relative-unnormalized", "GET", "/example/..", {}, {}, "",
       "eca7ead57bb5aa5c8e28007acd4ff04e1ff9a0ff3b237ec1554a184887ff9282"},
      {"get-header-key-duplicate", "GET", "/", {},
       {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}, "",
       "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
      {"get-header-value-order", "GET", "/", {},
       {{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"}, {"My-Header1", "value2"}}, "",
       "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
      {"get-header-value-trim", "GET", "/", {}, {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}, "",
       "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
      {"get-vanilla-with-session-token", "GET", "/", {},
       {{"X-Amz-Security-Token", "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"}}, "",
       "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"},
      {"post-vanilla", "POST", "/", {}, {}, "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
      {"post-vanilla-query", "POST", "/", {{"Param1", "value1"}}, {}, "",
       "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"},
      {"post-header-value-case", "POST", "/", {}, {{"My-Header1", "VALUE1"}}, "",
       "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
      {"post-x-www-form-urlencoded", "POST", "/", {},
       {{"Content-Type", "application/x-www-form-urlencoded"},
        {"Content-Length", "13"},
        {"X-Amz-Content-Sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"}},
       "Param1=value1", "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"},
  };
}

TEST(SigV4Test, ParsesTheAuthorizationHeader) {
  HttpRequest request = SuiteRequest(SuiteCases()[0]);
  SigV4Request auth = ParseSigV4(request);
  EXPECT_EQ(auth.kind, SigV4Request::Kind::kHeader);
  EXPECT_EQ(auth.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(auth.date, "20150830");
  EXPECT_EQ(auth.region, "us-east-1");
  EXPECT_EQ(auth.service, "service");
  EXPECT_EQ(auth.signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(auth.amz_date, "20150830T123600Z");
  EXPECT_EQ(auth.Scope(), "20150830/us-east-1/service/aws4_request");
}

TEST(SigV4Test, BuildsTheSuitesCanonicalRequestAndStringToSign) {
  HttpRequest request = SuiteRequest(SuiteCases()[2]);  // get-vanilla-query-order-encoded
  SigV4Request auth = ParseSigV4(request);
  std::string canonical = CanonicalRequest(request, auth, PathRules::kS3);
  EXPECT_EQ(canonical,
            "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\nhost:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + std::string(kEmptySha));
  EXPECT_EQ(StringToSign(auth, canonical),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "868294f5c38bd141c4972a373a76654f1418a8e4fc18b2e7903ae45e8ae0ec71");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndSpacesCollapsed) {
  HttpRequest request = SuiteRequest(SuiteCases()[12]);  // get-header-value-trim
  SigV4Request auth = ParseSigV4(request);
  std::string canonical = CanonicalRequest(request, auth, PathRules::kS3);
  EXPECT_NE(canonical.find("my-header1:value1\nmy-header2:\"a b c\"\n"), std::string::npos) << canonical;
}

TEST(SigV4Test, EverySuiteSignatureVerifies) {
  for (const SuiteCase& c : SuiteCases()) {
    HttpRequest request = SuiteRequest(c);
    SigV4Request auth = ParseSigV4(request);
    ASSERT_EQ(auth.kind, SigV4Request::Kind::kHeader) << c.name;
    std::string canonical = CanonicalRequest(request, auth, PathRules::kS3);
    std::string key = SigningKey(kSuiteSecret, auth);
    EXPECT_EQ(SignatureHex(key, StringToSign(auth, canonical)), c.signature) << c.name << "\n" << canonical;
  }
}

TEST(SigV4Test, OtherServicesNormaliseThePath) {
  // Each of these paths normalises to "/", so each is get-vanilla.
  for (std::string path : {"/example1/example2/../..", "//", "/./", "/example/.."}) {
    SuiteCase c = SuiteCases()[0];
    c.path = path;
    HttpRequest request = SuiteRequest(c);
    SigV4Request auth = ParseSigV4(request);
    std::string canonical = CanonicalRequest(request, auth, PathRules::kOther);
    EXPECT_EQ(SignatureHex(SigningKey(kSuiteSecret, auth), StringToSign(auth, canonical)), c.signature) << path;
  }
}

TEST(SigV4Test, OtherServicesEncodeThePathTwice) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/2015-03-31/functions/arn%3Aaws%3Alambda/my%20fn";
  SigV4Request auth;
  EXPECT_EQ(Line(CanonicalRequest(request, auth, PathRules::kOther), 1),
            "/2015-03-31/functions/arn%253Aaws%253Alambda/my%2520fn");
  EXPECT_EQ(Line(CanonicalRequest(request, auth, PathRules::kS3), 1), "/2015-03-31/functions/arn%3Aaws%3Alambda/my%20fn");
}

TEST(SigV4Test, StrictModeAcceptsTheSuiteRequests) {
  int verified = 0;
  for (const SuiteCase& c : SuiteCases()) {
    HttpRequest request = SuiteRequest(c);
    SigV4Request auth = ParseSigV4(request);
    // The suite's scope service ("service") signs paths by the non-S3 rules;
    // the cases whose path those rules change were signed by the S3 ones.
    if (CanonicalRequest(request, auth, PathRules::kS3) != CanonicalRequest(request, auth, PathRules::kOther)) continue;
    AuthResult result = Authenticate(request, auth, Strict(), Millis("20150830T123600Z"));
    EXPECT_EQ(result.failure, AuthFailure::kNone) << c.name << ": " << result.canonical_request;
    EXPECT_FALSE(result.signing_key.empty());
    ++verified;
  }
  EXPECT_GE(verified, 14);
}

// The S3 API reference's GET Object example (header authentication).
HttpRequest S3GetObject(std::string signature) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/test.txt";
  request.headers.Set("host", "examplebucket.s3.amazonaws.com");
  request.headers.Set("range", "bytes=0-9");
  request.headers.Set("x-amz-content-sha256", kEmptySha);
  request.headers.Set("x-amz-date", "20130524T000000Z");
  request.headers.Set("authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature);
  return request;
}

TEST(SigV4Test, VerifiesTheS3GetObjectExample) {
  HttpRequest request = S3GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  AuthResult result = Authenticate(request, ParseSigV4(request), Strict(), Millis("20130524T000000Z"));
  EXPECT_EQ(result.failure, AuthFailure::kNone) << result.canonical_request;
}

// The S3 API reference's presigned URL example: valid for 86400 seconds.
HttpRequest S3Presigned(std::string signature) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/test.txt";
  request.query = protocol::ParseQueryString(
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2F"
      "aws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=" +
          signature,
      false);
  request.headers.Set("host", "examplebucket.s3.amazonaws.com");
  return request;
}

constexpr char kPresignedSignature[] = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

TEST(SigV4Test, VerifiesThePresignedUrlExample) {
  HttpRequest request = S3Presigned(kPresignedSignature);
  SigV4Request auth = ParseSigV4(request);
  ASSERT_EQ(auth.kind, SigV4Request::Kind::kPresigned);
  EXPECT_EQ(auth.expires_seconds, 86400);
  EXPECT_EQ(PayloadHash(request, auth), "UNSIGNED-PAYLOAD");
  std::string canonical = CanonicalRequest(request, auth, PathRules::kS3);
  EXPECT_EQ(core::HexEncode(core::Sha256(canonical)),
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
      << canonical;
  int64_t signed_at = Millis("20130524T000000Z");
  EXPECT_EQ(Authenticate(request, auth, Strict(), signed_at + 3600 * 1000).failure, AuthFailure::kNone);
  EXPECT_EQ(Authenticate(request, auth, Strict(), signed_at + 86400 * 1000).failure, AuthFailure::kNone);
}

TEST(SigV4Test, PresignedUrlsExpireInEveryMode) {
  HttpRequest request = S3Presigned(kPresignedSignature);
  SigV4Request auth = ParseSigV4(request);
  int64_t too_late = Millis("20130524T000000Z") + 86401 * 1000;
  AuthResult strict = Authenticate(request, auth, Strict(), too_late);
  EXPECT_EQ(strict.failure, AuthFailure::kExpired);
  EXPECT_EQ(Authenticate(request, auth, SignatureOptions(), too_late).failure, AuthFailure::kExpired);
  Status error = AuthError(Protocol::kRestXml, strict);
  EXPECT_EQ(error.code(), "AccessDenied");
  EXPECT_EQ(error.http_status(), 403);
  EXPECT_EQ(error.message(), "Request has expired");
}

TEST(SigV4Test, StrictModeRefusesATamperedPresignedUrl) {
  std::string tampered = kPresignedSignature;
  tampered[0] = '0';
  HttpRequest request = S3Presigned(tampered);
  AuthResult result = Authenticate(request, ParseSigV4(request), Strict(), Millis("20130524T000000Z"));
  EXPECT_EQ(result.failure, AuthFailure::kSignatureMismatch);
}

TEST(SigV4Test, StrictModeRefusesAWrongSignatureWithTheProtocolsCode) {
  HttpRequest request = S3GetObject(std::string(64, 'a'));
  AuthResult result = Authenticate(request, ParseSigV4(request), Strict(), 0);
  ASSERT_EQ(result.failure, AuthFailure::kSignatureMismatch);
  EXPECT_NE(result.canonical_request.find("range:bytes=0-9"), std::string::npos);

  Status s3 = AuthError(Protocol::kRestXml, result);
  EXPECT_EQ(s3.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(s3.http_status(), 403);
  Status query = AuthError(Protocol::kQuery, result);
  EXPECT_EQ(query.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(query.http_status(), 403);
  EXPECT_EQ(AuthError(Protocol::kJson, result).code(), "InvalidSignatureException");
}

TEST(SigV4Test, DefaultModeAcceptsAnyCredentials) {
  HttpRequest request = S3GetObject(std::string(64, 'a'));
  request.headers.Set("authorization",
                      "AWS4-HMAC-SHA256 Credential=test/20130524/us-east-1/s3/aws4_request, "
                      "SignedHeaders=host, Signature=00");
  EXPECT_EQ(Authenticate(request, ParseSigV4(request), SignatureOptions(), 0).failure, AuthFailure::kNone);
  HttpRequest anonymous;
  anonymous.method = "GET";
  anonymous.path = "/";
  EXPECT_EQ(Authenticate(anonymous, ParseSigV4(anonymous), SignatureOptions(), 0).failure, AuthFailure::kNone);
}

TEST(SigV4Test, StrictModeRefusesAnUnknownAccessKey) {
  HttpRequest request = S3GetObject(std::string(64, 'a'));
  request.headers.Set("authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20130524/us-east-1/s3/aws4_request, "
                      "SignedHeaders=host, Signature=00");
  AuthResult result = Authenticate(request, ParseSigV4(request), Strict(), 0);
  ASSERT_EQ(result.failure, AuthFailure::kUnknownAccessKey);
  Status s3 = AuthError(Protocol::kRestXml, result);
  EXPECT_EQ(s3.code(), "InvalidAccessKeyId");
  EXPECT_EQ(s3.http_status(), 403);
  EXPECT_EQ(AuthError(Protocol::kJson, result).code(), "UnrecognizedClientException");
  EXPECT_EQ(AuthError(Protocol::kRestJson, result).code(), "UnrecognizedClientException");
  Status query = AuthError(Protocol::kQuery, result);
  EXPECT_EQ(query.code(), "InvalidClientTokenId");
  EXPECT_EQ(query.http_status(), 403);
}

TEST(SigV4Test, RefusesUnsignedRequestsInStrictModeAndMalformedOnesAlways) {
  HttpRequest anonymous;
  anonymous.method = "GET";
  anonymous.path = "/";
  AuthResult missing = Authenticate(anonymous, ParseSigV4(anonymous), Strict(), 0);
  EXPECT_EQ(missing.failure, AuthFailure::kMissing);
  EXPECT_EQ(AuthError(Protocol::kRestXml, missing).code(), "AccessDenied");
  EXPECT_EQ(AuthError(Protocol::kJson, missing).code(), "MissingAuthenticationTokenException");

  HttpRequest malformed = anonymous;
  malformed.headers.Set("authorization", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/sqs");
  SigV4Request auth = ParseSigV4(malformed);
  EXPECT_EQ(auth.kind, SigV4Request::Kind::kMalformed);
  EXPECT_EQ(auth.service, "sqs") << "the service still routes the request";
  AuthResult result = Authenticate(malformed, auth, Strict(), 0);
  EXPECT_EQ(result.failure, AuthFailure::kMalformed);
  EXPECT_EQ(Authenticate(malformed, auth, SignatureOptions(), 0).failure, AuthFailure::kMalformed)
      << "a malformed signature is refused in default mode too";
  Status s3 = AuthError(Protocol::kRestXml, result);
  EXPECT_EQ(s3.code(), "AuthorizationHeaderMalformed");
  EXPECT_EQ(s3.http_status(), 400);

  HttpRequest presigned = anonymous;
  presigned.query = protocol::ParseQueryString("X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request", false);
  AuthResult query = Authenticate(presigned, ParseSigV4(presigned), SignatureOptions(), 0);
  EXPECT_EQ(query.failure, AuthFailure::kMalformed);
  EXPECT_EQ(AuthError(Protocol::kRestXml, query).code(), "AuthorizationQueryParametersError");
}

TEST(SigV4Test, StrictModeChecksTheDeclaredPayloadHash) {
  SuiteCase form = SuiteCases().back();  // post-x-www-form-urlencoded
  HttpRequest request = SuiteRequest(form);
  request.body = "Param1=value2";
  AuthResult result = Authenticate(request, ParseSigV4(request), Strict(), 0);
  EXPECT_EQ(result.failure, AuthFailure::kContentHashMismatch);
  EXPECT_EQ(AuthError(Protocol::kRestXml, result).code(), "XAmzContentSHA256Mismatch");
}

TEST(SigV4Test, RecognisesOtherAuthorizationSchemes) {
  HttpRequest request;
  request.headers.Set("authorization", "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=");
  EXPECT_EQ(ParseSigV4(request).kind, SigV4Request::Kind::kSigV2);
  request.headers.Set("authorization", "Bearer token");
  EXPECT_EQ(ParseSigV4(request).kind, SigV4Request::Kind::kUnsupported);
  AuthResult result = Authenticate(request, ParseSigV4(request), SignatureOptions(), 0);
  EXPECT_EQ(result.failure, AuthFailure::kUnsupported) << "refused in default mode too";
  Status s3 = AuthError(Protocol::kRestXml, result);
  EXPECT_EQ(s3.code(), "InvalidArgument");
  EXPECT_EQ(s3.message(), "Unsupported Authorization Type");
  EXPECT_EQ(s3.http_status(), 400);
  EXPECT_EQ(AuthError(Protocol::kJson, result).code(), "IncompleteSignatureException");
  HttpRequest presigned_v2;
  presigned_v2.query = protocol::ParseQueryString("AWSAccessKeyId=AKID&Expires=1&Signature=x", false);
  EXPECT_EQ(ParseSigV4(presigned_v2).kind, SigV4Request::Kind::kSigV2);
}

TEST(SigV4Test, PathRulesFollowTheSigningService) {
  EXPECT_EQ(PathRulesFor("s3"), PathRules::kS3);
  EXPECT_EQ(PathRulesFor("lambda"), PathRules::kOther);
}

}  // namespace
}  // namespace cloudemu::server
