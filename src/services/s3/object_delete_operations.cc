// DeleteObject and DeleteObjects: removing objects, versions and delete
// markers as the bucket's versioning state dictates.
#include <mutex>
#include <optional>

#include "services/s3/bucket_access.h"
#include "services/s3/object_keys.h"
#include "services/s3/object_lookup.h"
#include "services/s3/object_operation_groups.h"
#include "services/s3/preconditions.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr size_t kMaxDeleteObjects = 1000;

// What deleting one key or version did.
struct DeleteOutcome {
  std::optional<std::string> version_id;  // the version removed or the delete marker created
  bool delete_marker = false;             // a delete marker was created or removed
  bool marker_created = false;
};

Status MfaRequired() { return Status::Error("AccessDenied", "Mfa Authentication must be used for this request", 403); }

// `conditions` holds an IfMatch member when the caller requires the object
// to have that ETag (DeleteObject's If-Match, a DeleteObjects entry's ETag).
StatusOr<DeleteOutcome> DeleteOne(const S3State& state, const BucketRecord& bucket, const std::string& key,
                                  const std::optional<std::string>& version_id, const Document& conditions,
                                  const RequestContext& context) {
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  DeleteOutcome outcome;
  core::WriteBatch batch;
  if (version_id) {
    if (Status valid = ValidateVersionId(*version_id); !valid.ok()) return valid;
    std::optional<ObjectVersion> version = state.FindVersion(bucket.name, key, *version_id);
    const ObjectVersion* target = version && !version->delete_marker ? &*version : nullptr;
    if (Status checked = EvaluateWriteConditions(conditions, key, target); !checked.ok()) return checked;
    if (version) state.DeleteVersion(batch, *version);
    outcome.version_id = *version_id;
    outcome.delete_marker = version && version->delete_marker;
  } else {
    std::optional<ObjectVersion> current = CurrentObject(state, bucket.name, key);
    if (Status checked = EvaluateWriteConditions(conditions, key, current ? &*current : nullptr); !checked.ok()) {
      return checked;
    }
    if (bucket.versioning.empty()) {
      if (current) state.DeleteVersion(batch, *current);
    } else {
      ObjectVersion marker;
      marker.bucket = bucket.name;
      marker.key = key;
      marker.version_id = bucket.versioning == "Enabled" ? state.NewVersionId() : "null";
      marker.delete_marker = true;
      marker.last_modified_millis = context.now_millis;
      state.PutVersion(batch, marker);
      outcome.version_id = marker.version_id;
      outcome.delete_marker = true;
      outcome.marker_created = true;
    }
  }
  if (!batch.empty()) {
    if (Status committed = state.store().Commit(std::move(batch)); !committed.ok()) return committed;
  }
  return outcome;
}

StatusOr<Document> DeleteObject(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  std::optional<std::string> version_id;
  if (const Document* requested = input.Find("VersionId")) version_id = requested->AsString();
  if (version_id && bucket->mfa_delete == "Enabled" && !input.Has("MFA")) return MfaRequired();
  Document conditions = Document::Map();
  if (const Document* if_match = input.Find("IfMatch")) conditions.Set("IfMatch", *if_match);
  auto outcome = DeleteOne(state, *bucket, input["Key"].AsString(), version_id, conditions, context);
  if (!outcome.ok()) return outcome.status();
  Document output = Document::Map();
  if (outcome->delete_marker) output.Set("DeleteMarker", true);
  if (outcome->version_id) output.Set("VersionId", *outcome->version_id);
  return output;
}

Document DeletedEntry(const std::string& key, const DeleteOutcome& outcome) {
  Document entry = Document::Map();
  entry.Set("Key", key);
  if (outcome.marker_created) {
    entry.Set("DeleteMarker", true);
    entry.Set("DeleteMarkerVersionId", *outcome.version_id);
    return entry;
  }
  if (outcome.version_id) entry.Set("VersionId", *outcome.version_id);
  if (outcome.delete_marker) {
    entry.Set("DeleteMarker", true);
    entry.Set("DeleteMarkerVersionId", *outcome.version_id);
  }
  return entry;
}

Document ErrorEntry(const std::string& key, const std::optional<std::string>& version_id, const Status& error) {
  Document entry = Document::Map();
  entry.Set("Key", key);
  if (version_id) entry.Set("VersionId", *version_id);
  entry.Set("Code", error.code());
  entry.Set("Message", error.message());
  return entry;
}

StatusOr<Document> DeleteObjects(S3State& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.write_mutex());
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const Document& request = input["Delete"];
  const core::DocumentList& objects = request["Objects"].AsList();
  if (objects.empty() || objects.size() > kMaxDeleteObjects) return MalformedXml();
  if (bucket->mfa_delete == "Enabled" && !input.Has("MFA")) {
    for (const Document& object : objects) {
      if (object.Has("VersionId")) return MfaRequired();
    }
  }
  bool quiet = request["Quiet"].AsBool();
  Document output = Document::Map();
  Document deleted = Document::List();
  Document errors = Document::List();
  for (const Document& object : objects) {
    const std::string& key = object["Key"].AsString();
    std::optional<std::string> version_id;
    if (const Document* requested = object.Find("VersionId")) version_id = requested->AsString();
    Document conditions = Document::Map();
    if (const Document* etag = object.Find("ETag")) conditions.Set("IfMatch", *etag);
    auto outcome = DeleteOne(state, *bucket, key, version_id, conditions, context);
    if (!outcome.ok()) {
      errors.Append(ErrorEntry(key, version_id, outcome.status()));
    } else if (!quiet) {
      deleted.Append(DeletedEntry(key, *outcome));
    }
  }
  if (!deleted.empty()) output.Set("Deleted", std::move(deleted));
  if (!errors.empty()) output.Set("Errors", std::move(errors));
  return output;
}

}  // namespace

void RegisterObjectDeleteOperations(S3State& state, const AddOperation& add) {
  add("DeleteObject",
      [&state](const Document& input, const RequestContext& context) { return DeleteObject(state, input, context); });
  add("DeleteObjects",
      [&state](const Document& input, const RequestContext& context) { return DeleteObjects(state, input, context); });
}

}  // namespace cloudemu::services::s3
