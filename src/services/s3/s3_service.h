// S3Service: Amazon S3 (model "s3") - its state (S3State) and every
// operation group registered from s3_operations.h, plus the resource listing
// and fixture seeding the Service interface asks for.
// Thread-safety: as Service; operations serialise their writes on the
// state's write mutex.
#ifndef CLOUDEMU_SERVICES_S3_S3_SERVICE_H_
#define CLOUDEMU_SERVICES_S3_S3_SERVICE_H_

#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

class S3Service final : public Service {
 public:
  explicit S3Service(const ServiceEnvironment& env);

  // Buckets ("s3:bucket") and current objects ("s3:object").
  Document ListResources() const override;
  // {"buckets": [{"name", "region"?, "versioning"?, "tags"?, "objects"?: [{"key",
  // "body" | "body_base64", "content_type"?, "metadata"?}]}]}, applied through
  // CreateBucket, PutBucketVersioning, PutBucketTagging and PutObject.
  Status Seed(const Document& section, const RequestContext& context) override;

 private:
  S3State state_;
};

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_SERVICE_H_
