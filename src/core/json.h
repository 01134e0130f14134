// Plain JSON <-> Document, for stored records, snapshots, fixtures and the
// internal endpoints. (Wire JSON is the protocol codecs' job: they follow the
// service model; this follows nothing but JSON.)
//
// Records read and written on every request can skip the Document in
// between: JsonWriter writes JSON text member by member, and JsonText parses
// a text once and hands out JsonValue views into it.
// Thread-safety: value types; no internal synchronisation.
#ifndef CLOUDEMU_CORE_JSON_H_
#define CLOUDEMU_CORE_JSON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::core {

// Blobs are written as base64 strings, timestamps as epoch seconds (with
// milliseconds as a fraction). Integers stay integers.
std::string ToJson(const Document& doc, bool pretty = false);

// Numbers without fraction or exponent become kInt, others kDouble.
// Errors are InvalidArgument with code "SerializationException".
StatusOr<Document> FromJson(std::string_view text);

// Compact JSON text, written as ToJson writes it, without a Document:
//   JsonWriter w;  w.StartObject();  w.Key("name");  w.String(name);  w.EndObject();
// The caller keeps the calls well-formed (a Key before each member value).
class JsonWriter {
 public:
  JsonWriter() { out_.reserve(kInitialCapacity); }

  void StartObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void StartArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Any Document, as ToJson writes it.
  void Value(const Document& value);

  // The text written so far; the writer is empty afterwards.
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  void Open(char bracket);
  void Close(char bracket);

  static constexpr size_t kInitialCapacity = 512;  // a typical record
  std::string out_;
  bool after_value_ = false;  // the next value or key needs a comma first
};

class JsonText;

// A view of one value inside a JsonText; valid while the JsonText lives.
// Accessors answer neutrally for another kind, like Document's.
class JsonValue {
 public:
  bool is_null() const;
  bool is_string() const;
  bool is_object() const;
  bool is_array() const;

  std::string_view AsString(std::string_view fallback = {}) const;
  int64_t AsInt(int64_t fallback = 0) const;  // integers only
  bool AsBool(bool fallback = false) const;

  // Members of an object, in text order (0 for other kinds).
  size_t member_count() const;
  std::string_view member_name(size_t index) const;
  JsonValue member_value(size_t index) const;
  // Items of an array (0 for other kinds).
  size_t item_count() const;
  JsonValue item(size_t index) const;

  // The value as FromJson would return it.
  Document ToDocument() const;

 private:
  friend class JsonText;
  explicit JsonValue(const void* value) : value_(value) {}
  const void* value_;  // a rapidjson value
};

// A parsed JSON text. Small texts are parsed without touching the heap
// beyond one allocation.
class JsonText {
 public:
  // Errors as FromJson's.
  static StatusOr<JsonText> Parse(std::string_view text);
  JsonText(JsonText&&) noexcept;
  JsonText& operator=(JsonText&&) noexcept;
  ~JsonText();

  JsonValue root() const;

 private:
  struct Impl;
  explicit JsonText(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_JSON_H_
