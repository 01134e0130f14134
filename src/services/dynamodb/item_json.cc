#include "services/dynamodb/item_json.h"

#include "core/encoding.h"
#include "core/json.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

Document Binary(const Document& text) {
  if (!text.is_string()) return text;
  return core::Blob{core::Base64Decode(text.AsString()).value_or(text.AsString())};
}

Document NumberText(const Document& n) {
  if (n.is_int()) return std::to_string(n.AsInt());
  if (n.is_double()) return core::ToJson(n);
  return n;
}

}  // namespace

Document AttributeValueFromJson(const Document& value) {
  if (!value.is_map()) return value;
  Document out = Document::Map();
  for (const auto& [type, payload] : value.AsMap()) {
    if (type == "B") {
      out.Set(type, Binary(payload));
    } else if (type == "N") {
      out.Set(type, NumberText(payload));
    } else if (type == "BS" || type == "NS") {
      Document set = Document::List();
      for (const Document& element : payload.AsList()) set.Append(type == "BS" ? Binary(element) : NumberText(element));
      out.Set(type, std::move(set));
    } else if (type == "M") {
      out.Set(type, ItemFromJson(payload));
    } else if (type == "L") {
      Document list = Document::List();
      for (const Document& element : payload.AsList()) list.Append(AttributeValueFromJson(element));
      out.Set(type, std::move(list));
    } else {
      out.Set(type, payload);
    }
  }
  return out;
}

Document ItemFromJson(const Document& item) {
  if (!item.is_map()) return item;
  Document out = Document::Map();
  for (const auto& [name, value] : item.AsMap()) out.Set(name, AttributeValueFromJson(value));
  return out;
}

}  // namespace cloudemu::services::dynamodb
