// Status and StatusOr<T>: the error model of the public API.
//
// A non-OK Status carries the AWS error code (e.g. "NoSuchBucket"), a message,
// the HTTP status AWS answers with and, once a request was served, its id.
// Thread-safety: values; safe to copy and read from any thread.
#ifndef CLOUDEMU_STATUS_H_
#define CLOUDEMU_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cloudemu {

class Status {
 public:
  Status() = default;  // OK.

  static Status Ok() { return Status(); }
  // An AWS error: `code` as AWS spells it, `http_status` as AWS answers it.
  static Status Error(std::string code, std::string message, int http_status = 400) {
    Status s;
    s.code_ = std::move(code);
    s.message_ = std::move(message);
    s.http_status_ = http_status;
    return s;
  }
  // Common shapes of error, named after their HTTP meaning.
  static Status InvalidArgument(std::string code, std::string message) {
    return Error(std::move(code), std::move(message), 400);
  }
  static Status NotFound(std::string code, std::string message) {
    return Error(std::move(code), std::move(message), 404);
  }
  static Status Conflict(std::string code, std::string message) {
    return Error(std::move(code), std::move(message), 409);
  }
  static Status Internal(std::string message) {
    return Error("InternalError", std::move(message), 500);
  }
  static Status NotImplemented(std::string message) {
    return Error("NotImplemented", std::move(message), 501);
  }

  bool ok() const { return code_.empty(); }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  int http_status() const { return ok() ? 200 : http_status_; }
  const std::string& request_id() const { return request_id_; }
  void set_request_id(std::string id) { request_id_ = std::move(id); }

  // Extra fields some AWS errors carry (S3's <BucketName>, <Key>, <Resource>).
  const std::vector<std::pair<std::string, std::string>>& details() const { return details_; }
  Status& WithDetail(std::string name, std::string value) {
    details_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  std::string ToString() const {
    return ok() ? std::string("OK") : code_ + " (HTTP " + std::to_string(http_status_) + "): " + message_;
  }

 private:
  std::string code_;
  std::string message_;
  int http_status_ = 200;
  std::string request_id_;
  std::vector<std::pair<std::string, std::string>> details_;
};

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "StatusOr needs a value or an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_STATUS_H_
