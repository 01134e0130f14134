// Dispatcher: the path of one request through CloudEmu, independent of the
// HTTP server library: SigV4 -> route -> authenticate (strict mode) ->
// aws-chunked decoding -> S3 virtual-host rewrite -> codec Decode ->
// protocol::ValidateInput -> the service's operation -> codec Encode.
// Every failure along the way becomes the routed protocol's AWS error;
// requests for /_cloudemu/... go to the internal endpoints.
// Thread-safety: Dispatch may be called from many threads at once.
#ifndef CLOUDEMU_SERVER_DISPATCHER_H_
#define CLOUDEMU_SERVER_DISPATCHER_H_

#include <cstddef>

#include "cloudemu/status.h"
#include "protocol/http_message.h"
#include "protocol/service_model.h"
#include "server/backend.h"
#include "server/router.h"

namespace cloudemu::server {

class Dispatcher {
 public:
  explicit Dispatcher(Backend& backend);

  protocol::HttpResponse Dispatch(protocol::HttpRequest request) const;

  // Answers a request the HTTP layer refused before its body was read
  // (`request` carries its method, path, query and headers) with `error`,
  // encoded in the protocol the request was routed to.
  protocol::HttpResponse Reject(const protocol::HttpRequest& request, const Status& error) const;

  // The error for a body larger than `max_bytes`, in the terms of the
  // protocol `request` is routed to: S3's EntityTooLarge (400), else
  // RequestEntityTooLarge (413).
  Status BodyTooLarge(const protocol::HttpRequest& request, size_t max_bytes) const;

 private:
  protocol::HttpResponse Serve(protocol::HttpRequest& request) const;

  Backend& backend_;
  Router router_;
};

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_DISPATCHER_H_
