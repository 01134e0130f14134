#include "services/dynamodb/attribute_values.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "services/dynamodb/decimal.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr std::array<std::string_view, 10> kTypes = {"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"};

Status Invalid(std::string message) { return Status::InvalidArgument("ValidationException", std::move(message)); }

std::vector<std::string> SortedElements(std::string_view set_type, const Document& elements) {
  std::vector<std::string> out;
  out.reserve(elements.size());
  for (const Document& element : elements.AsList()) out.push_back(SetElementKey(set_type, element));
  std::sort(out.begin(), out.end());
  return out;
}

Status ValidateSet(std::string_view type, const Document& elements) {
  if (!elements.is_list())
    return Invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  if (elements.empty()) {
    const char* name = type == "SS" ? "string" : type == "NS" ? "number" : "binary";
    return Invalid(std::string("One or more parameter values were invalid: An ") + name + " set  may not be empty");
  }
  for (const Document& element : elements.AsList()) {
    if (type == "NS") {
      StatusOr<Decimal> number = Decimal::Parse(element.AsString());
      if (!number.ok()) return number.status();
    }
  }
  std::vector<std::string> sorted = SortedElements(type, elements);
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    std::string listing;
    for (const Document& element : elements.AsList()) {
      if (!listing.empty()) listing += ", ";
      listing += element.AsString();
    }
    return Invalid("One or more parameter values were invalid: Input collection [" + listing +
                   "] contains duplicates.");
  }
  return Status::Ok();
}

void NormalizeInPlace(Document& value) {
  if (!value.is_map() || value.size() != 1) return;
  auto& member = *value.MutableMap().begin();
  const std::string& type = member.first;
  if (type == "N") {
    StatusOr<Decimal> number = Decimal::Parse(member.second.AsString());
    if (number.ok()) member.second = number->ToString();
  } else if (type == "NS") {
    for (Document& element : member.second.MutableList()) {
      StatusOr<Decimal> number = Decimal::Parse(element.AsString());
      if (number.ok()) element = number->ToString();
    }
  } else if (type == "M") {
    for (auto& [name, nested] : member.second.MutableMap()) NormalizeInPlace(nested);
  } else if (type == "L") {
    for (Document& nested : member.second.MutableList()) NormalizeInPlace(nested);
  }
}

int CompareBytes(const std::string& a, const std::string& b) {
  int c = a.compare(b);  // char_traits<char> compares as unsigned char
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

size_t NumberSizeBytes(const Document& text) {
  StatusOr<Decimal> number = Decimal::Parse(text.AsString());
  int digits = number.ok() ? number->significant_digits() : static_cast<int>(text.AsString().size());
  return static_cast<size_t>((digits + 1) / 2 + 1);
}

}  // namespace

std::string_view TypeOf(const Document& value) {
  if (!value.is_map() || value.size() != 1) return "";
  std::string_view member = value.AsMap().begin()->first;
  // Called for every value an expression touches: compare lengths first.
  for (std::string_view type : kTypes) {
    if (member.size() == type.size() && member == type) return type;
  }
  return "";
}

const Document& Payload(const Document& value) {
  static const Document kNull;
  if (!value.is_map() || value.size() != 1) return kNull;
  return value.AsMap().begin()->second;
}

bool IsSetType(std::string_view type) { return type == "SS" || type == "NS" || type == "BS"; }

bool IsOrderedType(std::string_view type) { return type == "S" || type == "N" || type == "B"; }

std::string SetElementKey(std::string_view set_type, const Document& element) {
  if (set_type == "NS") {
    StatusOr<Decimal> number = Decimal::Parse(element.AsString());
    if (number.ok()) return number->ToString();
  }
  return element.AsString();
}

Document MakeValue(std::string_view type, Document payload) {
  core::DocumentMap map;
  map.emplace(std::string(type), std::move(payload));
  return Document(std::move(map));
}

