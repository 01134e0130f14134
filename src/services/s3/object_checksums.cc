#include "services/s3/object_checksums.h"

#include <array>
#include <cctype>

#include "core/ascii.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

struct Algorithm {
  std::string_view name;
  std::string_view member;  // the input/output member: ChecksumMember(name)
  size_t digest_bytes;
  std::string (*digest)(std::string_view data);  // null: in the model, not computed by CloudEmu
};

std::string Crc32Digest(std::string_view data) { return core::BigEndianBytes(core::Crc32(data)); }
std::string Crc32cDigest(std::string_view data) { return core::BigEndianBytes(core::Crc32c(data)); }
std::string Crc64NvmeDigest(std::string_view data) { return core::BigEndianBytes(core::Crc64Nvme(data)); }

// Every algorithm of the model's ChecksumAlgorithm enum.
constexpr std::array<Algorithm, 10> kAlgorithms = {{
    {"CRC32", "ChecksumCRC32", 4, &Crc32Digest},
    {"CRC32C", "ChecksumCRC32C", 4, &Crc32cDigest},
    {"CRC64NVME", "ChecksumCRC64NVME", 8, &Crc64NvmeDigest},
    {"SHA1", "ChecksumSHA1", 20, &core::Sha1},
    {"SHA256", "ChecksumSHA256", 32, &core::Sha256},
    {"MD5", "ChecksumMD5", 16, &core::Md5},
    {"SHA512", "ChecksumSHA512", 64, nullptr},
    {"XXHASH64", "ChecksumXXHASH64", 8, nullptr},
    {"XXHASH3", "ChecksumXXHASH3", 8, nullptr},
    {"XXHASH128", "ChecksumXXHASH128", 16, nullptr},
}};

const Algorithm* FindAlgorithm(std::string_view name) {
  for (const Algorithm& algorithm : kAlgorithms) {
    if (algorithm.name == name) return &algorithm;
  }
  return nullptr;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string HeaderName(std::string_view algorithm) { return "x-amz-checksum-" + core::AsciiLower(algorithm); }

Status NotComputable(std::string_view algorithm) { return HeaderNotImplemented(HeaderName(algorithm)); }

}  // namespace

std::string ChecksumMember(std::string_view algorithm) { return "Checksum" + std::string(algorithm); }

bool IsComputableAlgorithm(std::string_view algorithm) {
  const Algorithm* found = FindAlgorithm(algorithm);
  return found != nullptr && found->digest != nullptr;
}

std::string ComputeChecksum(std::string_view algorithm, std::string_view data) {
  return core::Base64Encode(FindAlgorithm(algorithm)->digest(data));
}

