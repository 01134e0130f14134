// The LMDB Store (OpenLmdbStore in store.h).
//
// Layout of the environment (one per directory, owned through DirectoryLock):
//   "meta"     named database; "generation" -> decimal number n
//   "data.<n>" named database holding every table: key = table '\0' key
//              (keys too long for LMDB go through LongKeyBucket)
// Clear() creates "data.<n+1>" and moves "generation" to it in one write
// transaction, so a crash leaves either the old or the new generation current.
// Older generations are dropped by a background thread once no reader uses
// them, and on the next open if the process died first.
//
// Durability: without sync_every_commit the environment runs with MDB_NOSYNC;
// a committed transaction has been written to the file (the OS page cache),
// so it survives the process being killed but not a power loss. With it,
// every commit is flushed to disk.
#include <lmdb.h>

#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "core/store/directory_lock.h"
#include "core/store/long_key_bucket.h"
#include "core/store/store.h"

namespace cloudemu::core {
namespace {

constexpr char kMetaDatabase[] = "meta";
constexpr std::string_view kGenerationKey = "generation";
constexpr std::string_view kDataPrefix = "data.";
constexpr unsigned kMaxReaders = 1024;
// "meta", the current generation, and old ones still being read or dropped.
constexpr unsigned kMaxDatabases = 256;

MDB_val ToVal(std::string_view bytes) { return MDB_val{bytes.size(), const_cast<char*>(bytes.data())}; }
std::string_view FromVal(const MDB_val& val) { return {static_cast<const char*>(val.mv_data), val.mv_size}; }

std::string DataDatabaseName(uint64_t generation) { return std::string(kDataPrefix) + std::to_string(generation); }

std::optional<uint64_t> ParseNumber(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Status LmdbError(std::string_view what, int rc) {
  std::string message = std::string(what) + ": " + mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) {
    return Status::Error("StoreFull", message + " (raise LmdbStoreOptions::map_size_bytes)", 507);
  }
  if (rc == MDB_TXN_FULL) return Status::Error("StoreFull", message + " (the batch is too large)", 507);
  return Status::Error("StoreError", message, 500);
}

// Owns a transaction; aborts it unless committed.
class Txn {
 public:
  Txn() = default;
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
  }
  int Begin(MDB_env* env, unsigned flags) { return mdb_txn_begin(env, nullptr, flags, &txn_); }
  int Commit() { return mdb_txn_commit(std::exchange(txn_, nullptr)); }
  MDB_txn* get() const { return txn_; }

 private:
  MDB_txn* txn_ = nullptr;
};

// Owns a cursor of a live transaction.
class Cursor {
 public:
  Cursor() = default;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor() {
    if (cursor_ != nullptr) mdb_cursor_close(cursor_);
  }
  int Open(MDB_txn* txn, MDB_dbi dbi) { return mdb_cursor_open(txn, dbi, &cursor_); }
  int Get(MDB_val* key, MDB_val* value, MDB_cursor_op op) { return mdb_cursor_get(cursor_, key, value, op); }

 private:
  MDB_cursor* cursor_ = nullptr;
};

class LmdbStore final : public Store {
 public:
  LmdbStore(MDB_env* env, DirectoryLock lock, bool sync_every_commit)
      : env_(env), lock_(std::move(lock)), sync_every_commit_(sync_every_commit),
        key_limit_(static_cast<size_t>(mdb_env_get_maxkeysize(env))) {}

  ~LmdbStore() override {
    {
      std::lock_guard lock(reclaim_mu_);
      stopping_ = true;
    }
    reclaim_cv_.notify_all();
    if (reclaimer_.joinable()) reclaimer_.join();  // after it has dropped what was queued
    current_.reset();  // this queues the current generation, but nothing serves the queue any more
    if (!sync_every_commit_) mdb_env_sync(env_, 1);  // a clean close is durable
    mdb_env_close(env_);
  }

