#include "core/store/directory_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace cloudemu::core {
namespace {

// The holder writes its pid into the lock file so that the refusal can say who holds it.
std::string ReadHolder(int fd) {
  char buffer[32] = {};
  ssize_t n = pread(fd, buffer, sizeof(buffer) - 1, 0);
  std::string holder = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
  return holder;
}

void WriteHolder(int fd) {
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0) {
    // Best effort: the pid only improves the message another opener gets.
    [[maybe_unused]] ssize_t n = pwrite(fd, pid.data(), pid.size(), 0);
  }
}

}  // namespace

StatusOr<DirectoryLock> DirectoryLock::Acquire(const std::string& directory) {
  std::string path = directory + "/" + kFileName;
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Error("StoreUnavailable", "cannot open the lock file " + path + ": " + std::strerror(errno), 500);
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    std::string holder = error == EWOULDBLOCK ? ReadHolder(fd) : "";
    close(fd);
    if (error != EWOULDBLOCK) {
      return Status::Error("StoreUnavailable", "cannot lock " + path + ": " + std::strerror(error), 500);
    }
    std::string by = holder.empty() ? "another store" : "process " + holder;
    if (holder == std::to_string(getpid())) by = "another store in this process";
    return Status::Error("StoreLocked", "the store directory " + directory + " is already in use by " + by +
                                            " (lock file " + path + ")",
                         423);
  }
  WriteHolder(fd);
  return DirectoryLock(fd);
}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace cloudemu::core
