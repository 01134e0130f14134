#include "services/s3/bucket_access.h"

#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {

StatusOr<BucketRecord> AccessBucket(const S3State& state, const core::Document& input, const RequestContext& context) {
  auto bucket = state.RequireBucket(input["Bucket"].AsString());
  if (!bucket.ok()) return bucket;
  const core::Document* expected_owner = input.Find("ExpectedBucketOwner");
  if (expected_owner && expected_owner->AsString() != context.account_id) return AccessDenied();
  return bucket;
}

}  // namespace cloudemu::services::s3
