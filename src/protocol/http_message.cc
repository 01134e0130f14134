#include "protocol/http_message.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "core/encoding.h"

namespace cloudemu::protocol {
namespace {

bool IsLower(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c); });
}

}  // namespace

void Headers::Set(std::string_view name, std::string value) { headers_[core::AsciiLower(name)] = std::move(value); }

void Headers::Add(std::string_view name, std::string_view value) { Add(name, std::string(value)); }

void Headers::Add(std::string_view name, std::string&& value) {
  auto [it, inserted] = headers_.try_emplace(core::AsciiLower(name), std::move(value));
  if (!inserted) {
    it->second += ",";
    it->second += value;
  }
}

const std::string* Headers::Find(std::string_view name) const {
  auto it = IsLower(name) ? headers_.find(name) : headers_.find(core::AsciiLower(name));
  return it == headers_.end() ? nullptr : &it->second;
}

std::string Headers::Get(std::string_view name) const {
  const std::string* v = Find(name);
  return v ? *v : std::string();
}

void Headers::Erase(std::string_view name) { headers_.erase(core::AsciiLower(name)); }

const std::string* HttpRequest::FindQuery(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query,
                                                                  bool plus_is_space) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(core::UriDecode(part, plus_is_space), std::string());
    } else {
      out.emplace_back(core::UriDecode(part.substr(0, eq), plus_is_space),
                       core::UriDecode(part.substr(eq + 1), plus_is_space));
    }
  }
  return out;
}

}  // namespace cloudemu::protocol
