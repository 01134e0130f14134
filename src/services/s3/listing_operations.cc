// ListObjects, ListObjectsV2 and ListObjectVersions.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "services/s3/bucket_access.h"
#include "services/s3/list_pagination.h"
#include "services/s3/s3_acl.h"
#include "services/s3/s3_errors.h"
#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;
using Placement = ListingPage::Placement;

constexpr std::string_view kContinuationTag = "cloudemu-list-v2\n";

// What a listing walk does after one version.
struct WalkStep {
  bool stop = false;
  std::string resume_at;  // when set: continue the scan at this key instead
};

// Walks the versions of `bucket` under `prefix` from `start` (keys in byte
// order, newest version first), letting `visit` jump ahead, e.g. past a group
// of keys already rolled up into a common prefix.
void WalkVersions(const S3State& state, const std::string& bucket, const std::string& prefix, std::string start,
                  const std::function<WalkStep(const ObjectVersion&)>& visit) {
  while (true) {
    std::optional<std::string> resume_at;
    state.ScanVersions(bucket, prefix, start, [&](const ObjectVersion& version) {
      WalkStep step = visit(version);
      if (!step.resume_at.empty()) resume_at = std::move(step.resume_at);
      return !step.stop && !resume_at;
    });
    if (!resume_at) return;
    start = *std::move(resume_at);
  }
}

// Where to continue after a key that was rolled up into a common prefix or
// covered by the marker: past the whole group, when it is one.
WalkStep SkipGroupOf(const ListingPage& page, std::string_view key) {
  std::string common_prefix = page.CommonPrefixOf(key);
  return WalkStep{false, common_prefix.empty() ? std::string() : KeyAfterPrefix(common_prefix)};
}

// The request members every listing shares.
struct ListingRequest {
  BucketRecord bucket;
  std::string prefix;
  std::string delimiter;
  int64_t max_keys = kDefaultMaxKeys;
  bool url_encoding = false;
};

StatusOr<ListingRequest> ReadListingRequest(const S3State& state, const Document& input,
                                            const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  auto max_keys = ListLimit(input, "MaxKeys", "max-keys");
  if (!max_keys.ok()) return max_keys.status();
  auto url_encoding = UrlEncodingRequested(input);
  if (!url_encoding.ok()) return url_encoding.status();
  return ListingRequest{*std::move(bucket), input["Prefix"].AsString(), input["Delimiter"].AsString(), *max_keys,
                        *url_encoding};
}

// The members ListObjects, ListObjectsV2 and ListObjectVersions answer alike.
void AddListingMembers(const ListingRequest& request, const ListingPage& page, const Document& input,
                       Document& output) {
  output.Set("IsTruncated", page.truncated());
  output.Set("Name", request.bucket.name);
  output.Set("Prefix", ListingEncode(request.prefix, request.url_encoding));
  if (input.Has("Delimiter")) output.Set("Delimiter", ListingEncode(request.delimiter, request.url_encoding));
  output.Set("MaxKeys", request.max_keys);
  AddCommonPrefixes(page, request.url_encoding, output);
  if (request.url_encoding) output.Set("EncodingType", "url");
}

void AddChecksumAlgorithms(const ObjectVersion& version, Document& entry) {
  if (version.checksums.empty()) return;
  Document& algorithms = entry.Set("ChecksumAlgorithm", Document::List());
  for (const auto& [algorithm, value] : version.checksums) algorithms.Append(algorithm);
  entry.Set("ChecksumType", version.checksum_type);
}

// The current objects of one page (ListObjects and ListObjectsV2).
struct ObjectPage {
  std::vector<ObjectVersion> contents;
  ListingPage page;
};

