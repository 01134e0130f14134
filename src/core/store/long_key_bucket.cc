#include "core/store/long_key_bucket.h"

#include <cstdint>

namespace cloudemu::core {
namespace {

// Layout: repeated { u64 rest size, rest, u64 value size, value }, sizes little-endian.
void AppendSized(std::string& out, std::string_view bytes) {
  uint64_t size = bytes.size();
  for (int i = 0; i < 8; ++i, size >>= 8) out += static_cast<char>(size & 0xFF);
  out.append(bytes);
}

std::optional<std::string_view> ReadSized(std::string_view& in) {
  if (in.size() < 8) return std::nullopt;
  uint64_t size = 0;
  for (int i = 7; i >= 0; --i) size = (size << 8) | static_cast<uint8_t>(in[static_cast<size_t>(i)]);
  in.remove_prefix(8);
  if (size > in.size()) return std::nullopt;
  std::string_view bytes = in.substr(0, size);
  in.remove_prefix(size);
  return bytes;
}

}  // namespace

std::optional<LongKeyBucket> LongKeyBucket::Parse(std::string_view bytes) {
  LongKeyBucket bucket;
  while (!bytes.empty()) {
    auto rest = ReadSized(bytes);
    if (!rest) return std::nullopt;
    auto value = ReadSized(bytes);
    if (!value) return std::nullopt;
    bucket.entries_.insert_or_assign(std::string(*rest), std::string(*value));
  }
  return bucket;
}

std::string LongKeyBucket::Serialize() const {
  std::string out;
  for (const auto& [rest, value] : entries_) {
    AppendSized(out, rest);
    AppendSized(out, value);
  }
  return out;
}

const std::string* LongKeyBucket::Find(std::string_view rest) const {
  auto it = entries_.find(rest);
  return it == entries_.end() ? nullptr : &it->second;
}

void LongKeyBucket::Put(std::string_view rest, std::string value) {
  auto it = entries_.find(rest);
  if (it == entries_.end()) {
    entries_.emplace(std::string(rest), std::move(value));
  } else {
    it->second = std::move(value);
  }
}

bool LongKeyBucket::Erase(std::string_view rest) {
  auto it = entries_.find(rest);
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

}  // namespace cloudemu::core
