#include "core/ids.h"

#include <cctype>

namespace cloudemu::core {

uint64_t IdGenerator::Next() {
  std::lock_guard lock(mu_);
  return engine_();
}

std::string IdGenerator::Hex(size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(length);
  std::lock_guard lock(mu_);
  while (out.size() < length) {
    uint64_t bits = engine_();
    for (int i = 0; i < 16 && out.size() < length; ++i, bits >>= 4) out += kDigits[bits & 15];
  }
  return out;
}

std::string IdGenerator::Alphanumeric(size_t length) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(length);
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < length; ++i) out += kChars[engine_() % 62];
  return out;
}

std::string IdGenerator::Uuid() {
  std::string h = Hex(32);
  h[12] = '4';
  h[16] = "89ab"[h[16] % 4];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20);
}

std::string IdGenerator::RequestId() {
  std::string id = Hex(16);
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

}  // namespace cloudemu::core
