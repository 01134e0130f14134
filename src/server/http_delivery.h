// HTTP(S) delivery: the core::Dispatch receiver for kinds "http" and
// "https" (SNS subscriptions to web endpoints). Services never touch HTTP
// (DESIGN rule 3); they submit a Delivery and this posts it.
//
// Delivery contract:
//   target  = the endpoint URL ("http://host:port/path?query")
//   message = {"headers": {name: value}, "body": string}
// The body is POSTed with those headers (Content-Type among them, else
// "text/plain; charset=UTF-8"). The result is OK for a 2xx answer, else
// HttpDeliveryFailed carrying the endpoint's status (or, when nothing
// answered within 5 s, 502 and httplib's reason). https verifies the
// server certificate, as SNS does.
// Thread-safety: DeliverHttp may be called from any thread.
#ifndef CLOUDEMU_SERVER_HTTP_DELIVERY_H_
#define CLOUDEMU_SERVER_HTTP_DELIVERY_H_

#include "cloudemu/status.h"
#include "core/dispatch.h"

namespace cloudemu::server {

Status DeliverHttp(const core::Delivery& delivery);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_HTTP_DELIVERY_H_
