// Object tag sets: the x-amz-tagging header form ("k1=v1&k2=v2", URL query
// encoded), the Tagging.TagSet body form, and the limits S3 puts on object
// tags (10 tags; keys 1-128 and values 0-256 characters of letters, digits,
// spaces and + - = . _ : / @; no "aws:" keys; no repeated keys).
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_TAGS_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_TAGS_H_

#include <map>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::s3 {

using TagMap = std::map<std::string, std::string>;

// Parses and validates an x-amz-tagging value.
StatusOr<TagMap> TagsFromHeader(std::string_view header);
// Parses and validates a TagSet list of {"Key","Value"} maps.
StatusOr<TagMap> TagsFromTagSet(const core::Document& tag_set);
// The TagSet list (sorted by key) of stored tags.
core::Document TagSetOf(const TagMap& tags);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_TAGS_H_
