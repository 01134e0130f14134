// WarmUp: pays the one-time costs of the request path - parsing the models
// of the backend's services, fetching OpenSSL's digests - before requests
// need them. The listener runs it on a thread of its own as soon as it is
// bound, so the first request of a fresh `cloudemu serve` does not wait for
// a model parse it could have overlapped with start-up.
// Thread-safety: safe alongside requests (models load once, process-wide).
#ifndef CLOUDEMU_SERVER_WARM_UP_H_
#define CLOUDEMU_SERVER_WARM_UP_H_

#include "server/backend.h"

namespace cloudemu::server {

void WarmUp(Backend& backend);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_WARM_UP_H_
