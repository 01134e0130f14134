// What the cloudemu_bench measurements share: reporting figures in the
// "metric NAME VALUE UNIT" lines bench/run_http_bench.py reads, timing a
// loop, and giving up on the first failed call.
#ifndef CLOUDEMU_BENCH_BENCH_SUPPORT_H_
#define CLOUDEMU_BENCH_BENCH_SUPPORT_H_

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::bench {

using Clock = std::chrono::steady_clock;

inline void Report(const std::string& name, double value, std::string_view unit) {
  std::printf("metric %s %.3f %.*s\n", name.c_str(), value, static_cast<int>(unit.size()), unit.data());
  std::fflush(stdout);
}

[[noreturn]] inline void Fail(std::string_view what, std::string_view why) {
  std::fprintf(stderr, "cloudemu_bench: %.*s failed: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(why.size()), why.data());
  std::exit(1);
}

inline void CheckOk(const Status& status, std::string_view what) {
  if (!status.ok()) Fail(what, status.ToString());
}

// Runs `operation(i)` for `duration` and reports operations per second.
template <typename Operation>
void ReportThroughput(const std::string& name, std::chrono::milliseconds duration, Operation operation) {
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + duration;
  long count = 0;
  while (Clock::now() < deadline) {
    for (int batch = 0; batch < 64; ++batch) operation(count++);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Report(name, static_cast<double>(count) / seconds, "ops/s");
}

// Runs `operation(i)` `count` times, and nothing else: `cloudemu_bench --loop`
// runs one measured loop under `valgrind --tool=callgrind
// --toggle-collect='*MeasuredLoop*'`, which counts the instructions of this
// function only (setup excluded), whatever the load on the machine.
template <typename Operation>
[[gnu::noinline]] void MeasuredLoop(long count, Operation operation) {
  for (long i = 0; i < count; ++i) operation(i);
}

}  // namespace cloudemu::bench

#endif  // CLOUDEMU_BENCH_BENCH_SUPPORT_H_
