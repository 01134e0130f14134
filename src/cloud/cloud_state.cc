#include "cloud/cloud_state.h"

#include <random>

#include "cloud/service_registry.h"
#include "core/json.h"
#include "core/snapshot.h"
#include "server/http_delivery.h"

namespace cloudemu::internal {
namespace {

uint64_t ChooseSeed(uint64_t requested) {
  if (requested != 0) return requested;
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) ^ device();
}

}  // namespace

StatusOr<std::unique_ptr<CloudState>> CloudState::Create(Options options) {
  if (!options.clock) options.clock = std::make_shared<SystemClock>();
  std::unique_ptr<core::Store> store;
  if (options.storage.lmdb_directory.empty()) {
    store = core::NewMemoryStore();
  } else {
    core::LmdbStoreOptions lmdb;
    lmdb.directory = options.storage.lmdb_directory;
    lmdb.sync_every_commit = options.storage.sync_every_commit;
    auto opened = core::OpenLmdbStore(lmdb);
    if (!opened.ok()) return opened.status();
    store = std::move(opened).value();
  }
  return std::unique_ptr<CloudState>(new CloudState(std::move(options), std::move(store)));
}

CloudState::CloudState(Options options, std::unique_ptr<core::Store> store)
    : options_(std::move(options)), store_(std::move(store)), ids_(ChooseSeed(options_.id_seed)) {
  services::ServiceEnvironment env;
  env.store = store_.get();
  env.clock = options_.clock.get();
  env.ids = &ids_;
  env.dispatch = &dispatch_;
  env.account_id = options_.account_id;
  env.region = options_.region;
  // Web endpoints (SNS HTTP(S) subscriptions) are reached from the server layer.
  dispatch_.RegisterReceiver("http", server::DeliverHttp);
  dispatch_.RegisterReceiver("https", server::DeliverHttp);
  for (auto& service : CreateServices(env)) {
    std::string name = service->model_name();
    services_.emplace(std::move(name), std::move(service));
  }
}

CloudState::~CloudState() {
  StopListening();
  dispatch_.Stop();
}

StatusOr<std::string> CloudState::Listen(const ListenOptions& listen) {
  std::lock_guard lock(listener_mu_);
  if (listener_) return endpoint_;
  auto listener = std::make_unique<server::Listener>(*this);
  auto started = listener->Start(listen);
  if (!started.ok()) return started.status();
  listener_ = std::move(listener);
  endpoint_ = *started;
  return endpoint_;
}

std::string CloudState::Endpoint() const {
  std::lock_guard lock(listener_mu_);
  return endpoint_;
}

void CloudState::StopListening() {
  std::unique_ptr<server::Listener> listener;
  {
    std::lock_guard lock(listener_mu_);
    listener.swap(listener_);
    endpoint_.clear();
  }
  if (listener) listener->Stop();
}

services::Service* CloudState::FindService(std::string_view model_name) {
  auto it = services_.find(model_name);
  return it == services_.end() ? nullptr : it->second.get();
}

services::RequestContext CloudState::NewRequestContext() {
  services::RequestContext context;
  context.account_id = options_.account_id;
  context.region = options_.region;
  context.request_id = ids_.RequestId();
  context.now_millis = options_.clock->NowMillis();
  context.endpoint = Endpoint();
  return context;
}

StatusOr<core::Document> CloudState::Invoke(std::string_view service, std::string_view operation,
                                            const core::Document& input) {
  services::Service* target = FindService(service);
  if (!target) return Status::InvalidArgument("UnknownService", "CloudEmu has no service " + std::string(service));
  return target->Invoke(operation, input, NewRequestContext());
}

Status CloudState::Seed(std::string_view fixture_json) {
  auto fixture = core::FromJson(fixture_json);
  if (!fixture.ok()) return Status::InvalidArgument("InvalidFixture", fixture.status().message());
  if (!fixture->is_map()) return Status::InvalidArgument("InvalidFixture", "a fixture is a JSON object");
  if (const core::Document* version = fixture->Find("version"); version && !(*version == core::Document(1))) {
    return Status::InvalidArgument("InvalidFixture", "fixture \"version\" must be 1 (docs/fixtures.md)");
  }
  for (const auto& [section, content] : fixture->AsMap()) {
    if (section == "version" || section == "description") continue;
    services::Service* service = FindService(section);
    if (!service) {
      return Status::InvalidArgument("InvalidFixture", "fixture section \"" + section + "\" names no CloudEmu service");
    }
    if (Status seeded = service->Seed(content, NewRequestContext()); !seeded.ok()) return seeded;
  }
  return Status::Ok();
}

Status CloudState::Reset() {
  dispatch_.DropPending();
  Status cleared = store_->Clear();
  NotifyStateReplaced();
  return cleared;
}

void CloudState::NotifyStateReplaced() {
  for (auto& [name, service] : services_) service->OnStateReplaced();
}

std::string CloudState::Snapshot() const {
  return core::EncodeSnapshot(*store_, options_.clock->NowMillis());
}

Status CloudState::Restore(std::string_view snapshot_json) {
  dispatch_.DropPending();
  Status restored = core::RestoreSnapshot(snapshot_json, *store_);
  NotifyStateReplaced();
  return restored;
}

std::string CloudState::ResourcesJson() const {
  core::Document root = core::Document::Map();
  root.Set("account_id", options_.account_id);
  root.Set("region", options_.region);
  core::Document& by_service = root.Set("services", core::Document::Map());
  for (const auto& [name, service] : services_) by_service.Set(name, service->ListResources());
  return core::ToJson(root);
}

}  // namespace cloudemu::internal
