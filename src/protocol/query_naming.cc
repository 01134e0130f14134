#include "protocol/query_naming.h"

namespace cloudemu::protocol {

bool QueryNaming::Flattened(const MemberRef& ref) const {
  return dialect_ == QueryDialect::kQuery && (ref.flattened || ref.shape->flattened);
}

std::string_view QueryNaming::SerializedName(const MemberRef& ref) const {
  if (!ref.location_name.empty()) return ref.location_name;
  if (const QueryShapeNames* names = index_.QueryNames(ref.shape); names && !names->name.empty()) return names->name;
  return ref.shape->location_name;
}

std::string_view QueryNaming::ListMemberName(const Shape& list) const {
  if (!list.member->location_name.empty()) return list.member->location_name;
  if (const QueryShapeNames* names = index_.QueryNames(&list); names && !names->member.empty()) return names->member;
  return list.member->shape ? std::string_view(list.member->shape->location_name) : std::string_view();
}

std::string QueryNaming::InputName(const MemberRef& ref) const {
  if (dialect_ == QueryDialect::kEc2) {
    // botocore's EC2Serializer: queryName, else locationName with its first
    // letter upper-cased, else the member name.
    if (!ref.query_name.empty()) return std::string(ref.query_name);
    std::string name(SerializedName(ref));
    if (name.empty()) return std::string(ref.name);
    if (name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
  }
  // A flattened list whose member has a name is named by it (Attribute.1,
  // not Attributes.1).
  if (ref.shape->type == ShapeType::kList && Flattened(ref)) {
    if (std::string_view item = ListMemberName(*ref.shape); !item.empty()) return std::string(item);
  }
  std::string_view name = SerializedName(ref);
  return std::string(name.empty() ? std::string_view(ref.name) : name);
}

std::string_view QueryNaming::InputListItemName(const Shape& list) const {
  std::string_view name = ListMemberName(list);
  return name.empty() ? "member" : name;
}

std::string_view QueryNaming::OutputName(const MemberRef& ref) const {
  if (ref.shape->type == ShapeType::kList && Flattened(ref)) {
    if (std::string_view item = ListMemberName(*ref.shape); !item.empty()) return item;
  }
  std::string_view name = SerializedName(ref);
  return name.empty() ? std::string_view(ref.name) : name;
}

std::string_view QueryNaming::OutputListItemName(const Shape& list) const {
  std::string_view name = ListMemberName(list);
  if (!name.empty()) return name;
  return dialect_ == QueryDialect::kEc2 ? "item" : "member";
}

std::string_view QueryNaming::MapKeyName(const Shape& map) const {
  if (!map.key->location_name.empty()) return map.key->location_name;
  if (const QueryShapeNames* names = index_.QueryNames(&map); names && !names->member.empty()) return names->member;
  return "key";
}

std::string_view QueryNaming::MapValueName(const Shape& map) const {
  if (!map.value->location_name.empty()) return map.value->location_name;
  if (const QueryShapeNames* names = index_.QueryNames(&map); names && !names->value.empty()) return names->value;
  return "value";
}

}  // namespace cloudemu::protocol
