#include "protocol/xml.h"

#include <cstdint>
#include <string>

#include "core/utf8.h"

namespace cloudemu::protocol::xml {
namespace {

constexpr int kMaxDepth = 100;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameStart(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || u >= 0x80;
}

bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

void AppendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

bool IsAllSpace(std::string_view text) {
  for (char c : text) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

// A recursive-descent parser over the whole document. Every failure records
// the first error and unwinds by returning false.
class Parser {
 public:
  explicit Parser(std::string_view doc) : doc_(doc) {}

  StatusOr<Element> ParseDocument() {
    if (!core::IsValidUtf8(doc_)) return Fail("invalid UTF-8");
    if (doc_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte order mark
    if (Peek("<?xml") && pos_ + 5 < doc_.size() && IsSpace(doc_[pos_ + 5])) {
      size_t end = doc_.find("?>", pos_);
      if (end == std::string_view::npos) return Fail("unterminated XML declaration");
      pos_ = end + 2;
    }
    if (!SkipMisc()) return error_;
    if (!Peek("<")) return Fail(pos_ >= doc_.size() ? "no root element" : "content before the root element");
    Element root;
    if (!ParseElement(root, 1)) return error_;
    if (!SkipMisc()) return error_;
    if (pos_ != doc_.size()) return Fail("content after the root element");
    return root;
  }

 private:
  Status Fail(std::string_view reason) {
    error_ = MalformedError("offset " + std::to_string(pos_) + ": " + std::string(reason));
    return error_;
  }
  bool FailBool(std::string_view reason) {
    Fail(reason);
    return false;
  }

  bool Peek(std::string_view s) const { return doc_.substr(pos_, s.size()) == s; }

  void SkipSpace() {
    while (pos_ < doc_.size() && IsSpace(doc_[pos_])) ++pos_;
  }

  // Whitespace, comments and processing instructions outside the root.
  bool SkipMisc() {
    while (true) {
      SkipSpace();
      if (Peek("<!--")) {
        if (!SkipComment()) return false;
      } else if (Peek("<?")) {
        if (!SkipProcessingInstruction()) return false;
      } else if (Peek("<!")) {
        return FailBool("DOCTYPE and entity declarations are not allowed");
      } else {
        return true;
      }
    }
  }

  bool SkipComment() {
    size_t end = doc_.find("-->", pos_ + 4);
    if (end == std::string_view::npos) return FailBool("unterminated comment");
    pos_ = end + 3;
    return true;
  }

  bool SkipProcessingInstruction() {
    size_t start = pos_ + 2;
    size_t end = doc_.find("?>", start);
    if (end == std::string_view::npos) return FailBool("unterminated processing instruction");
    std::string_view target = doc_.substr(start, 3);
    if ((target == "xml" || target == "XML") && (start + 3 == end || IsSpace(doc_[start + 3]))) {
      return FailBool("XML declaration not at the start of the document");
    }
    pos_ = end + 2;
    return true;
  }

  bool ParseName(std::string& name) {
    size_t start = pos_;
    if (pos_ >= doc_.size() || !IsNameStart(doc_[pos_])) return FailBool("expected a name");
    while (pos_ < doc_.size() && IsNameChar(doc_[pos_])) ++pos_;
    name.assign(doc_.substr(start, pos_ - start));
    return true;
  }

  // Decodes the reference at pos_ ('&' ... ';') into out.
  bool ParseReference(std::string& out) {
    size_t end = doc_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) return FailBool("unterminated entity reference");
    std::string_view ref = doc_.substr(pos_ + 1, end - pos_ - 1);
    if (ref == "amp") {
      out += '&';
    } else if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "apos") {
      out += '\'';
    } else if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty()) return FailBool("empty character reference");
      uint32_t code = 0;
      for (char c : digits) {
        int v;
        if (c >= '0' && c <= '9') {
          v = c - '0';
        } else if (hex && c >= 'a' && c <= 'f') {
          v = c - 'a' + 10;
        } else if (hex && c >= 'A' && c <= 'F') {
          v = c - 'A' + 10;
        } else {
          return FailBool("invalid character reference");
        }
        code = code * (hex ? 16 : 10) + static_cast<uint32_t>(v);
        if (code > 0x10FFFF) return FailBool("character reference out of range");
      }
      if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) return FailBool("invalid character reference");
      AppendUtf8(code, out);
    } else {
      return FailBool("undefined entity");
    }
    pos_ = end + 1;
    return true;
  }

  // Character data up to the next '<' (or, in an attribute, the closing quote),
  // with line endings normalised and references decoded.
  bool ParseCharData(std::string& out, char terminator) {
    while (pos_ < doc_.size()) {
      char c = doc_[pos_];
      if (c == terminator) return true;
      if (c == '&') {
        if (!ParseReference(out)) return false;
        continue;
      }
      if (c == '<') return FailBool("'<' in an attribute value");
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') return FailBool("control character");
      if (c == '\r') {
        out += '\n';
        if (pos_ + 1 < doc_.size() && doc_[pos_ + 1] == '\n') ++pos_;
      } else if (terminator != '<' && (c == '\n' || c == '\t')) {
        out += ' ';  // attribute-value normalisation
      } else {
        out += c;
      }
      ++pos_;
    }
    return terminator == '<' ? true : FailBool("unterminated attribute value");
  }

  bool ParseAttributes(Element& element) {
    while (true) {
      size_t before = pos_;
      SkipSpace();
      if (pos_ >= doc_.size()) return FailBool("unterminated start tag");
      if (doc_[pos_] == '>' || doc_[pos_] == '/') return true;
      if (pos_ == before) return FailBool("expected whitespace before an attribute");
      std::string name;
      if (!ParseName(name)) return false;
      for (const auto& attribute : element.attributes) {
        if (attribute.first == name) return FailBool("duplicate attribute");
      }
      SkipSpace();
      if (pos_ >= doc_.size() || doc_[pos_] != '=') return FailBool("expected '=' after an attribute name");
      ++pos_;
      SkipSpace();
      if (pos_ >= doc_.size() || (doc_[pos_] != '"' && doc_[pos_] != '\'')) {
        return FailBool("attribute value not quoted");
      }
      char quote = doc_[pos_++];
      std::string value;
      if (!ParseCharData(value, quote)) return false;
      ++pos_;  // closing quote
      element.attributes.emplace_back(std::move(name), std::move(value));
    }
  }

  bool ParseElement(Element& element, int depth) {
    if (depth > kMaxDepth) return FailBool("elements nested too deeply");
    ++pos_;  // '<'
    if (!ParseName(element.name)) return false;
    if (!ParseAttributes(element)) return false;
    if (doc_[pos_] == '/') {
      if (pos_ + 1 >= doc_.size() || doc_[pos_ + 1] != '>') return FailBool("expected '>' after '/'");
      pos_ += 2;
      return true;
    }
    ++pos_;  // '>'
    while (true) {
      if (!ParseCharData(element.text, '<')) return false;
      if (pos_ >= doc_.size()) return FailBool("unclosed element <" + element.name + ">");
      if (Peek("</")) {
        pos_ += 2;
        std::string name;
        if (!ParseName(name)) return false;
        if (name != element.name) return FailBool("mismatched end tag </" + name + "> for <" + element.name + ">");
        SkipSpace();
        if (pos_ >= doc_.size() || doc_[pos_] != '>') return FailBool("expected '>' in end tag");
        ++pos_;
        break;
      }
      if (Peek("<!--")) {
        if (!SkipComment()) return false;
      } else if (Peek("<![CDATA[")) {
        size_t end = doc_.find("]]>", pos_ + 9);
        if (end == std::string_view::npos) return FailBool("unterminated CDATA section");
        element.text.append(doc_.substr(pos_ + 9, end - pos_ - 9));
        pos_ = end + 3;
      } else if (Peek("<!")) {
        return FailBool("DOCTYPE and entity declarations are not allowed");
      } else if (Peek("<?")) {
        if (!SkipProcessingInstruction()) return false;
      } else {
        element.children.emplace_back();
        if (!ParseElement(element.children.back(), depth + 1)) return false;
      }
    }
    // Indentation between child elements is not content.
    if (!element.children.empty() && IsAllSpace(element.text)) element.text.clear();
    return true;
  }

  std::string_view doc_;
  size_t pos_ = 0;
  Status error_;
};

}  // namespace

