// GetObjectAttributes: the attributes of an object version a caller names
// (ETag, Checksum, ObjectParts, StorageClass, ObjectSize).
#include <algorithm>
#include <set>
#include <string>

#include "services/s3/bucket_access.h"
#include "services/s3/header_lists.h"
#include "services/s3/list_pagination.h"
#include "services/s3/object_checksums.h"
#include "services/s3/object_encryption.h"
#include "services/s3/object_keys.h"
#include "services/s3/object_lookup.h"
#include "services/s3/object_operation_groups.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr std::string_view kKnownAttributes[] = {"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"};

// The ObjectAttributes header value, a list (or the raw comma separated text).
StatusOr<std::set<std::string>> RequestedAttributes(const Document& input) {
  std::set<std::string> names;
  const Document& attributes = input["ObjectAttributes"];
  if (attributes.is_list()) {
    for (const Document& name : attributes.AsList()) {
      if (!TrimSpaces(name.AsString()).empty()) names.emplace(TrimSpaces(name.AsString()));
    }
  } else {
    for (std::string_view name : SplitHeaderList(attributes.AsString())) names.emplace(name);
  }
  if (names.empty()) {
    return InvalidRequest(
        "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
  }
  for (const std::string& name : names) {
    bool known = false;
    for (std::string_view candidate : kKnownAttributes) known = known || candidate == name;
    if (!known) return InvalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", name);
  }
  return names;
}

StatusOr<Document> ObjectParts(const ObjectVersion& version, const Document& input) {
  auto max_parts = ListLimit(input, "MaxParts", "max-parts");
  if (!max_parts.ok()) return max_parts.status();
  int64_t marker = input["PartNumberMarker"].AsInt(0);
  Document parts_output = Document::Map();
  parts_output.Set("TotalPartsCount", static_cast<int64_t>(version.part_sizes.size()));
  parts_output.Set("PartNumberMarker", marker);
  parts_output.Set("MaxParts", *max_parts);
  Document parts = Document::List();
  bool truncated = false;
  int64_t last = marker;
  for (size_t i = static_cast<size_t>(std::max<int64_t>(marker, 0)); i < version.part_sizes.size(); ++i) {
    if (static_cast<int64_t>(parts.size()) >= *max_parts) {
      truncated = true;
      break;
    }
    Document& part = parts.Append(Document::Map());
    last = static_cast<int64_t>(i) + 1;
    part.Set("PartNumber", last);
    part.Set("Size", version.part_sizes[i]);
  }
  parts_output.Set("IsTruncated", truncated);
  if (truncated) parts_output.Set("NextPartNumberMarker", last);
  if (!parts.empty()) parts_output.Set("Parts", std::move(parts));
  return parts_output;
}

StatusOr<Document> GetObjectAttributes(S3State& state, const Document& input, const RequestContext& context) {
  auto bucket = AccessBucket(state, input, context);
  if (!bucket.ok()) return bucket.status();
  const std::string& key = input["Key"].AsString();
  if (Status valid = ValidateObjectKey(key); !valid.ok()) return valid;
  auto attributes = RequestedAttributes(input);
  if (!attributes.ok()) return attributes.status();
  auto version = FindObjectVersion(state, bucket->name, key, input, "GET");
  if (!version.ok()) return version.status();
  if (Status sse = CheckCustomerKeyForRead(version->encryption, input); !sse.ok()) return sse;

  Document output = Document::Map();
  output.Set("LastModified", core::Timestamp{version->last_modified_millis});
  SetVersionIdMember(*bucket, version->version_id, output);
  if (attributes->count("ETag")) {
    // This operation reports the ETag without its quotes.
    const std::string& etag = version->etag;
    output.Set("ETag", etag.size() >= 2 && etag.front() == '"' ? etag.substr(1, etag.size() - 2) : etag);
  }
  if (attributes->count("Checksum") && !version->checksums.empty()) {
    AddChecksumMembers(version->checksums, version->checksum_type, output.Set("Checksum", Document::Map()));
  }
  if (attributes->count("ObjectParts") && !version->part_sizes.empty()) {
    auto parts = ObjectParts(*version, input);
    if (!parts.ok()) return parts.status();
    output.Set("ObjectParts", *std::move(parts));
  }
  if (attributes->count("StorageClass")) output.Set("StorageClass", version->storage_class);
  if (attributes->count("ObjectSize")) output.Set("ObjectSize", version->size);
  return output;
}

}  // namespace

void RegisterObjectAttributesOperation(S3State& state, const AddOperation& add) {
  add("GetObjectAttributes", [&state](const Document& input, const RequestContext& context) {
    return GetObjectAttributes(state, input, context);
  });
}

}  // namespace cloudemu::services::s3
