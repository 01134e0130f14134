// Bucket tag sets: the limits S3 puts on bucket tags (at most 50, unique keys,
// each tag held to the object tag rules of object_tags.h) and the stored
// "tagging" configuration ({"TagSet": [...]} sorted by key).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_BUCKET_TAGS_H_
#define CLOUDEMU_SERVICES_S3_BUCKET_TAGS_H_

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::s3 {

// Validates a TagSet list of {"Key","Value"} and returns {"TagSet": [...]}.
StatusOr<core::Document> BucketTaggingFromTagSet(const core::Document& tag_set);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BUCKET_TAGS_H_
