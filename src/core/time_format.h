// The timestamp formats AWS protocols use.
#ifndef CLOUDEMU_CORE_TIME_FORMAT_H_
#define CLOUDEMU_CORE_TIME_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudemu::core {

// "2026-11-28T19:55:42.123Z" (milliseconds always written).
std::string FormatIso8601(int64_t millis);
// "Sat, 28 Nov 2026 19:55:42 GMT" (HTTP dates; S3 headers).
std::string FormatRfc822(int64_t millis);
// "20261128T195542Z" (SigV4 x-amz-date).
std::string FormatAmzDate(int64_t millis);
// Seconds since the epoch, with a fraction only when there are milliseconds.
std::string FormatEpochSeconds(int64_t millis);

// Accept the variants clients send: ISO 8601 with or without fraction and
// with Z or an offset, RFC 822/1123 dates, the compact SigV4 form, and epoch
// seconds (integer or fractional).
std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_TIME_FORMAT_H_
