// S3View: typed access to a Cloud's S3 for tests and seeding code. Every
// call runs the same operation code as a request through the listener.
// Thread-safety: as Cloud; a view is a cheap handle, valid while its Cloud is.
#ifndef CLOUDEMU_S3_H_
#define CLOUDEMU_S3_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu {

namespace internal {
class CloudState;
}

struct S3Bucket {
  std::string name;
  std::string region;
  int64_t creation_millis = 0;
  std::string versioning;  // "", "Enabled" or "Suspended"
  std::map<std::string, std::string> tags;
};

struct S3Object {
  std::string bucket;
  std::string key;
  std::string body;  // empty in listings
  uint64_t size = 0;
  std::string etag;  // with quotes, as S3 returns it
  std::string content_type;
  std::string version_id;  // "null" when versioning was never enabled
  int64_t last_modified_millis = 0;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* without the prefix
};

class S3View {
 public:
  explicit S3View(internal::CloudState* state) : state_(state) {}

  Status CreateBucket(std::string_view bucket);
  Status DeleteBucket(std::string_view bucket);
  StatusOr<std::vector<S3Bucket>> ListBuckets() const;
  StatusOr<S3Bucket> GetBucket(std::string_view bucket) const;

  Status PutObject(std::string_view bucket, std::string_view key, std::string_view body,
                   std::string_view content_type = "");
  StatusOr<S3Object> GetObject(std::string_view bucket, std::string_view key) const;
  Status DeleteObject(std::string_view bucket, std::string_view key);
  // Current (latest, non-deleted) objects under `prefix`, without bodies.
  StatusOr<std::vector<S3Object>> ListObjects(std::string_view bucket, std::string_view prefix = "") const;

 private:
  internal::CloudState* state_;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_S3_H_
