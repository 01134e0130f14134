// Decimal: a DynamoDB number.
//
// DynamoDB numbers carry up to 38 significant digits with a magnitude between
// 1E-130 and 9.99...E+125 (or are zero). They are compared and added as exact
// decimals, never through binary floating point. A Decimal is held as a
// sign, an integer coefficient without trailing zeros (at most 38 digits, so
// it fits in 128 bits) and a power-of-ten exponent.
// Thread-safety: a value type; no internal synchronisation.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_DECIMAL_H_
#define CLOUDEMU_SERVICES_DYNAMODB_DECIMAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::dynamodb {

class Decimal {
 public:
  static constexpr int kMaxDigits = 38;

  Decimal() = default;  // zero

  // Parses DynamoDB's number text ("-1.50", "1e2", "+.5", "0100"); AWS's
  // ValidationExceptions for text that is no number, more than 38
  // significant digits, or a magnitude out of range.
  static StatusOr<Decimal> Parse(std::string_view text);
  static Decimal FromInt(int64_t value);

  // Canonical text as DynamoDB returns it: plain notation, no exponent, no
  // leading or trailing zeros ("1.50" -> "1.5", "0100" -> "100", "1e2" -> "100",
  // "-0" -> "0").
  std::string ToString() const;

  int Compare(const Decimal& other) const;  // <0, 0, >0
  bool operator==(const Decimal& other) const { return Compare(other) == 0; }

  // Exact results; a result beyond 38 significant digits or out of range is a
  // ValidationException, as in DynamoDB.
  StatusOr<Decimal> Add(const Decimal& other) const;
  StatusOr<Decimal> Subtract(const Decimal& other) const;

  Decimal Negated() const;
  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return negative_; }
  int significant_digits() const;  // 0 for zero

 private:
  using Coefficient = unsigned __int128;

  Decimal(bool negative, Coefficient coefficient, int exponent);
  // Checks precision and the DynamoDB range of a normalised value.
  static StatusOr<Decimal> Checked(bool negative, Coefficient coefficient, int exponent);

  bool negative_ = false;
  Coefficient coefficient_ = 0;  // no trailing decimal zeros unless zero
  int exponent_ = 0;             // value = coefficient * 10^exponent
};

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_DECIMAL_H_
