// The bucket an S3 operation input names, looked up as every S3 operation
// must: NoSuchBucket (404, <BucketName>) when it does not exist, AccessDenied
// (403) when the input's ExpectedBucketOwner is another account.
// Thread-safety: reads the Store only; callers that go on to write hold
// S3State::write_mutex() around the lookup.
#ifndef CLOUDEMU_SERVICES_S3_BUCKET_ACCESS_H_
#define CLOUDEMU_SERVICES_S3_BUCKET_ACCESS_H_

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

// Reads input["Bucket"] and input["ExpectedBucketOwner"].
StatusOr<BucketRecord> AccessBucket(const S3State& state, const core::Document& input, const RequestContext& context);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BUCKET_ACCESS_H_
