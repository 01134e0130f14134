// cloudemu_bench: what the library costs in process - creating and
// destroying a Cloud, Listen(), and typed S3 PutObject/GetObject of 1 KiB.
// Prints one "metric NAME VALUE UNIT" line per figure; bench/run_http_bench.py
// folds them into docs/benchmarks.md.
//
//   cloudemu_bench [--quick]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/cloud.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Settings {
  int cloud_iterations = 300;
  int listen_iterations = 50;
  std::chrono::milliseconds s3_duration{3000};
};

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

void Report(const std::string& name, double value, std::string_view unit) {
  std::printf("metric %s %.3f %.*s\n", name.c_str(), value, static_cast<int>(unit.size()), unit.data());
  std::fflush(stdout);
}

// Mean and 99th percentile (nearest rank) of `samples`.
void ReportDistribution(const std::string& name, std::vector<double> samples, std::string_view unit) {
  std::sort(samples.begin(), samples.end());
  double total = 0;
  for (double sample : samples) total += sample;
  size_t rank = static_cast<size_t>(std::ceil(0.99 * static_cast<double>(samples.size())));
  Report(name + "_mean", total / static_cast<double>(samples.size()), unit);
  Report(name + "_p99", samples[std::clamp<size_t>(rank, 1, samples.size()) - 1], unit);
}

void CheckOk(const cloudemu::Status& status, std::string_view what) {
  if (status.ok()) return;
  std::fprintf(stderr, "cloudemu_bench: %.*s failed: %s\n", static_cast<int>(what.size()), what.data(),
               status.ToString().c_str());
  std::exit(1);
}

template <typename T>
const T& CheckValue(const cloudemu::StatusOr<T>& result, std::string_view what) {
  CheckOk(result.ok() ? cloudemu::Status::Ok() : result.status(), what);
  return *result;
}

void BenchCloudLifecycle(const Settings& settings) {
  std::vector<double> samples;
  samples.reserve(settings.cloud_iterations);
  for (int i = 0; i < settings.cloud_iterations; ++i) {
    Clock::time_point start = Clock::now();
    { cloudemu::Cloud cloud; }
    samples.push_back(MicrosSince(start));
  }
  ReportDistribution("cloud_create_destroy", std::move(samples), "us");
}

void BenchListen(const Settings& settings) {
  std::vector<double> samples;
  samples.reserve(settings.listen_iterations);
  for (int i = 0; i < settings.listen_iterations; ++i) {
    cloudemu::Cloud cloud;
    Clock::time_point start = Clock::now();
    auto endpoint = cloud.Listen();
    samples.push_back(MicrosSince(start));
    CheckValue(endpoint, "Listen");
  }
  ReportDistribution("listen", std::move(samples), "us");
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

void BenchTypedS3(const Settings& settings) {
  cloudemu::Cloud cloud;
  cloudemu::S3View s3 = cloud.S3();
  CheckOk(s3.CreateBucket("bench-bucket"), "CreateBucket");
  const std::string body(1024, 'x');
  ReportThroughput("s3_put_object_1kib", settings.s3_duration, [&](long i) {
    CheckOk(s3.PutObject("bench-bucket", "put/" + std::to_string(i), body, "application/octet-stream"), "PutObject");
  });
  CheckOk(s3.PutObject("bench-bucket", "get/object", body), "PutObject");
  ReportThroughput("s3_get_object_1kib", settings.s3_duration, [&](long) {
    auto object = s3.GetObject("bench-bucket", "get/object");
    if (CheckValue(object, "GetObject").body != body) {
      std::fprintf(stderr, "cloudemu_bench: GetObject returned another body\n");
      std::exit(1);
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--quick") {
      settings = {30, 5, std::chrono::milliseconds(300)};
    } else {
      std::fprintf(stderr, "usage: %s [--quick]\n", argv[0]);
      return 2;
    }
  }
  BenchCloudLifecycle(settings);
  BenchListen(settings);
  BenchTypedS3(settings);
  return 0;
}
