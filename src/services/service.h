// Service: the state and operations of one AWS service (DESIGN rule 3).
//
// A service sees operation inputs as Documents shaped by its model and
// answers with output Documents or AWS errors. It knows nothing of HTTP; it
// keeps all state in the Store handed to it, so snapshots, restore, reset and
// persistence cover it without its help.
// Thread-safety: Invoke may be called from many threads at once; each service
// serialises what must be atomic.
#ifndef CLOUDEMU_SERVICES_SERVICE_H_
#define CLOUDEMU_SERVICES_SERVICE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/clock.h"
#include "cloudemu/status.h"
#include "core/dispatch.h"
#include "core/document.h"
#include "core/ids.h"
#include "core/store/store.h"

namespace cloudemu::services {

using core::Document;

// What a call knows about where it comes from.
struct RequestContext {
  std::string account_id;
  std::string region;
  std::string request_id;
  int64_t now_millis = 0;
  // "http://127.0.0.1:PORT" when the call came through the listener (or the
  // Cloud is listening); used for URLs a service hands out.
  std::string endpoint;
};

// A file a service publishes at GET /_cloudemu/<model>/<name>, for URLs it
// hands out (SNS's SigningCertURL).
struct PublishedFile {
  std::string content_type;
  std::string body;
};

// What a service is built from: shared by all services of one Cloud.
struct ServiceEnvironment {
  core::Store* store = nullptr;
  const Clock* clock = nullptr;
  core::IdGenerator* ids = nullptr;
  // Cross-service effects go here, never into another service's state.
  core::Dispatch* dispatch = nullptr;
  std::string account_id;
  std::string region;
};

class Service {
 public:
  using Handler = std::function<StatusOr<Document>(const Document& input, const RequestContext& context)>;

  explicit Service(std::string model_name) : model_name_(std::move(model_name)) {}
  virtual ~Service() = default;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // The botocore model this service implements ("s3", "sqs", ...).
  const std::string& model_name() const { return model_name_; }

  // Runs `operation`. An operation that is not registered yields
  // Status code "NotImplemented"; the dispatcher turns it into the protocol's
  // own error for unimplemented operations.
  StatusOr<Document> Invoke(std::string_view operation, const Document& input,
                            const RequestContext& context) const;
  bool Implements(std::string_view operation) const { return handlers_.count(std::string(operation)) > 0; }
  std::vector<std::string> ImplementedOperations() const;

  // Every resource of this service for /_cloudemu/resources and the
  // dashboard: a list of {"type","id","arn"?,"attributes"?} maps.
  virtual Document ListResources() const = 0;

  // Applies this service's section of a fixture file by calling its own
  // operations (DESIGN rule 1), e.g. {"buckets":[...]} for S3.
  virtual Status Seed(const Document& section, const RequestContext& context) = 0;

  // Called after the Store was cleared or restored from a snapshot, so a
  // service that keeps derived data in memory (an index, waiters) rebuilds or
  // drops it. The Store stays the only source of truth.
  virtual void OnStateReplaced() {}

  // The file this service publishes as `name`; NotFound for any other name.
  virtual StatusOr<PublishedFile> FindPublishedFile(std::string_view name) {
    return Status::NotFound("NotFound", "no published file " + model_name_ + "/" + std::string(name));
  }

 protected:
  void Register(std::string operation, Handler handler) { handlers_[std::move(operation)] = std::move(handler); }

 private:
  std::string model_name_;
  std::map<std::string, Handler, std::less<>> handlers_;
};

}  // namespace cloudemu::services

#endif  // CLOUDEMU_SERVICES_SERVICE_H_
