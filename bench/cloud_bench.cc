// cloudemu_bench: what the library costs in process - creating and
// destroying a Cloud, Listen(), typed S3 PutObject/GetObject of 1 KiB and
// the same requests through the listener's dispatcher without HTTP
// (dispatch_bench.h), and typed DynamoDB PutItem/GetItem/Query. Prints one
// "metric NAME VALUE UNIT" line per figure; bench/run_http_bench.py and
// bench/run_dynamodb_bench.py fold them into docs/benchmarks.md.
//
//   cloudemu_bench [--quick]
//   cloudemu_bench --loop typed-put|typed-get|dispatch-put|dispatch-get COUNT
//       one loop only, for instruction counts:
//       valgrind --tool=callgrind --toggle-collect='*MeasuredLoop*' cloudemu_bench --loop dispatch-put 2000
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.h"
#include "cloudemu/cloud.h"
#include "dispatch_bench.h"

namespace {

using cloudemu::bench::CheckOk;
using cloudemu::bench::Clock;
using cloudemu::bench::Report;
using cloudemu::bench::ReportThroughput;

struct Settings {
  int cloud_iterations = 300;
  int listen_iterations = 50;
  std::chrono::milliseconds s3_duration{3000};
  std::chrono::milliseconds dynamodb_duration{3000};
};

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
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

// A Cloud with the bucket the typed S3 measurements write to and the object they read.
class TypedS3Fixture {
 public:
  TypedS3Fixture() : s3_(cloud_.S3()) {
    CheckOk(s3_.CreateBucket("bench-bucket"), "CreateBucket");
    CheckOk(s3_.PutObject("bench-bucket", "get/object", body_), "PutObject");
  }
  void Put(long i) {
    CheckOk(s3_.PutObject("bench-bucket", "put/" + std::to_string(i), body_, "application/octet-stream"), "PutObject");
  }
  void Get() {
    if (CheckValue(s3_.GetObject("bench-bucket", "get/object"), "GetObject").body != body_) {
      cloudemu::bench::Fail("GetObject", "another body came back");
    }
  }

 private:
  cloudemu::Cloud cloud_;
  cloudemu::S3View s3_;
  const std::string body_ = std::string(1024, 'x');
};

void BenchTypedS3(const Settings& settings) {
  TypedS3Fixture fixture;
  ReportThroughput("s3_put_object_1kib", settings.s3_duration, [&](long i) { fixture.Put(i); });
  ReportThroughput("s3_get_object_1kib", settings.s3_duration, [&](long) { fixture.Get(); });
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
  auto puts = ReportThroughput("dynamodb_put_item", settings.dynamodb_duration, [&](long i) {
    CheckOk(dynamodb.PutItem("bench-table", item("put-" + std::to_string(i), 0)), "PutItem");
  });
  Report("dynamodb_put_item_cpu_per_op", puts.cpu_micros_per_op, "us");

  CheckOk(dynamodb.PutItem("bench-table", item("get", 0)), "PutItem");
  const std::string key = R"({"pk":{"S":"get"},"sk":{"S":"0"}})";
  auto gets = ReportThroughput("dynamodb_get_item", settings.dynamodb_duration, [&](long) {
    if (!CheckValue(dynamodb.GetItem("bench-table", key), "GetItem").has_value()) {
      cloudemu::bench::Fail("GetItem", "found no item");
    }
  });
  Report("dynamodb_get_item_cpu_per_op", gets.cpu_micros_per_op, "us");

  constexpr size_t kQueryItems = 100;
  for (size_t i = 0; i < kQueryItems; ++i) {
    CheckOk(dynamodb.PutItem("bench-table", item("query", static_cast<int>(i))), "PutItem");
  }
  auto queries = ReportThroughput("dynamodb_query_100_items", settings.dynamodb_duration, [&](long) {
    if (CheckValue(dynamodb.Query("bench-table", "pk = :p", R"({":p":{"S":"query"}})"), "Query").size() !=
        kQueryItems) {
      cloudemu::bench::Fail("Query", "returned another number of items");
    }
  });
  Report("dynamodb_query_100_items_cpu_per_op", queries.cpu_micros_per_op, "us");
}

// --loop OPERATION COUNT: one measured loop for callgrind (bench_support.h).
int RunLoop(std::string_view operation, long count) {
  if (operation == "typed-put" || operation == "typed-get") {
    TypedS3Fixture fixture;
    if (operation == "typed-put") {
      cloudemu::bench::MeasuredLoop(count, [&](long i) { fixture.Put(i); });
    } else {
      cloudemu::bench::MeasuredLoop(count, [&](long) { fixture.Get(); });
    }
    return 0;
  }
  if (operation.starts_with("dispatch-") && cloudemu::bench::LoopDispatchS3(operation.substr(9), count)) return 0;
  std::fprintf(stderr, "cloudemu_bench: unknown loop %.*s\n", static_cast<int>(operation.size()), operation.data());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--quick") {
      settings = {30, 5, std::chrono::milliseconds(300), std::chrono::milliseconds(300)};
    } else if (arg == "--loop" && i + 2 < argc) {
      return RunLoop(argv[i + 1], std::atol(argv[i + 2]));
    } else {
      std::fprintf(stderr,
                   "usage: %s [--quick]\n"
                   "       %s --loop typed-put|typed-get|dispatch-put|dispatch-get COUNT\n",
                   argv[0], argv[0]);
      return 2;
    }
  }
  BenchCloudLifecycle(settings);
  BenchListen(settings);
  BenchTypedS3(settings);
  cloudemu::bench::BenchDispatchS3(settings.s3_duration);
  BenchTypedDynamoDB(settings);
  return 0;
}
