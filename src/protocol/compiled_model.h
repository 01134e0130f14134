// The form in which tools/embed_models.py compiles an AWS service model into
// the library: flat, read-only tables that refer to each other by index, and
// one string pool they all slice. Indices rather than pointers keep the
// tables free of load-time relocations, so a model nobody uses costs nothing
// (not even a dirtied page) and loading one is a single pass over its tables
// with no JSON to parse. service_model.cc turns these into a ServiceModel.
#ifndef CLOUDEMU_PROTOCOL_COMPILED_MODEL_H_
#define CLOUDEMU_PROTOCOL_COMPILED_MODEL_H_

#include <cstdint>

#include "protocol/service_model.h"

namespace cloudemu::protocol::compiled {

// "No such record": an absent shape, list member, map key or value.
inline constexpr uint32_t kNone = 0xffffffffu;

// A slice of the model's string pool.
struct Text {
  uint32_t offset;
  uint32_t size;
};

// A run of entries in one of the model's index tables.
struct Range {
  uint32_t begin;
  uint32_t count;
};

enum MemberFlag : uint8_t {
  kXmlAttribute = 1 << 0,
  kMemberFlattened = 1 << 1,
  kMemberStreaming = 1 << 2,
  kIdempotencyToken = 1 << 3,
  kJsonValue = 1 << 4,
  kHostLabel = 1 << 5,
};

// A structure member, or the member/key/value reference of a list or map.
struct MemberRecord {
  Text name;
  uint32_t shape;
  Text location;
  Text location_name;
  Text query_name;
  Text xml_namespace_uri;
  Text xml_namespace_prefix;
  Text timestamp_format;
  uint8_t flags;  // MemberFlag
};

enum ShapeFlag : uint16_t {
  kException = 1 << 0,
  kUnion = 1 << 1,
  kShapeFlattened = 1 << 2,
  kShapeStreaming = 1 << 3,
  kHasMin = 1 << 4,
  kHasMax = 1 << 5,
  kHasError = 1 << 6,
  kSenderFault = 1 << 7,
};

struct ShapeRecord {
  Text name;
  ShapeType type;
  uint16_t flags;  // ShapeFlag
  Range members;   // into CompiledModel::members
  Range required;  // into CompiledModel::texts
  Range enum_values;  // into CompiledModel::texts
  uint32_t member;  // list element, index into members or kNone
  uint32_t key;     // map key
  uint32_t value;   // map value
  Text payload;
  Text timestamp_format;
  Text pattern;
  Text location_name;
  Text xml_namespace_uri;
  Text xml_namespace_prefix;
  Text error_code;
  int32_t error_http_status;
  int64_t min;
  int64_t max;
};

enum OperationFlag : uint8_t {
  kHasHttpChecksum = 1 << 0,
  kRequestChecksumRequired = 1 << 1,
  kDeprecated = 1 << 2,
};

struct OperationRecord {
  Text name;
  Text http_method;
  Text request_uri;
  int32_t response_code;
  uint32_t input;   // shape index or kNone
  uint32_t output;  // shape index or kNone
  Text result_wrapper;
  Text input_location_name;
  Text input_xml_namespace;
  Range errors;  // into CompiledModel::shape_indices
  uint8_t flags;  // OperationFlag
};

// One service's model. Shapes and operations are sorted by name (bytewise),
// so lookups can binary-search them.
struct CompiledModel {
  const char* strings;
  const Text* texts;
  const uint32_t* shape_indices;
  const MemberRecord* members;
  uint32_t member_count;
  const ShapeRecord* shapes;
  uint32_t shape_count;
  const OperationRecord* operations;
  uint32_t operation_count;
  uint32_t text_count;
  uint32_t shape_index_count;
  // metadata
  Protocol protocol;
  // Every protocol the service accepts, preferred first (an awsQueryCompatible
  // JSON service lists kQuery too).
  Protocol protocols[4];
  uint8_t protocol_count;
  Text api_version;
  Text target_prefix;
  Text json_version;
  Text signing_name;     // signingName, else endpointPrefix
  Text endpoint_prefix;
  Text service_id;
  Text xml_namespace;
  bool aws_query_compatible;
};

}  // namespace cloudemu::protocol::compiled

#endif  // CLOUDEMU_PROTOCOL_COMPILED_MODEL_H_
