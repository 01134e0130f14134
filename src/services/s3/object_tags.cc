#include "services/s3/object_tags.h"

#include <cctype>
#include <utility>
#include <vector>

#include "core/encoding.h"
#include "core/utf8.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

constexpr size_t kMaxTags = 10;
constexpr size_t kMaxKeyCharacters = 128;
constexpr size_t kMaxValueCharacters = 256;

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// Letters and digits of any script (non-ASCII is let through), spaces and + - = . _ : / @.
bool HasOnlyTagCharacters(std::string_view text) {
  if (!core::IsValidUtf8(text)) return false;
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (std::string_view(" +-=._:/@").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return true;
}

StatusOr<TagMap> Validate(const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (pairs.size() > kMaxTags) return Status::InvalidArgument("BadRequest", "Object tags cannot be greater than 10");
  TagMap tags;
  for (const auto& [key, value] : pairs) {
    if (key.empty() || !HasOnlyTagCharacters(key)) return InvalidTag("The TagKey you have provided is invalid");
    if (CharacterCount(key) > kMaxKeyCharacters) return InvalidTag("The TagKey you have provided is too long, max 128");
    if (key.substr(0, 4) == "aws:") return InvalidTag("Your TagKey cannot be prefixed with aws:");
    if (!HasOnlyTagCharacters(value)) return InvalidTag("The TagValue you have provided is invalid");
    if (CharacterCount(value) > kMaxValueCharacters) {
      return InvalidTag("The TagValue you have provided is too long, max 256");
    }
    if (!tags.emplace(key, value).second) return InvalidTag("Cannot provide multiple Tags with the same key");
  }
  return tags;
}

}  // namespace

StatusOr<TagMap> TagsFromHeader(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!header.empty()) {
    size_t amp = header.find('&');
    std::string_view pair = header.substr(0, amp);
    header = amp == std::string_view::npos ? std::string_view() : header.substr(amp + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string key = core::UriDecode(pair.substr(0, equals), /*plus_is_space=*/true);
    std::string value =
        equals == std::string_view::npos ? std::string() : core::UriDecode(pair.substr(equals + 1), true);
    pairs.emplace_back(std::move(key), std::move(value));
  }
  return Validate(pairs);
}

StatusOr<TagMap> TagsFromTagSet(const core::Document& tag_set) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const core::Document& tag : tag_set.AsList()) pairs.emplace_back(tag["Key"].AsString(), tag["Value"].AsString());
  return Validate(pairs);
}

core::Document TagSetOf(const TagMap& tags) {
  core::Document tag_set = core::Document::List();
  for (const auto& [key, value] : tags) {
    core::Document tag = core::Document::Map();
    tag.Set("Key", key);
    tag.Set("Value", value);
    tag_set.Append(std::move(tag));
  }
  return tag_set;
}

}  // namespace cloudemu::services::s3