  // Finds or creates the current generation and queues stale ones.
  Status Init() {
    std::lock_guard lock(write_mu_);
    Txn txn;
    if (int rc = txn.Begin(env_, 0)) return LmdbError("cannot begin the opening transaction", rc);
    if (int rc = mdb_dbi_open(txn.get(), kMetaDatabase, MDB_CREATE, &meta_dbi_)) {
      return LmdbError("cannot open the meta database", rc);
    }
    uint64_t generation = 0;
    MDB_val key = ToVal(kGenerationKey), value;
    int rc = mdb_get(txn.get(), meta_dbi_, &key, &value);
    if (rc == 0) {
      auto parsed = ParseNumber(FromVal(value));
      if (!parsed) return Status::Error("StoreCorrupt", "the store's generation record is unreadable", 500);
      generation = *parsed;
    } else if (rc != MDB_NOTFOUND) {
      return LmdbError("cannot read the store generation", rc);
    }
    MDB_dbi data;
    if ((rc = mdb_dbi_open(txn.get(), DataDatabaseName(generation).c_str(), MDB_CREATE, &data)) ||
        (rc = PutGeneration(txn.get(), generation))) {
      return LmdbError("cannot open the data database", rc);
    }
    std::vector<uint64_t> stale;
    if (Status listed = ListGenerations(txn.get(), stale); !listed.ok()) return listed;
    std::erase(stale, generation);
    if ((rc = txn.Commit())) return LmdbError("cannot commit the opening transaction", rc);

    current_ = MakeGeneration(generation, data);
    doomed_ = std::move(stale);
    reclaimer_ = std::thread([this] { ReclaimLoop(); });
    return Status::Ok();
  }

  std::optional<std::string> Get(std::string_view table, std::string_view key) const override {
    auto generation = Current();
    Txn txn;
    if (txn.Begin(env_, MDB_RDONLY) != 0) return std::nullopt;
    std::string stored = StoredKey(table, key);
    MDB_val k = ToVal(std::string_view(stored).substr(0, key_limit_)), v;
    if (mdb_get(txn.get(), generation->dbi, &k, &v) != 0) return std::nullopt;
    if (stored.size() < key_limit_) return std::string(FromVal(v));
    auto bucket = LongKeyBucket::Parse(FromVal(v));
    const std::string* found = bucket ? bucket->Find(std::string_view(stored).substr(key_limit_)) : nullptr;
    if (found == nullptr) return std::nullopt;
    return *found;
  }

  void Scan(std::string_view table, std::string_view start, const StoreVisitor& visit) const override {
    auto generation = Current();
    Txn txn;
    Cursor cursor;
    if (txn.Begin(env_, MDB_RDONLY) != 0 || cursor.Open(txn.get(), generation->dbi) != 0) return;
    std::string from = StoredKey(table, start);
    std::string_view prefix = std::string_view(from).substr(0, table.size() + 1);
    // A start too long for LMDB seeks to its bucket, which may also hold smaller keys.
    MDB_val k = ToVal(std::string_view(from).substr(0, key_limit_)), v;
    for (int rc = cursor.Get(&k, &v, MDB_SET_RANGE); rc == 0; rc = cursor.Get(&k, &v, MDB_NEXT)) {
      std::string_view stored = FromVal(k);
      if (stored.substr(0, prefix.size()) != prefix) return;
      if (stored.size() < key_limit_) {
        if (!visit(stored.substr(prefix.size()), FromVal(v))) return;
        continue;
      }
      auto bucket = LongKeyBucket::Parse(FromVal(v));
      if (!bucket) continue;
      for (const auto& [rest, value] : bucket->entries()) {
        std::string full = std::string(stored) + rest;
        if (full < from) continue;
        if (!visit(std::string_view(full).substr(prefix.size()), value)) return;
      }
    }
  }

  Status Commit(WriteBatch batch) override {
    if (batch.empty()) return Status::Ok();
    for (const WriteBatch::Op& op : batch.ops()) {
      if (op.table.find('\0') != std::string::npos) {
        return Status::InvalidArgument("InvalidTableName", "store table names cannot contain NUL");
      }
    }
    std::lock_guard lock(write_mu_);
    Txn txn;
    if (int rc = txn.Begin(env_, 0)) return LmdbError("cannot begin a write transaction", rc);
    for (const WriteBatch::Op& op : batch.ops()) {
      if (Status applied = Apply(txn.get(), current_->dbi, op); !applied.ok()) return applied;
    }
    if (int rc = txn.Commit()) return LmdbError("cannot commit", rc);
    return Status::Ok();
  }

