#include "protocol/query_xml.h"

#include "protocol/shape_values.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

void WriteValue(xml::Writer& w, std::string_view name, const Document& doc, const MemberRef& ref,
                const QueryNaming& naming);

void WriteMapEntry(xml::Writer& w, const std::string& key, const Document& value, const Shape& map,
                   const QueryNaming& naming) {
  w.Leaf(naming.MapKeyName(map), key);
  WriteValue(w, naming.MapValueName(map), value, *map.value, naming);
}

void WriteValue(xml::Writer& w, std::string_view name, const Document& doc, const MemberRef& ref,
                const QueryNaming& naming) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      w.Start(name);
      WriteQueryMembers(w, doc, shape, naming);
      w.End();
      return;
    case ShapeType::kList:
      if (naming.Flattened(ref)) {
        for (const Document& item : doc.AsList()) WriteValue(w, name, item, *shape.member, naming);
        return;
      }
      w.Start(name);
      for (const Document& item : doc.AsList()) {
        WriteValue(w, naming.OutputListItemName(shape), item, *shape.member, naming);
      }
      w.End();
      return;
    case ShapeType::kMap:
      if (naming.Flattened(ref)) {
        for (const auto& [key, value] : doc.AsMap()) {
          w.Start(name);
          WriteMapEntry(w, key, value, shape, naming);
          w.End();
        }
        return;
      }
      w.Start(name);
      for (const auto& [key, value] : doc.AsMap()) {
        w.Start("entry");
        WriteMapEntry(w, key, value, shape, naming);
        w.End();
      }
      w.End();
      return;
    default:
      w.Leaf(name, ScalarToText(doc, ref, "iso8601"));
  }
}

}  // namespace

void WriteQueryMembers(xml::Writer& writer, const Document& doc, const Shape& shape, const QueryNaming& naming) {
  for (const MemberRef& m : shape.members) {
    const Document* value = doc.Find(m.name);
    if (value == nullptr || value->is_null()) continue;
    WriteValue(writer, naming.OutputName(m), *value, m, naming);
  }
}

HttpResponse QueryXmlResponse(int status, std::string body, std::string_view content_type,
                              const ResponseContext& context) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.Set("content-type", std::string(content_type));
  response.headers.Set("x-amzn-requestid", context.request_id);
  return response;
}

}  // namespace cloudemu::protocol
