#include "server/sigv4.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/time_format.h"
#include "server/sigv2.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;
using protocol::Protocol;

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `visit` with each part of `s` between the `sep`s (an empty `s` has
// one empty part); every request parses its Authorization header this way,
// so the parts are not collected.
template <typename Visit>
void ForEachPart(std::string_view s, char sep, Visit visit) {
  while (true) {
    size_t at = s.find(sep);
    visit(s.substr(0, at));
    if (at == std::string_view::npos) return;
    s.remove_prefix(at + 1);
  }
}

// Fills the scope fields from "AKID/DATE/REGION/SERVICE/aws4_request".
bool ParseCredential(std::string_view credential, SigV4Request& out) {
  std::array<std::string_view, 5> parts;
  size_t count = 0;
  ForEachPart(credential, '/', [&](std::string_view part) {
    if (count < parts.size()) parts[count] = part;
    ++count;
  });
  if (count != parts.size() || parts[4] != kTerminator || parts[0].empty()) {
    // Keep what can be read: routing only needs the service.
    if (count >= 4) out.service = std::string(parts[3]);
    return false;
  }
  out.access_key_id = std::string(parts[0]);
  out.date = std::string(parts[1]);
  out.region = std::string(parts[2]);
  out.service = std::string(parts[3]);
  return true;
}

void ParseSignedHeaders(std::string_view list, SigV4Request& out) {
  out.signed_headers.reserve(out.signed_headers.size() + std::count(list.begin(), list.end(), ';') + 1);
  ForEachPart(list, ';', [&](std::string_view name) {
    if (!name.empty()) out.signed_headers.emplace_back(name);
  });
}

SigV4Request Refused(SigV4Request out, SigV4Request::Kind kind, std::string reason) {
  out.kind = kind;
  out.malformed_reason = std::move(reason);
  return out;
}

SigV4Request Malformed(SigV4Request out, std::string reason) {
  return Refused(std::move(out), SigV4Request::Kind::kMalformed, std::move(reason));
}

// "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."
SigV4Request ParseAuthorizationHeader(std::string_view header, const HttpRequest& request) {
  SigV4Request out;
  if (header.substr(0, kAlgorithm.size()) != kAlgorithm ||
      (header.size() > kAlgorithm.size() && header[kAlgorithm.size()] != ' ')) {
    return Refused(std::move(out), SigV4Request::Kind::kUnsupported, "Unsupported Authorization Type");
  }
  bool credential_ok = false;
  ForEachPart(header.substr(kAlgorithm.size()), ',', [&](std::string_view part) {
    part = Trim(part);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) return;
    std::string_view key = part.substr(0, eq);
    std::string_view value = part.substr(eq + 1);
    if (key == "Credential") {
      credential_ok = ParseCredential(value, out);
    } else if (key == "SignedHeaders") {
      ParseSignedHeaders(value, out);
    } else if (key == "Signature") {
      out.signature = std::string(value);
    }
  });
  const std::string* date = request.headers.Find("x-amz-date");
  if (!date) date = request.headers.Find("date");
  if (date) out.amz_date = *date;
  if (!credential_ok) return Malformed(std::move(out), "the Credential is not AKID/DATE/REGION/SERVICE/aws4_request");
  if (out.signed_headers.empty()) return Malformed(std::move(out), "SignedHeaders is missing");
  if (out.signature.empty()) return Malformed(std::move(out), "Signature is missing");
  if (out.amz_date.empty()) return Malformed(std::move(out), "neither X-Amz-Date nor Date is present");
  out.kind = SigV4Request::Kind::kHeader;
  return out;
}

