// Header values as S3 reads them: optional spaces and tabs around values, and
// comma separated lists (If-Match ETags, Content-Encoding codings,
// x-amz-object-attributes names).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_HEADER_LISTS_H_
#define CLOUDEMU_SERVICES_S3_HEADER_LISTS_H_

#include <string_view>
#include <vector>

namespace cloudemu::services::s3 {

inline std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The trimmed, non-empty items of a comma separated list.
inline std::vector<std::string_view> SplitHeaderList(std::string_view text) {
  std::vector<std::string_view> items;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = TrimSpaces(text.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) return items;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_HEADER_LISTS_H_