std::string_view LocalName(std::string_view name) {
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view Element::local_name() const { return LocalName(name); }

const Element* Element::Child(std::string_view local) const {
  for (const Element& child : children) {
    if (child.local_name() == local) return &child;
  }
  return nullptr;
}

std::vector<const Element*> Element::Children(std::string_view local) const {
  std::vector<const Element*> found;
  for (const Element& child : children) {
    if (child.local_name() == local) found.push_back(&child);
  }
  return found;
}

const std::string* Element::Attribute(std::string_view local) const {
  for (const auto& [name, value] : attributes) {
    if (LocalName(name) == local) return &value;
  }
  return nullptr;
}

StatusOr<Element> Parse(std::string_view document) { return Parser(document).ParseDocument(); }

Status MalformedError(std::string_view reason) {
  return Status::Error("MalformedXML",
                       "The XML you provided was not well-formed or did not validate against our published schema (" +
                           std::string(reason) + ")",
                       400);
}

namespace {

void AppendEscaped(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "&#";
          out += std::to_string(static_cast<int>(c));
          out += ';';
        } else {
          out += c;
        }
    }
  }
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(text, out);
  return out;
}

Writer::Writer(bool with_declaration) {
  if (with_declaration) out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void Writer::CloseStartTag() {
  if (start_tag_open_) {
    out_ += '>';
    start_tag_open_ = false;
  }
}

void Writer::Start(std::string_view name) {
  CloseStartTag();
  out_ += '<';
  out_ += name;
  open_.emplace_back(name);
  start_tag_open_ = true;
}

void Writer::Attribute(std::string_view name, std::string_view value) {
  if (!start_tag_open_) return;
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  AppendEscaped(value, out_);
  out_ += '"';
}

void Writer::Text(std::string_view text) {
  CloseStartTag();
  AppendEscaped(text, out_);
}

void Writer::End() {
  if (open_.empty()) return;
  CloseStartTag();
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void Writer::Leaf(std::string_view name, std::string_view text) {
  Start(name);
  Text(text);
  End();
}

std::string Writer::Finish() {
  while (!open_.empty()) End();
  return std::move(out_);
}

}  // namespace cloudemu::protocol::xml
