// Dispatch: the one way an effect of one service reaches another (DESIGN
// rule 3). SNS delivering to SQS, S3 notifications, EventBridge targets and
// Step Functions calling Lambda all hand a Delivery to the Cloud's Dispatch;
// the receiving service applies it through its own operations. No service
// ever touches another's state.
//
// A receiver registers for a kind: the service part of an ARN ("sqs",
// "lambda") or a URL scheme ("http", "https"). Submitted deliveries run in
// submission order on one dispatch thread, so a FIFO topic's messages reach a
// FIFO queue in order. Settle() blocks until everything submitted (and
// everything those deliveries submitted in turn) has been delivered; tests
// call it instead of sleeping.
// Thread-safety: every method may be called from any thread, including from a
// receiver (a receiver may Submit, but must not call Settle).
#ifndef CLOUDEMU_CORE_DISPATCH_H_
#define CLOUDEMU_CORE_DISPATCH_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::core {

struct Delivery {
  // Where it goes: an ARN ("arn:aws:sqs:us-east-1:000000000000:orders") or a
  // URL ("https://example.com/hook").
  std::string target;
  // Who sent it (an ARN), for the receiver's records and error messages.
  std::string source;
  // What the receiver needs; each receiver documents the members it reads.
  Document message;
  // Called on the dispatch thread with the receiver's answer (may be empty).
  std::function<void(const Status&)> on_result;
};

class Dispatch {
 public:
  using Receiver = std::function<Status(const Delivery&)>;

  Dispatch() = default;
  ~Dispatch();
  Dispatch(const Dispatch&) = delete;
  Dispatch& operator=(const Dispatch&) = delete;

  void RegisterReceiver(std::string kind, Receiver receiver);

  // "sqs" for an ARN of SQS, "https" for an https URL, "" when neither.
  static std::string KindOf(std::string_view target);

  // Queues `delivery`; it runs on the dispatch thread. A target no receiver
  // handles completes with a NotFound status.
  void Submit(Delivery delivery);
  // Runs `delivery` on the calling thread and returns the receiver's status,
  // for a sender that must know the outcome before it answers.
  Status DeliverNow(const Delivery& delivery) const;

  // Waits until nothing is queued or running.
  void Settle();
  // Forgets queued deliveries (a Cloud reset); one already running finishes.
  void DropPending();
  // Finishes the running delivery, drops the rest and joins the thread.
  void Stop();

  // Deliveries completed since the Cloud was created.
  uint64_t delivered_count() const;

 private:
  void Run();

  mutable std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable idle_;
  std::map<std::string, Receiver, std::less<>> receivers_;
  std::deque<Delivery> queue_;
  bool running_delivery_ = false;
  bool stopping_ = false;
  uint64_t delivered_ = 0;
  std::thread worker_;  // started by the first Submit
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_DISPATCH_H_
