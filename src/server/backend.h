// Backend: what the listener needs from a Cloud, and nothing more. The
// listener routes and decodes requests; the Backend owns the services and
// their state (DESIGN rule 3: the listener never touches state).
// Thread-safety: implementations must allow concurrent calls.
#ifndef CLOUDEMU_SERVER_BACKEND_H_
#define CLOUDEMU_SERVER_BACKEND_H_

#include <string>
#include <string_view>

#include "cloudemu/options.h"
#include "cloudemu/status.h"
#include "services/service.h"

namespace cloudemu::server {

class Backend {
 public:
  virtual ~Backend() = default;

  // The service implementing the botocore model `model_name`, or null when
  // CloudEmu has no such service.
  virtual services::Service* FindService(std::string_view model_name) = 0;
  // A fresh context (request id, time, account, region, endpoint) for a call.
  virtual services::RequestContext NewRequestContext() = 0;
  virtual const SignatureOptions& signature_options() const = 0;

  // The internal endpoints (/_cloudemu/...).
  virtual Status Reset() = 0;
  // Returns once every pending cross-service delivery has been made.
  virtual void Settle() = 0;
  virtual std::string Snapshot() const = 0;
  virtual Status Restore(std::string_view snapshot_json) = 0;
  virtual std::string ResourcesJson() const = 0;
};

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_BACKEND_H_
