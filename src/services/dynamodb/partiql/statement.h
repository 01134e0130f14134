// A parsed PartiQL statement for DynamoDB: the subset DynamoDB accepts
// (SELECT, INSERT, UPDATE, DELETE, and EXISTS inside a transaction), with
// every literal and `?` parameter already turned into an AttributeValue.
// Thread-safety: plain values.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_STATEMENT_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

namespace cloudemu::services::dynamodb::partiql {

// One step of a document path: a.b[2] is {a}, {b}, {index 2}.
struct PathStep {
  std::string name;  // empty for an index step
  int64_t index = -1;
  bool is_index() const { return name.empty(); }
};
using Path = std::vector<PathStep>;  // the first step is always a name

struct Expr {
  enum class Kind {
    kPath,        // path
    kValue,       // value: an AttributeValue
    kCompare,     // operands[0] op operands[1]; op = <> < <= > >=
    kAnd,         // operands[0] AND operands[1]
    kOr,          // operands[0] OR operands[1]
    kNot,         // NOT operands[0]
    kBetween,     // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,          // operands[0] IN (operands[1..])
    kIsMissing,   // operands[0] IS [NOT] MISSING; negated
    kIsNull,      // operands[0] IS [NOT] NULL; negated
    kCall,        // op(operands...); op in lower case
    kArithmetic,  // operands[0] op operands[1]; op = + -
  };
  Kind kind = Kind::kValue;
  Path path;
  core::Document value;
  std::string op;
  bool negated = false;
  std::vector<Expr> operands;
};

struct Statement {
  enum class Kind { kSelect, kInsert, kUpdate, kDelete, kExists };
  struct Assignment {
    Path path;
    Expr value;
  };

  Kind kind = Kind::kSelect;
  std::string table;
  std::string index;             // SELECT ... FROM "table"."index"
  std::vector<Path> projection;  // SELECT; empty for *
  std::optional<Expr> where;
  core::Document item;                 // INSERT: attribute name -> AttributeValue
  std::vector<Assignment> assignments;  // UPDATE ... SET
  std::vector<Path> removals;           // UPDATE ... REMOVE
  std::string return_values;            // RETURNING as ReturnValues: ALL_OLD, UPDATED_NEW, ...

  bool is_read() const { return kind == Kind::kSelect; }
};

}  // namespace cloudemu::services::dynamodb::partiql

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_STATEMENT_H_
