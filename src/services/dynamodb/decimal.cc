#include "services/dynamodb/decimal.h"

#include <algorithm>
#include <string>

namespace cloudemu::services::dynamodb {
namespace {

using Coefficient = unsigned __int128;

constexpr int kMaxAdjustedExponent = 125;   // 9.99..E+125
constexpr int kMinAdjustedExponent = -130;  // 1E-130

Status NotANumber(std::string_view text) {
  return Status::InvalidArgument("ValidationException",
                                 "The parameter cannot be converted to a numeric value: " + std::string(text));
}
Status TooPrecise() {
  return Status::InvalidArgument("ValidationException",
                                 "Attempting to store more than 38 significant digits in a Number");
}
Status Overflow() {
  return Status::InvalidArgument(
      "ValidationException",
      "Number overflow. Attempting to store a number with magnitude larger than supported range");
}
Status Underflow() {
  return Status::InvalidArgument(
      "ValidationException",
      "Number underflow. Attempting to store a number with magnitude smaller than supported range");
}

// The range is checked before the precision, so a sum that is both too
// large and too precise reports the overflow.
Status CheckRange(int adjusted_exponent) {
  if (adjusted_exponent > kMaxAdjustedExponent) return Overflow();
  if (adjusted_exponent < kMinAdjustedExponent) return Underflow();
  return Status::Ok();
}

Coefficient PowerOfTen(int n) {
  Coefficient p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

int DigitCount(Coefficient c) {
  int n = 0;
  while (c != 0) {
    c /= 10;
    ++n;
  }
  return n;
}

std::string CoefficientDigits(Coefficient c) {
  if (c == 0) return "0";
  std::string digits;
  while (c != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(c % 10)));
    c /= 10;
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Magnitude arithmetic on decimal digit strings (most significant first, no
// sign), for sums whose operands are too far apart for 128 bits.
std::string AddDigits(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    int d = carry;
    if (i < a.size()) d += a[a.size() - 1 - i] - '0';
    if (i < b.size()) d += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + d % 10));
    carry = d / 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// a - b for a >= b.
std::string SubtractDigits(const std::string& a, const std::string& b) {
  std::string out;
  int borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int d = a[a.size() - 1 - i] - '0' - borrow;
    if (i < b.size()) d -= b[b.size() - 1 - i] - '0';
    borrow = d < 0 ? 1 : 0;
    out.push_back(static_cast<char>('0' + (d + 10) % 10));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

int CompareDigits(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

}  // namespace

Decimal::Decimal(bool negative, Coefficient coefficient, int exponent)
    : negative_(negative && coefficient != 0), coefficient_(coefficient), exponent_(coefficient == 0 ? 0 : exponent) {
  if (coefficient_ != 0) {
    while (coefficient_ % 10 == 0) {
      coefficient_ /= 10;
      ++exponent_;
    }
  }
}

StatusOr<Decimal> Decimal::Checked(bool negative, Coefficient coefficient, int exponent) {
  Decimal d(negative, coefficient, exponent);
  if (d.is_zero()) return d;
  const int digits = d.significant_digits();
  if (Status range = CheckRange(digits - 1 + d.exponent_); !range.ok()) return range;
  if (digits > kMaxDigits) return TooPrecise();
  return d;
}

Decimal Decimal::FromInt(int64_t value) {
  bool negative = value < 0;
  Coefficient magnitude = negative ? static_cast<Coefficient>(-(value + 1)) + 1 : static_cast<Coefficient>(value);
  return Decimal(negative, magnitude, 0);
}

StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  Coefficient coefficient = 0;
  int digits = 0;         // significant digits kept in `coefficient`
  int exponent = 0;       // adjustment from the position of the decimal point
  int pending_zeros = 0;  // zeros after the last nonzero digit, not yet in `coefficient`
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point) return NotANumber(text);
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (seen_point) --exponent;
    if (c == '0') {
      if (digits > 0) ++pending_zeros;
      continue;
    }
    if (digits + pending_zeros + 1 > kMaxDigits) return TooPrecise();
    coefficient = coefficient * PowerOfTen(pending_zeros + 1) + static_cast<unsigned>(c - '0');
    digits += pending_zeros + 1;
    pending_zeros = 0;
  }
  if (!any_digit) return NotANumber(text);
  // Trailing zeros stay out of the coefficient: they only move the exponent.
  exponent += pending_zeros;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return NotANumber(text);
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    if (i == text.size()) return NotANumber(text);
    int64_t written = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return NotANumber(text);
      written = std::min<int64_t>(written * 10 + (text[i] - '0'), 1'000'000);  // far beyond any valid range
    }
    exponent += static_cast<int>(exponent_negative ? -written : written);
  }
  if (coefficient == 0) return Decimal();
  return Checked(negative, coefficient, exponent);
}

