// Document paths: resolving them in items, describing them in messages, and
// collecting them into a PathTrie with DynamoDB's overlap/conflict checks.
// Thread-safety: free functions over values.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_DOCUMENT_PATH_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_DOCUMENT_PATH_H_

#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/attribute_values.h"
#include "services/dynamodb/expression/ast.h"

namespace cloudemu::services::dynamodb::expression {

// The AttributeValue at `path`, or null when any step is missing or of the
// wrong type.
const core::Document* ResolvePath(const Item& item, const Path& path);

// The AttributeValue at the first `length` elements of `path`; null when missing.
const core::Document* ResolvePrefix(const Item& item, const Path& path, size_t length);
// The same, for changing it in place.
core::Document* MutableResolvePrefix(Item& item, const Path& path, size_t length);

// "[a, b, [2]]", as DynamoDB prints paths in messages.
std::string DescribePath(const Path& path);

// Adds `path` to `trie`; when it overlaps (is equal to, or a prefix of, an
// earlier path) or conflicts with one (a member and an index of the same
// value), returns DynamoDB's message detail naming both.
class PathCollector {
 public:
  std::optional<std::string> Add(const Path& path);
  const PathTrie& trie() const { return trie_; }
  PathTrie Release() { return std::move(trie_); }

 private:
  PathTrie trie_;
  std::vector<Path> paths_;  // indexed by PathTrie::path_id
};

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_DOCUMENT_PATH_H_
