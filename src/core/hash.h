// Digests and checksums (raw bytes out; pair with HexEncode/Base64Encode).
#ifndef CLOUDEMU_CORE_HASH_H_
#define CLOUDEMU_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cloudemu::core {

std::string Md5(std::string_view data);
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HmacSha1(std::string_view key, std::string_view data);  // S3's legacy SigV2

// The CRCs S3 offers as object checksums, big-endian bytes as S3 encodes them.
uint32_t Crc32(std::string_view data, uint32_t previous = 0);
uint32_t Crc32c(std::string_view data, uint32_t previous = 0);
uint64_t Crc64Nvme(std::string_view data, uint64_t previous = 0);
std::string BigEndianBytes(uint32_t value);
std::string BigEndianBytes(uint64_t value);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_HASH_H_
