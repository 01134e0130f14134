// A Backend for listener and dispatcher tests: tiny fake services over the
// real embedded models, and recorded calls to the internal endpoints.
#ifndef CLOUDEMU_TESTS_SERVER_FAKE_BACKEND_H_
#define CLOUDEMU_TESTS_SERVER_FAKE_BACKEND_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/document.h"
#include "server/backend.h"

namespace cloudemu::server {

// A service that answers the operations a test registers and records the
// inputs it saw.
class FakeService : public services::Service {
 public:
  explicit FakeService(std::string model) : Service(std::move(model)) {}

  void On(std::string operation, Handler handler) {
    Register(operation, [this, operation, handler](const core::Document& input,
                                                   const services::RequestContext& context) {
      {
        std::lock_guard lock(mu);
        calls.emplace_back(operation, input);
      }
      return handler(input, context);
    });
  }

  core::Document ListResources() const override { return core::Document::List(); }
  Status Seed(const core::Document&, const services::RequestContext&) override { return Status::Ok(); }

  std::mutex mu;
  std::vector<std::pair<std::string, core::Document>> calls;  // guarded by mu
};

class FakeBackend : public Backend {
 public:
  services::Service* FindService(std::string_view model_name) override {
    auto it = services.find(std::string(model_name));
    return it == services.end() ? nullptr : it->second.get();
  }
  services::RequestContext NewRequestContext() override {
    services::RequestContext context;
    context.account_id = "123456789012";
    context.region = "us-east-1";
    context.request_id = "req-" + std::to_string(++requests);
    context.now_millis = now_millis;
    return context;
  }
  const SignatureOptions& signature_options() const override { return signatures; }
  Status Reset() override {
    ++resets;
    return Status::Ok();
  }
  void Settle() override { ++settles; }
  std::string Snapshot() const override { return R"({"format":"fake-snapshot"})"; }
  Status Restore(std::string_view snapshot_json) override {
    if (snapshot_json != Snapshot()) return Status::InvalidArgument("InvalidSnapshot", "not a snapshot");
    return Status::Ok();
  }
  std::string ResourcesJson() const override { return R"({"services":{}})"; }

  FakeService& Add(std::string model) {
    auto service = std::make_unique<FakeService>(model);
    FakeService& ref = *service;
    services[model] = std::move(service);
    return ref;
  }

  std::map<std::string, std::unique_ptr<FakeService>> services;
  SignatureOptions signatures;
  int64_t now_millis = 1764288000000;  // 2025-11-28
  std::atomic<int> requests = 0;
  std::atomic<int> resets = 0;
  std::atomic<int> settles = 0;
};

}  // namespace cloudemu::server

#endif  // CLOUDEMU_TESTS_SERVER_FAKE_BACKEND_H_
