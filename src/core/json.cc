#include "core/json.h"

#include <array>
#include <charconv>
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

// What JsonText parses into: the values and the parser's stack both start in
// inline buffers, so a record-sized text costs one allocation (the Impl).
using PoolAllocator = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using ParsedDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, PoolAllocator, PoolAllocator>;
constexpr size_t kInlineValueBytes = 3072;
constexpr size_t kInlineStackBytes = 1024;
// Beyond the inline buffers (large fixtures, snapshots).
constexpr size_t kChunkBytes = 16 * 1024;

const rapidjson::Value& Get(const void* value) { return *static_cast<const rapidjson::Value*>(value); }

constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<size_t>(c)] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

bool NeedsEscape(unsigned char c) { return kNeedsEscape[c]; }

// rapidjson's writer escapes these control characters with a letter.
char ShortEscape(unsigned char c) {
  switch (c) {
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\f': return 'f';
    case '\r': return 'r';
    default: return 0;
  }
}

}  // namespace

struct JsonText::Impl {
  Impl()
      : value_allocator(value_buffer, sizeof value_buffer, kChunkBytes),
        stack_allocator(stack_buffer, sizeof stack_buffer, kChunkBytes),
        document(&value_allocator, kInlineStackBytes / 2, &stack_allocator) {}

  alignas(8) char value_buffer[kInlineValueBytes];
  alignas(8) char stack_buffer[kInlineStackBytes];
  PoolAllocator value_allocator;
  PoolAllocator stack_allocator;
  ParsedDocument document;
};

StatusOr<JsonText> JsonText::Parse(std::string_view text) {
  auto impl = std::make_unique<Impl>();
  impl->document.Parse(text.data(), text.size());
  if (impl->document.HasParseError()) {
    return Status::InvalidArgument(
        "SerializationException",
        std::string("malformed JSON at offset ") + std::to_string(impl->document.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(impl->document.GetParseError()));
  }
  return JsonText(std::move(impl));
}

JsonText::JsonText(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonText::JsonText(JsonText&&) noexcept = default;
JsonText& JsonText::operator=(JsonText&&) noexcept = default;
JsonText::~JsonText() = default;

JsonValue JsonText::root() const { return JsonValue(static_cast<const rapidjson::Value*>(&impl_->document)); }

bool JsonValue::is_null() const { return Get(value_).IsNull(); }
bool JsonValue::is_string() const { return Get(value_).IsString(); }
bool JsonValue::is_object() const { return Get(value_).IsObject(); }
bool JsonValue::is_array() const { return Get(value_).IsArray(); }

std::string_view JsonValue::AsString(std::string_view fallback) const {
  const rapidjson::Value& v = Get(value_);
  return v.IsString() ? std::string_view(v.GetString(), v.GetStringLength()) : fallback;
}

int64_t JsonValue::AsInt(int64_t fallback) const {
  const rapidjson::Value& v = Get(value_);
  if (v.IsInt64()) return v.GetInt64();
  // As Document: a number beyond int64 or with a fraction is truncated.
  if (v.IsNumber()) return static_cast<int64_t>(v.GetDouble());
  return fallback;
}

bool JsonValue::AsBool(bool fallback) const {
  const rapidjson::Value& v = Get(value_);
  return v.IsBool() ? v.GetBool() : fallback;
}

size_t JsonValue::member_count() const {
  const rapidjson::Value& v = Get(value_);
  return v.IsObject() ? v.MemberCount() : 0;
}

std::string_view JsonValue::member_name(size_t index) const {
  const rapidjson::Value& name = (Get(value_).MemberBegin() + static_cast<ptrdiff_t>(index))->name;
  return std::string_view(name.GetString(), name.GetStringLength());
}

JsonValue JsonValue::member_value(size_t index) const {
  return JsonValue(&(Get(value_).MemberBegin() + static_cast<ptrdiff_t>(index))->value);
}

size_t JsonValue::item_count() const {
  const rapidjson::Value& v = Get(value_);
  return v.IsArray() ? v.Size() : 0;
}

JsonValue JsonValue::item(size_t index) const { return JsonValue(&Get(value_)[static_cast<rapidjson::SizeType>(index)]); }

Document JsonValue::ToDocument() const { return Convert(Get(value_)); }

void JsonWriter::Separate() {
  if (after_value_) out_ += ',';
}

void JsonWriter::Open(char bracket) {
  Separate();
  out_ += bracket;
  after_value_ = false;
}

void JsonWriter::Close(char bracket) {
  out_ += bracket;
  after_value_ = true;
}

void JsonWriter::Key(std::string_view key) {
  String(key);
  out_ += ':';
  after_value_ = false;
}

// Escapes as rapidjson's writer does, so that both write the same text.
void JsonWriter::String(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  Separate();
  out_ += '"';
  size_t plain = 0;  // start of the run of characters that need no escape
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (!NeedsEscape(c)) continue;
    out_.append(value.data() + plain, i - plain);
    plain = i + 1;
    out_ += '\\';
    if (c == '"' || c == '\\') {
      out_ += static_cast<char>(c);
    } else if (char letter = ShortEscape(c)) {
      out_ += letter;
    } else {
      out_ += "u00";
      out_ += kHex[c >> 4];
      out_ += kHex[c & 0xF];
    }
  }
  out_.append(value.data() + plain, value.size() - plain);
  out_ += '"';
  after_value_ = true;
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  after_value_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
  after_value_ = true;
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
  after_value_ = true;
}

void JsonWriter::Value(const Document& value) {
  if (value.is_null()) return Null();
  Separate();
  out_ += ToJson(value);
  after_value_ = true;
}

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
  StatusOr<JsonText> parsed = JsonText::Parse(text);
  if (!parsed.ok()) return parsed.status();
  return parsed->root().ToDocument();
}

}  // namespace cloudemu::core
