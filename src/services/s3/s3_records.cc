#include "services/s3/s3_records.h"

#include <map>
#include <vector>

#include "core/encoding.h"
#include "core/json.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;
using core::JsonValue;
using core::JsonWriter;

// Configuration documents and ACLs keep their exact kinds across the JSON
// round trip: timestamps and blobs (which plain JSON would flatten into
// numbers and strings) are wrapped in one-member maps.
constexpr std::string_view kTimestampTag = "$timestamp";
constexpr std::string_view kBlobTag = "$blob";

Document Wrap(const Document& doc) {
  switch (doc.kind()) {
    case Document::Kind::kTimestamp: {
      Document tagged = Document::Map();
      tagged.Set(kTimestampTag, doc.AsTimestampMillis());
      return tagged;
    }
    case Document::Kind::kBlob: {
      Document tagged = Document::Map();
      tagged.Set(kBlobTag, core::Base64Encode(doc.AsString()));
      return tagged;
    }
    case Document::Kind::kList: {
      Document list = Document::List();
      for (const Document& item : doc.AsList()) list.Append(Wrap(item));
      return list;
    }
    case Document::Kind::kMap: {
      Document map = Document::Map();
      for (const auto& [key, value] : doc.AsMap()) map.Set(key, Wrap(value));
      return map;
    }
    default:
      return doc;
  }
}

Document Unwrap(const Document& doc) {
  if (doc.is_list()) {
    Document list = Document::List();
    for (const Document& item : doc.AsList()) list.Append(Unwrap(item));
    return list;
  }
  if (!doc.is_map()) return doc;
  if (doc.size() == 1) {
    if (const Document* millis = doc.Find(kTimestampTag)) return core::Timestamp{millis->AsInt()};
    if (const Document* bytes = doc.Find(kBlobTag)) {
      return core::Blob{core::Base64Decode(bytes->AsString()).value_or("")};
    }
  }
  Document map = Document::Map();
  for (const auto& [key, value] : doc.AsMap()) map.Set(key, Unwrap(value));
  return map;
}

// --- writing

void Member(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key);
  w.String(value);
}

void Member(JsonWriter& w, std::string_view key, int64_t value) {
  w.Key(key);
  w.Int(value);
}

void Member(JsonWriter& w, std::string_view key, bool value) {
  w.Key(key);
  w.Bool(value);
}

void Member(JsonWriter& w, std::string_view key, const std::map<std::string, std::string>& values) {
  w.Key(key);
  w.StartObject();
  for (const auto& [name, value] : values) Member(w, name, value);
  w.EndObject();
}

void WrappedMember(JsonWriter& w, std::string_view key, const Document& value) {
  w.Key(key);
  w.Value(Wrap(value));
}

// --- reading

// Calls field(name, value) for each member of the record in `json`.
template <typename Field>
void ReadMembers(std::string_view json, Field field) {
  auto parsed = core::JsonText::Parse(json);
  if (!parsed.ok()) return;
  JsonValue root = parsed->root();
  for (size_t i = 0; i < root.member_count(); ++i) field(root.member_name(i), root.member_value(i));
}

void Read(JsonValue value, std::string& out) {
  if (value.is_string()) out = value.AsString();
}

std::map<std::string, std::string> StringMapOf(JsonValue value) {
  std::map<std::string, std::string> values;
  for (size_t i = 0; i < value.member_count(); ++i) {
    values.insert_or_assign(std::string(value.member_name(i)), std::string(value.member_value(i).AsString()));
  }
  return values;
}

Document UnwrappedOf(JsonValue value) { return value.is_null() ? Document() : Unwrap(value.ToDocument()); }

}  // namespace

std::string EncodeBucket(const BucketRecord& b) {
  JsonWriter w;
  w.StartObject();
  Member(w, "created_millis", b.created_millis);
  Member(w, "mfa_delete", b.mfa_delete);
  Member(w, "name", b.name);
  Member(w, "object_lock_enabled", b.object_lock_enabled);
  Member(w, "region", b.region);
  Member(w, "versioning", b.versioning);
  w.EndObject();
  return w.Take();
}

BucketRecord DecodeBucket(std::string_view json) {
  BucketRecord b;
  ReadMembers(json, [&](std::string_view name, JsonValue value) {
    if (name == "name") {
      Read(value, b.name);
    } else if (name == "region") {
      Read(value, b.region);
    } else if (name == "created_millis") {
      b.created_millis = value.AsInt();
    } else if (name == "versioning") {
      Read(value, b.versioning);
    } else if (name == "mfa_delete") {
      Read(value, b.mfa_delete);
    } else if (name == "object_lock_enabled") {
      b.object_lock_enabled = value.AsBool();
    }
  });
  return b;
}

std::string EncodeVersion(const ObjectVersion& v) {
  JsonWriter w;
  w.StartObject();
  WrappedMember(w, "acl", v.acl);
  Member(w, "body_id", v.body_id);
  Member(w, "bucket", v.bucket);
  Member(w, "canned_acl", v.canned_acl);
  Member(w, "checksum_type", v.checksum_type);
  Member(w, "checksums", v.checksums);
  Member(w, "content_headers", v.content_headers);
  Member(w, "delete_marker", v.delete_marker);
  Member(w, "encryption", v.encryption);
  Member(w, "etag", v.etag);
  Member(w, "key", v.key);
  Member(w, "last_modified_millis", v.last_modified_millis);
  Member(w, "metadata", v.metadata);
  w.Key("part_sizes");
  w.StartArray();
  for (uint64_t size : v.part_sizes) w.Int(static_cast<int64_t>(size));
  w.EndArray();
  Member(w, "size", static_cast<int64_t>(v.size));
  Member(w, "storage_class", v.storage_class);
  Member(w, "tags", v.tags);
  Member(w, "version_id", v.version_id);
  w.EndObject();
  return w.Take();
}

