// What the cloudemu_bench measurements share: reporting figures in the
// "metric NAME VALUE UNIT" lines bench/run_http_bench.py reads, timing a
// loop, and giving up on the first failed call.
#ifndef CLOUDEMU_BENCH_BENCH_SUPPORT_H_
#define CLOUDEMU_BENCH_BENCH_SUPPORT_H_

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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

inline double ThreadCpuMicros() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

struct Throughput {
  double per_second = 0;         // wall clock
  double cpu_micros_per_op = 0;  // this thread's CPU time: what an operation costs on a busy machine
};

// Runs `operation(i)` for `duration`, reports operations per second and
// returns that with the CPU time one operation took.
template <typename Operation>
Throughput ReportThroughput(const std::string& name, std::chrono::milliseconds duration, Operation operation) {
  double cpu_start = ThreadCpuMicros();
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + duration;
  long count = 0;
  while (Clock::now() < deadline) {
    for (int batch = 0; batch < 64; ++batch) operation(count++);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Throughput throughput{static_cast<double>(count) / seconds,
                        (ThreadCpuMicros() - cpu_start) / static_cast<double>(count)};
  Report(name, throughput.per_second, "ops/s");
  return throughput;
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
