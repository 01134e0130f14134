#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {

Status NoSuchBucket(std::string_view bucket) {
  return Status::NotFound("NoSuchBucket", "The specified bucket does not exist")
      .WithDetail("BucketName", std::string(bucket));
}

Status NoSuchKey(std::string_view key) {
  return Status::NotFound("NoSuchKey", "The specified key does not exist.").WithDetail("Key", std::string(key));
}

Status NoSuchVersion(std::string_view key, std::string_view version_id) {
  return Status::NotFound("NoSuchVersion", "The specified version does not exist.")
      .WithDetail("Key", std::string(key))
      .WithDetail("VersionId", std::string(version_id));
}

Status NoSuchUpload(std::string_view upload_id) {
  return Status::NotFound("NoSuchUpload",
                          "The specified upload does not exist. The upload ID may be invalid, or the upload may "
                          "have been aborted or completed.")
      .WithDetail("UploadId", std::string(upload_id));
}

Status NoSuchConfiguration(std::string code, std::string message, std::string_view bucket) {
  return Status::NotFound(std::move(code), std::move(message)).WithDetail("BucketName", std::string(bucket));
}

Status InvalidArgument(std::string message, std::string_view argument_name, std::string_view argument_value) {
  Status status = Status::InvalidArgument("InvalidArgument", std::move(message));
  if (!argument_name.empty()) {
    status.WithDetail("ArgumentName", std::string(argument_name))
        .WithDetail("ArgumentValue", std::string(argument_value));
  }
  return status;
}

Status InvalidRequest(std::string message) { return Status::InvalidArgument("InvalidRequest", std::move(message)); }

Status MalformedXml() {
  return Status::InvalidArgument("MalformedXML",
                                 "The XML you provided was not well-formed or did not validate against our "
                                 "published schema");
}

Status InvalidBucketName(std::string_view bucket) {
  return Status::InvalidArgument("InvalidBucketName", "The specified bucket is not valid.")
      .WithDetail("BucketName", std::string(bucket));
}

Status InvalidTag(std::string message) { return Status::InvalidArgument("InvalidTag", std::move(message)); }

Status InvalidBucketState(std::string message) { return Status::Conflict("InvalidBucketState", std::move(message)); }

Status AccessDenied() { return Status::Error("AccessDenied", "Access Denied", 403); }

Status BucketAlreadyOwnedByYou(std::string_view bucket) {
  return Status::Conflict("BucketAlreadyOwnedByYou",
                          "Your previous request to create the named bucket succeeded and you already own it.")
      .WithDetail("BucketName", std::string(bucket));
}

Status BucketNotEmpty(std::string_view bucket) {
  return Status::Conflict("BucketNotEmpty", "The bucket you tried to delete is not empty")
      .WithDetail("BucketName", std::string(bucket));
}

Status MethodNotAllowed(std::string_view method, std::string_view resource_type) {
  return Status::Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
      .WithDetail("Method", std::string(method))
      .WithDetail("ResourceType", std::string(resource_type));
}

Status PreconditionFailed(std::string_view condition) {
  return Status::Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
      .WithDetail("Condition", std::string(condition));
}

Status NotModified() { return Status::Error("NotModified", "Not Modified", 304); }

Status InvalidRange(uint64_t object_size, std::string_view requested_range) {
  return Status::Error("InvalidRange", "The requested range is not satisfiable", 416)
      .WithDetail("RangeRequested", std::string(requested_range))
      .WithDetail("ActualObjectSize", std::to_string(object_size));
}

Status HeaderNotImplemented(std::string_view header) {
  return Status::NotImplemented("A header you provided implies functionality that is not implemented")
      .WithDetail("Header", std::string(header));
}

}  // namespace cloudemu::services::s3
