// Document: the value every operation takes and returns.
//
// Codecs turn wire requests into Documents shaped by the AWS service model
// (member names as the model spells them) and Documents back into wire
// responses; services only ever see Documents. Kinds mirror the model's
// scalar types so codecs can round-trip without guessing.
// Thread-safety: a value type; no internal synchronisation.
#ifndef CLOUDEMU_CORE_DOCUMENT_H_
#define CLOUDEMU_CORE_DOCUMENT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cloudemu::core {

class Document;
using DocumentList = std::vector<Document>;
using DocumentMap = std::map<std::string, Document, std::less<>>;

// Marker types so a blob and a timestamp stay distinct from string and integer.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
struct Timestamp {
  int64_t millis = 0;  // since the Unix epoch
  bool operator==(const Timestamp&) const = default;
};

class Document {
 public:
  enum class Kind { kNull, kBool, kInt, kDouble, kString, kBlob, kTimestamp, kList, kMap };

  Document() = default;
  Document(bool v) : value_(v) {}                          // NOLINT
  Document(int v) : value_(static_cast<int64_t>(v)) {}     // NOLINT
  Document(int64_t v) : value_(v) {}                       // NOLINT
  Document(uint64_t v) : value_(static_cast<int64_t>(v)) {}  // NOLINT
  Document(double v) : value_(v) {}                        // NOLINT
  Document(const char* v) : value_(std::string(v)) {}      // NOLINT
  Document(std::string v) : value_(std::move(v)) {}        // NOLINT
  Document(std::string_view v) : value_(std::string(v)) {}  // NOLINT
  Document(Blob v) : value_(std::move(v)) {}               // NOLINT
  Document(Timestamp v) : value_(v) {}                     // NOLINT
  Document(DocumentList v) : value_(std::move(v)) {}       // NOLINT
  Document(DocumentMap v) : value_(std::move(v)) {}        // NOLINT

  static Document Map() { return Document(DocumentMap{}); }
  static Document List() { return Document(DocumentList{}); }

  Kind kind() const { return static_cast<Kind>(value_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_double() const { return kind() == Kind::kDouble; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_blob() const { return kind() == Kind::kBlob; }
  bool is_timestamp() const { return kind() == Kind::kTimestamp; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_map() const { return kind() == Kind::kMap; }

  // Accessors return a neutral value when the kind differs, so optional
  // members read naturally: input["MaxKeys"].AsInt(1000).
  bool AsBool(bool fallback = false) const;
  int64_t AsInt(int64_t fallback = 0) const;  // doubles are truncated
  double AsDouble(double fallback = 0) const;
  // The text of a string, or the bytes of a blob.
  const std::string& AsString() const;
  std::string AsString(std::string_view fallback) const;
  int64_t AsTimestampMillis(int64_t fallback = 0) const;
  const DocumentList& AsList() const;
  const DocumentMap& AsMap() const;
  DocumentList& MutableList();  // turns a null into an empty list
  DocumentMap& MutableMap();    // turns a null into an empty map

  // Map access. operator[] on a const Document yields a shared null when absent.
  bool Has(std::string_view key) const;
  const Document& operator[](std::string_view key) const;
  const Document* Find(std::string_view key) const;
  Document& Set(std::string_view key, Document value);  // returns the stored value
  bool Erase(std::string_view key);
  // List access.
  Document& Append(Document value);
  size_t size() const;  // elements of a list or map, 0 otherwise
  bool empty() const { return size() == 0; }

  bool operator==(const Document& other) const { return value_ == other.value_; }

  // Compact JSON for debugging and test failure messages; blobs as base64,
  // timestamps as epoch seconds.
  std::string DebugString() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Blob, Timestamp, DocumentList,
               DocumentMap>
      value_;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_DOCUMENT_H_
