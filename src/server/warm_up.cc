#include "server/warm_up.h"

#include <string>

#include "core/hash.h"
#include "protocol/service_model.h"

namespace cloudemu::server {

void WarmUp(Backend& backend) {
  // SigV4 and S3's ETags hash every request; OpenSSL 3 looks a digest up in
  // its provider tables on first use, which costs as much as a small request.
  core::Sha256({});
  core::Md5({});
  for (const std::string& name : protocol::EmbeddedModelNames()) {
    if (backend.FindService(name) != nullptr) protocol::FindModel(name);
  }
}

}  // namespace cloudemu::server
