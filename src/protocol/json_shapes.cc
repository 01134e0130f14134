#include "protocol/json_shapes.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

#include "core/encoding.h"
#include "core/time_format.h"
#include "protocol/shape_values.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

Status SerializationError(std::string message) {
  return Status::InvalidArgument("SerializationException", std::move(message));
}

// Coral's wording for a JSON value of the wrong type.
Status Mismatch(const rapidjson::Value& v, const Shape& expected) {
  if (v.IsObject()) return SerializationError("Start of structure or map found where not expected.");
  if (v.IsArray()) return SerializationError("Start of list found where not expected");
  const char* token = v.IsString()   ? "STRING_VALUE"
                      : v.IsNumber() ? "NUMBER_VALUE"
                      : v.IsTrue()   ? "TRUE_VALUE"
                                     : "FALSE_VALUE";
  return SerializationError(std::string(token) + " can not be converted to " + ShapeTypeArticleName(expected.type));
}

const MemberRef* FindBodyMember(const Shape& shape, std::string_view wire_name) {
  for (const MemberRef& m : shape.members) {
    if (m.location.empty() && m.WireName(m.name) == wire_name) return &m;
  }
  return nullptr;
}

// Decodes into out-parameters and keeps the first error, so that the
// recursion over large items (DynamoDB) builds each value in place.
class Decoder {
 public:
  bool Structure(const rapidjson::Value& v, const Shape& shape, Document& out) {
    if (!v.IsObject()) return Fail(Mismatch(v, shape));
    core::DocumentMap map;
    for (const auto& m : v.GetObject()) {
      if (m.value.IsNull()) continue;
      const MemberRef* member = FindBodyMember(shape, std::string_view(m.name.GetString(), m.name.GetStringLength()));
      if (member == nullptr) continue;  // unknown members are ignored, as AWS does
      Document value;
      if (!Value(m.value, *member, value)) return false;
      map.insert_or_assign(std::string(member->name), std::move(value));
    }
    out = Document(std::move(map));
    return true;
  }

  Status error;

 private:
  bool Fail(Status status) {
    error = std::move(status);
    return false;
  }

  bool Value(const rapidjson::Value& v, const MemberRef& ref, Document& out) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure:
        return Structure(v, shape, out);
      case ShapeType::kList: {
        if (!v.IsArray()) return Fail(Mismatch(v, shape));
        core::DocumentList list;
        list.reserve(v.Size());
        for (const auto& item : v.GetArray()) {
          if (item.IsNull()) continue;
          if (!Value(item, *shape.member, list.emplace_back())) return false;
        }
        out = Document(std::move(list));
        return true;
      }
      case ShapeType::kMap: {
        if (!v.IsObject()) return Fail(Mismatch(v, shape));
        core::DocumentMap map;
        for (const auto& m : v.GetObject()) {
          if (m.value.IsNull()) continue;
          Document value;
          if (!Value(m.value, *shape.value, value)) return false;
          map.insert_or_assign(std::string(m.name.GetString(), m.name.GetStringLength()), std::move(value));
        }
        out = Document(std::move(map));
        return true;
      }
      default:
        return Scalar(v, ref, out);
    }
  }

  bool Scalar(const rapidjson::Value& v, const MemberRef& ref, Document& out) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kString:
        if (!v.IsString()) return Fail(Mismatch(v, shape));
        out = Document(std::string(v.GetString(), v.GetStringLength()));
        return true;
      case ShapeType::kBoolean:
        if (!v.IsBool()) return Fail(Mismatch(v, shape));
        out = Document(v.GetBool());
        return true;
      case ShapeType::kInteger:
      case ShapeType::kLong:
        if (v.IsInt64()) {
          out = Document(v.GetInt64());
          return true;
        }
        if (!v.IsNumber()) return Fail(Mismatch(v, shape));
        if (!v.IsDouble() || std::abs(v.GetDouble()) >= 9.2e18) return Fail(SerializationError("Number out of range"));
        out = Document(static_cast<int64_t>(v.GetDouble()));
        return true;
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (v.IsNumber()) {
          out = Document(v.GetDouble());
          return true;
        }
        if (v.IsString()) {
          if (auto special = ParseSpecialDouble(std::string_view(v.GetString(), v.GetStringLength()))) {
            out = Document(*special);
            return true;
          }
        }
        return Fail(Mismatch(v, shape));
      case ShapeType::kTimestamp:
        if (v.IsNumber()) {
          out = Document(core::Timestamp{std::llround(v.GetDouble() * 1000.0)});
          return true;
        }
        if (v.IsString()) {
          if (auto millis = core::ParseTimestamp(std::string_view(v.GetString(), v.GetStringLength()))) {
            out = Document(core::Timestamp{*millis});
            return true;
          }
          return Fail(SerializationError("Invalid timestamp value " + std::string(v.GetString())));
        }
        return Fail(Mismatch(v, shape));
      case ShapeType::kBlob: {
        if (!v.IsString()) return Fail(Mismatch(v, shape));
        auto bytes = core::Base64Decode(std::string_view(v.GetString(), v.GetStringLength()));
        if (!bytes) {
          return Fail(SerializationError("Base64 encoded value of '" + std::string(ref.WireName(ref.name)) + "' is invalid"));
        }
        out = Document(core::Blob{std::move(*bytes)});
        return true;
      }
      default:
        return Fail(Mismatch(v, shape));
    }
  }
};

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void Encode(Writer& w, const Document& doc, const MemberRef& ref);

