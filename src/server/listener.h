// Listener: serves the AWS wire protocols and the internal endpoints over
// HTTP on a loopback port, for a Backend (a Cloud).
// Thread-safety: Start/Stop from one thread; requests run on worker threads.
#ifndef CLOUDEMU_SERVER_LISTENER_H_
#define CLOUDEMU_SERVER_LISTENER_H_

#include <memory>
#include <string>

#include "cloudemu/options.h"
#include "cloudemu/status.h"
#include "server/backend.h"

namespace cloudemu::server {

class Listener {
 public:
  explicit Listener(Backend& backend);
  ~Listener();  // stops
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds and starts serving in background threads; returns once requests
  // are accepted. The endpoint is "http://HOST:PORT".
  StatusOr<std::string> Start(const ListenOptions& options);
  void Stop();
  std::string endpoint() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_LISTENER_H_