  Status Clear() override {
    std::shared_ptr<const Generation> old;  // declared first: released after the locks below
    std::lock_guard lock(write_mu_);
    Txn txn;
    if (int rc = txn.Begin(env_, 0)) return LmdbError("cannot begin the clearing transaction", rc);
    MDB_stat stat;
    if (mdb_stat(txn.get(), current_->dbi, &stat) == 0 && stat.ms_entries == 0) return Status::Ok();
    uint64_t next = current_->number + 1;
    MDB_dbi data;
    int rc = mdb_dbi_open(txn.get(), DataDatabaseName(next).c_str(), MDB_CREATE, &data);
    if (rc == 0) rc = PutGeneration(txn.get(), next);
    if (rc == 0) rc = txn.Commit();
    if (rc != 0) return LmdbError("cannot clear the store", rc);
    std::lock_guard swap(current_mu_);
    old = std::exchange(current_, MakeGeneration(next, data));
    return Status::Ok();
  }

  std::vector<std::string> Tables() const override {
    auto generation = Current();
    std::vector<std::string> names;
    Txn txn;
    Cursor cursor;
    if (txn.Begin(env_, MDB_RDONLY) != 0 || cursor.Open(txn.get(), generation->dbi) != 0) return names;
    // One seek per table: past "name\0..." comes "name\1".
    std::string seek;
    MDB_val k, v;
    for (int rc = cursor.Get(&k, &v, MDB_FIRST); rc == 0; rc = cursor.Get(&k, &v, MDB_SET_RANGE)) {
      std::string_view stored = FromVal(k);
      names.emplace_back(stored.substr(0, stored.find('\0')));
      seek = names.back() + '\x01';
      k = ToVal(seek);
    }
    return names;
  }

 private:
  struct Generation {
    uint64_t number;
    MDB_dbi dbi;
  };

  // The last reference to a replaced generation queues it for dropping.
  std::shared_ptr<const Generation> MakeGeneration(uint64_t number, MDB_dbi dbi) {
    return std::shared_ptr<const Generation>(new Generation{number, dbi}, [this](const Generation* generation) {
      {
        std::lock_guard lock(reclaim_mu_);
        doomed_.push_back(generation->number);
      }
      reclaim_cv_.notify_one();
      delete generation;
    });
  }

  std::shared_ptr<const Generation> Current() const {
    std::lock_guard lock(current_mu_);
    return current_;
  }

  static std::string StoredKey(std::string_view table, std::string_view key) {
    std::string stored;
    stored.reserve(table.size() + 1 + key.size());
    stored.append(table).push_back('\0');
    stored.append(key);
    return stored;
  }

  int PutGeneration(MDB_txn* txn, uint64_t generation) {
    std::string text = std::to_string(generation);
    MDB_val key = ToVal(kGenerationKey), value = ToVal(text);
    return mdb_put(txn, meta_dbi_, &key, &value, 0);
  }

  // Every "data.<n>" database in the environment.
  Status ListGenerations(MDB_txn* txn, std::vector<uint64_t>& out) {
    MDB_dbi main;
    Cursor cursor;
    int rc = mdb_dbi_open(txn, nullptr, 0, &main);
    if (rc == 0) rc = cursor.Open(txn, main);
    if (rc != 0) return LmdbError("cannot list the store's databases", rc);
    MDB_val k = ToVal(kDataPrefix), v;
    for (rc = cursor.Get(&k, &v, MDB_SET_RANGE); rc == 0; rc = cursor.Get(&k, &v, MDB_NEXT)) {
      std::string_view name = FromVal(k);
      if (name.substr(0, kDataPrefix.size()) != kDataPrefix) break;
      if (auto number = ParseNumber(name.substr(kDataPrefix.size()))) out.push_back(*number);
    }
    return Status::Ok();
  }

