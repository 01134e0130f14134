// SigV4: AWS Signature Version 4 as the listener sees it. Parses the
// credentials a request carries (Authorization header or presigned query),
// builds the canonical request and string to sign, and verifies signatures
// against the credentials a Cloud registers (strict mode). The chunk
// signatures of aws-chunked bodies are in aws_chunked.h.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_SERVER_SIGV4_H_
#define CLOUDEMU_SERVER_SIGV4_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/options.h"
#include "cloudemu/status.h"
#include "protocol/http_message.h"
#include "protocol/service_model.h"

namespace cloudemu::server {

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// What a request says about its signature.
struct SigV4Request {
  // kMalformed: SigV4 with a syntax error; kUnsupported: an Authorization
  // scheme CloudEmu does not know; kSigV2: S3's legacy scheme (sigv2.h).
  enum class Kind { kAnonymous, kHeader, kPresigned, kMalformed, kUnsupported, kSigV2 };
  Kind kind = Kind::kAnonymous;
  bool in_query = false;         // a presigned URL (well-formed or not)
  std::string malformed_reason;  // kMalformed / kUnsupported: what is wrong

  // Credential scope: AKID/DATE/REGION/SERVICE/aws4_request. Filled as far
  // as it could be parsed, so a malformed request can still be routed.
  std::string access_key_id;
  std::string date;  // yyyymmdd
  std::string region;
  std::string service;

  std::vector<std::string> signed_headers;  // lower case, as listed
  std::string signature;                    // lower-case hex
  std::string amz_date;                     // "20150830T123600Z"
  int64_t expires_seconds = 0;              // presigned only

  std::string Scope() const;  // "DATE/REGION/SERVICE/aws4_request"
};

SigV4Request ParseSigV4(const protocol::HttpRequest& request);

// How the canonical URI is formed: S3 signs the path as sent (each segment
// URI-encoded once, nothing normalised); every other service removes dot
// segments and repeated slashes and encodes each segment twice.
enum class PathRules { kS3, kOther };
PathRules PathRulesFor(std::string_view signing_service);

// The payload hash that goes into the canonical request.
std::string PayloadHash(const protocol::HttpRequest& request, const SigV4Request& auth);
std::string CanonicalRequest(const protocol::HttpRequest& request, const SigV4Request& auth, PathRules rules);
std::string StringToSign(const SigV4Request& auth, std::string_view canonical_request);
// The derived key: HMAC chain over date, region, service, "aws4_request".
std::string SigningKey(std::string_view secret_access_key, const SigV4Request& auth);
// Lower-case hex HMAC-SHA256 of `string_to_sign` under `signing_key`.
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);
// Compares signatures in constant time.
bool SignaturesEqual(std::string_view a, std::string_view b);
// The secret `options` registers for `access_key_id`; null when none.
const std::string* FindSecret(const SignatureOptions& options, std::string_view access_key_id);

// Why a request was refused.
enum class AuthFailure {
  kNone,
  kMissing,             // strict mode, no signature at all
  kMalformed,           // unparseable Authorization / presigned query
  kUnsupported,         // an Authorization scheme other than SigV4 / SigV2
  kUnknownAccessKey,    // strict mode, key not registered
  kSignatureMismatch,   // strict mode, wrong signature
  kContentHashMismatch, // strict mode, x-amz-content-sha256 is not the body's hash
  kExpired,             // presigned URL past X-Amz-Date + X-Amz-Expires
};

struct AuthResult {
  AuthFailure failure = AuthFailure::kNone;
  bool presigned = false;
  std::string detail;  // for the error message
  // kSignatureMismatch: what CloudEmu signed, as S3 reports it.
  std::string access_key_id;
  std::string canonical_request;
  std::string string_to_sign;
  std::string signing_key;  // strict mode, on success: for chunk signatures
};

// Checks a request's signature (SigV4, or SigV2 for kSigV2) as `options`
// demand. Default mode accepts any credentials, but, as AWS, refuses a
// malformed or unknown Authorization and an expired presigned URL; strict
// mode requires a valid signature by one of `options.credentials`. The
// signing time is not compared with the clock (AWS allows 15 minutes of
// skew; tests move a Cloud's clock by days), except for presigned expiry.
AuthResult Authenticate(const protocol::HttpRequest& request, const SigV4Request& auth,
                        const SignatureOptions& options, int64_t now_millis);

// The error AWS answers `failure` with, in `protocol`'s terms.
Status AuthError(protocol::Protocol protocol, const AuthResult& result);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_SIGV4_H_