SigV4Request ParsePresignedQuery(const HttpRequest& request) {
  SigV4Request out;
  out.in_query = true;
  const std::string* algorithm = request.FindQuery("X-Amz-Algorithm");
  const std::string* credential = request.FindQuery("X-Amz-Credential");
  if (credential && !ParseCredential(*credential, out)) {
    return Malformed(std::move(out), "X-Amz-Credential is not AKID/DATE/REGION/SERVICE/aws4_request");
  }
  if (!algorithm || *algorithm != kAlgorithm) {
    return Malformed(std::move(out), "X-Amz-Algorithm must be AWS4-HMAC-SHA256");
  }
  if (!credential) return Malformed(std::move(out), "X-Amz-Credential is missing");
  if (const std::string* headers = request.FindQuery("X-Amz-SignedHeaders")) ParseSignedHeaders(*headers, out);
  if (const std::string* signature = request.FindQuery("X-Amz-Signature")) out.signature = *signature;
  if (const std::string* date = request.FindQuery("X-Amz-Date")) out.amz_date = *date;
  const std::string* expires = request.FindQuery("X-Amz-Expires");
  if (out.signed_headers.empty()) return Malformed(std::move(out), "X-Amz-SignedHeaders is missing");
  if (out.signature.empty()) return Malformed(std::move(out), "X-Amz-Signature is missing");
  if (out.amz_date.empty()) return Malformed(std::move(out), "X-Amz-Date is missing");
  if (!expires) return Malformed(std::move(out), "X-Amz-Expires is missing");
  auto [end, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), out.expires_seconds);
  if (ec != std::errc() || end != expires->data() + expires->size() || out.expires_seconds < 0) {
    return Malformed(std::move(out), "X-Amz-Expires must be a non-negative number of seconds");
  }
  out.kind = SigV4Request::Kind::kPresigned;
  return out;
}

// Removes "." and ".." segments and repeated slashes (RFC 3986 5.2.4, plus
// the AWS rule on empty segments), keeping a leading and trailing slash.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> kept;
  ForEachPart(path, '/', [&](std::string_view segment) {
    if (segment.empty() || segment == ".") return;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else {
      kept.push_back(segment);
    }
  });
  std::string out = "/";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (!kept.empty() && path.back() == '/') out += '/';
  return out;
}

// Each segment of the percent-encoded `path` re-encoded in SigV4's form
// (which leaves an encoded '/' inside a segment encoded).
std::string EncodeSegments(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 8);
  bool first = true;
  ForEachPart(path, '/', [&](std::string_view segment) {
    if (!first) out += '/';
    first = false;
    out += core::UriEncode(core::UriDecode(segment));
  });
  return out;
}

std::string CanonicalUri(std::string_view path, PathRules rules) {
  if (path.empty()) return "/";
  if (rules == PathRules::kS3) return EncodeSegments(path);
  // Services other than S3 sign the encoded path encoded once more.
  return core::UriEncode(EncodeSegments(NormalizePath(path)), /*keep_slash=*/true);
}

