#include "core/json.h"

#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/encoding.h"

namespace cloudemu::core {
namespace {

template <typename Writer>
void Write(const Document& doc, Writer& w) {
  switch (doc.kind()) {
    case Document::Kind::kNull: w.Null(); break;
    case Document::Kind::kBool: w.Bool(doc.AsBool()); break;
    case Document::Kind::kInt: w.Int64(doc.AsInt()); break;
    case Document::Kind::kDouble:
      // JSON has no NaN or infinity; RapidJSON would write nothing at all.
      if (std::isfinite(doc.AsDouble())) {
        w.Double(doc.AsDouble());
      } else {
        w.Null();
      }
      break;
    case Document::Kind::kString: {
      const std::string& s = doc.AsString();
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      break;
    }
    case Document::Kind::kBlob: {
      std::string b64 = Base64Encode(doc.AsString());
      w.String(b64.data(), static_cast<rapidjson::SizeType>(b64.size()));
      break;
    }
    case Document::Kind::kTimestamp: {
      int64_t ms = doc.AsTimestampMillis();
      if (ms % 1000 == 0) {
        w.Int64(ms / 1000);
      } else {
        w.Double(static_cast<double>(ms) / 1000.0);
      }
      break;
    }
    case Document::Kind::kList:
      w.StartArray();
      for (const Document& item : doc.AsList()) Write(item, w);
      w.EndArray();
      break;
    case Document::Kind::kMap:
      w.StartObject();
      for (const auto& [key, value] : doc.AsMap()) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        Write(value, w);
      }
      w.EndObject();
      break;
  }
}

Document Convert(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return Document();
    case rapidjson::kFalseType: return Document(false);
    case rapidjson::kTrueType: return Document(true);
    case rapidjson::kStringType: return Document(std::string(v.GetString(), v.GetStringLength()));
    case rapidjson::kNumberType:
      if (v.IsInt64()) return Document(v.GetInt64());
      if (v.IsUint64()) return Document(static_cast<double>(v.GetUint64()));
      return Document(v.GetDouble());
    case rapidjson::kArrayType: {
      DocumentList list;
      list.reserve(v.Size());
      for (const auto& item : v.GetArray()) list.push_back(Convert(item));
      return Document(std::move(list));
    }
    case rapidjson::kObjectType: {
      DocumentMap map;
      for (const auto& m : v.GetObject()) {
        map.insert_or_assign(std::string(m.name.GetString(), m.name.GetStringLength()),
                             Convert(m.value));
      }
      return Document(std::move(map));
    }
  }
  return Document();
}

}  // namespace

std::string ToJson(const Document& doc, bool pretty) {
  rapidjson::StringBuffer buffer;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    Write(doc, writer);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    Write(doc, writer);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

StatusOr<Document> FromJson(std::string_view text) {
  rapidjson::Document parsed;
  parsed.Parse(text.data(), text.size());
  if (parsed.HasParseError()) {
    return Status::InvalidArgument(
        "SerializationException",
        std::string("malformed JSON at offset ") + std::to_string(parsed.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(parsed.GetParseError()));
  }
  return Convert(parsed);
}

}  // namespace cloudemu::core
