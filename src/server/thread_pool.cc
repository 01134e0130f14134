#include "server/thread_pool.h"

#include <algorithm>
#include <utility>

namespace cloudemu::server {

ElasticThreadPool::ElasticThreadPool(size_t core_threads, size_t max_threads, std::chrono::milliseconds idle_timeout)
    : core_threads_(std::max<size_t>(core_threads, 1)),
      max_threads_(std::max(max_threads, std::max<size_t>(core_threads, 1))),
      idle_timeout_(idle_timeout) {}

ElasticThreadPool::~ElasticThreadPool() { shutdown(); }

void ElasticThreadPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    JoinFinished();
    tasks_.push_back(std::move(task));
    // Every thread busy (each may hold a keep-alive connection): grow. The
    // first core_threads threads start on demand too (an idle server keeps
    // no memory for threads it has not needed yet) and then stay.
    if (idle_ < tasks_.size() && threads_.size() < max_threads_ && !shutdown_) {
      StartThread(/*core=*/threads_.size() < core_threads_);
    }
  }
  work_available_.notify_one();
}

void ElasticThreadPool::shutdown() {
  std::map<uint64_t, std::thread> threads;
  {
    std::lock_guard lock(mu_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
  }
  work_available_.notify_all();
  // Threads leave once the queue is empty; take them only after they stopped
  // registering themselves as finished.
  while (true) {
    {
      std::lock_guard lock(mu_);
      threads.merge(threads_);
      finished_.clear();
    }
    if (threads.empty()) return;
    for (auto& [id, thread] : threads) thread.join();
    threads.clear();
  }
}

size_t ElasticThreadPool::thread_count() const {
  std::lock_guard lock(mu_);
  return threads_.size() - finished_.size();
}

void ElasticThreadPool::StartThread(bool core) {
  uint64_t id = next_id_++;
  threads_.emplace(id, std::thread([this, id, core] { Work(id, core); }));
}

void ElasticThreadPool::JoinFinished() {
  for (uint64_t id : finished_) {
    auto it = threads_.find(id);
    if (it == threads_.end()) continue;
    it->second.join();  // it has returned from Work already or is about to
    threads_.erase(it);
  }
  finished_.clear();
}

void ElasticThreadPool::Work(uint64_t id, bool core) {
  std::unique_lock lock(mu_);
  while (true) {
    ++idle_;
    bool has_work = true;
    if (core) {
      work_available_.wait(lock, [this] { return shutdown_ || !tasks_.empty(); });
    } else {
      has_work = work_available_.wait_for(lock, idle_timeout_, [this] { return shutdown_ || !tasks_.empty(); });
    }
    --idle_;
    if (tasks_.empty()) {
      if (shutdown_) return;
      if (!has_work) {
        if (!shutdown_) finished_.push_back(id);
        return;
      }
      continue;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    task = nullptr;
    lock.lock();
  }
}

}  // namespace cloudemu::server
