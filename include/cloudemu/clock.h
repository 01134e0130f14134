// Clocks a Cloud reads time from. Inject a ManualClock to make time-driven
// behaviour (expiry, visibility, delays) deterministic in tests.
// Thread-safety: both implementations are safe to use from any thread.
#ifndef CLOUDEMU_CLOCK_H_
#define CLOUDEMU_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>

namespace cloudemu {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t NowMillis() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// Time stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_millis) : now_(start_millis) {}
  int64_t NowMillis() const override { return now_.load(); }
  void Advance(std::chrono::milliseconds by) { now_ += by.count(); }
  void Set(int64_t millis) { now_ = millis; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_CLOCK_H_
