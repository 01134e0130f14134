// IdGenerator: every id a Cloud hands out (request ids, version ids, upload
// ids, ...) comes from one seeded generator, so a test that fixes the seed
// gets the same ids on every run.
// Thread-safety: all methods are safe to call concurrently.
#ifndef CLOUDEMU_CORE_IDS_H_
#define CLOUDEMU_CORE_IDS_H_

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace cloudemu::core {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed) : engine_(seed) {}

  uint64_t Next();
  std::string Hex(size_t length);            // lower-case hex digits
  std::string Alphanumeric(size_t length);   // [A-Za-z0-9]
  std::string Uuid();                        // RFC 4122 version 4 layout
  std::string RequestId();                   // as AWS formats x-amz-request-id

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_IDS_H_
