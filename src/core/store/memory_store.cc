// In-memory Store: ordered maps behind a reader/writer lock.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "core/store/store.h"

namespace cloudemu::core {
namespace {

using Table = std::map<std::string, std::string, std::less<>>;
using TableSet = std::map<std::string, Table, std::less<>>;

class MemoryStore final : public Store {
 public:
  std::optional<std::string> Get(std::string_view table, std::string_view key) const override {
    std::shared_lock lock(mu_);
    auto t = tables_.find(table);
    if (t == tables_.end()) return std::nullopt;
    auto it = t->second.find(key);
    if (it == t->second.end()) return std::nullopt;
    return it->second;
  }

  void Scan(std::string_view table, std::string_view start, const StoreVisitor& visit) const override {
    std::shared_lock lock(mu_);
    auto t = tables_.find(table);
    if (t == tables_.end()) return;
    for (auto it = t->second.lower_bound(start); it != t->second.end(); ++it) {
      if (!visit(it->first, it->second)) return;
    }
  }

  Status Commit(WriteBatch batch) override {
    std::unique_lock lock(mu_);
    for (auto& op : batch.mutable_ops()) {
      auto t = tables_.find(op.table);
      if (op.value) {
        if (t == tables_.end()) t = tables_.emplace(op.table, Table{}).first;
        t->second.insert_or_assign(std::move(op.key), std::move(*op.value));
      } else if (t != tables_.end()) {
        auto it = t->second.find(op.key);
        if (it != t->second.end()) t->second.erase(it);
        if (t->second.empty()) tables_.erase(t);
      }
    }
    return Status::Ok();
  }

  Status Clear() override {
    TableSet old;
    {
      std::unique_lock lock(mu_);
      old.swap(tables_);
    }
    // Freeing a large map takes time proportional to its size; do it off the
    // caller's path so reset stays constant-time.
    if (!old.empty()) std::thread([doomed = std::move(old)]() mutable { TableSet().swap(doomed); }).detach();
    return Status::Ok();
  }

  std::vector<std::string> Tables() const override {
    std::shared_lock lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, table] : tables_) names.push_back(name);
    return names;
  }

 private:
  mutable std::shared_mutex mu_;
  TableSet tables_;
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace cloudemu::core