Status ValidateAttributeValue(const Document& value) {
  if (value.is_map() && value.size() > 1) {
    return Invalid(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
        "datatypes");
  }
  std::string_view type = TypeOf(value);
  if (type.empty())
    return Invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  const Document& payload = Payload(value);
  if (type == "N") return Decimal::Parse(payload.AsString()).status();
  if (type == "NULL" && !payload.AsBool()) {
    return Invalid("One or more parameter values were invalid: Null attribute value types must have the value of true");
  }
  if (IsSetType(type)) return ValidateSet(type, payload);
  if (type == "M") {
    for (const auto& [name, nested] : payload.AsMap()) {
      if (Status s = ValidateAttributeValue(nested); !s.ok()) return s;
    }
  } else if (type == "L") {
    for (const Document& nested : payload.AsList()) {
      if (Status s = ValidateAttributeValue(nested); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Status ValidateItem(const Item& item) {
  for (const auto& [name, value] : item) {
    if (name.empty()) {
      return Invalid("One or more parameter values were invalid: An attribute name cannot be empty");
    }
    if (Status s = ValidateAttributeValue(value); !s.ok()) return s;
  }
  return Status::Ok();
}

Document NormalizeValue(const Document& value) {
  Document copy = value;
  NormalizeInPlace(copy);
  return copy;
}

void NormalizeItem(Item& item) {
  for (auto& [name, value] : item) NormalizeInPlace(value);
}

bool AttributeValuesEqual(const Document& a, const Document& b) {
  std::string_view type = TypeOf(a);
  if (type.empty() || type != TypeOf(b)) return false;
  const Document& pa = Payload(a);
  const Document& pb = Payload(b);
  if (type == "N") {
    if (pa.AsString() == pb.AsString()) return true;
    StatusOr<Decimal> na = Decimal::Parse(pa.AsString());
    StatusOr<Decimal> nb = Decimal::Parse(pb.AsString());
    return na.ok() && nb.ok() && na->Compare(*nb) == 0;
  }
  if (IsSetType(type)) return pa.size() == pb.size() && SortedElements(type, pa) == SortedElements(type, pb);
  if (type == "M") {
    const core::DocumentMap& ma = pa.AsMap();
    const core::DocumentMap& mb = pb.AsMap();
    if (ma.size() != mb.size()) return false;
    for (auto ia = ma.begin(), ib = mb.begin(); ia != ma.end(); ++ia, ++ib) {
      if (ia->first != ib->first || !AttributeValuesEqual(ia->second, ib->second)) return false;
    }
    return true;
  }
  if (type == "L") {
    const core::DocumentList& la = pa.AsList();
    const core::DocumentList& lb = pb.AsList();
    if (la.size() != lb.size()) return false;
    for (size_t i = 0; i < la.size(); ++i) {
      if (!AttributeValuesEqual(la[i], lb[i])) return false;
    }
    return true;
  }
  return pa == pb;  // S, B, BOOL, NULL
}

int CompareKeyValues(const Document& a, const Document& b) {
  std::string_view type = TypeOf(a);
  std::string_view other_type = TypeOf(b);
  if (type != other_type) return type < other_type ? -1 : 1;
  const Document& pa = Payload(a);
  const Document& pb = Payload(b);
  if (type == "N") {
    StatusOr<Decimal> na = Decimal::Parse(pa.AsString());
    StatusOr<Decimal> nb = Decimal::Parse(pb.AsString());
    if (na.ok() && nb.ok()) return na->Compare(*nb);
  }
  return CompareBytes(pa.AsString(), pb.AsString());
}

size_t AttributeValueSizeBytes(const Document& value) {
  std::string_view type = TypeOf(value);
  const Document& payload = Payload(value);
  if (type == "S" || type == "B") return payload.AsString().size();
  if (type == "N") return NumberSizeBytes(payload);
  if (type == "NULL" || type == "BOOL") return 1;
  if (type == "SS" || type == "BS") {
    size_t size = 0;
    for (const Document& element : payload.AsList()) size += element.AsString().size();
    return size;
  }
  if (type == "NS") {
    size_t size = 0;
    for (const Document& element : payload.AsList()) size += NumberSizeBytes(element);
    return size;
  }
  // Lists and maps: 3 bytes, plus 1 byte and the size of each element.
  size_t size = 3;
  if (type == "M") {
    for (const auto& [name, nested] : payload.AsMap()) size += 1 + name.size() + AttributeValueSizeBytes(nested);
  } else if (type == "L") {
    for (const Document& nested : payload.AsList()) size += 1 + AttributeValueSizeBytes(nested);
  }
  return size;
}

size_t ItemSizeBytes(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + AttributeValueSizeBytes(value);
  return size;
}

}  // namespace cloudemu::services::dynamodb
