// A small XML reader and writer for the XML-speaking protocols (restXml,
// awsQuery, ec2Query). The reader builds a tree and refuses what AWS refuses:
// malformed documents, DOCTYPE/entity declarations (no XXE), invalid UTF-8.
// Thread-safety: values; a Writer is used by one thread.
#ifndef CLOUDEMU_PROTOCOL_XML_H_
#define CLOUDEMU_PROTOCOL_XML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloudemu/status.h"

namespace cloudemu::protocol::xml {

// "s3:Key" -> "Key"; a name without prefix is its own local name.
std::string_view LocalName(std::string_view name);

struct Element {
  std::string name;  // as written, prefix included ("s3:Key")
  std::vector<std::pair<std::string, std::string>> attributes;  // names as written
  std::string text;  // character data directly inside this element, entities decoded
  std::vector<Element> children;

  std::string_view local_name() const;  // name without its prefix
  // First child / all children whose local name is `local_name`.
  const Element* Child(std::string_view local_name) const;
  std::vector<const Element*> Children(std::string_view local_name) const;
  // Attribute by local name (so "xsi:type" matches "type"); null when absent.
  const std::string* Attribute(std::string_view local_name) const;
};

// Parses a whole document. Errors have code "MalformedXML" (HTTP 400) and a
// message saying where the document went wrong.
StatusOr<Element> Parse(std::string_view document);
// The same error for a document that parses but does not fit the schema
// (a member whose text is not of its type, a wrong root element).
Status MalformedError(std::string_view reason);

// Escapes &, <, >, " and ' (and control characters as numeric references).
std::string Escape(std::string_view text);

// Streams a document: Start/End nest, Leaf writes <name>text</name>.
class Writer {
 public:
  explicit Writer(bool with_declaration = true);
  void Start(std::string_view name);
  // Only directly after Start.
  void Attribute(std::string_view name, std::string_view value);
  void Text(std::string_view text);
  void End();
  void Leaf(std::string_view name, std::string_view text);
  // Closes anything still open and returns the document.
  std::string Finish();

 private:
  void CloseStartTag();
  std::string out_;
  std::vector<std::string> open_;
  bool start_tag_open_ = false;
};

}  // namespace cloudemu::protocol::xml

#endif  // CLOUDEMU_PROTOCOL_XML_H_
