#include "services/s3/bucket_names.h"

#include <array>

namespace cloudemu::services::s3 {
namespace {

bool IsLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Four dot-separated groups of 1-3 digits, e.g. 192.168.5.4.
bool LooksLikeIpAddress(std::string_view name) {
  int groups = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    std::string_view group = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (group.empty() || group.size() > 3) return false;
    for (char c : group) {
      if (c < '0' || c > '9') return false;
    }
    ++groups;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return groups == 4;
}

constexpr std::array<std::string_view, 3> kReservedPrefixes = {"xn--", "sthree-", "amzn-s3-demo-"};
constexpr std::array<std::string_view, 5> kReservedSuffixes = {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"};

}  // namespace

bool IsValidBucketName(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  if (!IsLowerOrDigit(name.front()) || !IsLowerOrDigit(name.back())) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!IsLowerOrDigit(c) && c != '.' && c != '-') return false;
    if (c == '.' && i > 0 && name[i - 1] == '.') return false;
  }
  if (LooksLikeIpAddress(name)) return false;
  for (std::string_view prefix : kReservedPrefixes) {
    if (name.starts_with(prefix)) return false;
  }
  for (std::string_view suffix : kReservedSuffixes) {
    if (name.ends_with(suffix)) return false;
  }
  return true;
}

}  // namespace cloudemu::services::s3
