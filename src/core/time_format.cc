#include "core/time_format.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace cloudemu::core {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm ToUtc(int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis >= 0 ? millis / 1000 : (millis - 999) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return tm;
}

int64_t FloorMillis(int64_t millis) { return ((millis % 1000) + 1000) % 1000; }

// Days since the epoch for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t ToMillis(int year, int month, int day, int hour, int minute, int second, int millis) {
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000LL + millis;
}

bool ReadInt(std::string_view& text, size_t digits, int& out) {
  if (text.size() < digits) return false;
  out = 0;
  for (size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  text.remove_prefix(digits);
  return true;
}

bool Expect(std::string_view& text, char c) {
  if (text.empty() || text[0] != c) return false;
  text.remove_prefix(1);
  return true;
}

std::optional<int64_t> ParseIso8601(std::string_view text) {
  int year, month, day, hour, minute, second, millis = 0;
  if (!ReadInt(text, 4, year) || !Expect(text, '-') || !ReadInt(text, 2, month) || !Expect(text, '-') ||
      !ReadInt(text, 2, day) || !(Expect(text, 'T') || Expect(text, 't') || Expect(text, ' ')) ||
      !ReadInt(text, 2, hour) || !Expect(text, ':') || !ReadInt(text, 2, minute) || !Expect(text, ':') ||
      !ReadInt(text, 2, second)) {
    return std::nullopt;
  }
  if (!text.empty() && text[0] == '.') {
    text.remove_prefix(1);
    int scale = 100;
    while (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
      millis += (text[0] - '0') * scale;
      scale /= 10;
      text.remove_prefix(1);
    }
  }
  int64_t offset_minutes = 0;
  if (!text.empty() && (text[0] == 'Z' || text[0] == 'z')) {
    text.remove_prefix(1);
  } else if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
    int oh, om = 0;
    if (!ReadInt(text, 2, oh)) return std::nullopt;
    Expect(text, ':');
    ReadInt(text, 2, om);
    offset_minutes = sign * (oh * 60 + om);
  }
  if (!text.empty() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  return ToMillis(year, month, day, hour, minute, second, millis) - offset_minutes * 60000;
}

std::optional<int64_t> ParseAmzDate(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!ReadInt(text, 4, year) || !ReadInt(text, 2, month) || !ReadInt(text, 2, day) || !Expect(text, 'T') ||
      !ReadInt(text, 2, hour) || !ReadInt(text, 2, minute) || !ReadInt(text, 2, second) || !Expect(text, 'Z') ||
      !text.empty()) {
    return std::nullopt;
  }
  return ToMillis(year, month, day, hour, minute, second, 0);
}

std::optional<int64_t> ParseRfc822(std::string_view text) {
  // "Sat, 28 Nov 2026 19:55:42 GMT"
  char weekday[4] = {}, month_name[4] = {}, zone[8] = {};
  int day, year, hour, minute, second;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%3s, %d %3s %d %d:%d:%d %7s", weekday, &day, month_name, &year, &hour, &minute,
                  &second, zone) < 7) {
    return std::nullopt;
  }
  for (int m = 0; m < 12; ++m) {
    if (std::strcmp(month_name, kMonths[m]) == 0) return ToMillis(year, m + 1, day, hour, minute, second, 0);
  }
  return std::nullopt;
}

std::optional<int64_t> ParseEpoch(std::string_view text) {
  double seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<int64_t>(seconds * 1000.0 + (seconds >= 0 ? 0.5 : -0.5));
}

}  // namespace

std::string FormatIso8601(int64_t millis) {
  std::tm tm = ToUtc(millis);
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(FloorMillis(millis)));
  return buffer;
}

std::string FormatRfc822(int64_t millis) {
  std::tm tm = ToUtc(millis);
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string FormatAmzDate(int64_t millis) {
  std::tm tm = ToUtc(millis);
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string FormatEpochSeconds(int64_t millis) {
  if (millis % 1000 == 0) return std::to_string(millis / 1000);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.3f", static_cast<double>(millis) / 1000.0);
  return buffer;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (auto v = ParseIso8601(text)) return v;
  if (auto v = ParseAmzDate(text)) return v;
  if (auto v = ParseRfc822(text)) return v;
  return ParseEpoch(text);
}

}  // namespace cloudemu::core
