// ASCII case folding for protocol tokens (header names, hex digits, bucket
// names, keywords): locale-free and inline, because the request path folds
// every header name of every request.
#ifndef CLOUDEMU_CORE_ASCII_H_
#define CLOUDEMU_CORE_ASCII_H_

#include <string>
#include <string_view>

namespace cloudemu::core {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_ASCII_H_
