#include "services/dynamodb/record_codec.h"

#include <cstdint>
#include <cstring>

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

void PutVarint(uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutBytes(std::string_view bytes, std::string& out) {
  PutVarint(bytes.size(), out);
  out.append(bytes);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return pos_ == bytes_.size(); }

  bool Varint(uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return false;
      uint8_t byte = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool Bytes(std::string_view& out) {
    uint64_t size = 0;
    if (!Varint(size) || size > bytes_.size() - pos_) return false;
    out = bytes_.substr(pos_, size);
    pos_ += size;
    return true;
  }
  bool Byte(uint8_t& out) {
    if (pos_ >= bytes_.size()) return false;
    out = static_cast<uint8_t>(bytes_[pos_++]);
    return true;
  }

  bool Value(Document& out, int depth) {
    uint8_t kind = 0;
    if (depth > 64 || !Byte(kind)) return false;
    uint64_t number = 0;
    std::string_view bytes;
    switch (static_cast<Document::Kind>(kind)) {
      case Document::Kind::kNull:
        out = Document();
        return true;
      case Document::Kind::kBool:
        if (!Byte(kind)) return false;
        out = Document(kind != 0);
        return true;
      case Document::Kind::kInt:
        if (!Varint(number)) return false;
        out = Document(static_cast<int64_t>(number));
        return true;
      case Document::Kind::kDouble: {
        if (!Varint(number)) return false;
        double d;
        std::memcpy(&d, &number, sizeof d);
        out = Document(d);
        return true;
      }
      case Document::Kind::kString:
        if (!Bytes(bytes)) return false;
        out = Document(bytes);
        return true;
      case Document::Kind::kBlob:
        if (!Bytes(bytes)) return false;
        out = Document(core::Blob{std::string(bytes)});
        return true;
      case Document::Kind::kTimestamp:
        if (!Varint(number)) return false;
        out = Document(core::Timestamp{static_cast<int64_t>(number)});
        return true;
      case Document::Kind::kList: {
        if (!Varint(number)) return false;
        out = Document::List();
        core::DocumentList& list = out.MutableList();
        list.reserve(number);
        for (uint64_t i = 0; i < number; ++i) {
          if (!Value(list.emplace_back(), depth + 1)) return false;
        }
        return true;
      }
      case Document::Kind::kMap: {
        if (!Varint(number)) return false;
        out = Document::Map();
        core::DocumentMap& map = out.MutableMap();
        for (uint64_t i = 0; i < number; ++i) {
          if (!Bytes(bytes)) return false;
          // Members were written in key order: append at the end.
          auto it = map.emplace_hint(map.end(), std::string(bytes), Document());
          if (!Value(it->second, depth + 1)) return false;
        }
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

void AppendRecord(const Document& doc, std::string& out) {
  out.push_back(static_cast<char>(doc.kind()));
  switch (doc.kind()) {
    case Document::Kind::kNull:
      break;
    case Document::Kind::kBool:
      out.push_back(doc.AsBool() ? 1 : 0);
      break;
    case Document::Kind::kInt:
      PutVarint(static_cast<uint64_t>(doc.AsInt()), out);
      break;
    case Document::Kind::kDouble: {
      double d = doc.AsDouble();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      PutVarint(bits, out);
      break;
    }
    case Document::Kind::kString:
    case Document::Kind::kBlob:
      PutBytes(doc.AsString(), out);
      break;
    case Document::Kind::kTimestamp:
      PutVarint(static_cast<uint64_t>(doc.AsTimestampMillis()), out);
      break;
    case Document::Kind::kList:
      PutVarint(doc.size(), out);
      for (const Document& item : doc.AsList()) AppendRecord(item, out);
      break;
    case Document::Kind::kMap:
      PutVarint(doc.size(), out);
      for (const auto& [name, value] : doc.AsMap()) {
        PutBytes(name, out);
        AppendRecord(value, out);
      }
      break;
  }
}

std::string EncodeRecord(const Document& doc) {
  std::string out;
  AppendRecord(doc, out);
  return out;
}

std::optional<Document> DecodeRecord(std::string_view bytes) {
  Reader reader(bytes);
  Document doc;
  if (!reader.Value(doc, 0) || !reader.done()) return std::nullopt;
  return doc;
}

}  // namespace cloudemu::services::dynamodb
