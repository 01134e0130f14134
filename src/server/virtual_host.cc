#include "server/virtual_host.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"

namespace cloudemu::server {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool IsRegion(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

// "127.0.0.1" or "127-0-0-1".
bool IsIpv4Label(std::string_view s) {
  int parts = 0;
  size_t digits = 0;
  char separator = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++digits > 3) return false;
      continue;
    }
    if ((c != '.' && c != '-') || digits == 0 || (separator && c != separator)) return false;
    separator = c;
    digits = 0;
    ++parts;
  }
  return digits > 0 && parts == 3;
}

// "s3.amazonaws.com", "s3.<region>.amazonaws.com", "s3-<region>...",
// "s3.dualstack.<region>...".
bool IsAwsS3Endpoint(std::string_view rest) {
  for (std::string_view suffix : {std::string_view(".amazonaws.com"), std::string_view(".amazonaws.com.cn")}) {
    if (!EndsWith(rest, suffix)) continue;
    std::string_view head = rest.substr(0, rest.size() - suffix.size());
    if (head == "s3") return true;
    if (StartsWith(head, "s3.dualstack.")) return IsRegion(head.substr(13));
    if (StartsWith(head, "s3.") || StartsWith(head, "s3-")) return IsRegion(head.substr(3));
  }
  return false;
}

bool IsEndpoint(std::string_view rest) {
  if (rest == "localhost" || rest == "s3.localhost" || rest == "localhost.localstack.cloud" ||
      rest == "s3.localhost.localstack.cloud") {
    return true;
  }
  for (std::string_view suffix : {std::string_view(".nip.io"), std::string_view(".sslip.io")}) {
    if (EndsWith(rest, suffix)) return IsIpv4Label(rest.substr(0, rest.size() - suffix.size()));
  }
  return IsAwsS3Endpoint(rest);
}

}  // namespace

std::string VirtualHostBucket(std::string_view host) {
  if (host.empty() || host.front() == '[') return std::string();  // IPv6 literal
  if (size_t colon = host.rfind(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  const std::string lower = core::AsciiLower(host);
  std::string_view name = lower;
  // The bucket may itself contain dots: try each split, shortest bucket
  // first. Bucket names have 3 to 63 characters ("s3.localhost" names none).
  for (size_t dot = name.find('.'); dot != std::string_view::npos && dot <= 63; dot = name.find('.', dot + 1)) {
    if (dot >= 3 && IsEndpoint(name.substr(dot + 1))) return std::string(name.substr(0, dot));
  }
  return std::string();
}

bool RewriteVirtualHost(protocol::HttpRequest& request) {
  const std::string* host = request.headers.Find("host");
  if (!host) return false;
  std::string bucket = VirtualHostBucket(*host);
  if (bucket.empty()) return false;
  std::string path = "/" + bucket;
  if (request.path != "/" && !request.path.empty()) path += request.path;
  request.path = std::move(path);
  return true;
}

}  // namespace cloudemu::server
