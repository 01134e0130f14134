#include "core/hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>
#include <zlib.h>

#include <array>

namespace cloudemu::core {
namespace {

// EVP_md5() and its kin make OpenSSL 3 look the implementation up again on
// every use, which costs more than digesting a small input; fetched once,
// it is reused for the life of the process.
const EVP_MD* Algorithm(const char* name, const EVP_MD* (*fallback)()) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
  if (EVP_MD* fetched = EVP_MD_fetch(nullptr, name, nullptr)) return fetched;
#endif
  return fallback();
}

const EVP_MD* Md5Algorithm() {
  static const EVP_MD* md = Algorithm("MD5", EVP_md5);
  return md;
}
const EVP_MD* Sha1Algorithm() {
  static const EVP_MD* md = Algorithm("SHA1", EVP_sha1);
  return md;
}
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = Algorithm("SHA256", EVP_sha256);
  return md;
}

std::string Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out, &length, md, nullptr);
  return std::string(reinterpret_cast<char*>(out), length);
}

std::string Hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &length);
  return std::string(reinterpret_cast<char*>(out), length);
}

// Reflected CRC tables, built once at compile time.
template <typename T, T kPolynomial>
constexpr std::array<T, 256> MakeCrcTable() {
  std::array<T, 256> table{};
  for (T i = 0; i < 256; ++i) {
    T crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ kPolynomial : crc >> 1;
    table[static_cast<size_t>(i)] = crc;
  }
  return table;
}

constexpr auto kCrc32cTable = MakeCrcTable<uint32_t, 0x82F63B78u>();
constexpr auto kCrc64NvmeTable = MakeCrcTable<uint64_t, 0x9A6C9329AC4BC9B5ull>();

}  // namespace

std::string Md5(std::string_view data) { return Digest(Md5Algorithm(), data); }
std::string Sha1(std::string_view data) { return Digest(Sha1Algorithm(), data); }
std::string Sha256(std::string_view data) { return Digest(Sha256Algorithm(), data); }

std::string HmacSha256(std::string_view key, std::string_view data) { return Hmac(Sha256Algorithm(), key, data); }

std::string HmacSha1(std::string_view key, std::string_view data) { return Hmac(Sha1Algorithm(), key, data); }

uint32_t Crc32(std::string_view data, uint32_t previous) {
  uLong crc = previous;
  // zlib takes uInt lengths; feed large inputs in pieces.
  while (!data.empty()) {
    size_t n = std::min<size_t>(data.size(), 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(n));
    data.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

uint32_t Crc32c(std::string_view data, uint32_t previous) {
  uint32_t crc = ~previous;
  for (unsigned char c : data) crc = kCrc32cTable[(crc ^ c) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

uint64_t Crc64Nvme(std::string_view data, uint64_t previous) {
  uint64_t crc = ~previous;
  for (unsigned char c : data) crc = kCrc64NvmeTable[(crc ^ c) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::string BigEndianBytes(uint32_t value) {
  std::string out(4, '\0');
  for (int i = 3; i >= 0; --i, value >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(value & 0xFF);
  return out;
}

std::string BigEndianBytes(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, value >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(value & 0xFF);
  return out;
}

}  // namespace cloudemu::core
