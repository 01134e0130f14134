// The internal endpoints under /_cloudemu/, for tools and test harnesses:
//   GET  /_cloudemu/health     {"status":"ok","services":["s3",...]}
//   GET  /_cloudemu/dashboard  the resource dashboard, an HTML page (also /_cloudemu/)
//   GET  /_cloudemu/resources  every service's resources (Backend::ResourcesJson)
//   POST /_cloudemu/reset      empties every service's state
//   POST /_cloudemu/settle     returns once pending cross-service deliveries are made
//   GET  /_cloudemu/snapshot   the state as a snapshot document
//   POST /_cloudemu/snapshot   replaces the state with the snapshot in the body
// Answers are JSON; errors are {"code":"...","message":"..."} with an HTTP
// status (400 bad snapshot, 404 unknown endpoint, 405 wrong method).
// Thread-safety: as safe as the Backend.
#ifndef CLOUDEMU_SERVER_INTERNAL_ENDPOINTS_H_
#define CLOUDEMU_SERVER_INTERNAL_ENDPOINTS_H_

#include "cloudemu/status.h"
#include "protocol/http_message.h"
#include "server/backend.h"

namespace cloudemu::server {

protocol::HttpResponse HandleInternalEndpoint(Backend& backend, const protocol::HttpRequest& request);
// `error` in the internal endpoints' JSON form.
protocol::HttpResponse InternalEndpointError(const Status& error);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_INTERNAL_ENDPOINTS_H_
