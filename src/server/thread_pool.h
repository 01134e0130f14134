// ElasticThreadPool: the listener's worker threads. cpp-httplib runs each
// connection, keep-alive included, on one pool thread until it closes, so a
// fixed pool stalls new connections while idle ones hold every thread. This
// pool starts a thread whenever all are busy (up to `max_threads`); the first
// `core_threads` stay, the extra ones exit after `idle_timeout` without work.
// Thread-safety: enqueue from any thread; shutdown once, from one thread.
#ifndef CLOUDEMU_SERVER_THREAD_POOL_H_
#define CLOUDEMU_SERVER_THREAD_POOL_H_

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace cloudemu::server {

class ElasticThreadPool final : public httplib::TaskQueue {
 public:
  ElasticThreadPool(size_t core_threads, size_t max_threads,
                    std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
  ~ElasticThreadPool() override;

  void enqueue(std::function<void()> task) override;
  // Runs the queued tasks, then joins every thread.
  void shutdown() override;

  size_t thread_count() const;

 private:
  void StartThread(bool core);  // mu_ held
  void Work(uint64_t id, bool core);
  void JoinFinished();  // mu_ held

  const size_t core_threads_;
  const size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;

  mutable std::mutex mu_;
  std::condition_variable work_available_;
  std::deque<std::function<void()>> tasks_;
  std::map<uint64_t, std::thread> threads_;
  std::vector<uint64_t> finished_;  // extra threads that exited, to join
  uint64_t next_id_ = 0;
  size_t idle_ = 0;
  bool shutdown_ = false;
};

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_THREAD_POOL_H_