int Decimal::significant_digits() const { return DigitCount(coefficient_); }

Decimal Decimal::Negated() const { return Decimal(!negative_, coefficient_, exponent_); }

std::string Decimal::ToString() const {
  if (is_zero()) return "0";
  std::string digits = CoefficientDigits(coefficient_);
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    out += digits;
    out.append(static_cast<size_t>(exponent_), '0');
    return out;
  }
  int point = static_cast<int>(digits.size()) + exponent_;  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else {
    out += digits.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits.substr(static_cast<size_t>(point));
  }
  return out;
}

int Decimal::Compare(const Decimal& other) const {
  int sign = is_zero() ? 0 : (negative_ ? -1 : 1);
  int other_sign = other.is_zero() ? 0 : (other.negative_ ? -1 : 1);
  if (sign != other_sign) return sign < other_sign ? -1 : 1;
  if (sign == 0) return 0;
  int digits = significant_digits();
  int other_digits = other.significant_digits();
  int adjusted = digits - 1 + exponent_;
  int other_adjusted = other_digits - 1 + other.exponent_;
  int magnitude = 0;
  if (adjusted != other_adjusted) {
    magnitude = adjusted < other_adjusted ? -1 : 1;
  } else {
    // Same leading power of ten: align both coefficients to 38 digits.
    Coefficient a = coefficient_ * PowerOfTen(kMaxDigits - digits);
    Coefficient b = other.coefficient_ * PowerOfTen(kMaxDigits - other_digits);
    magnitude = a == b ? 0 : (a < b ? -1 : 1);
  }
  return sign > 0 ? magnitude : -magnitude;
}

StatusOr<Decimal> Decimal::Add(const Decimal& other) const {
  if (other.is_zero()) return *this;
  if (is_zero()) return other;
  const Decimal& high = exponent_ >= other.exponent_ ? *this : other;  // the larger exponent
  const Decimal& low = exponent_ >= other.exponent_ ? other : *this;
  int shift = high.exponent_ - low.exponent_;
  if (high.significant_digits() + shift <= kMaxDigits) {
    // Both aligned coefficients are below 10^38: exact in 128 bits.
    Coefficient a = high.coefficient_ * PowerOfTen(shift);
    Coefficient b = low.coefficient_;
    // A sum may reach 39 digits (below 2 * 10^38, still within 128 bits).
    if (high.negative_ == low.negative_) return Checked(high.negative_, a + b, low.exponent_);
    if (a >= b) return Checked(high.negative_, a - b, low.exponent_);
    return Checked(low.negative_, b - a, low.exponent_);
  }
  // Far apart: exact digit-string arithmetic, then the precision check.
  std::string a = CoefficientDigits(high.coefficient_) + std::string(static_cast<size_t>(shift), '0');
  std::string b = CoefficientDigits(low.coefficient_);
  std::string result;
  bool negative = high.negative_;
  if (high.negative_ == low.negative_) {
    result = AddDigits(a, b);
  } else if (CompareDigits(a, b) >= 0) {
    result = SubtractDigits(a, b);
  } else {
    result = SubtractDigits(b, a);
    negative = low.negative_;
  }
  result.erase(0, std::min(result.find_first_not_of('0'), result.size()));
  size_t last = result.find_last_not_of('0');
  int exponent = low.exponent_ + static_cast<int>(result.size() - 1 - last);
  result.resize(last + 1);
  if (Status range = CheckRange(static_cast<int>(result.size()) - 1 + exponent); !range.ok()) return range;
  if (result.size() > static_cast<size_t>(kMaxDigits)) return TooPrecise();
  Coefficient coefficient = 0;
  for (char c : result) coefficient = coefficient * 10 + static_cast<unsigned>(c - '0');
  return Checked(negative, coefficient, exponent);
}

StatusOr<Decimal> Decimal::Subtract(const Decimal& other) const { return Add(other.Negated()); }

}  // namespace cloudemu::services::dynamodb
