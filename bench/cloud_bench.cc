// cloudemu_bench: what the library costs in process - creating and
// destroying a Cloud, Listen(), typed S3 PutObject/GetObject of 1 KiB, and
// typed DynamoDB PutItem/GetItem/Query.
// Prints one "metric NAME VALUE UNIT" line per figure; bench/run_http_bench.py
// and bench/run_dynamodb_bench.py fold them into docs/benchmarks.md.
//
//   cloudemu_bench [--quick]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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
  std::chrono::milliseconds dynamodb_duration{3000};
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

double ThreadCpuMicros() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

struct Throughput {
  double per_second = 0;         // wall clock
  double cpu_micros_per_op = 0;  // this thread's CPU time: what an operation costs on a busy machine
};

// Runs `operation(i)` for `duration` and reports operations per second;
// returns that and the CPU time an operation took.
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

// Items as DynamoDB JSON text, the way the typed view takes them: a string
// key pair and a 200-byte payload.
void BenchTypedDynamoDB(const Settings& settings) {
  cloudemu::Cloud cloud;
  cloudemu::DynamoDBView dynamodb = cloud.DynamoDB();
  CheckOk(dynamodb.CreateTable("bench-table", "pk", "sk"), "CreateTable");
  const std::string payload = R"(,"payload":{"S":")" + std::string(200, 'x') + R"("}})";
  auto item = [&](const std::string& pk, int sk) {
    return R"({"pk":{"S":")" + pk + R"("},"sk":{"S":")" + std::to_string(sk) + "\"}" + payload;
  };
  Throughput puts = ReportThroughput("dynamodb_put_item", settings.dynamodb_duration, [&](long i) {
    CheckOk(dynamodb.PutItem("bench-table", item("put-" + std::to_string(i), 0)), "PutItem");
  });
  Report("dynamodb_put_item_cpu_per_op", puts.cpu_micros_per_op, "us");

  CheckOk(dynamodb.PutItem("bench-table", item("get", 0)), "PutItem");
  const std::string key = R"({"pk":{"S":"get"},"sk":{"S":"0"}})";
  Throughput gets = ReportThroughput("dynamodb_get_item", settings.dynamodb_duration, [&](long) {
    if (!CheckValue(dynamodb.GetItem("bench-table", key), "GetItem").has_value()) {
      std::fprintf(stderr, "cloudemu_bench: GetItem found no item\n");
      std::exit(1);
    }
  });
  Report("dynamodb_get_item_cpu_per_op", gets.cpu_micros_per_op, "us");

  constexpr size_t kQueryItems = 100;
  for (size_t i = 0; i < kQueryItems; ++i) {
    CheckOk(dynamodb.PutItem("bench-table", item("query", static_cast<int>(i))), "PutItem");
  }
  Throughput queries = ReportThroughput("dynamodb_query_100_items", settings.dynamodb_duration, [&](long) {
    if (CheckValue(dynamodb.Query("bench-table", "pk = :p", R"({":p":{"S":"query"}})"), "Query").size() !=
        kQueryItems) {
      std::fprintf(stderr, "cloudemu_bench: Query returned another number of items\n");
      std::exit(1);
    }
  });
  Report("dynamodb_query_100_items_cpu_per_op", queries.cpu_micros_per_op, "us");
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--quick") {
      settings = {30, 5, std::chrono::milliseconds(300), std::chrono::milliseconds(300)};
    } else {
      std::fprintf(stderr, "usage: %s [--quick]\n", argv[0]);
      return 2;
    }
  }
  BenchCloudLifecycle(settings);
  BenchListen(settings);
  BenchTypedS3(settings);
  BenchTypedDynamoDB(settings);
  return 0;
}
