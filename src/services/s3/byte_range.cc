#include "services/s3/byte_range.h"

#include <algorithm>
#include <limits>

#include "services/s3/header_lists.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

constexpr std::string_view kBytesUnit = "bytes=";
constexpr std::string_view kCopySourceRange = "x-amz-copy-source-range";

// Decimal digits only; values beyond uint64 saturate (they lie past any object).
std::optional<uint64_t> ParseOffset(std::string_view text) {
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    value = value > (kMax - digit) / 10 ? kMax : value * 10 + digit;
  }
  return value;
}

// "first-last", "first-" or "-suffix"; empty optionals for the open ends.
struct RangeSpec {
  std::optional<uint64_t> first;
  std::optional<uint64_t> last;
};

std::optional<RangeSpec> ParseSpec(std::string_view spec) {
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view first_text = TrimSpaces(spec.substr(0, dash));
  std::string_view last_text = TrimSpaces(spec.substr(dash + 1));
  RangeSpec out;
  if (!first_text.empty() && !(out.first = ParseOffset(first_text))) return std::nullopt;
  if (!last_text.empty() && !(out.last = ParseOffset(last_text))) return std::nullopt;
  if (!out.first && !out.last) return std::nullopt;
  if (out.first && out.last && *out.last < *out.first) return std::nullopt;
  return out;
}

}  // namespace

StatusOr<std::optional<ByteRange>> ResolveRange(std::string_view header, uint64_t size) {
  std::string_view text = TrimSpaces(header);
  if (text.substr(0, kBytesUnit.size()) != kBytesUnit) return std::optional<ByteRange>();
  text.remove_prefix(kBytesUnit.size());
  if (text.find(',') != std::string_view::npos) return std::optional<ByteRange>();
  std::optional<RangeSpec> spec = ParseSpec(TrimSpaces(text));
  if (!spec) return std::optional<ByteRange>();
  if (!spec->first) {  // suffix: the last N bytes
    if (*spec->last == 0 || size == 0) return InvalidRange(size, header);
    uint64_t length = std::min(*spec->last, size);
    return std::optional<ByteRange>(ByteRange{size - length, size - 1});
  }
  if (*spec->first >= size) return InvalidRange(size, header);
  uint64_t last = spec->last ? std::min(*spec->last, size - 1) : size - 1;
  return std::optional<ByteRange>(ByteRange{*spec->first, last});
}

std::string ContentRange(const ByteRange& range, uint64_t size) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(size);
}

StatusOr<ByteRange> ResolveCopySourceRange(std::string_view header, uint64_t size) {
  std::string_view text = header;
  std::optional<RangeSpec> spec;
  if (text.substr(0, kBytesUnit.size()) == kBytesUnit) spec = ParseSpec(text.substr(kBytesUnit.size()));
  if (!spec || !spec->first || !spec->last) {
    return InvalidArgument(
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the "
        "zero-based offsets of the first and last bytes to copy",
        kCopySourceRange, header);
  }
  if (*spec->last >= size) {
    return InvalidArgument("Range specified is not valid for source object of size: " + std::to_string(size),
                           kCopySourceRange, header);
  }
  return ByteRange{*spec->first, *spec->last};
}

}  // namespace cloudemu::services::s3
