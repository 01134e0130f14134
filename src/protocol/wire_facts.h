// WireFacts: the few per-service wire details AWS sends that the botocore
// models do not carry (error namespaces in awsJson `__type`, DynamoDB's
// x-amz-crc32 header, and the awsQuery element names and error codes of SQS,
// whose current botocore model is JSON-only and has lost them while SQS still
// reports them and accepts its older query protocol).
// Everything else the codecs need comes from the model itself.
// Thread-safety: immutable static data.
#ifndef CLOUDEMU_PROTOCOL_WIRE_FACTS_H_
#define CLOUDEMU_PROTOCOL_WIRE_FACTS_H_

#include <span>
#include <string_view>

namespace cloudemu::protocol {

// Query-protocol names of one shape, as the service's query model spelled
// them: `name` is the shape's locationName (the element/parameter name of a
// member that refers to it), `member` the locationName of a list's member or
// of a map's key, `value` that of a map's value. Empty = not overridden.
struct QueryShapeNames {
  std::string_view shape;
  std::string_view name;
  std::string_view member;
  std::string_view value;
};

// An error shape's awsQueryError trait (query code and HTTP status) where the
// model lost it. An empty code means the shape name.
struct QueryErrorFacts {
  std::string_view shape;
  std::string_view code;
  int http_status;
};

struct WireFacts {
  // Prefix of awsJson `__type` ("<namespace>#Code"); empty = plain code.
  std::string_view json_error_namespace;
  // DynamoDB checksums every response body in x-amz-crc32.
  bool json_crc32 = false;
  // xmlns of awsQuery responses when the model has no xmlNamespace.
  std::string_view query_xml_namespace;
  std::span<const QueryShapeNames> query_names;
  std::span<const QueryErrorFacts> query_errors;
};

// The facts for a model name ("dynamodb", "sqs", ...); empty facts otherwise.
const WireFacts& WireFactsFor(std::string_view service);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_WIRE_FACTS_H_
