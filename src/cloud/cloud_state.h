// CloudState: the composition root behind cloudemu::Cloud. It owns the
// Store, clock, id generator, the services and the listener, and is the
// Backend the listener serves.
#ifndef CLOUDEMU_CLOUD_CLOUD_STATE_H_
#define CLOUDEMU_CLOUD_CLOUD_STATE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cloudemu/options.h"
#include "core/dispatch.h"
#include "core/ids.h"
#include "core/store/store.h"
#include "server/backend.h"
#include "server/listener.h"
#include "services/service.h"

namespace cloudemu::internal {

class CloudState final : public server::Backend {
 public:
  static StatusOr<std::unique_ptr<CloudState>> Create(Options options);
  ~CloudState() override;

  const Options& options() const { return options_; }

  StatusOr<std::string> Listen(const ListenOptions& listen);
  std::string Endpoint() const;
  void StopListening();

  // Runs `operation` of `service` as the typed API and fixtures do.
  StatusOr<core::Document> Invoke(std::string_view service, std::string_view operation,
                                  const core::Document& input);
  Status Seed(std::string_view fixture_json);

  // server::Backend
  services::Service* FindService(std::string_view model_name) override;
  services::RequestContext NewRequestContext() override;
  const SignatureOptions& signature_options() const override { return options_.signatures; }
  Status Reset() override;
  // Delivers every pending cross-service effect (SNS fan-out, notifications).
  void Settle() override { dispatch_.Settle(); }
  std::string Snapshot() const override;
  Status Restore(std::string_view snapshot_json) override;
  std::string ResourcesJson() const override;

 private:
  CloudState(Options options, std::unique_ptr<core::Store> store);
  void NotifyStateReplaced();

  Options options_;
  std::unique_ptr<core::Store> store_;
  core::IdGenerator ids_;
  // Declared before services_: receivers point into services, and the
  // destructor stops the dispatch thread before anything is torn down.
  core::Dispatch dispatch_;
  std::map<std::string, std::unique_ptr<services::Service>, std::less<>> services_;
  mutable std::mutex listener_mu_;
  std::unique_ptr<server::Listener> listener_;
  std::string endpoint_;
};

}  // namespace cloudemu::internal

#endif  // CLOUDEMU_CLOUD_CLOUD_STATE_H_
