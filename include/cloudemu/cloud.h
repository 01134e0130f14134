// cloudemu::Cloud: a small, embeddable AWS.
//
//   cloudemu::Cloud cloud;                       // in memory
//   auto endpoint = cloud.Listen();              // "http://127.0.0.1:PORT"
//   cloud.S3().CreateBucket("b");                // typed access for tests
//
// Each Cloud is independent: its own state, clock, ids and port. Any number
// may exist in one process.
// Thread-safety: every method may be called from any thread, concurrently
// with requests served by the listener.
#ifndef CLOUDEMU_CLOUD_H_
#define CLOUDEMU_CLOUD_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/dynamodb.h"
#include "cloudemu/options.h"
#include "cloudemu/s3.h"
#include "cloudemu/sns.h"
#include "cloudemu/sqs.h"
#include "cloudemu/status.h"

namespace cloudemu {

namespace internal {
class CloudState;
}

class Cloud {
 public:
  // An in-memory Cloud with default options.
  Cloud();
  // Opens a Cloud with `options`; fails when the LMDB directory cannot be
  // opened or is in use by another process.
  static StatusOr<std::unique_ptr<Cloud>> Open(Options options);
  ~Cloud();
  Cloud(const Cloud&) = delete;
  Cloud& operator=(const Cloud&) = delete;

  const Options& options() const;

  // Starts serving the AWS wire protocols; returns the endpoint URL.
  // Calling it again while listening returns the current endpoint.
  StatusOr<std::string> Listen(const ListenOptions& options = {});
  // The endpoint URL, or "" when not listening.
  std::string Endpoint() const;
  // Stops the listener (also done by the destructor).
  void StopListening();

  // The whole state as a versioned JSON document (see docs/snapshot-format.md).
  std::string Snapshot() const;
  Status SnapshotToFile(const std::string& path) const;
  // Replaces the whole state; refuses snapshots of another format version.
  Status Restore(std::string_view snapshot_json);
  Status RestoreFromFile(const std::string& path);

  // Applies a fixture (see docs/fixtures.md) through the services' own
  // operations.
  Status Seed(std::string_view fixture_json);
  Status SeedFromFile(const std::string& path);

  // Forgets every resource of every service, in constant time.
  Status Reset();

  // Waits until every pending cross-service delivery (SNS to SQS, HTTP
  // subscriptions, notifications) has been made. Tests call it instead of
  // sleeping after an action whose effects are asynchronous on AWS.
  void Settle();

  // Every resource of every service as JSON (what /_cloudemu/resources serves).
  std::string ResourcesJson() const;

  // Runs one operation of a service by its model names with a JSON input
  // (members as in the AWS API reference) and returns the JSON output.
  // Used by language bindings; tests usually prefer the typed views.
  StatusOr<std::string> Invoke(std::string_view service, std::string_view operation,
                               std::string_view input_json);

  // Typed views for tests.
  S3View S3();
  DynamoDBView DynamoDB();
  SnsView Sns();
  SqsView Sqs();

 private:
  explicit Cloud(std::unique_ptr<internal::CloudState> state);
  std::unique_ptr<internal::CloudState> state_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_CLOUD_H_
