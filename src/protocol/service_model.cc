#include "protocol/service_model.h"

#include <zlib.h>

#include <algorithm>
#include <mutex>
#include <rapidjson/document.h>
#include <stdexcept>

#include "protocol/embedded_models.h"

namespace cloudemu::protocol {
namespace {

std::string Str(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool Bool(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

std::optional<int64_t> Int(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsNumber()) return std::nullopt;
  return static_cast<int64_t>(it->value.GetDouble());
}

Protocol ParseProtocol(std::string_view p) {
  if (p == "rest-xml") return Protocol::kRestXml;
  if (p == "rest-json") return Protocol::kRestJson;
  if (p == "query") return Protocol::kQuery;
  if (p == "ec2") return Protocol::kEc2;
  return Protocol::kJson;
}

ShapeType ParseType(std::string_view t) {
  static const std::pair<std::string_view, ShapeType> kTypes[] = {
      {"structure", ShapeType::kStructure}, {"list", ShapeType::kList},
      {"map", ShapeType::kMap},             {"string", ShapeType::kString},
      {"integer", ShapeType::kInteger},     {"long", ShapeType::kLong},
      {"float", ShapeType::kFloat},         {"double", ShapeType::kDouble},
      {"boolean", ShapeType::kBoolean},     {"timestamp", ShapeType::kTimestamp},
      {"blob", ShapeType::kBlob},
  };
  for (const auto& [name, type] : kTypes) {
    if (name == t) return type;
  }
  throw std::runtime_error("unknown shape type " + std::string(t));
}

class Parser {
 public:
  explicit Parser(ServiceModel& model) : model_(model) {}

  void Parse(const rapidjson::Value& root) {
    const rapidjson::Value& meta = root["metadata"];
    model_.protocol = ParseProtocol(Str(meta, "protocol"));
    if (meta.HasMember("protocols")) {
      for (const auto& p : meta["protocols"].GetArray()) {
        model_.protocols.push_back(ParseProtocol(p.GetString()));
      }
    }
    if (model_.protocols.empty()) model_.protocols.push_back(model_.protocol);
    model_.api_version = Str(meta, "apiVersion");
    model_.target_prefix = Str(meta, "targetPrefix");
    model_.json_version = Str(meta, "jsonVersion");
    model_.endpoint_prefix = Str(meta, "endpointPrefix");
    model_.signing_name = Str(meta, "signingName");
    if (model_.signing_name.empty()) model_.signing_name = model_.endpoint_prefix;
    model_.service_id = Str(meta, "serviceId");
    model_.xml_namespace = Str(meta, "xmlNamespace");
    model_.aws_query_compatible = meta.HasMember("awsQueryCompatible");
    // Such a service (SQS) still accepts its old query protocol too.
    if (model_.aws_query_compatible &&
        std::find(model_.protocols.begin(), model_.protocols.end(), Protocol::kQuery) == model_.protocols.end()) {
      model_.protocols.push_back(Protocol::kQuery);
    }

    // Two passes: create every shape, then resolve references between them.
    const rapidjson::Value& shapes = root["shapes"];
    for (const auto& s : shapes.GetObject()) {
      auto shape = std::make_unique<Shape>();
      shape->name = s.name.GetString();
      model_.shapes.emplace(shape->name, std::move(shape));
    }
    for (const auto& s : shapes.GetObject()) FillShape(*model_.shapes[s.name.GetString()], s.value);

    for (const auto& o : root["operations"].GetObject()) {
      Operation op;
      op.name = o.name.GetString();
      const rapidjson::Value& http = o.value["http"];
      op.http_method = Str(http, "method");
      op.request_uri = Str(http, "requestUri");
      if (auto code = Int(http, "responseCode")) op.response_code = static_cast<int>(*code);
      if (o.value.HasMember("input")) {
        const rapidjson::Value& in = o.value["input"];
        op.input = Resolve(Str(in, "shape"));
        op.input_location_name = Str(in, "locationName");
        if (in.HasMember("xmlNamespace")) op.input_xml_namespace = Str(in["xmlNamespace"], "uri");
      }
      if (o.value.HasMember("output")) {
        op.output = Resolve(Str(o.value["output"], "shape"));
        op.result_wrapper = Str(o.value["output"], "resultWrapper");
      }
      if (o.value.HasMember("errors")) {
        for (const auto& e : o.value["errors"].GetArray()) op.errors.push_back(Resolve(Str(e, "shape")));
      }
      op.has_http_checksum = o.value.HasMember("httpChecksum");
      if (op.has_http_checksum) op.request_checksum_required = Bool(o.value["httpChecksum"], "requestChecksumRequired");
      op.deprecated = Bool(o.value, "deprecated");
      model_.operations.emplace(op.name, std::move(op));
    }
  }

 private:
  const Shape* Resolve(const std::string& name) {
    auto it = model_.shapes.find(name);
    if (it == model_.shapes.end()) throw std::runtime_error("unknown shape " + name);
    return it->second.get();
  }

  MemberRef Ref(const std::string& name, const rapidjson::Value& v) {
    MemberRef ref;
    ref.name = name;
    ref.shape = Resolve(Str(v, "shape"));
    ref.location = Str(v, "location");
    ref.location_name = Str(v, "locationName");
    ref.query_name = Str(v, "queryName");
    if (v.HasMember("xmlNamespace")) {
      const rapidjson::Value& ns = v["xmlNamespace"];
      ref.xml_namespace_uri = Str(ns, "uri");
      ref.xml_namespace_prefix = Str(ns, "prefix");
    }
    ref.timestamp_format = Str(v, "timestampFormat");
    ref.xml_attribute = Bool(v, "xmlAttribute");
    ref.flattened = Bool(v, "flattened");
    ref.streaming = Bool(v, "streaming");
    ref.idempotency_token = Bool(v, "idempotencyToken");
    ref.json_value = Bool(v, "jsonvalue");
    ref.host_label = Bool(v, "hostLabel");
    return ref;
  }

  void FillShape(Shape& shape, const rapidjson::Value& v) {
    shape.type = ParseType(Str(v, "type"));
    shape.exception = Bool(v, "exception");
    shape.is_union = Bool(v, "union");
    shape.flattened = Bool(v, "flattened");
    shape.streaming = Bool(v, "streaming");
    shape.timestamp_format = Str(v, "timestampFormat");
    shape.payload = Str(v, "payload");
    shape.pattern = Str(v, "pattern");
    shape.location_name = Str(v, "locationName");
    shape.min = Int(v, "min");
    shape.max = Int(v, "max");
    if (v.HasMember("xmlNamespace")) {
      shape.xml_namespace_uri = Str(v["xmlNamespace"], "uri");
      shape.xml_namespace_prefix = Str(v["xmlNamespace"], "prefix");
    }
    if (v.HasMember("members")) {
      for (const auto& m : v["members"].GetObject()) shape.members.push_back(Ref(m.name.GetString(), m.value));
    }
    if (v.HasMember("required")) {
      for (const auto& r : v["required"].GetArray()) shape.required.emplace_back(r.GetString());
    }
    if (v.HasMember("enum")) {
      for (const auto& e : v["enum"].GetArray()) shape.enum_values.emplace_back(e.GetString());
    }
    if (v.HasMember("member")) shape.member = Ref("", v["member"]);
    if (v.HasMember("key")) shape.key = Ref("", v["key"]);
    if (v.HasMember("value")) shape.value = Ref("", v["value"]);
    if (v.HasMember("error")) {
      const rapidjson::Value& e = v["error"];
      ErrorTraits traits;
      traits.code = Str(e, "code");
      traits.http_status = static_cast<int>(Int(e, "httpStatusCode").value_or(0));
      traits.sender_fault = !e.HasMember("senderFault") || Bool(e, "senderFault");
      shape.error = traits;
    }
  }

  ServiceModel& model_;
};

std::string Gunzip(const unsigned char* data, size_t size) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  stream.next_in = const_cast<unsigned char*>(data);
  stream.avail_in = static_cast<uInt>(size);
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<unsigned char*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      throw std::runtime_error("embedded model is corrupt");
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  return out;
}

// Process-wide, read-only cache of parsed models, one slot per embedded
// model. Loading is lazy so that a Cloud that never sees EC2 traffic never
// pays for the EC2 model, and per model so that the first request of one
// service never waits for another's parse, and later lookups take no lock.
struct ModelSlot {
  std::once_flag parsed;
  std::unique_ptr<ServiceModel> model;
};

std::vector<ModelSlot>& Slots() {
  // Never destroyed: outlives every Cloud and any warm-up still running at exit.
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

const Operation* ServiceModel::FindOperation(std::string_view op) const {
  auto it = operations.find(op);
  return it == operations.end() ? nullptr : &it->second;
}

const Shape* ServiceModel::FindShape(std::string_view shape) const {
  auto it = shapes.find(shape);
  return it == shapes.end() ? nullptr : it->second.get();
}

const Shape* ServiceModel::FindErrorShape(std::string_view code) const {
  if (const Shape* s = FindShape(code); s && s->exception) return s;
  for (const auto& [name, shape] : shapes) {
    if (shape->exception && shape->error && shape->error->code == code) return shape.get();
  }
  return nullptr;
}

std::unique_ptr<ServiceModel> ParseModel(std::string_view name, std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) throw std::runtime_error("model " + std::string(name) + " is not JSON");
  auto model = std::make_unique<ServiceModel>();
  model->name = std::string(name);
  Parser(*model).Parse(doc);
  return model;
}

const ServiceModel* FindModel(std::string_view service) {
  const std::vector<EmbeddedModel>& embedded = EmbeddedModels();
  for (size_t i = 0; i < embedded.size(); ++i) {
    if (service != embedded[i].service) continue;
    ModelSlot& slot = Slots()[i];
    std::call_once(slot.parsed, [&] {
      slot.model = ParseModel(service, Gunzip(embedded[i].gzip_data, embedded[i].gzip_size));
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
