// aws-chunked decoding, with the streaming examples of the S3 API reference
// ("Signature Calculations for the Authorization Header: Transferring
// Payload in Multiple Chunks", with and without trailers): 65,536 + 1,024
// bytes of 'a', signed by AKIAIOSFODNN7EXAMPLE on 20130524.
#include "server/aws_chunked.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/hash.h"
#include "core/time_format.h"
#include "server/sigv4.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

struct Example {
  std::string payload_hash;
  std::string signed_headers;
  std::string seed;
  std::vector<std::string> chunk_signatures;
  std::string trailers;  // after the final chunk, before the closing CRLF
};

Example Plain() {
  return {"STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
          "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
          "x-amz-storage-class",
          "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
          {"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
           "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
           "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"},
          ""};
}

Example WithTrailer() {
  return {"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
          "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;"
          "x-amz-trailer",
          "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
          {"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
           "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
           "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
          "x-amz-checksum-crc32c:sOO8/Q==\r\n"
          "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n"};
}

HttpRequest ExampleRequest(const Example& example) {
  std::string body = "10000;chunk-signature=" + example.chunk_signatures[0] + "\r\n" + std::string(65536, 'a') +
                     "\r\n400;chunk-signature=" + example.chunk_signatures[1] + "\r\n" + std::string(1024, 'a') +
                     "\r\n0;chunk-signature=" + example.chunk_signatures[2] + "\r\n" + example.trailers + "\r\n";
  HttpRequest request;
  request.method = "PUT";
  request.path = "/examplebucket/chunkObject.txt";
  request.headers.Set("host", "s3.amazonaws.com");
  request.headers.Set("content-encoding", "aws-chunked");
  request.headers.Set("content-length", std::to_string(body.size()));
  request.headers.Set("x-amz-content-sha256", example.payload_hash);
  request.headers.Set("x-amz-date", "20130524T000000Z");
  request.headers.Set("x-amz-decoded-content-length", "66560");
  request.headers.Set("x-amz-storage-class", "REDUCED_REDUNDANCY");
  if (!example.trailers.empty()) request.headers.Set("x-amz-trailer", "x-amz-checksum-crc32c");
  request.headers.Set("authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                      "SignedHeaders=" + example.signed_headers + ",Signature=" + example.seed);
  request.body = std::move(body);
  return request;
}

ChunkSigningContext Signing(const Example& example) {
  HttpRequest request = ExampleRequest(example);
  SigV4Request auth = ParseSigV4(request);
  return ChunkSigningContext{SigningKey(kSecret, auth), auth.amz_date, auth.Scope(), example.seed};
}

HttpRequest Unsigned(std::string body) {
  HttpRequest request;
  request.method = "PUT";
  request.path = "/b/k";
  request.headers.Set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  request.body = std::move(body);
  return request;
}

TEST(AwsChunkedTest, TheDocumentedSeedSignatureVerifies) {
  HttpRequest request = ExampleRequest(Plain());
  EXPECT_EQ(request.body.size(), 66824u) << "the documented Content-Length";
  SignatureOptions strict;
  strict.strict = true;
  strict.credentials = {{"AKIAIOSFODNN7EXAMPLE", kSecret}};
  AuthResult result = Authenticate(request, ParseSigV4(request), strict, *core::ParseTimestamp("20130524T000000Z"));
  EXPECT_EQ(result.failure, AuthFailure::kNone) << result.canonical_request;
  EXPECT_EQ(result.signing_key, Signing(Plain()).signing_key);
}

TEST(AwsChunkedTest, DecodesAndVerifiesTheDocumentedSignedBody) {
  HttpRequest request = ExampleRequest(Plain());
  ASSERT_TRUE(IsAwsChunked(request));
  ChunkSigningContext signing = Signing(Plain());
  ASSERT_TRUE(DecodeAwsChunked(request, &signing).ok());
  EXPECT_EQ(request.body, std::string(66560, 'a'));
  EXPECT_EQ(request.headers.Get("content-length"), "66560");
  EXPECT_FALSE(request.headers.Has("content-encoding"));
}

TEST(AwsChunkedTest, DecodesAndVerifiesTheDocumentedBodyWithATrailer) {
  HttpRequest request = ExampleRequest(WithTrailer());
  ChunkSigningContext signing = Signing(WithTrailer());
  Status decoded = DecodeAwsChunked(request, &signing);
  ASSERT_TRUE(decoded.ok()) << decoded.ToString();
  EXPECT_EQ(request.body.size(), 66560u);
  EXPECT_EQ(request.headers.Get("x-amz-checksum-crc32c"), "sOO8/Q==");
  EXPECT_FALSE(request.headers.Has("x-amz-trailer-signature"));
}

TEST(AwsChunkedTest, RefusesATamperedChunk) {
  HttpRequest request = ExampleRequest(Plain());
  request.body[1000] = 'b';  // inside the first chunk's data
  ChunkSigningContext signing = Signing(Plain());
  Status decoded = DecodeAwsChunked(request, &signing);
  EXPECT_EQ(decoded.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(decoded.http_status(), 403);
}

TEST(AwsChunkedTest, RefusesATamperedTrailer) {
  Example example = WithTrailer();
  example.trailers.replace(example.trailers.find("sOO8"), 4, "AAAA");
  HttpRequest request = ExampleRequest(example);
  ChunkSigningContext signing = Signing(example);
  EXPECT_EQ(DecodeAwsChunked(request, &signing).code(), "SignatureDoesNotMatch");
}

TEST(AwsChunkedTest, SignedBodiesDecodeWithoutVerificationInDefaultMode) {
  Example example = Plain();
  example.chunk_signatures[1] = std::string(64, '0');
  HttpRequest request = ExampleRequest(example);
  ASSERT_TRUE(DecodeAwsChunked(request, nullptr).ok());
  EXPECT_EQ(request.body.size(), 66560u);
}

TEST(AwsChunkedTest, UnsignedTrailersBecomeHeaders) {
  HttpRequest request = Unsigned("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n");
  request.headers.Set("x-amz-decoded-content-length", "3");
  request.headers.Set("content-encoding", "aws-chunked,gzip");
  ASSERT_TRUE(IsAwsChunked(request));
  ASSERT_TRUE(DecodeAwsChunked(request, nullptr).ok());
  EXPECT_EQ(request.body, "abc");
  EXPECT_EQ(request.headers.Get("x-amz-checksum-crc32"), "NSRBwg==");
  EXPECT_EQ(request.headers.Get("content-encoding"), "gzip");
  EXPECT_EQ(request.headers.Get("content-length"), "3");
}

TEST(AwsChunkedTest, AcceptsSeveralChunksAndAMissingFinalCrlf) {
  HttpRequest request = Unsigned("2\r\nab\r\n3\r\ncde\r\n0\r\n");
  ASSERT_TRUE(DecodeAwsChunked(request, nullptr).ok());
  EXPECT_EQ(request.body, "abcde");
}

TEST(AwsChunkedTest, EmptyBody) {
  HttpRequest request = Unsigned("0\r\n\r\n");
  request.headers.Set("x-amz-decoded-content-length", "0");
  ASSERT_TRUE(DecodeAwsChunked(request, nullptr).ok());
  EXPECT_EQ(request.body, "");
}

TEST(AwsChunkedTest, ADeclaredLengthThatDiffersIsAnIncompleteBody) {
  HttpRequest request = Unsigned("3\r\nabc\r\n0\r\n\r\n");
  request.headers.Set("x-amz-decoded-content-length", "4");
  Status decoded = DecodeAwsChunked(request, nullptr);
  EXPECT_EQ(decoded.code(), "IncompleteBody");
  EXPECT_EQ(decoded.http_status(), 400);
}

TEST(AwsChunkedTest, ATruncatedBodyIsIncomplete) {
  HttpRequest short_chunk = Unsigned("a\r\nabc");
  EXPECT_EQ(DecodeAwsChunked(short_chunk, nullptr).code(), "IncompleteBody");
  HttpRequest no_final = Unsigned("3\r\nabc\r\n");
  EXPECT_EQ(DecodeAwsChunked(no_final, nullptr).code(), "IncompleteBody");
}

TEST(AwsChunkedTest, MalformedEncodingsAreInvalidRequests) {
  for (std::string body : {"zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcX\r\n0\r\n\r\n", "3\r\nabc\r\n0\r\nno-colon\r\n\r\n"}) {
    HttpRequest request = Unsigned(body);
    Status decoded = DecodeAwsChunked(request, nullptr);
    EXPECT_EQ(decoded.code(), "InvalidRequest") << body;
    EXPECT_EQ(decoded.http_status(), 400);
  }
}

TEST(AwsChunkedTest, SignedDecodingRequiresChunkSignatures) {
  HttpRequest request = Unsigned("3\r\nabc\r\n0\r\n\r\n");
  ChunkSigningContext signing = Signing(Plain());
  EXPECT_EQ(DecodeAwsChunked(request, &signing).code(), "InvalidRequest");
}

TEST(AwsChunkedTest, RecognisesAwsChunkedRequests) {
  HttpRequest plain;
  EXPECT_FALSE(IsAwsChunked(plain));
  plain.headers.Set("content-encoding", "gzip");
  EXPECT_FALSE(IsAwsChunked(plain));
  plain.headers.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
  EXPECT_FALSE(IsAwsChunked(plain));
  HttpRequest encoded;
  encoded.headers.Set("content-encoding", "gzip, aws-chunked");
  EXPECT_TRUE(IsAwsChunked(encoded));
  HttpRequest streaming;
  streaming.headers.Set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  EXPECT_TRUE(IsAwsChunked(streaming));
}

}  // namespace
}  // namespace cloudemu::server