StatusOr<std::optional<RequestedChecksum>> RequestedChecksumOf(const core::Document& input) {
  std::optional<RequestedChecksum> requested;
  for (const Algorithm& algorithm : kAlgorithms) {
    const core::Document* value = input.Find(algorithm.member);
    if (value == nullptr) continue;
    if (requested) {
      return InvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
    std::optional<std::string> decoded = core::Base64Decode(value->AsString());
    if (!decoded || decoded->size() != algorithm.digest_bytes) {
      return InvalidRequest("Value for " + HeaderName(algorithm.name) + " header is invalid.");
    }
    requested = RequestedChecksum{std::string(algorithm.name), value->AsString()};
  }
  if (const core::Document* named = input.Find("ChecksumAlgorithm")) {
    std::string algorithm = Upper(named->AsString());
    if (FindAlgorithm(algorithm) == nullptr) {
      return InvalidRequest(
          "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, "
          "CRC32C, CRC64NVME, MD5, SHA1, SHA256, SHA512, XXHASH3, XXHASH64, XXHASH128]");
    }
    if (requested && requested->algorithm != algorithm) {
      return Status::InvalidArgument("BadDigest", "Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }
    if (!requested) requested = RequestedChecksum{algorithm, std::nullopt};
  }
  if (requested && !IsComputableAlgorithm(requested->algorithm)) return NotComputable(requested->algorithm);
  return requested;
}

StatusOr<std::optional<RequestedChecksum>> PartChecksumRequest(std::string_view upload_algorithm,
                                                               const core::Document& input) {
  auto requested = RequestedChecksumOf(input);
  if (!requested.ok() || upload_algorithm.empty()) return requested;
  if (!requested->has_value())
    return std::optional<RequestedChecksum>(RequestedChecksum{std::string(upload_algorithm), std::nullopt});
  if ((*requested)->algorithm != upload_algorithm) {
    return InvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " + core::AsciiLower(upload_algorithm) +
                          ", actual checksum Type: " + core::AsciiLower((*requested)->algorithm));
  }
  return requested;
}

StatusOr<std::string> VerifyChecksum(const RequestedChecksum& requested, std::string_view data) {
  std::string computed = ComputeChecksum(requested.algorithm, data);
  if (requested.expected && *requested.expected != computed) {
    return Status::InvalidArgument("BadDigest", "The " + requested.algorithm +
                                                    " you specified did not match the calculated "
                                                    "checksum.");
  }
  return computed;
}

std::string Md5Etag(std::string_view data) { return "\"" + core::HexEncode(core::Md5(data)) + "\""; }

Status VerifyContentMd5(const core::Document& input, std::string_view data) {
  const core::Document* content_md5 = input.Find("ContentMD5");
  if (content_md5 == nullptr) return Status::Ok();
  std::optional<std::string> expected = core::Base64Decode(content_md5->AsString());
  if (!expected || expected->size() != 16) {
    return Status::InvalidArgument("InvalidDigest", "The Content-MD5 you specified was invalid.")
        .WithDetail("Content-MD5", content_md5->AsString());
  }
  std::string calculated = core::Md5(data);
  if (*expected != calculated) {
    return Status::InvalidArgument("BadDigest", "The Content-MD5 you specified did not match what we received.")
        .WithDetail("ExpectedDigest", content_md5->AsString())
        .WithDetail("CalculatedDigest", core::Base64Encode(calculated));
  }
  return Status::Ok();
}

StatusOr<std::string> MultipartChecksumType(std::string_view algorithm, std::string_view requested_type) {
  if (algorithm.empty()) {
    if (!requested_type.empty()) {
      return InvalidRequest(
          "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm "
          "header.");
    }
    return std::string();
  }
  if (!IsComputableAlgorithm(algorithm)) {
    if (FindAlgorithm(algorithm) != nullptr) return NotComputable(algorithm);
    return InvalidRequest("Checksum algorithm provided is unsupported.");
  }
  bool crc32_family = algorithm == "CRC32" || algorithm == "CRC32C";
  std::string_view fallback = algorithm == "CRC64NVME" ? kFullObject : kComposite;
  std::string_view type = requested_type.empty() ? fallback : requested_type;
  if (type != kFullObject && type != kComposite) {
    return InvalidRequest("Value for x-amz-checksum-type header is invalid.");
  }
  if (type != fallback && !crc32_family) {
    return InvalidRequest("The " + std::string(type) + " checksum type cannot be used with the " + core::AsciiLower(algorithm) +
                          " checksum algorithm.");
  }
  return std::string(type);
}

std::string CompositeChecksum(std::string_view algorithm, const std::vector<std::string>& part_checksums) {
  std::string concatenated;
  for (const std::string& part : part_checksums) concatenated += core::Base64Decode(part).value_or("");
  return ComputeChecksum(algorithm, concatenated) + "-" + std::to_string(part_checksums.size());
}

void AddChecksumMembers(const std::map<std::string, std::string>& checksums, std::string_view checksum_type,
                        core::Document& output) {
  for (const auto& [algorithm, value] : checksums) output.Set(ChecksumMember(algorithm), value);
  if (!checksum_type.empty() && !checksums.empty()) output.Set("ChecksumType", checksum_type);
}

}  // namespace cloudemu::services::s3