  Status Apply(MDB_txn* txn, MDB_dbi dbi, const WriteBatch::Op& op) {
    std::string stored = StoredKey(op.table, op.key);
    MDB_val k = ToVal(std::string_view(stored).substr(0, key_limit_)), v;
    int rc;
    if (stored.size() < key_limit_) {
      if (op.value) {
        v = ToVal(*op.value);
        rc = mdb_put(txn, dbi, &k, &v, 0);
      } else {
        rc = mdb_del(txn, dbi, &k, nullptr);
        if (rc == MDB_NOTFOUND) rc = 0;
      }
      return rc == 0 ? Status::Ok() : LmdbError("cannot write to the store", rc);
    }
    LongKeyBucket bucket;
    rc = mdb_get(txn, dbi, &k, &v);
    if (rc == 0) {
      auto parsed = LongKeyBucket::Parse(FromVal(v));
      if (!parsed) {
        return Status::Error("StoreCorrupt", "a long-key record of table " + op.table + " is unreadable", 500);
      }
      bucket = std::move(*parsed);
    } else if (rc != MDB_NOTFOUND) {
      return LmdbError("cannot read from the store", rc);
    }
    std::string_view rest = std::string_view(stored).substr(key_limit_);
    if (op.value) {
      bucket.Put(rest, *op.value);
    } else if (!bucket.Erase(rest)) {
      return Status::Ok();
    }
    if (bucket.empty()) {
      rc = mdb_del(txn, dbi, &k, nullptr);
    } else {
      std::string serialized = bucket.Serialize();
      v = ToVal(serialized);
      rc = mdb_put(txn, dbi, &k, &v, 0);
    }
    return rc == 0 ? Status::Ok() : LmdbError("cannot write to the store", rc);
  }

  // Drops queued generations until the store closes and the queue is empty.
  // Generations left by a process that died are found again by Init.
  void ReclaimLoop() {
    std::unique_lock lock(reclaim_mu_);
    while (true) {
      reclaim_cv_.wait(lock, [this] { return stopping_ || !doomed_.empty(); });
      if (doomed_.empty()) return;
      std::vector<uint64_t> batch = std::exchange(doomed_, {});
      lock.unlock();
      for (uint64_t generation : batch) Drop(generation);
      lock.lock();
    }
  }

  void Drop(uint64_t generation) {
    // mdb_dbi_open is serialised with Clear's through write_mu_.
    std::lock_guard lock(write_mu_);
    Txn txn;
    MDB_dbi dbi;
    if (txn.Begin(env_, 0) != 0) return;
    if (mdb_dbi_open(txn.get(), DataDatabaseName(generation).c_str(), 0, &dbi) != 0) return;
    if (mdb_drop(txn.get(), dbi, 1) != 0) return;
    txn.Commit();
  }

  MDB_env* const env_;
  DirectoryLock lock_;
  const bool sync_every_commit_;
  const size_t key_limit_;
  MDB_dbi meta_dbi_ = 0;

  // Serialises write transactions (and with them every mdb_dbi_open).
  std::mutex write_mu_;
  // Guards the pointer only; readers copy it and keep their generation alive.
  mutable std::mutex current_mu_;
  std::shared_ptr<const Generation> current_;

  std::mutex reclaim_mu_;
  std::condition_variable reclaim_cv_;
  std::vector<uint64_t> doomed_;
  bool stopping_ = false;
  std::thread reclaimer_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenLmdbStore(const LmdbStoreOptions& options) {
  if (options.directory.empty()) return Status::InvalidArgument("StoreUnavailable", "no store directory given");
  std::error_code error;
  std::filesystem::create_directories(options.directory, error);
  if (error) {
    return Status::Error("StoreUnavailable",
                         "cannot create the store directory " + options.directory + ": " + error.message(), 500);
  }
  StatusOr<DirectoryLock> lock = DirectoryLock::Acquire(options.directory);
  if (!lock.ok()) return lock.status();

  MDB_env* env = nullptr;
  int rc = mdb_env_create(&env);
  if (rc != 0) return LmdbError("cannot create an LMDB environment", rc);
  unsigned flags = MDB_NOTLS | (options.sync_every_commit ? 0 : MDB_NOSYNC);
  if ((rc = mdb_env_set_mapsize(env, options.map_size_bytes)) || (rc = mdb_env_set_maxreaders(env, kMaxReaders)) ||
      (rc = mdb_env_set_maxdbs(env, kMaxDatabases)) ||
      (rc = mdb_env_open(env, options.directory.c_str(), flags, 0644))) {
    mdb_env_close(env);
    return LmdbError("cannot open the store in " + options.directory, rc);
  }
  auto store = std::make_unique<LmdbStore>(env, std::move(*lock), options.sync_every_commit);
  if (Status ready = store->Init(); !ready.ok()) return ready;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace cloudemu::core
