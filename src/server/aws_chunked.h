// aws-chunked: the body encoding S3 clients use for streaming uploads
// ("hex-size[;chunk-signature=SIG]\r\n DATA \r\n ... 0\r\n TRAILERS \r\n").
// Decoding turns the body back into the object bytes, trailers (such as
// x-amz-checksum-crc32) into request headers, and, when given the request's
// signing key, verifies every chunk and trailer signature.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_SERVER_AWS_CHUNKED_H_
#define CLOUDEMU_SERVER_AWS_CHUNKED_H_

#include <string>

#include "cloudemu/status.h"
#include "protocol/http_message.h"

namespace cloudemu::server {

// Content-Encoding lists aws-chunked, or x-amz-content-sha256 is STREAMING-*.
bool IsAwsChunked(const protocol::HttpRequest& request);

// Verifies the signature chain of a signed aws-chunked body: each chunk is
// signed over the previous signature, starting from the request's own.
struct ChunkSigningContext {
  std::string signing_key;     // SigningKey() of the request
  std::string amz_date;        // the request's X-Amz-Date
  std::string scope;           // the request's credential scope
  std::string seed_signature;  // the request's signature
};

// Decodes `request.body` in place, checks x-amz-decoded-content-length,
// turns trailers into headers, sets Content-Length to the decoded size and
// removes aws-chunked from Content-Encoding. With `signing` (strict mode and
// a STREAMING-AWS4-HMAC-SHA256-* payload) every chunk signature and the
// trailer signature must verify.
// Errors, as S3 reports them: IncompleteBody (400) when the body ends early
// or its length differs from the declared one, InvalidRequest (400) for a
// malformed encoding, SignatureDoesNotMatch (403) for a bad chunk signature.
Status DecodeAwsChunked(protocol::HttpRequest& request, const ChunkSigningContext* signing);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_AWS_CHUNKED_H_
