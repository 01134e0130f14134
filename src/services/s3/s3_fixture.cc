// S3Service::Seed: the "s3" section of a fixture, checked as a whole first,
// then applied through S3's own operations (DESIGN rule 1).
#include <set>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "services/s3/s3_service.h"

namespace cloudemu::services::s3 {
namespace {

struct FixtureObject {
  std::string key;
  std::string body;
  std::string content_type;
  Document metadata;  // map or null
};

struct FixtureBucket {
  std::string name;
  std::string region;
  std::string versioning;
  Document tags;  // map or null
  std::vector<FixtureObject> objects;
};

Status Invalid(const std::string& where, const std::string& problem) {
  return Status::InvalidArgument("InvalidFixture", where + ": " + problem);
}

Status CheckMembers(const Document& doc, const std::string& where, const std::set<std::string, std::less<>>& allowed) {
  if (!doc.is_map()) return Invalid(where, "must be an object");
  for (const auto& [member, value] : doc.AsMap()) {
    if (!allowed.count(member)) return Invalid(where, "unknown member \"" + member + "\"");
  }
  return Status::Ok();
}

Status CheckStringMap(const Document& doc, const std::string& where) {
  if (!doc.is_map()) return Invalid(where, "must be an object of strings");
  for (const auto& [name, value] : doc.AsMap()) {
    if (!value.is_string()) return Invalid(where + "." + name, "must be a string");
  }
  return Status::Ok();
}

// Reads an optional string member; false (with `status` set) when it is not a string.
bool ReadString(const Document& doc, std::string_view member, const std::string& where, std::string& out,
                Status& status) {
  const Document* value = doc.Find(member);
  if (!value) return true;
  if (!value->is_string()) {
    status = Invalid(where + "." + std::string(member), "must be a string");
    return false;
  }
  out = value->AsString();
  return true;
}

StatusOr<FixtureObject> ParseObject(const Document& doc, const std::string& where) {
  if (Status s = CheckMembers(doc, where, {"key", "body", "body_base64", "content_type", "metadata"}); !s.ok()) {
    return s;
  }
  FixtureObject object;
  Status status;
  std::string body_base64;
  if (!ReadString(doc, "key", where, object.key, status) || !ReadString(doc, "body", where, object.body, status) ||
      !ReadString(doc, "body_base64", where, body_base64, status) ||
      !ReadString(doc, "content_type", where, object.content_type, status)) {
    return status;
  }
  if (object.key.empty()) return Invalid(where, "\"key\" is required");
  if (doc.Has("body") && doc.Has("body_base64")) return Invalid(where, "give \"body\" or \"body_base64\", not both");
  if (doc.Has("body_base64")) {
    auto decoded = core::Base64Decode(body_base64);
    if (!decoded) return Invalid(where + ".body_base64", "is not valid base64");
    object.body = *std::move(decoded);
  }
  if (const Document* metadata = doc.Find("metadata")) {
    if (Status s = CheckStringMap(*metadata, where + ".metadata"); !s.ok()) return s;
    object.metadata = *metadata;
  }
  return object;
}

StatusOr<FixtureBucket> ParseBucket(const Document& doc, const std::string& where) {
  if (Status s = CheckMembers(doc, where, {"name", "region", "versioning", "tags", "objects"}); !s.ok()) return s;
  FixtureBucket bucket;
  Status status;
  if (!ReadString(doc, "name", where, bucket.name, status) ||
      !ReadString(doc, "region", where, bucket.region, status) ||
      !ReadString(doc, "versioning", where, bucket.versioning, status)) {
    return status;
  }
  if (bucket.name.empty()) return Invalid(where, "\"name\" is required");
  if (!bucket.versioning.empty() && bucket.versioning != "Enabled" && bucket.versioning != "Suspended") {
    return Invalid(where + ".versioning", "must be \"Enabled\" or \"Suspended\"");
  }
  if (const Document* tags = doc.Find("tags")) {
    if (Status s = CheckStringMap(*tags, where + ".tags"); !s.ok()) return s;
    bucket.tags = *tags;
  }
  if (const Document* objects = doc.Find("objects")) {
    if (!objects->is_list()) return Invalid(where + ".objects", "must be a list");
    for (size_t i = 0; i < objects->size(); ++i) {
      auto object = ParseObject(objects->AsList()[i], where + ".objects[" + std::to_string(i) + "]");
      if (!object.ok()) return object.status();
      bucket.objects.push_back(*std::move(object));
    }
  }
  return bucket;
}

}  // namespace

Status S3Service::Seed(const Document& section, const RequestContext& context) {
  if (Status s = CheckMembers(section, "s3", {"buckets"}); !s.ok()) return s;
  const Document& buckets_doc = section["buckets"];
  if (!buckets_doc.is_list() && !buckets_doc.is_null()) return Invalid("s3.buckets", "must be a list");
  std::vector<FixtureBucket> buckets;
  for (size_t i = 0; i < buckets_doc.size(); ++i) {
    auto bucket = ParseBucket(buckets_doc.AsList()[i], "s3.buckets[" + std::to_string(i) + "]");
    if (!bucket.ok()) return bucket.status();
    buckets.push_back(*std::move(bucket));
  }

  for (const FixtureBucket& bucket : buckets) {
    RequestContext bucket_context = context;
    if (!bucket.region.empty()) bucket_context.region = bucket.region;
    auto failed = [&](std::string_view operation, const Status& status) {
      return Invalid("s3 bucket \"" + bucket.name + "\"",
                     std::string(operation) + " failed: " + status.code() + ": " + status.message());
    };
    auto run = [&](std::string_view operation, const Document& input) {
      auto output = Invoke(operation, input, bucket_context);
      return output.ok() ? Status::Ok() : failed(operation, output.status());
    };

    Document create = Document::Map();
    create.Set("Bucket", bucket.name);
    if (bucket_context.region != "us-east-1") {
      create.Set("CreateBucketConfiguration", Document::Map()).Set("LocationConstraint", bucket_context.region);
    }
    // Seeding the same bucket twice is no error: the rest is applied again.
    if (auto created = Invoke("CreateBucket", create, bucket_context);
        !created.ok() && created.status().code() != "BucketAlreadyOwnedByYou") {
      return failed("CreateBucket", created.status());
    }
    if (!bucket.versioning.empty()) {
      Document input = Document::Map();
      input.Set("Bucket", bucket.name);
      input.Set("VersioningConfiguration", Document::Map()).Set("Status", bucket.versioning);
      if (Status s = run("PutBucketVersioning", input); !s.ok()) return s;
    }
    if (!bucket.tags.is_null()) {
      Document input = Document::Map();
      input.Set("Bucket", bucket.name);
      Document& tag_set = input.Set("Tagging", Document::Map()).Set("TagSet", Document::List());
      for (const auto& [key, value] : bucket.tags.AsMap()) {
        Document& tag = tag_set.Append(Document::Map());
        tag.Set("Key", key);
        tag.Set("Value", value);
      }
      if (Status s = run("PutBucketTagging", input); !s.ok()) return s;
    }
    for (const FixtureObject& object : bucket.objects) {
      Document input = Document::Map();
      input.Set("Bucket", bucket.name);
      input.Set("Key", object.key);
      input.Set("Body", core::Blob{object.body});
      if (!object.content_type.empty()) input.Set("ContentType", object.content_type);
      if (!object.metadata.is_null()) input.Set("Metadata", object.metadata);
      if (Status s = run("PutObject", input); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::s3