ObjectPage CollectCurrentObjects(const S3State& state, const ListingRequest& request, const std::string& marker) {
  ObjectPage result{{}, ListingPage(request.prefix, request.delimiter, request.max_keys)};
  ListingPage& page = result.page;
  std::optional<std::string> previous_key;
  WalkVersions(state, request.bucket.name, request.prefix, marker, [&](const ObjectVersion& version) {
    // Only the newest version of a key is current, and only when it is not a delete marker.
    if (previous_key == version.key) return WalkStep{};
    previous_key = version.key;
    if (version.delete_marker) return WalkStep{};
    if (page.CoveredByMarker(version.key, marker)) return SkipGroupOf(page, version.key);
    switch (page.Offer(version.key)) {
      case Placement::kPageFull:
        return WalkStep{true, ""};
      case Placement::kEntry:
        result.contents.push_back(version);
        return WalkStep{};
      case Placement::kNewCommonPrefix:
      case Placement::kRolledUp:
        return SkipGroupOf(page, version.key);
    }
    return WalkStep{};
  });
  return result;
}

Document ObjectEntry(const ObjectVersion& version, bool url_encoding, const Document* owner) {
  Document entry = Document::Map();
  entry.Set("Key", ListingEncode(version.key, url_encoding));
  entry.Set("LastModified", core::Timestamp{version.last_modified_millis});
  entry.Set("ETag", version.etag);
  AddChecksumAlgorithms(version, entry);
  entry.Set("Size", version.size);
  entry.Set("StorageClass", version.storage_class);
  if (owner != nullptr) entry.Set("Owner", *owner);
  return entry;
}

void AddContents(const std::vector<ObjectVersion>& contents, bool url_encoding, const Document* owner,
                 Document& output) {
  if (contents.empty()) return;
  Document& list = output.Set("Contents", Document::List());
  for (const ObjectVersion& version : contents) list.Append(ObjectEntry(version, url_encoding, owner));
}

StatusOr<Document> ListObjects(S3State& state, const Document& input, const RequestContext& context) {
  auto request = ReadListingRequest(state, input, context);
  if (!request.ok()) return request.status();
  const std::string& marker = input["Marker"].AsString();
  ObjectPage result = CollectCurrentObjects(state, *request, marker);
  Document owner = AclOwner(context.account_id);
  Document output = Document::Map();
  AddListingMembers(*request, result.page, input, output);
  output.Set("Marker", ListingEncode(marker, request->url_encoding));
  // Version 1 names the next marker only when a delimiter is in play; without
  // one the last key listed is the marker.
  if (result.page.truncated() && input.Has("Delimiter")) {
    output.Set("NextMarker", ListingEncode(result.page.last_placed(), request->url_encoding));
  }
  AddContents(result.contents, request->url_encoding, &owner, output);
  return output;
}

