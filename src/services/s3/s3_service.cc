#include "services/s3/s3_service.h"

#include "services/s3/s3_operations.h"

namespace cloudemu::services::s3 {

S3Service::S3Service(const ServiceEnvironment& env) : Service("s3"), state_(*env.store, *env.ids) {
  AddOperation add = [this](std::string operation, Handler handler) {
    Register(std::move(operation), std::move(handler));
  };
  RegisterBucketOperations(state_, add);
  RegisterBucketConfigOperations(state_, add);
  RegisterObjectOperations(state_, add);
  RegisterMultipartOperations(state_, add);
  RegisterListingOperations(state_, add);
}

Document S3Service::ListResources() const {
  Document resources = Document::List();
  for (const BucketRecord& bucket : state_.ListBuckets()) {
    Document& entry = resources.Append(Document::Map());
    entry.Set("type", "s3:bucket");
    entry.Set("id", bucket.name);
    entry.Set("arn", "arn:aws:s3:::" + bucket.name);
    Document& attributes = entry.Set("attributes", Document::Map());
    attributes.Set("region", bucket.region);
    attributes.Set("versioning", bucket.versioning.empty() ? std::string("Disabled") : bucket.versioning);
    Document objects = Document::List();
    std::string previous_key;
    bool first = true;
    // Versions come newest first within a key: the first one seen is current.
    state_.ScanVersions(bucket.name, "", "", [&](const ObjectVersion& version) {
      if (!first && version.key == previous_key) return true;
      first = false;
      previous_key = version.key;
      if (version.delete_marker) return true;
      Document& object = objects.Append(Document::Map());
      object.Set("type", "s3:object");
      object.Set("id", bucket.name + "/" + version.key);
      object.Set("arn", "arn:aws:s3:::" + bucket.name + "/" + version.key);
      Document& object_attributes = object.Set("attributes", Document::Map());
      object_attributes.Set("size", version.size);
      object_attributes.Set("etag", version.etag);
      return true;
    });
    attributes.Set("object_count", static_cast<int64_t>(objects.size()));
    for (const Document& object : objects.AsList()) resources.Append(object);
  }
  return resources;
}

}  // namespace cloudemu::services::s3
