// The listener's request path without HTTP: S3 PutObject/GetObject requests,
// shaped as the listener hands them over (path-style, unsigned, as wrk sends
// them), through server::Dispatcher into a Cloud. Everything a served request
// costs but the socket and cpp-httplib.
#ifndef CLOUDEMU_BENCH_DISPATCH_BENCH_H_
#define CLOUDEMU_BENCH_DISPATCH_BENCH_H_

#include <chrono>
#include <string_view>

namespace cloudemu::bench {

// Reports dispatch_put_object_1kib and dispatch_get_object_1kib (ops/s).
void BenchDispatchS3(std::chrono::milliseconds duration);

// `count` dispatched PutObject ("put") or GetObject ("get") requests in one
// MeasuredLoop; false for another operation name.
bool LoopDispatchS3(std::string_view operation, long count);

}  // namespace cloudemu::bench

#endif  // CLOUDEMU_BENCH_DISPATCH_BENCH_H_
