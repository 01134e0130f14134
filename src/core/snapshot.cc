#include "core/snapshot.h"

#include "core/encoding.h"
#include "core/json.h"
#include "core/utf8.h"

namespace cloudemu::core {
namespace {

Status Invalid(std::string message) { return Status::InvalidArgument("InvalidSnapshot", std::move(message)); }

// A value is stored as text when it is valid UTF-8, else as base64.
Document EncodeEntry(std::string_view key, std::string_view value) {
  Document entry = Document::Map();
  entry.Set("k", std::string(key));
  if (IsValidUtf8(value)) {
    entry.Set("v", std::string(value));
  } else {
    entry.Set("b64", Base64Encode(value));
  }
  return entry;
}

}  // namespace

std::string EncodeSnapshot(const Store& store, int64_t taken_at_millis) {
  Document root = Document::Map();
  root.Set("format", std::string(kSnapshotFormatName));
  root.Set("version", kSnapshotFormatVersion);
  root.Set("taken_at", Timestamp{taken_at_millis});
  Document& tables = root.Set("tables", Document::Map());
  for (const std::string& table : store.Tables()) {
    Document& entries = tables.Set(table, Document::List());
    store.Scan(table, "", [&](std::string_view key, std::string_view value) {
      entries.Append(EncodeEntry(key, value));
      return true;
    });
  }
  return ToJson(root);
}

Status ReadSnapshot(std::string_view snapshot_json,
                    const std::function<void(const std::string&, const std::string&, const std::string&)>& visit) {
  StatusOr<Document> parsed = FromJson(snapshot_json);
  if (!parsed.ok()) return Invalid("the snapshot is not JSON: " + parsed.status().message());
  const Document& root = *parsed;
  if (root["format"].AsString() != kSnapshotFormatName) {
    return Invalid("not a CloudEmu snapshot (\"format\" must be \"cloudemu-snapshot\")");
  }
  int64_t version = root["version"].AsInt(-1);
  if (version != kSnapshotFormatVersion) {
    return Invalid("snapshot format version " + std::to_string(version) + " cannot be restored by this CloudEmu, " +
                   "which reads version " + std::to_string(kSnapshotFormatVersion));
  }
  for (const auto& [table, entries] : root["tables"].AsMap()) {
    if (!entries.is_list()) return Invalid("table " + table + " is not a list of entries");
    for (const Document& entry : entries.AsList()) {
      if (!entry["k"].is_string()) return Invalid("an entry of table " + table + " has no key \"k\"");
      if (entry["v"].is_string()) {
        visit(table, entry["k"].AsString(), entry["v"].AsString());
      } else if (auto bytes = Base64Decode(entry["b64"].AsString()); bytes && entry["b64"].is_string()) {
        visit(table, entry["k"].AsString(), *bytes);
      } else {
        return Invalid("entry " + entry["k"].AsString() + " of table " + table + " has no valid value");
      }
    }
  }
  return Status::Ok();
}

Status RestoreSnapshot(std::string_view snapshot_json, Store& store) {
  WriteBatch batch;
  Status read = ReadSnapshot(snapshot_json, [&](const std::string& table, const std::string& key,
                                                const std::string& value) { batch.Put(table, key, value); });
  if (!read.ok()) return read;
  if (Status cleared = store.Clear(); !cleared.ok()) return cleared;
  return store.Commit(std::move(batch));
}

}  // namespace cloudemu::core
