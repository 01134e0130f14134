// DirectoryLock: an exclusive flock() on "<directory>/cloudemu.lock", so that
// one persistent Store owns a directory at a time. Another process, or a
// second Store in the same process, is refused with code "StoreLocked". The
// kernel releases the lock when the holder exits, even by kill -9.
// Thread-safety: a movable value; acquire and release are not synchronised.
#ifndef CLOUDEMU_CORE_STORE_DIRECTORY_LOCK_H_
#define CLOUDEMU_CORE_STORE_DIRECTORY_LOCK_H_

#include <string>

#include "cloudemu/status.h"

namespace cloudemu::core {

class DirectoryLock {
 public:
  static constexpr const char* kFileName = "cloudemu.lock";

  // The directory must exist.
  static StatusOr<DirectoryLock> Acquire(const std::string& directory);

  DirectoryLock(DirectoryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}

  int fd_ = -1;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_STORE_DIRECTORY_LOCK_H_
