// Bucket policies: the checks S3 makes on a policy document before storing
// it (JSON object, version, statements with Effect, Principal, Action and
// Resource), and whether a policy grants public access (the test Block
// Public Access and GetBucketPolicyStatus apply).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_BUCKET_POLICY_H_
#define CLOUDEMU_SERVICES_S3_BUCKET_POLICY_H_

#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::s3 {

// MalformedPolicy (400) naming the first problem.
Status ValidateBucketPolicy(std::string_view policy_text);

// Whether an Allow statement opens the bucket to everyone ("*" principal)
// without a condition that narrows it. Expects a validated policy.
bool BucketPolicyIsPublic(std::string_view policy_text);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BUCKET_POLICY_H_