StatusOr<std::string> MarkerFromToken(const std::string& token) {
  std::optional<std::string> decoded = core::Base64Decode(token);
  if (!decoded || decoded->compare(0, kContinuationTag.size(), kContinuationTag) != 0) {
    return InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
  return decoded->substr(kContinuationTag.size());
}

StatusOr<Document> ListObjectsV2(S3State& state, const Document& input, const RequestContext& context) {
  auto request = ReadListingRequest(state, input, context);
  if (!request.ok()) return request.status();
  std::string marker = input["StartAfter"].AsString();
  if (const Document* token = input.Find("ContinuationToken")) {
    auto from_token = MarkerFromToken(token->AsString());
    if (!from_token.ok()) return from_token.status();
    marker = *std::move(from_token);
  }
  ObjectPage result = CollectCurrentObjects(state, *request, marker);
  Document owner = AclOwner(context.account_id);
  Document output = Document::Map();
  AddListingMembers(*request, result.page, input, output);
  output.Set("KeyCount", static_cast<int64_t>(result.page.placed()));
  if (const Document* token = input.Find("ContinuationToken")) output.Set("ContinuationToken", *token);
  if (result.page.truncated()) {
    output.Set("NextContinuationToken", core::Base64Encode(std::string(kContinuationTag) + result.page.last_placed()));
  }
  if (input.Has("StartAfter")) {
    output.Set("StartAfter", ListingEncode(input["StartAfter"].AsString(), request->url_encoding));
  }
  AddContents(result.contents, request->url_encoding, input["FetchOwner"].AsBool() ? &owner : nullptr, output);
  return output;
}

Document VersionEntry(const ObjectVersion& version, bool is_latest, bool url_encoding, const Document& owner) {
  Document entry = Document::Map();
  if (!version.delete_marker) {
    entry.Set("ETag", version.etag);
    AddChecksumAlgorithms(version, entry);
    entry.Set("Size", version.size);
    entry.Set("StorageClass", version.storage_class);
  }
  entry.Set("Key", ListingEncode(version.key, url_encoding));
  entry.Set("VersionId", version.version_id);
  entry.Set("IsLatest", is_latest);
  entry.Set("LastModified", core::Timestamp{version.last_modified_millis});
  entry.Set("Owner", owner);
  return entry;
}

StatusOr<Document> ListObjectVersions(S3State& state, const Document& input, const RequestContext& context) {
  auto request = ReadListingRequest(state, input, context);
  if (!request.ok()) return request.status();
  const std::string& key_marker = input["KeyMarker"].AsString();
  const std::string& version_id_marker = input["VersionIdMarker"].AsString();
  if (!version_id_marker.empty() && key_marker.empty()) {
    return InvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker",
                           version_id_marker);
  }
  ListingPage page(request->prefix, request->delimiter, request->max_keys);
  Document owner = AclOwner(context.account_id);
  Document versions = Document::List();
  Document delete_markers = Document::List();
  std::optional<std::string> previous_key;
  bool past_version_marker = version_id_marker.empty();
  std::optional<std::string> last_version_id;  // of the last entry placed, when it was a version
  WalkVersions(state, request->bucket.name, request->prefix, key_marker, [&](const ObjectVersion& version) {
    bool is_latest = previous_key != version.key;
    previous_key = version.key;
    if (!key_marker.empty()) {
      std::string common_prefix = page.CommonPrefixOf(version.key);
      if (version.key == key_marker && common_prefix.empty() && !version_id_marker.empty()) {
        if (!past_version_marker) {
          past_version_marker = version.version_id == version_id_marker;
          return WalkStep{};
        }
      } else if (page.CoveredByMarker(version.key, key_marker)) {
        return SkipGroupOf(page, version.key);
      }
    }
    switch (page.Offer(version.key)) {
      case Placement::kPageFull:
        return WalkStep{true, ""};
      case Placement::kEntry:
        (version.delete_marker ? delete_markers : versions)
            .Append(VersionEntry(version, is_latest, request->url_encoding, owner));
        last_version_id = version.version_id;
        return WalkStep{};
      case Placement::kNewCommonPrefix:
      case Placement::kRolledUp:
        last_version_id.reset();
        return SkipGroupOf(page, version.key);
    }
    return WalkStep{};
  });

  Document output = Document::Map();
  AddListingMembers(*request, page, input, output);
  output.Set("KeyMarker", ListingEncode(key_marker, request->url_encoding));
  output.Set("VersionIdMarker", version_id_marker);
  if (page.truncated()) {
    output.Set("NextKeyMarker", ListingEncode(page.last_placed(), request->url_encoding));
    if (last_version_id) output.Set("NextVersionIdMarker", *last_version_id);
  }
  if (!versions.empty()) output.Set("Versions", std::move(versions));
  if (!delete_markers.empty()) output.Set("DeleteMarkers", std::move(delete_markers));
  return output;
}

}  // namespace

void RegisterListingOperations(S3State& state, const AddOperation& add) {
  add("ListObjects",
      [&state](const Document& input, const RequestContext& context) { return ListObjects(state, input, context); });
  add("ListObjectsV2",
      [&state](const Document& input, const RequestContext& context) { return ListObjectsV2(state, input, context); });
  add("ListObjectVersions", [&state](const Document& input, const RequestContext& context) {
    return ListObjectVersions(state, input, context);
  });
}

}  // namespace cloudemu::services::s3
