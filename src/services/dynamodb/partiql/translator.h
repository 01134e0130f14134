// Translates a parsed PartiQL statement into one of the service's own
// operations (DESIGN rule 1): the WHERE clause becomes a key, a
// KeyConditionExpression and a Filter-/ConditionExpression in DynamoDB's
// expression language, with every name and value passed as a placeholder.
//
//   SELECT with equality on the whole primary key of a table  -> GetItem
//   SELECT with equality on the partition key (table/index)   -> Query
//   any other SELECT                                          -> Scan (+ filter)
//   INSERT INTO t VALUE {...}        -> PutItem, attribute_not_exists(partition key)
//   UPDATE t SET/REMOVE ... WHERE key -> UpdateItem, attribute_exists(partition key)
//   DELETE FROM t WHERE key           -> DeleteItem
//   EXISTS(SELECT ... WHERE key)      -> a ConditionCheck (transactions only)
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_TRANSLATOR_H_
#define CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_TRANSLATOR_H_

#include <map>
#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/partiql/statement.h"

namespace cloudemu::services::dynamodb::partiql {

struct KeyAttributes {
  std::string partition;
  std::string sort;  // empty when there is none
};

// What translation needs to know about the statement's table.
struct TableKeys {
  KeyAttributes table;
  std::map<std::string, KeyAttributes, std::less<>> indexes;  // secondary indexes by name
};

struct Translation {
  // "GetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem", or
  // "ConditionCheck" for EXISTS.
  std::string operation;
  core::Document input;  // the operation's input, shaped as the model's
};

StatusOr<Translation> Translate(const Statement& statement, const TableKeys& keys);

// "Where clause does not contain a mandatory equality on all key attributes".
Status MissingKeyEquality();

}  // namespace cloudemu::services::dynamodb::partiql

#endif  // CLOUDEMU_SERVICES_DYNAMODB_PARTIQL_TRANSLATOR_H_
