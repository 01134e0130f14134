#include "protocol/service_model.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include "protocol/compiled_model.h"
#include "protocol/embedded_models.h"

namespace cloudemu::protocol {
namespace {

// Builds a ServiceModel from its compiled tables: one pass, one allocation
// per table, every string a view of the compiled string pool.
class Loader {
 public:
  Loader(const compiled::CompiledModel& compiled, ServiceModel& model) : in_(compiled), out_(model) {}

  void Load() {
    out_.protocol = in_.protocol;
    out_.protocols.assign(in_.protocols, in_.protocols + in_.protocol_count);
    out_.api_version = Text(in_.api_version);
    out_.target_prefix = Text(in_.target_prefix);
    out_.json_version = Text(in_.json_version);
    out_.signing_name = Text(in_.signing_name);
    out_.endpoint_prefix = Text(in_.endpoint_prefix);
    out_.service_id = Text(in_.service_id);
    out_.xml_namespace = Text(in_.xml_namespace);
    out_.aws_query_compatible = in_.aws_query_compatible;

    // Sized once, before anything points into them.
    out_.shapes.resize(in_.shape_count);
    out_.texts.reserve(in_.text_count);
    for (uint32_t i = 0; i < in_.text_count; ++i) out_.texts.push_back(Text(in_.texts[i]));
    out_.member_refs.reserve(in_.member_count);
    for (uint32_t i = 0; i < in_.member_count; ++i) out_.member_refs.push_back(Member(in_.members[i]));
    out_.error_shapes.reserve(in_.shape_index_count);
    for (uint32_t i = 0; i < in_.shape_index_count; ++i) out_.error_shapes.push_back(ShapeAt(in_.shape_indices[i]));
    for (uint32_t i = 0; i < in_.shape_count; ++i) FillShape(in_.shapes[i], out_.shapes[i]);
    out_.operations.reserve(in_.operation_count);
    for (uint32_t i = 0; i < in_.operation_count; ++i) out_.operations.push_back(MakeOperation(in_.operations[i]));
  }

 private:
  std::string_view Text(compiled::Text text) const { return {in_.strings + text.offset, text.size}; }

  const Shape* ShapeAt(uint32_t index) const { return index == compiled::kNone ? nullptr : &out_.shapes[index]; }

  const MemberRef* MemberAt(uint32_t index) const {
    return index == compiled::kNone ? nullptr : &out_.member_refs[index];
  }

  std::span<const std::string_view> Texts(compiled::Range range) const {
    return {out_.texts.data() + range.begin, range.count};
  }

  MemberRef Member(const compiled::MemberRecord& record) const {
    MemberRef ref;
    ref.name = Text(record.name);
    ref.shape = ShapeAt(record.shape);
    ref.location = Text(record.location);
    ref.location_name = Text(record.location_name);
    ref.query_name = Text(record.query_name);
    ref.xml_namespace_uri = Text(record.xml_namespace_uri);
    ref.xml_namespace_prefix = Text(record.xml_namespace_prefix);
    ref.timestamp_format = Text(record.timestamp_format);
    ref.xml_attribute = record.flags & compiled::kXmlAttribute;
    ref.flattened = record.flags & compiled::kMemberFlattened;
    ref.streaming = record.flags & compiled::kMemberStreaming;
    ref.idempotency_token = record.flags & compiled::kIdempotencyToken;
    ref.json_value = record.flags & compiled::kJsonValue;
    ref.host_label = record.flags & compiled::kHostLabel;
    return ref;
  }

