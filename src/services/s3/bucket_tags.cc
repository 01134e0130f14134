#include "services/s3/bucket_tags.h"

#include "services/s3/object_tags.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

constexpr size_t kMaxBucketTags = 50;

}  // namespace

StatusOr<core::Document> BucketTaggingFromTagSet(const core::Document& tag_set) {
  if (tag_set.size() > kMaxBucketTags) return InvalidTag("Bucket tag count cannot be greater than 50");
  TagMap tags;
  for (const core::Document& tag : tag_set.AsList()) {
    // One tag at a time: the object rules' count limit (10) is not a bucket's.
    auto checked = TagsFromTagSet(core::DocumentList{tag});
    if (!checked.ok()) return checked.status();
    if (!tags.insert(*checked->begin()).second) return InvalidTag("Cannot provide multiple Tags with the same key");
  }
  core::Document tagging = core::Document::Map();
  tagging.Set("TagSet", TagSetOf(tags));
  return tagging;
}

}  // namespace cloudemu::services::s3
