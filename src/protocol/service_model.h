// ServiceModel: an AWS service model (botocore's), compiled into the library
// at build time (compiled_model.h), loaded once per process on first use and
// shared read-only by every Cloud. Codecs walk these shapes to decode requests
// and encode responses; the coverage table lists `operations` against what a
// service implements. Every string is a view of the compiled model's string
// pool, which lives as long as the process.
// Thread-safety: immutable after loading; FindModel is safe from any thread.
#ifndef CLOUDEMU_PROTOCOL_SERVICE_MODEL_H_
#define CLOUDEMU_PROTOCOL_SERVICE_MODEL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cloudemu::protocol {

enum class ShapeType {
  kStructure, kList, kMap, kString, kInteger, kLong, kFloat, kDouble, kBoolean,
  kTimestamp, kBlob,
};

enum class Protocol { kRestXml, kRestJson, kJson, kQuery, kEc2 };

struct Shape;

// A reference from a structure member, list member or map key/value to a
// shape, with the traits the reference itself carries.
struct MemberRef {
  std::string_view name;           // member name as the model spells it ("" for list/map refs)
  const Shape* shape = nullptr;
  std::string_view location;       // "", "header", "headers", "uri", "querystring", "statusCode"
  std::string_view location_name;  // wire name, "" when the member name is used
  std::string_view query_name;     // ec2Query's explicit name
  std::string_view xml_namespace_uri;
  std::string_view xml_namespace_prefix;
  std::string_view timestamp_format;  // overrides the shape's, "" when absent
  bool xml_attribute = false;
  bool flattened = false;     // overrides the shape's when set on the member
  bool streaming = false;
  bool idempotency_token = false;
  bool json_value = false;    // header carries base64 JSON
  bool host_label = false;

  // The name to use on the wire: locationName if present, else `fallback`.
  std::string_view WireName(std::string_view fallback) const {
    return location_name.empty() ? fallback : location_name;
  }
};

struct ErrorTraits {
  std::string_view code;  // awsQueryError code (e.g. "AWS.SimpleQueueService.NonExistentQueue")
  int http_status = 0;
  bool sender_fault = true;
};

struct Shape {
  std::string_view name;
  ShapeType type = ShapeType::kString;
  // structure
  std::span<const MemberRef> members;  // in model order
  std::span<const std::string_view> required;
  std::string_view payload;  // member carrying the HTTP body, "" when none
  bool exception = false;
  bool is_union = false;
  std::optional<ErrorTraits> error;
  // list / map
  const MemberRef* member = nullptr;  // list element
  const MemberRef* key = nullptr;     // map key
  const MemberRef* value = nullptr;   // map value
  bool flattened = false;
  // scalars
  std::string_view timestamp_format;
  std::span<const std::string_view> enum_values;
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  std::string_view pattern;
  bool streaming = false;
  std::string_view location_name;  // xml name of the shape, "" when absent
  std::string_view xml_namespace_uri;
  std::string_view xml_namespace_prefix;  // "xsi" for S3's Grantee, "" for a default namespace

  const MemberRef* FindMember(std::string_view member_name) const;
  bool IsRequired(std::string_view member_name) const;
};

struct Operation {
  std::string_view name;
  std::string_view http_method;    // "POST" for the RPC protocols
  std::string_view request_uri;    // "/" for the RPC protocols
  int response_code = 200;
  const Shape* input = nullptr;   // may be null
  const Shape* output = nullptr;  // may be null
  std::string_view result_wrapper;     // awsQuery's <XResult> element name
  std::string_view input_location_name;  // restXml input root element override
  std::string_view input_xml_namespace;
  std::span<const Shape* const> errors;
  bool has_http_checksum = false;
  // httpChecksum.requestChecksumRequired: the request must carry Content-MD5
  // or an x-amz-checksum-* header (S3 DeleteObjects, Put*Configuration ...).
  bool request_checksum_required = false;
  bool deprecated = false;  // superseded (S3 GetBucketLifecycle); REST routing prefers the successor
};

struct ServiceModel {
  std::string_view name;  // botocore's folder name: "s3", "dynamodb", ...
  Protocol protocol = Protocol::kJson;
  std::vector<Protocol> protocols;  // all the service accepts, preferred first
  std::string_view api_version;
  std::string_view target_prefix;  // X-Amz-Target prefix for the JSON protocols
  std::string_view json_version;   // "1.0" or "1.1"
  std::string_view signing_name;   // SigV4 credential-scope service
  std::string_view endpoint_prefix;
  std::string_view service_id;
  std::string_view xml_namespace;
  bool aws_query_compatible = false;  // JSON service that also reports query error codes

  std::vector<Shape> shapes;          // sorted by name
  std::vector<Operation> operations;  // sorted by name
  // What the shapes' and operations' spans point into.
  std::vector<MemberRef> member_refs;
  std::vector<std::string_view> texts;
  std::vector<const Shape*> error_shapes;

  const Operation* FindOperation(std::string_view op) const;
  const Shape* FindShape(std::string_view shape) const;
  // The error shape called `code` (by shape name or by its awsQueryError code).
  const Shape* FindErrorShape(std::string_view code) const;
};

// The embedded model of `service` ("s3", "sqs", ...), loaded on first use.
// nullptr when no such model is embedded.
const ServiceModel* FindModel(std::string_view service);
// Names of every embedded model.
std::vector<std::string> EmbeddedModelNames();

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_SERVICE_MODEL_H_
