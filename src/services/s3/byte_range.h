// Byte ranges of object reads as S3 interprets them: the Range header of
// GetObject/HeadObject (RFC 7233, single range only) and the stricter
// x-amz-copy-source-range of UploadPartCopy.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_BYTE_RANGE_H_
#define CLOUDEMU_SERVICES_S3_BYTE_RANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"

namespace cloudemu::services::s3 {

// Inclusive offsets into an object.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
  uint64_t length() const { return last - first + 1; }
  bool operator==(const ByteRange&) const = default;
};

// Applies a Range header to an object of `size` bytes. nullopt means "send
// the whole object": no header, a unit other than bytes, a malformed or a
// multi-range value (S3 ignores those, as RFC 7233 allows). A well-formed
// range that starts beyond the object, or an empty suffix, is InvalidRange
// (416) with <RangeRequested> and <ActualObjectSize>. The end is clamped to
// the object.
StatusOr<std::optional<ByteRange>> ResolveRange(std::string_view header, uint64_t size);

// "bytes <first>-<last>/<size>", the Content-Range of a partial answer.
std::string ContentRange(const ByteRange& range, uint64_t size);

// x-amz-copy-source-range: exactly "bytes=first-last" inside the source;
// anything else is InvalidArgument as S3 words it.
StatusOr<ByteRange> ResolveCopySourceRange(std::string_view header, uint64_t size);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BYTE_RANGE_H_
