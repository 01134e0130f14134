#include "core/snapshot.h"

#include "core/encoding.h"
#include "core/json.h"
#include "core/utf8.h"

namespace cloudemu::core {
namespace {

Status Invalid(std::string message) { return Status::InvalidArgument("InvalidSnapshot", std::move(message)); }

// A key or value is stored as text when it is valid UTF-8, else as base64
// (JSON text must be UTF-8).
Document EncodeEntry(std::string_view key, std::string_view value) {
  Document entry = Document::Map();
  if (IsValidUtf8(key)) {
    entry.Set("k", std::string(key));
  } else {
    entry.Set("kb64", Base64Encode(key));
  }
  if (IsValidUtf8(value)) {
    entry.Set("v", std::string(value));
  } else {
    entry.Set("b64", Base64Encode(value));
  }
  return entry;
}

// The member `text` as is, or `base64` decoded; nullopt when neither is valid.
std::optional<std::string> TextOrBase64(const Document& entry, std::string_view text, std::string_view base64) {
  if (entry[text].is_string()) return entry[text].AsString();
  if (!entry[base64].is_string()) return std::nullopt;
  return Base64Decode(entry[base64].AsString());
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
  if (!root["version"].is_int()) return Invalid("the snapshot has no integer \"version\"");
  int64_t version = root["version"].AsInt();
  if (version != kSnapshotFormatVersion) {
    return Invalid("snapshot format version " + std::to_string(version) + " cannot be restored by this CloudEmu, " +
                   "which reads version " + std::to_string(kSnapshotFormatVersion));
  }
  // Without this check a misspelt document would restore as an empty store.
  if (!root["tables"].is_map()) return Invalid("the snapshot has no \"tables\" object");
  for (const auto& [table, entries] : root["tables"].AsMap()) {
    if (table.find('\0') != std::string::npos) return Invalid("a table name contains NUL");
    if (!entries.is_list()) return Invalid("table " + table + " is not a list of entries");
    for (const Document& entry : entries.AsList()) {
      std::optional<std::string> key = TextOrBase64(entry, "k", "kb64");
      if (!key) return Invalid("an entry of table " + table + " has no valid key (\"k\" or \"kb64\")");
      std::optional<std::string> value = TextOrBase64(entry, "v", "b64");
      if (!value) {
        return Invalid("an entry of table " + table + " has no valid value (\"v\" or \"b64\")" +
                       (entry["k"].is_string() ? ", key " + entry["k"].AsString() : ""));
      }
      visit(table, *key, *value);
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
