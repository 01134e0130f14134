#include "core/document.h"

#include "core/json.h"

namespace cloudemu::core {
namespace {

const std::string& EmptyString() {
  static const std::string kEmpty;
  return kEmpty;
}
const Document& NullDocument() {
  static const Document kNull;
  return kNull;
}

}  // namespace

bool Document::AsBool(bool fallback) const {
  const bool* v = std::get_if<bool>(&value_);
  return v ? *v : fallback;
}

int64_t Document::AsInt(int64_t fallback) const {
  if (const int64_t* v = std::get_if<int64_t>(&value_)) return *v;
  if (const double* v = std::get_if<double>(&value_)) return static_cast<int64_t>(*v);
  return fallback;
}

double Document::AsDouble(double fallback) const {
  if (const double* v = std::get_if<double>(&value_)) return *v;
  if (const int64_t* v = std::get_if<int64_t>(&value_)) return static_cast<double>(*v);
  return fallback;
}

const std::string& Document::AsString() const {
  if (const std::string* v = std::get_if<std::string>(&value_)) return *v;
  if (const Blob* v = std::get_if<Blob>(&value_)) return v->bytes;
  return EmptyString();
}

std::string Document::AsString(std::string_view fallback) const {
  if (is_string() || is_blob()) return AsString();
  return std::string(fallback);
}

int64_t Document::AsTimestampMillis(int64_t fallback) const {
  const Timestamp* v = std::get_if<Timestamp>(&value_);
  return v ? v->millis : fallback;
}

const DocumentList& Document::AsList() const {
  static const DocumentList kEmpty;
  const DocumentList* v = std::get_if<DocumentList>(&value_);
  return v ? *v : kEmpty;
}

const DocumentMap& Document::AsMap() const {
  static const DocumentMap kEmpty;
  const DocumentMap* v = std::get_if<DocumentMap>(&value_);
  return v ? *v : kEmpty;
}

DocumentList& Document::MutableList() {
  if (!is_list()) value_ = DocumentList{};
  return std::get<DocumentList>(value_);
}

DocumentMap& Document::MutableMap() {
  if (!is_map()) value_ = DocumentMap{};
  return std::get<DocumentMap>(value_);
}

bool Document::Has(std::string_view key) const { return Find(key) != nullptr; }

const Document* Document::Find(std::string_view key) const {
  const DocumentMap* map = std::get_if<DocumentMap>(&value_);
  if (!map) return nullptr;
  auto it = map->find(key);
  return it == map->end() ? nullptr : &it->second;
}

const Document& Document::operator[](std::string_view key) const {
  const Document* found = Find(key);
  return found ? *found : NullDocument();
}

Document& Document::Set(std::string_view key, Document value) {
  DocumentMap& map = MutableMap();
  auto it = map.find(key);
  if (it == map.end()) return map.emplace(std::string(key), std::move(value)).first->second;
  it->second = std::move(value);
  return it->second;
}

bool Document::Erase(std::string_view key) {
  DocumentMap* map = std::get_if<DocumentMap>(&value_);
  if (!map) return false;
  auto it = map->find(key);
  if (it == map->end()) return false;
  map->erase(it);
  return true;
}

Document& Document::Append(Document value) {
  DocumentList& list = MutableList();
  list.push_back(std::move(value));
  return list.back();
}

size_t Document::size() const {
  if (const DocumentList* v = std::get_if<DocumentList>(&value_)) return v->size();
  if (const DocumentMap* v = std::get_if<DocumentMap>(&value_)) return v->size();
  return 0;
}

std::string Document::DebugString() const { return ToJson(*this); }

}  // namespace cloudemu::core
