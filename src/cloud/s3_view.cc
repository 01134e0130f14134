// S3View: typed calls that run S3's own operations through
// CloudState::Invoke, exactly as a request through the listener would.
#include "cloudemu/s3.h"

#include "cloud/cloud_state.h"
#include "core/document.h"

namespace cloudemu {
namespace {

using core::Document;

Document Input(std::string_view bucket) {
  Document input = Document::Map();
  input.Set("Bucket", bucket);
  return input;
}

Document Input(std::string_view bucket, std::string_view key) {
  Document input = Input(bucket);
  input.Set("Key", key);
  return input;
}

Status StatusOf(const StatusOr<Document>& output) { return output.ok() ? Status::Ok() : output.status(); }

std::map<std::string, std::string> StringMap(const Document& doc) {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : doc.AsMap()) values[name] = value.AsString();
  return values;
}

// Versioning and tags of an existing bucket.
Status Describe(internal::CloudState& state, S3Bucket& bucket) {
  auto versioning = state.Invoke("s3", "GetBucketVersioning", Input(bucket.name));
  if (!versioning.ok()) return versioning.status();
  bucket.versioning = (*versioning)["Status"].AsString();
  auto tagging = state.Invoke("s3", "GetBucketTagging", Input(bucket.name));
  if (!tagging.ok() && tagging.status().code() != "NoSuchTagSet") return tagging.status();
  if (tagging.ok()) {
    for (const Document& tag : (*tagging)["TagSet"].AsList())
      bucket.tags[tag["Key"].AsString()] = tag["Value"].AsString();
  }
  return Status::Ok();
}

// Every bucket whose name starts with `prefix`, with region and creation
// time, following ListBuckets pages.
StatusOr<std::vector<S3Bucket>> ListBucketPages(internal::CloudState& state, std::string_view prefix) {
  std::vector<S3Bucket> buckets;
  Document input = Document::Map();
  input.Set("Prefix", prefix);
  while (true) {
    auto page = state.Invoke("s3", "ListBuckets", input);
    if (!page.ok()) return page.status();
    for (const Document& entry : (*page)["Buckets"].AsList()) {
      S3Bucket bucket;
      bucket.name = entry["Name"].AsString();
      bucket.region = entry["BucketRegion"].AsString();
      bucket.creation_millis = entry["CreationDate"].AsTimestampMillis();
      buckets.push_back(std::move(bucket));
    }
    const Document* token = page->Find("ContinuationToken");
    if (!token) return buckets;
    input.Set("ContinuationToken", *token);
  }
}

}  // namespace

Status S3View::CreateBucket(std::string_view bucket) {
  Document input = Input(bucket);
  // Outside us-east-1, S3 wants the bucket's region named.
  const std::string& region = state_->options().region;
  if (region != "us-east-1") input.Set("CreateBucketConfiguration", Document::Map()).Set("LocationConstraint", region);
  return StatusOf(state_->Invoke("s3", "CreateBucket", input));
}

Status S3View::DeleteBucket(std::string_view bucket) {
  return StatusOf(state_->Invoke("s3", "DeleteBucket", Input(bucket)));
}

StatusOr<std::vector<S3Bucket>> S3View::ListBuckets() const {
  auto buckets = ListBucketPages(*state_, "");
  if (!buckets.ok()) return buckets;
  for (S3Bucket& bucket : *buckets) {
    if (Status described = Describe(*state_, bucket); !described.ok()) return described;
  }
  return buckets;
}

StatusOr<S3Bucket> S3View::GetBucket(std::string_view bucket) const {
  auto head = state_->Invoke("s3", "HeadBucket", Input(bucket));
  if (!head.ok()) return head.status();
  auto candidates = ListBucketPages(*state_, bucket);
  if (!candidates.ok()) return candidates.status();
  for (S3Bucket& candidate : *candidates) {
    if (candidate.name != bucket) continue;
    if (Status described = Describe(*state_, candidate); !described.ok()) return described;
    return std::move(candidate);
  }
  // Deleted between the two calls.
  return Status::NotFound("NoSuchBucket", "The specified bucket does not exist")
      .WithDetail("BucketName", std::string(bucket));
}

Status S3View::PutObject(std::string_view bucket, std::string_view key, std::string_view body,
                         std::string_view content_type) {
  Document input = Input(bucket, key);
  input.Set("Body", core::Blob{std::string(body)});
  if (!content_type.empty()) input.Set("ContentType", content_type);
  return StatusOf(state_->Invoke("s3", "PutObject", input));
}

StatusOr<S3Object> S3View::GetObject(std::string_view bucket, std::string_view key) const {
  auto output = state_->Invoke("s3", "GetObject", Input(bucket, key));
  if (!output.ok()) return output.status();
  S3Object object;
  object.bucket = bucket;
  object.key = key;
  object.body = (*output)["Body"].AsString();
  object.size = static_cast<uint64_t>((*output)["ContentLength"].AsInt(static_cast<int64_t>(object.body.size())));
  object.etag = (*output)["ETag"].AsString();
  object.content_type = (*output)["ContentType"].AsString();
  object.version_id = (*output)["VersionId"].AsString("null");
  object.last_modified_millis = (*output)["LastModified"].AsTimestampMillis();
  object.metadata = StringMap((*output)["Metadata"]);
  return object;
}

Status S3View::DeleteObject(std::string_view bucket, std::string_view key) {
  return StatusOf(state_->Invoke("s3", "DeleteObject", Input(bucket, key)));
}

StatusOr<std::vector<S3Object>> S3View::ListObjects(std::string_view bucket, std::string_view prefix) const {
  std::vector<S3Object> objects;
  Document input = Input(bucket);
  if (!prefix.empty()) input.Set("Prefix", prefix);
  while (true) {
    auto page = state_->Invoke("s3", "ListObjectsV2", input);
    if (!page.ok()) return page.status();
    for (const Document& entry : (*page)["Contents"].AsList()) {
      S3Object object;
      object.bucket = bucket;
      object.key = entry["Key"].AsString();
      object.size = static_cast<uint64_t>(entry["Size"].AsInt());
      object.etag = entry["ETag"].AsString();
      object.last_modified_millis = entry["LastModified"].AsTimestampMillis();
      objects.push_back(std::move(object));
    }
    const Document* token = page->Find("NextContinuationToken");
    if (!(*page)["IsTruncated"].AsBool() || !token) return objects;
    input.Set("ContinuationToken", *token);
  }
}

}  // namespace cloudemu
