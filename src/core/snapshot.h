// The snapshot codec: a Store's whole contents as one versioned JSON
// document (format described in docs/snapshot-format.md), and back.
#ifndef CLOUDEMU_CORE_SNAPSHOT_H_
#define CLOUDEMU_CORE_SNAPSHOT_H_

#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/store/store.h"

namespace cloudemu::core {

inline constexpr int kSnapshotFormatVersion = 1;
inline constexpr std::string_view kSnapshotFormatName = "cloudemu-snapshot";

std::string EncodeSnapshot(const Store& store, int64_t taken_at_millis);

// Replaces the store's contents. Refuses (code "InvalidSnapshot") documents
// that are not snapshots or are of another format version; the store is left
// untouched then.
Status RestoreSnapshot(std::string_view snapshot_json, Store& store);

// Parses and validates without restoring; `visit` sees every entry.
Status ReadSnapshot(std::string_view snapshot_json,
                    const std::function<void(const std::string& table, const std::string& key,
                                             const std::string& value)>& visit);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_SNAPSHOT_H_