void EncodeStructure(Writer& w, const Document& doc, const Shape& shape) {
  w.StartObject();
  // Members in the model's order; the search stops once every member the
  // document has was found (a union such as DynamoDB's AttributeValue has
  // one of ten).
  size_t unfound = doc.size();
  for (auto m = shape.members.begin(); m != shape.members.end() && unfound > 0; ++m) {
    const Document* value = doc.Find(m->name);
    if (value == nullptr) continue;
    --unfound;
    if (!m->location.empty() || value->is_null()) continue;
    WriteString(w, m->WireName(m->name));
    Encode(w, *value, *m);
  }
  w.EndObject();
}

void Encode(Writer& w, const Document& doc, const MemberRef& ref) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      EncodeStructure(w, doc, shape);
      break;
    case ShapeType::kList:
      w.StartArray();
      for (const Document& item : doc.AsList()) {
        if (item.is_null()) {
          w.Null();
        } else {
          Encode(w, item, *shape.member);
        }
      }
      w.EndArray();
      break;
    case ShapeType::kMap:
      w.StartObject();
      for (const auto& [key, value] : doc.AsMap()) {
        WriteString(w, key);
        if (value.is_null()) {
          w.Null();
        } else {
          Encode(w, value, *shape.value);
        }
      }
      w.EndObject();
      break;
    case ShapeType::kString:
      WriteString(w, ScalarText(doc));
      break;
    case ShapeType::kBoolean:
      w.Bool(ScalarBool(doc));
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      w.Int64(ScalarInt(doc));
      break;
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      double d = ScalarDouble(doc);
      if (std::isfinite(d)) {
        w.Double(d);
      } else {
        WriteString(w, SpecialDoubleText(d));
      }
      break;
    }
    case ShapeType::kTimestamp: {
      int64_t millis = ScalarTimestampMillis(doc);
      std::string_view format = TimestampFormat(ref, "unixTimestamp");
      if (format == "unixTimestamp") {
        if (millis % 1000 == 0) {
          w.Int64(millis / 1000);
        } else {
          w.Double(static_cast<double>(millis) / 1000.0);
        }
      } else {
        WriteString(w, FormatTimestamp(millis, format));
      }
      break;
    }
    case ShapeType::kBlob:
      WriteString(w, core::Base64Encode(doc.AsString()));
      break;
  }
}

}  // namespace

StatusOr<Document> JsonBodyToDocument(std::string_view body, const Shape* shape) {
  size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return Document::Map();
  // Parsed into a pool on the stack: rapidjson's own first chunk is 64 KiB
  // from the heap, and glibc consolidates its free lists whenever a chunk
  // that large is freed, on every request.
  alignas(8) char pool[4096];
  rapidjson::MemoryPoolAllocator<> allocator(pool, sizeof pool);
  rapidjson::Document parsed(&allocator);
  parsed.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (parsed.HasParseError()) {
    return SerializationError(std::string("Malformed JSON at offset ") + std::to_string(parsed.GetErrorOffset()) +
                              ": " + rapidjson::GetParseError_En(parsed.GetParseError()));
  }
  if (!parsed.IsObject()) return SerializationError("Start of structure expected: the body must be a JSON object");
  if (shape == nullptr) return Document::Map();
  Decoder decoder;
  Document out;
  if (!decoder.Structure(parsed, *shape, out)) return decoder.error;
  return out;
}

std::string DocumentToJsonBody(const Document& doc, const Shape* shape) {
  if (shape == nullptr) return "{}";
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  EncodeStructure(writer, doc, *shape);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace cloudemu::protocol
