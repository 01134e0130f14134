// AttributeValues and Items: DynamoDB's value model over core::Document.
//
// An AttributeValue is a Document map in wire shape with exactly one type
// member: {"S":"x"} {"N":"1.5"} {"B":Blob} {"SS":[...]} {"NS":[...]}
// {"BS":[...]} {"M":{...}} {"L":[...]} {"NULL":true} {"BOOL":true}. An Item
// maps attribute names to AttributeValues. Numbers are compared as decimals,
// sets as unordered collections, binaries as unsigned bytes.
// Thread-safety: free functions over values; no shared state.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_ATTRIBUTE_VALUES_H_
#define CLOUDEMU_SERVICES_DYNAMODB_ATTRIBUTE_VALUES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::dynamodb {

using Item = core::DocumentMap;  // attribute name -> AttributeValue

// "S","N","B","SS","NS","BS","M","L","NULL","BOOL"; "" when `value` is not a
// map with exactly one known type member.
std::string_view TypeOf(const core::Document& value);
// The payload of an AttributeValue (the member's value); a null Document when
// `value` has no single member.
const core::Document& Payload(const core::Document& value);
// Builds {type: payload}.
core::Document MakeValue(std::string_view type, core::Document payload);

bool IsSetType(std::string_view type);      // SS, NS, BS
bool IsOrderedType(std::string_view type);  // S, N, B: the types < and BETWEEN compare
// A set element as a comparable key: canonical text for NS ("1.0" -> "1").
std::string SetElementKey(std::string_view set_type, const core::Document& element);

// One type member; valid numbers; NULL is true; sets non-empty without
// duplicates; nested maps and lists valid throughout. AWS's messages.
Status ValidateAttributeValue(const core::Document& value);
// Every attribute of an item (names non-empty, values valid).
Status ValidateItem(const Item& item);

// Numbers (also inside sets, maps and lists) in canonical text.
core::Document NormalizeValue(const core::Document& value);
void NormalizeItem(Item& item);

// Numbers by value, sets unordered, maps by member, lists in order.
bool AttributeValuesEqual(const core::Document& a, const core::Document& b);
// Orders two values of the same scalar type S|N|B: UTF-8 bytes, decimal
// value, unsigned bytes. Values of other or different types compare by type name.
int CompareKeyValues(const core::Document& a, const core::Document& b);

// DynamoDB's size rules (attribute names + values), for the 400 KB item limit
// and consumed capacity.
size_t AttributeValueSizeBytes(const core::Document& value);
size_t ItemSizeBytes(const Item& item);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_ATTRIBUTE_VALUES_H_