ObjectVersion DecodeVersion(std::string_view json) {
  ObjectVersion v;
  ReadMembers(json, [&](std::string_view name, JsonValue value) {
    if (name == "bucket") {
      Read(value, v.bucket);
    } else if (name == "key") {
      Read(value, v.key);
    } else if (name == "version_id") {
      Read(value, v.version_id);
    } else if (name == "delete_marker") {
      v.delete_marker = value.AsBool();
    } else if (name == "last_modified_millis") {
      v.last_modified_millis = value.AsInt();
    } else if (name == "body_id") {
      Read(value, v.body_id);
    } else if (name == "size") {
      v.size = static_cast<uint64_t>(value.AsInt());
    } else if (name == "etag") {
      Read(value, v.etag);
    } else if (name == "storage_class") {
      Read(value, v.storage_class);
    } else if (name == "content_headers") {
      v.content_headers = StringMapOf(value);
    } else if (name == "metadata") {
      v.metadata = StringMapOf(value);
    } else if (name == "tags") {
      v.tags = StringMapOf(value);
    } else if (name == "checksums") {
      v.checksums = StringMapOf(value);
    } else if (name == "checksum_type") {
      Read(value, v.checksum_type);
    } else if (name == "encryption") {
      v.encryption = StringMapOf(value);
    } else if (name == "canned_acl") {
      Read(value, v.canned_acl);
    } else if (name == "acl") {
      v.acl = UnwrappedOf(value);
    } else if (name == "part_sizes") {
      for (size_t i = 0; i < value.item_count(); ++i) v.part_sizes.push_back(static_cast<uint64_t>(value.item(i).AsInt()));
    }
  });
  return v;
}

std::string EncodeUpload(const MultipartUpload& u) {
  JsonWriter w;
  w.StartObject();
  WrappedMember(w, "acl", u.acl);
  Member(w, "bucket", u.bucket);
  Member(w, "canned_acl", u.canned_acl);
  Member(w, "checksum_algorithm", u.checksum_algorithm);
  Member(w, "checksum_type", u.checksum_type);
  Member(w, "content_headers", u.content_headers);
  Member(w, "encryption", u.encryption);
  Member(w, "initiated_millis", u.initiated_millis);
  Member(w, "key", u.key);
  Member(w, "metadata", u.metadata);
  Member(w, "storage_class", u.storage_class);
  Member(w, "tags", u.tags);
  Member(w, "upload_id", u.upload_id);
  w.EndObject();
  return w.Take();
}

MultipartUpload DecodeUpload(std::string_view json) {
  MultipartUpload u;
  ReadMembers(json, [&](std::string_view name, JsonValue value) {
    if (name == "bucket") {
      Read(value, u.bucket);
    } else if (name == "key") {
      Read(value, u.key);
    } else if (name == "upload_id") {
      Read(value, u.upload_id);
    } else if (name == "initiated_millis") {
      u.initiated_millis = value.AsInt();
    } else if (name == "storage_class") {
      Read(value, u.storage_class);
    } else if (name == "content_headers") {
      u.content_headers = StringMapOf(value);
    } else if (name == "metadata") {
      u.metadata = StringMapOf(value);
    } else if (name == "tags") {
      u.tags = StringMapOf(value);
    } else if (name == "encryption") {
      u.encryption = StringMapOf(value);
    } else if (name == "checksum_algorithm") {
      Read(value, u.checksum_algorithm);
    } else if (name == "checksum_type") {
      Read(value, u.checksum_type);
    } else if (name == "canned_acl") {
      Read(value, u.canned_acl);
    } else if (name == "acl") {
      u.acl = UnwrappedOf(value);
    }
  });
  return u;
}

std::string EncodePart(const UploadPart& p) {
  JsonWriter w;
  w.StartObject();
  Member(w, "body_id", p.body_id);
  Member(w, "checksums", p.checksums);
  Member(w, "etag", p.etag);
  Member(w, "last_modified_millis", p.last_modified_millis);
  Member(w, "part_number", static_cast<int64_t>(p.part_number));
  Member(w, "size", static_cast<int64_t>(p.size));
  w.EndObject();
  return w.Take();
}

UploadPart DecodePart(std::string_view json) {
  UploadPart p;
  ReadMembers(json, [&](std::string_view name, JsonValue value) {
    if (name == "part_number") {
      p.part_number = static_cast<int>(value.AsInt());
    } else if (name == "body_id") {
      Read(value, p.body_id);
    } else if (name == "size") {
      p.size = static_cast<uint64_t>(value.AsInt());
    } else if (name == "etag") {
      Read(value, p.etag);
    } else if (name == "last_modified_millis") {
      p.last_modified_millis = value.AsInt();
    } else if (name == "checksums") {
      p.checksums = StringMapOf(value);
    }
  });
  return p;
}

std::string EncodeDocument(const Document& doc) { return core::ToJson(Wrap(doc)); }

Document DecodeDocument(std::string_view json) {
  auto parsed = core::FromJson(json);
  return parsed.ok() ? Unwrap(*parsed) : Document();
}

}  // namespace cloudemu::services::s3
