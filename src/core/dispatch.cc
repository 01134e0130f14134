#include "core/dispatch.h"

#include <utility>

namespace cloudemu::core {

Dispatch::~Dispatch() { Stop(); }

void Dispatch::RegisterReceiver(std::string kind, Receiver receiver) {
  std::lock_guard lock(mu_);
  receivers_[std::move(kind)] = std::move(receiver);
}

std::string Dispatch::KindOf(std::string_view target) {
  if (target.substr(0, 4) == "arn:") {
    // arn:partition:service:region:account:resource
    size_t partition_end = target.find(':', 4);
    if (partition_end == std::string_view::npos) return "";
    size_t service_end = target.find(':', partition_end + 1);
    if (service_end == std::string_view::npos) return "";
    return std::string(target.substr(partition_end + 1, service_end - partition_end - 1));
  }
  size_t scheme_end = target.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return "";
  return std::string(target.substr(0, scheme_end));
}

Status Dispatch::DeliverNow(const Delivery& delivery) const {
  Receiver receiver;
  {
    std::lock_guard lock(mu_);
    auto it = receivers_.find(KindOf(delivery.target));
    if (it != receivers_.end()) receiver = it->second;
  }
  if (!receiver) return Status::NotFound("NotFound", "no CloudEmu service receives deliveries for " + delivery.target);
  return receiver(delivery);
}

void Dispatch::Submit(Delivery delivery) {
  std::lock_guard lock(mu_);
  if (stopping_) return;
  queue_.push_back(std::move(delivery));
  if (!worker_.joinable()) worker_ = std::thread([this] { Run(); });
  work_ready_.notify_one();
}

void Dispatch::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    Delivery delivery = std::move(queue_.front());
    queue_.pop_front();
    running_delivery_ = true;
    lock.unlock();
    Status result = DeliverNow(delivery);
    if (delivery.on_result) delivery.on_result(result);
    lock.lock();
    running_delivery_ = false;
    ++delivered_;
    if (queue_.empty()) idle_.notify_all();
  }
  idle_.notify_all();
}

void Dispatch::Settle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return stopping_ || (queue_.empty() && !running_delivery_); });
}

void Dispatch::DropPending() {
  std::lock_guard lock(mu_);
  queue_.clear();
  if (!running_delivery_) idle_.notify_all();
}

void Dispatch::Stop() {
  std::thread worker;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    queue_.clear();
    worker.swap(worker_);
  }
  work_ready_.notify_all();
  idle_.notify_all();
  if (worker.joinable()) worker.join();
}

uint64_t Dispatch::delivered_count() const {
  std::lock_guard lock(mu_);
  return delivered_;
}

}  // namespace cloudemu::core
