// Store: the one place service state lives (DESIGN rule 4).
//
// A Store is a set of named tables of ordered byte keys to byte values.
// Writes are grouped in a WriteBatch and applied atomically; once Commit
// returns OK the write is acknowledged and, for a persistent store, survives
// a killed process. Snapshot, restore and reset therefore work for every
// service at once.
// Thread-safety: all methods may be called concurrently; a batch is applied
// atomically with respect to readers.
#ifndef CLOUDEMU_CORE_STORE_STORE_H_
#define CLOUDEMU_CORE_STORE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu::core {

class WriteBatch {
 public:
  struct Op {
    std::string table;
    std::string key;
    std::optional<std::string> value;  // nullopt deletes
  };

  void Put(std::string_view table, std::string_view key, std::string value) {
    ops_.push_back({std::string(table), std::string(key), std::move(value)});
  }
  void Delete(std::string_view table, std::string_view key) {
    ops_.push_back({std::string(table), std::string(key), std::nullopt});
  }
  bool empty() const { return ops_.empty(); }
  const std::vector<Op>& ops() const { return ops_; }
  std::vector<Op>& mutable_ops() { return ops_; }

 private:
  std::vector<Op> ops_;
};

// Visits entries in key order; return false to stop.
using StoreVisitor = std::function<bool(std::string_view key, std::string_view value)>;

class Store {
 public:
  virtual ~Store() = default;

  virtual std::optional<std::string> Get(std::string_view table, std::string_view key) const = 0;
  // Entries of `table` with key >= `start`, in key order.
  virtual void Scan(std::string_view table, std::string_view start, const StoreVisitor& visit) const = 0;
  virtual Status Commit(WriteBatch batch) = 0;

  // Drops every table. Constant time whatever the amount of data: the old
  // contents are released in the background.
  virtual Status Clear() = 0;

  // Every table name that holds at least one entry, sorted.
  virtual std::vector<std::string> Tables() const = 0;

  // Convenience for single writes.
  Status Put(std::string_view table, std::string_view key, std::string value) {
    WriteBatch batch;
    batch.Put(table, key, std::move(value));
    return Commit(std::move(batch));
  }
  Status Delete(std::string_view table, std::string_view key) {
    WriteBatch batch;
    batch.Delete(table, key);
    return Commit(std::move(batch));
  }
  // Entries whose key starts with `prefix`, in key order.
  void ScanPrefix(std::string_view table, std::string_view prefix, const StoreVisitor& visit) const {
    Scan(table, prefix, [&](std::string_view key, std::string_view value) {
      if (key.substr(0, prefix.size()) != prefix) return false;
      return visit(key, value);
    });
  }
};

std::unique_ptr<Store> NewMemoryStore();

struct LmdbStoreOptions {
  std::string directory;
  // fsync each commit: survives power loss, not only a killed process.
  bool sync_every_commit = false;
  size_t map_size_bytes = size_t{64} << 30;  // address space reserved, not memory used
};
// Fails (code "StoreLocked") when another process has the directory open.
StatusOr<std::unique_ptr<Store>> OpenLmdbStore(const LmdbStoreOptions& options);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_STORE_STORE_H_
