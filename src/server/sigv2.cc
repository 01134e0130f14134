#include "server/sigv2.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "server/virtual_host.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;

// The query parameters S3 includes in the signed resource (botocore's list).
constexpr std::string_view kSubresources[] = {
    "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
    "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
    "response-cache-control", "response-content-disposition", "response-content-encoding",
    "response-content-language", "response-content-type", "response-expires", "restore", "select", "select-type",
    "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
};

bool IsSubresource(std::string_view key) {
  return std::find(std::begin(kSubresources), std::end(kSubresources), key) != std::end(kSubresources);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A signed header's value. A presigned URL carries Content-Type,
// Content-MD5 and x-amz-* values in its query when the request does not.
std::string SignedValue(const HttpRequest& request, const SigV2Request& auth, std::string_view name) {
  if (const std::string* header = request.headers.Find(name)) return std::string(Trim(*header));
  if (auth.kind == SigV2Request::Kind::kPresigned) {
    for (const auto& [key, value] : request.query) {
      if (core::AsciiLower(key) == name) return std::string(Trim(value));
    }
  }
  return std::string();
}

std::string CanonicalResource(const HttpRequest& request) {
  std::string resource;
  const std::string* host = request.headers.Find("host");
  std::string bucket = host ? VirtualHostBucket(*host) : std::string();
  if (!bucket.empty()) resource = "/" + bucket;
  resource += request.path.empty() ? "/" : request.path;
  std::vector<std::pair<std::string, std::string>> subresources;
  for (const auto& [key, value] : request.query) {
    if (IsSubresource(key)) subresources.emplace_back(key, value);
  }
  std::stable_sort(subresources.begin(), subresources.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < subresources.size(); ++i) {
    resource += i == 0 ? "?" : "&";
    resource += subresources[i].first;
    if (!subresources[i].second.empty()) resource += "=" + subresources[i].second;
  }
  return resource;
}

AuthResult Fail(AuthFailure failure, const SigV2Request& auth, std::string detail) {
  AuthResult result;
  result.failure = failure;
  result.presigned = auth.in_query;
  result.access_key_id = auth.access_key_id;
  result.detail = std::move(detail);
  return result;
}

}  // namespace

SigV2Request ParseSigV2(const HttpRequest& request) {
  SigV2Request out;
  if (const std::string* header = request.headers.Find("authorization")) {
    std::string_view value = *header;
    if (value.substr(0, 4) != "AWS ") return out;
    value.remove_prefix(4);
    size_t colon = value.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == value.size()) {
      out.kind = SigV2Request::Kind::kMalformed;
      return out;
    }
    out.kind = SigV2Request::Kind::kHeader;
    out.access_key_id = std::string(Trim(value.substr(0, colon)));
    out.signature = std::string(Trim(value.substr(colon + 1)));
    return out;
  }
  const std::string* key = request.FindQuery("AWSAccessKeyId");
  const std::string* signature = request.FindQuery("Signature");
  const std::string* expires = request.FindQuery("Expires");
  if (!key && !signature) return out;
  out.in_query = true;
  out.kind = SigV2Request::Kind::kMalformed;
  if (!key || !signature || !expires) return out;
  auto [end, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), out.expires_seconds);
  if (ec != std::errc() || end != expires->data() + expires->size()) return out;
  out.kind = SigV2Request::Kind::kPresigned;
  out.access_key_id = *key;
  out.signature = *signature;
  return out;
}

std::string SigV2StringToSign(const HttpRequest& request, const SigV2Request& auth) {
  std::string out = request.method + "\n";
  out += SignedValue(request, auth, "content-md5") + "\n";
  out += SignedValue(request, auth, "content-type") + "\n";
  if (auth.kind == SigV2Request::Kind::kPresigned) {
    out += std::to_string(auth.expires_seconds);
  } else if (!request.headers.Has("x-amz-date")) {
    out += SignedValue(request, auth, "date");
  }
  out += "\n";
  std::map<std::string, std::string> amz;  // sorted by name
  for (const auto& [name, value] : request.headers.all()) {
    if (name.compare(0, 6, "x-amz-") == 0) amz[name] = std::string(Trim(value));
  }
  if (auth.kind == SigV2Request::Kind::kPresigned) {
    for (const auto& [key, value] : request.query) {
      std::string name = core::AsciiLower(key);
      if (name.compare(0, 6, "x-amz-") == 0) amz.emplace(std::move(name), std::string(Trim(value)));
    }
  }
  for (const auto& [name, value] : amz) out += name + ":" + value + "\n";
  out += CanonicalResource(request);
  return out;
}

std::string SigV2Signature(std::string_view secret_access_key, std::string_view string_to_sign) {
  return core::Base64Encode(core::HmacSha1(secret_access_key, string_to_sign));
}

AuthResult AuthenticateSigV2(const HttpRequest& request, const SignatureOptions& options, int64_t now_millis) {
  const SigV2Request auth = ParseSigV2(request);
  if (auth.kind == SigV2Request::Kind::kMalformed) {
    return Fail(AuthFailure::kMalformed, auth, "expected AWS AKID:SIGNATURE, or AWSAccessKeyId, Expires and Signature");
  }
  if (auth.kind == SigV2Request::Kind::kPresigned && now_millis > auth.expires_seconds * 1000) {
    return Fail(AuthFailure::kExpired, auth, "Request has expired");
  }
  if (!options.strict) return AuthResult();
  if (auth.kind == SigV2Request::Kind::kNone) return Fail(AuthFailure::kMissing, auth, "the request is not signed");
  const std::string* secret = FindSecret(options, auth.access_key_id);
  if (!secret) return Fail(AuthFailure::kUnknownAccessKey, auth, auth.access_key_id);
  std::string string_to_sign = SigV2StringToSign(request, auth);
  if (!SignaturesEqual(SigV2Signature(*secret, string_to_sign), auth.signature)) {
    AuthResult mismatch = Fail(AuthFailure::kSignatureMismatch, auth, auth.signature);
    mismatch.string_to_sign = std::move(string_to_sign);
    return mismatch;
  }
  return AuthResult();
}

}  // namespace cloudemu::server
