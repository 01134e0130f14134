// The parsed forms of DynamoDB expressions: document paths, operands,
// conditions, update actions and projection tries. Parsers build them once;
// evaluators walk them without re-parsing. Placeholders (#n, :v) are already
// substituted: a path holds real attribute names, a value operand its
// (normalised) AttributeValue.
// Thread-safety: plain immutable-after-construction values.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_AST_H_
#define CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_AST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"

namespace cloudemu::services::dynamodb::expression {

// One step of a document path: a map member (or top-level attribute) name,
// or a list index.
struct PathElement {
  std::string name;
  int32_t index = -1;  // >= 0 for a list index
  bool is_index() const { return index >= 0; }
  bool operator==(const PathElement&) const = default;
};
using Path = std::vector<PathElement>;  // the first element is always a name

struct Operand {
  enum class Kind : uint8_t {
    kPath,         // path
    kValue,        // value
    kSize,         // size(path)
    kIfNotExists,  // if_not_exists(path, args[0])
    kListAppend,   // list_append(args[0], args[1])
    kPlus,         // args[0] + args[1]
    kMinus,        // args[0] - args[1]
  };
  Kind kind = Kind::kValue;
  Path path;
  core::Document value;
  std::vector<Operand> args;
};

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

inline std::string_view ComparatorText(Comparator comparator) {
  constexpr std::string_view kTexts[] = {"=", "<>", "<", "<=", ">", ">="};
  return kTexts[static_cast<size_t>(comparator)];
}

struct Condition {
  enum class Kind : uint8_t {
    kCompare,     // operands[0] comparator operands[1]
    kBetween,     // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,          // operands[0] IN (operands[1..])
    kAnd,         // children[0] AND children[1]
    kOr,          // children[0] OR children[1]
    kNot,         // NOT children[0]
    kExists,      // attribute_exists(operands[0])
    kNotExists,   // attribute_not_exists(operands[0])
    kType,        // attribute_type(operands[0], operands[1])
    kBeginsWith,  // begins_with(operands[0], operands[1])
    kContains,    // contains(operands[0], operands[1])
  };
  Kind kind = Kind::kCompare;
  Comparator comparator = Comparator::kEq;
  std::vector<Operand> operands;
  std::vector<Condition> children;
};

struct ConditionTree {
  Condition root;
};

// A trie of document paths: what a projection returns and what an update
// touches. Children keep insertion-independent order (names sorted, indexes
// ascending) so applying it is deterministic.
struct PathTrie {
  bool leaf = false;  // a path ends here: take the whole value
  int path_id = -1;   // the first path collected through this node, for messages
  std::vector<std::pair<std::string, PathTrie>> members;
  std::vector<std::pair<int32_t, PathTrie>> elements;
};

struct ProjectionTree {
  PathTrie trie;
  std::vector<std::string> top_level;  // in first-use order
};

struct UpdateAction {
  enum class Kind : uint8_t { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  Path path;
  Operand value;  // kSet: the new value; kAdd/kDelete: the value operand
  // Legacy AttributeUpdates ADD also appends lists.
  bool legacy = false;
};

struct UpdateProgram {
  std::vector<UpdateAction> actions;  // SET/ADD/DELETE/REMOVE in text order
  PathTrie touched;                   // every action's path
};

}  // namespace cloudemu::services::dynamodb::expression

#endif  // CLOUDEMU_SERVICES_DYNAMODB_EXPRESSION_AST_H_