std::string CanonicalQuery(const HttpRequest& request, bool presigned) {
  std::vector<std::pair<std::string, std::string>> pairs;
  pairs.reserve(request.query.size());
  for (const auto& [key, value] : request.query) {
    if (presigned && key == "X-Amz-Signature") continue;
    pairs.emplace_back(core::UriEncode(key), core::UriEncode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

// Trimmed, with runs of spaces collapsed to one.
void AppendCanonicalHeaderValue(std::string_view value, std::string& out) {
  value = Trim(value);
  bool in_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
}

bool IsHexSha256(std::string_view value) {
  return value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

AuthResult Fail(const SigV4Request& auth, AuthFailure failure, std::string detail) {
  AuthResult result;
  result.failure = failure;
  result.presigned = auth.in_query;
  result.detail = std::move(detail);
  result.access_key_id = auth.access_key_id;
  return result;
}

bool IsJsonFamily(Protocol p) { return p == Protocol::kJson || p == Protocol::kRestJson; }

}  // namespace

std::string SigV4Request::Scope() const {
  std::string scope;
  scope.reserve(date.size() + region.size() + service.size() + kTerminator.size() + 3);
  scope.append(date).append("/").append(region).append("/").append(service).append("/").append(kTerminator);
  return scope;
}

SigV4Request ParseSigV4(const HttpRequest& request) {
  SigV4Request out;
  if (const std::string* header = request.headers.Find("authorization")) {
    if (header->compare(0, 4, "AWS ") != 0) return ParseAuthorizationHeader(*header, request);
    out.kind = SigV4Request::Kind::kSigV2;
  } else if (request.HasQuery("X-Amz-Algorithm") || request.HasQuery("X-Amz-Credential")) {
    return ParsePresignedQuery(request);
  } else if (request.HasQuery("AWSAccessKeyId") || request.HasQuery("Signature")) {
    out.kind = SigV4Request::Kind::kSigV2;
  }
  return out;
}

PathRules PathRulesFor(std::string_view signing_service) {
  return signing_service == "s3" ? PathRules::kS3 : PathRules::kOther;
}

std::string PayloadHash(const HttpRequest& request, const SigV4Request& auth) {
  if (auth.kind == SigV4Request::Kind::kPresigned) {
    if (const std::string* hash = request.FindQuery("X-Amz-Content-Sha256")) return *hash;
    if (auth.service == "s3") return std::string(kUnsignedPayload);
  } else if (const std::string* hash = request.headers.Find("x-amz-content-sha256")) {
    return *hash;
  }
  return core::HexEncode(core::Sha256(request.body));
}

std::string CanonicalRequest(const HttpRequest& request, const SigV4Request& auth, PathRules rules) {
  std::string out;
  out.reserve(256 + request.path.size());
  out.append(request.method).append("\n");
  out.append(CanonicalUri(request.path, rules)).append("\n");
  out.append(CanonicalQuery(request, auth.kind == SigV4Request::Kind::kPresigned)).append("\n");
  for (const std::string& name : auth.signed_headers) {
    out.append(name).append(":");
    if (const std::string* value = request.headers.Find(name)) AppendCanonicalHeaderValue(*value, out);
    out.append("\n");
  }
  out.append("\n");
  for (size_t i = 0; i < auth.signed_headers.size(); ++i) {
    if (i > 0) out += ';';
    out += auth.signed_headers[i];
  }
  out.append("\n").append(PayloadHash(request, auth));
  return out;
}

std::string StringToSign(const SigV4Request& auth, std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.append("\n").append(auth.amz_date).append("\n").append(auth.Scope()).append("\n");
  out.append(core::HexEncode(core::Sha256(canonical_request)));
  return out;
}

std::string SigningKey(std::string_view secret_access_key, const SigV4Request& auth) {
  std::string key = core::HmacSha256("AWS4" + std::string(secret_access_key), auth.date);
  key = core::HmacSha256(key, auth.region);
  key = core::HmacSha256(key, auth.service);
  return core::HmacSha256(key, kTerminator);
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
  return core::HexEncode(core::HmacSha256(signing_key, string_to_sign));
}

const std::string* FindSecret(const SignatureOptions& options, std::string_view access_key_id) {
  for (const Credentials& c : options.credentials) {
    if (c.access_key_id == access_key_id) return &c.secret_access_key;
  }
  return nullptr;
}

bool SignaturesEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

AuthResult Authenticate(const HttpRequest& request, const SigV4Request& auth, const SignatureOptions& options,
                        int64_t now_millis) {
  switch (auth.kind) {
    case SigV4Request::Kind::kSigV2:
      return AuthenticateSigV2(request, options, now_millis);
    case SigV4Request::Kind::kMalformed:
      return Fail(auth, AuthFailure::kMalformed, auth.malformed_reason);
    case SigV4Request::Kind::kUnsupported:
      return Fail(auth, AuthFailure::kUnsupported, request.headers.Get("authorization"));
    case SigV4Request::Kind::kPresigned: {
      std::optional<int64_t> signed_at = core::ParseTimestamp(auth.amz_date);
      if (!signed_at) return Fail(auth, AuthFailure::kMalformed, "X-Amz-Date must be in the ISO8601 Long Format");
      if (now_millis > *signed_at + auth.expires_seconds * 1000) {
        return Fail(auth, AuthFailure::kExpired, "Request has expired");
      }
      break;
    }
    case SigV4Request::Kind::kAnonymous:
    case SigV4Request::Kind::kHeader:
      break;
  }
  if (!options.strict) return AuthResult();
  if (auth.kind == SigV4Request::Kind::kAnonymous) return Fail(auth, AuthFailure::kMissing, "the request is not signed");
  const std::string* secret = FindSecret(options, auth.access_key_id);
  if (!secret) return Fail(auth, AuthFailure::kUnknownAccessKey, auth.access_key_id);
  if (auth.kind == SigV4Request::Kind::kHeader) {
    const std::string* declared = request.headers.Find("x-amz-content-sha256");
    if (declared && IsHexSha256(*declared) && *declared != core::HexEncode(core::Sha256(request.body))) {
      return Fail(auth, AuthFailure::kContentHashMismatch, *declared);
    }
  }
  std::string canonical = CanonicalRequest(request, auth, PathRulesFor(auth.service));
  std::string string_to_sign = StringToSign(auth, canonical);
  std::string key = SigningKey(*secret, auth);
  if (!SignaturesEqual(SignatureHex(key, string_to_sign), auth.signature)) {
    AuthResult mismatch = Fail(auth, AuthFailure::kSignatureMismatch, auth.signature);
    mismatch.canonical_request = std::move(canonical);
    mismatch.string_to_sign = std::move(string_to_sign);
    return mismatch;
  }
  AuthResult ok;
  ok.signing_key = std::move(key);
  return ok;
}

Status AuthError(Protocol protocol, const AuthResult& result) {
  const bool s3 = protocol == Protocol::kRestXml;
  const bool json = IsJsonFamily(protocol);
  const bool ec2 = protocol == Protocol::kEc2;
  constexpr std::string_view kSignatureMessage =
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
      "Access Key and signing method. Consult the service documentation for details.";
  switch (result.failure) {
    case AuthFailure::kNone:
      return Status::Ok();
    case AuthFailure::kMissing:
      if (s3) return Status::Error("AccessDenied", "Access Denied", 403);
      return Status::Error(json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
                           "Missing Authentication Token", 403);
    case AuthFailure::kMalformed:
      if (s3 && result.presigned) {
        return Status::Error("AuthorizationQueryParametersError", "Query-string authentication is malformed: " +
                             result.detail, 400);
      }
      if (s3) return Status::Error("AuthorizationHeaderMalformed", "The authorization header is malformed; " + result.detail, 400);
      return Status::Error(json ? "IncompleteSignatureException" : "IncompleteSignature",
                           "The request signature does not conform to AWS standards: " + result.detail, 400);
    case AuthFailure::kUnsupported:
      if (s3) {
        return Status::Error("InvalidArgument", "Unsupported Authorization Type", 400)
            .WithDetail("ArgumentName", "Authorization")
            .WithDetail("ArgumentValue", result.detail);
      }
      return Status::Error(json ? "IncompleteSignatureException" : "IncompleteSignature",
                           "Unsupported Authorization Type", 400);
    case AuthFailure::kUnknownAccessKey:
      if (s3) {
        return Status::Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403)
            .WithDetail("AWSAccessKeyId", result.detail);
      }
      if (ec2) return Status::Error("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
      return Status::Error(json ? "UnrecognizedClientException" : "InvalidClientTokenId",
                           "The security token included in the request is invalid.", 403);
    case AuthFailure::kSignatureMismatch:
    case AuthFailure::kContentHashMismatch:
      if (s3 && result.failure == AuthFailure::kContentHashMismatch) {
        return Status::Error("XAmzContentSHA256Mismatch",
                             "The provided 'x-amz-content-sha256' header does not match what was computed.", 400)
            .WithDetail("ClientComputedContentSHA256", result.detail);
      }
      if (s3) {
        return Status::Error("SignatureDoesNotMatch",
                             "The request signature we calculated does not match the signature you provided. "
                             "Check your key and signing method.",
                             403)
            .WithDetail("AWSAccessKeyId", result.access_key_id)
            .WithDetail("StringToSign", result.string_to_sign)
            .WithDetail("SignatureProvided", result.detail)
            .WithDetail("CanonicalRequest", result.canonical_request);
      }
      if (ec2) return Status::Error("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
      return Status::Error(json ? "InvalidSignatureException" : "SignatureDoesNotMatch", std::string(kSignatureMessage),
                           403);
    case AuthFailure::kExpired:
      if (ec2) return Status::Error("AuthFailure", "Request has expired", 401);
      return Status::Error(json ? "AccessDeniedException" : "AccessDenied", "Request has expired", 403);
  }
  return Status::Internal("unknown authentication failure");
}

}  // namespace cloudemu::server
