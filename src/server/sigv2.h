// SigV2: S3's legacy signatures, which boto3 still produces for presigned
// URLs by default ("?AWSAccessKeyId=..&Expires=..&Signature=..") and some
// older tools send as "Authorization: AWS AKID:SIGNATURE". Verified in
// strict mode like SigV4; a malformed one and an expired presigned URL are
// refused in every mode.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_SERVER_SIGV2_H_
#define CLOUDEMU_SERVER_SIGV2_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cloudemu/options.h"
#include "protocol/http_message.h"
#include "server/sigv4.h"

namespace cloudemu::server {

struct SigV2Request {
  enum class Kind { kNone, kHeader, kPresigned, kMalformed };
  Kind kind = Kind::kNone;
  bool in_query = false;  // a presigned URL (well-formed or not)
  std::string access_key_id;
  std::string signature;       // base64
  int64_t expires_seconds = 0;  // presigned: epoch seconds
};

SigV2Request ParseSigV2(const protocol::HttpRequest& request);

// Method, Content-MD5, Content-Type, Date (or Expires), the x-amz-* headers
// and the resource: the path with the bucket (also for virtual-hosted
// requests) and the sub-resources S3 signs.
std::string SigV2StringToSign(const protocol::HttpRequest& request, const SigV2Request& auth);
// Base64 HMAC-SHA1 of `string_to_sign`.
std::string SigV2Signature(std::string_view secret_access_key, std::string_view string_to_sign);

// As Authenticate (sigv4.h), for a SigV2-signed request.
AuthResult AuthenticateSigV2(const protocol::HttpRequest& request, const SignatureOptions& options,
                             int64_t now_millis);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_SIGV2_H_
