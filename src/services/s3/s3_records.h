// How S3State's records are stored in the Store: JSON objects with their
// members in alphabetical order (readable as they are in snapshots, see
// s3_state.h for the tables). Records are read and written on every request,
// so they are encoded and decoded member by member, with no Document in
// between; only Document-valued members (an ACL, configuration documents)
// go through one, wrapped so that timestamps and blobs keep their kinds.
// A record that does not parse decodes as an empty one.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_S3_S3_RECORDS_H_
#define CLOUDEMU_SERVICES_S3_S3_RECORDS_H_

#include <string>
#include <string_view>

#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

std::string EncodeBucket(const BucketRecord& bucket);
BucketRecord DecodeBucket(std::string_view json);

std::string EncodeVersion(const ObjectVersion& version);
ObjectVersion DecodeVersion(std::string_view json);

std::string EncodeUpload(const MultipartUpload& upload);
MultipartUpload DecodeUpload(std::string_view json);

std::string EncodePart(const UploadPart& part);
UploadPart DecodePart(std::string_view json);

// A bucket configuration document.
std::string EncodeDocument(const core::Document& doc);
core::Document DecodeDocument(std::string_view json);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_RECORDS_H_