  void FillShape(const compiled::ShapeRecord& record, Shape& shape) const {
    shape.name = Text(record.name);
    shape.type = record.type;
    shape.members = {out_.member_refs.data() + record.members.begin, record.members.count};
    shape.required = Texts(record.required);
    shape.payload = Text(record.payload);
    shape.exception = record.flags & compiled::kException;
    shape.is_union = record.flags & compiled::kUnion;
    if (record.flags & compiled::kHasError) {
      shape.error = ErrorTraits{Text(record.error_code), record.error_http_status,
                                (record.flags & compiled::kSenderFault) != 0};
    }
    shape.member = MemberAt(record.member);
    shape.key = MemberAt(record.key);
    shape.value = MemberAt(record.value);
    shape.flattened = record.flags & compiled::kShapeFlattened;
    shape.timestamp_format = Text(record.timestamp_format);
    shape.enum_values = Texts(record.enum_values);
    if (record.flags & compiled::kHasMin) shape.min = record.min;
    if (record.flags & compiled::kHasMax) shape.max = record.max;
    shape.pattern = Text(record.pattern);
    shape.streaming = record.flags & compiled::kShapeStreaming;
    shape.location_name = Text(record.location_name);
    shape.xml_namespace_uri = Text(record.xml_namespace_uri);
    shape.xml_namespace_prefix = Text(record.xml_namespace_prefix);
  }

  Operation MakeOperation(const compiled::OperationRecord& record) const {
    Operation op;
    op.name = Text(record.name);
    op.http_method = Text(record.http_method);
    op.request_uri = Text(record.request_uri);
    op.response_code = record.response_code;
    op.input = ShapeAt(record.input);
    op.output = ShapeAt(record.output);
    op.result_wrapper = Text(record.result_wrapper);
    op.input_location_name = Text(record.input_location_name);
    op.input_xml_namespace = Text(record.input_xml_namespace);
    op.errors = {out_.error_shapes.data() + record.errors.begin, record.errors.count};
    op.has_http_checksum = record.flags & compiled::kHasHttpChecksum;
    op.request_checksum_required = record.flags & compiled::kRequestChecksumRequired;
    op.deprecated = record.flags & compiled::kDeprecated;
    return op;
  }

  const compiled::CompiledModel& in_;
  ServiceModel& out_;
};

// Binary search of a vector sorted by `name`.
template <typename T>
const T* FindByName(const std::vector<T>& sorted, std::string_view name) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const T& item, std::string_view key) { return item.name < key; });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

// Process-wide, read-only cache of loaded models, one slot per embedded
// model. Loading is lazy so that a Cloud that never sees EC2 traffic never
// pays for the EC2 model, and per model so that the first request of one
// service never waits for another's load, and later lookups take no lock.
struct ModelSlot {
  std::once_flag loaded;
  std::unique_ptr<ServiceModel> model;
};

std::vector<ModelSlot>& Slots() {
  // Never destroyed: outlives every Cloud, including those destroyed at exit.
  static auto* slots = new std::vector<ModelSlot>(EmbeddedModels().size());
  return *slots;
}

}  // namespace

const MemberRef* Shape::FindMember(std::string_view member_name) const {
  for (const MemberRef& m : members) {
    if (m.name == member_name) return &m;
  }
  return nullptr;
}

bool Shape::IsRequired(std::string_view member_name) const {
  return std::find(required.begin(), required.end(), member_name) != required.end();
}

const Operation* ServiceModel::FindOperation(std::string_view op) const { return FindByName(operations, op); }

const Shape* ServiceModel::FindShape(std::string_view shape) const { return FindByName(shapes, shape); }

const Shape* ServiceModel::FindErrorShape(std::string_view code) const {
  if (const Shape* s = FindShape(code); s && s->exception) return s;
  for (const Shape& shape : shapes) {
    if (shape.exception && shape.error && shape.error->code == code) return &shape;
  }
  return nullptr;
}

const ServiceModel* FindModel(std::string_view service) {
  const std::vector<EmbeddedModel>& embedded = EmbeddedModels();
  for (size_t i = 0; i < embedded.size(); ++i) {
    if (service != embedded[i].service) continue;
    ModelSlot& slot = Slots()[i];
    std::call_once(slot.loaded, [&] {
      slot.model = std::make_unique<ServiceModel>();
      slot.model->name = embedded[i].service;
      Loader(*embedded[i].model, *slot.model).Load();
    });
    return slot.model.get();
  }
  return nullptr;
}

std::vector<std::string> EmbeddedModelNames() {
  std::vector<std::string> names;
  for (const EmbeddedModel& embedded : EmbeddedModels()) names.emplace_back(embedded.service);
  return names;
}

}  // namespace cloudemu::protocol
