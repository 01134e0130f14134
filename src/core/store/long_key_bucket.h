// LongKeyBucket: how the LMDB store keeps keys longer than LMDB's key limit
// (511 bytes; an S3 key alone may be 1024) without losing key order.
//
// Every stored key of at least `limit` bytes lives in a bucket: one LMDB
// record whose key is the first `limit` bytes and whose value lists the
// (rest of key, value) pairs sorted by rest. Shorter keys are stored as they
// are, so an LMDB key of exactly `limit` bytes is always a bucket. All keys in
// a bucket share its prefix, so LMDB's order of records followed by the
// bucket's order of entries is the order of the full keys.
// Thread-safety: a value type; no internal synchronisation.
#ifndef CLOUDEMU_CORE_STORE_LONG_KEY_BUCKET_H_
#define CLOUDEMU_CORE_STORE_LONG_KEY_BUCKET_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cloudemu::core {

class LongKeyBucket {
 public:
  using Entries = std::map<std::string, std::string, std::less<>>;

  // nullopt when `bytes` is not a serialised bucket.
  static std::optional<LongKeyBucket> Parse(std::string_view bytes);
  std::string Serialize() const;

  const Entries& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  const std::string* Find(std::string_view rest) const;
  void Put(std::string_view rest, std::string value);
  bool Erase(std::string_view rest);  // false when absent

 private:
  Entries entries_;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_STORE_LONG_KEY_BUCKET_H_
