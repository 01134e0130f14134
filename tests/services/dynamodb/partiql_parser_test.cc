// PartiQL statements parsed into Statements: literals become
// AttributeValues, `?` takes the request's Parameters in order, and malformed
// text gets DynamoDB's ValidationException.
#include <gtest/gtest.h>

#include <string>

#include "core/json.h"
#include "services/dynamodb/partiql/lexer.h"
#include "services/dynamodb/partiql/parser.h"

namespace cloudemu::services::dynamodb::partiql {
namespace {

core::Document Json(std::string_view text) {
  auto doc = core::FromJson(text);
  EXPECT_TRUE(doc.ok()) << text;
  return doc.ok() ? *doc : core::Document();
}

Statement MustParse(std::string_view text, const core::DocumentList& parameters = {}) {
  auto statement = ParseStatement(text, parameters);
  EXPECT_TRUE(statement.ok()) << text << ": " << statement.status().ToString();
  return statement.ok() ? *statement : Statement();
}

Status ParseError(std::string_view text, const core::DocumentList& parameters = {}) {
  auto statement = ParseStatement(text, parameters);
  EXPECT_FALSE(statement.ok()) << text;
  return statement.ok() ? Status() : statement.status();
}

bool IsMalformed(const Status& status) {
  return status.code() == "ValidationException" &&
         status.message().rfind("Statement wasn't well formed, can't be processed: ", 0) == 0;
}

TEST(PartiqlLexerTest, QuotesNumbersAndSymbols) {
  auto tokens = Tokenize(R"(SELECT "a""b", 'it''s' FROM t WHERE x<>1.5e3 AND y != -2 AND z<<?>> -- trailing comment)");
  ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
  std::vector<std::string> texts;
  for (const Token& token : *tokens) texts.push_back(token.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"SELECT", "a\"b", ",", "it's", "FROM", "t", "WHERE", "x", "<>", "1.5e3",
                                             "AND", "y", "!=", "-", "2", "AND", "z", "<<", "?", ">>", ""}));
  EXPECT_EQ((*tokens)[1].kind, Token::Kind::kQuotedIdentifier);
  EXPECT_EQ((*tokens)[3].kind, Token::Kind::kString);
  EXPECT_EQ((*tokens)[9].kind, Token::Kind::kNumber);
  EXPECT_EQ(tokens->back().kind, Token::Kind::kEnd);
}

TEST(PartiqlLexerTest, UnterminatedAndStrayCharacters) {
  EXPECT_TRUE(IsMalformed(Tokenize("SELECT * FROM t WHERE a = 'open").status()));
  EXPECT_TRUE(IsMalformed(Tokenize("SELECT * FROM \"open").status()));
  EXPECT_TRUE(IsMalformed(Tokenize("SELECT * FROM t WHERE a = #x").status()));
}

TEST(PartiqlParserTest, SelectStarFromQuotedTableAndIndex) {
  Statement statement = MustParse(R"(select * from "Music"."ByYear" where "Year" = 2020;)");
  EXPECT_EQ(statement.kind, Statement::Kind::kSelect);
  EXPECT_TRUE(statement.is_read());
  EXPECT_EQ(statement.table, "Music");
  EXPECT_EQ(statement.index, "ByYear");
  EXPECT_TRUE(statement.projection.empty());
  ASSERT_TRUE(statement.where.has_value());
  EXPECT_EQ(statement.where->kind, Expr::Kind::kCompare);
  EXPECT_EQ(statement.where->op, "=");
  EXPECT_EQ(statement.where->operands[0].path[0].name, "Year");
  EXPECT_EQ(statement.where->operands[1].value, Json(R"({"N":"2020"})"));
}

TEST(PartiqlParserTest, ProjectionPaths) {
  Statement statement = MustParse(R"(SELECT a, b.c[2]."d e", f[0][1] FROM t)");
  ASSERT_EQ(statement.projection.size(), 3u);
  const Path& second = statement.projection[1];
  ASSERT_EQ(second.size(), 4u);
  EXPECT_EQ(second[0].name, "b");
  EXPECT_EQ(second[1].name, "c");
  EXPECT_TRUE(second[2].is_index());
  EXPECT_EQ(second[2].index, 2);
  EXPECT_EQ(second[3].name, "d e");
  EXPECT_EQ(statement.projection[2].size(), 3u);
  EXPECT_FALSE(statement.where.has_value());
}

TEST(PartiqlParserTest, WherePrecedenceAndPredicates) {
  Statement statement = MustParse(
      "SELECT * FROM t WHERE a = 1 OR b BETWEEN 2 AND 3 AND NOT c IS MISSING AND d IS NOT NULL "
      "AND e NOT IN [1, 'x'] AND begins_with(f, 'p') AND size(g) > 2");
  const Expr& where = *statement.where;
  ASSERT_EQ(where.kind, Expr::Kind::kOr);  // AND binds tighter than OR
  EXPECT_EQ(where.operands[0].kind, Expr::Kind::kCompare);
  std::vector<Expr::Kind> kinds;
  const Expr* node = &where.operands[1];
  while (node->kind == Expr::Kind::kAnd) {
    kinds.insert(kinds.begin(), node->operands[1].kind);
    node = &node->operands[0];
  }
  kinds.insert(kinds.begin(), node->kind);
  EXPECT_EQ(kinds, (std::vector<Expr::Kind>{Expr::Kind::kBetween, Expr::Kind::kNot, Expr::Kind::kIsNull,
                                            Expr::Kind::kNot, Expr::Kind::kCall, Expr::Kind::kCompare}));
}

TEST(PartiqlParserTest, InsertLiteralsBecomeAttributeValues) {
  Statement statement = MustParse(
      "INSERT INTO \"Music\" VALUE {'Artist': 'Acme', 'Year': -12.50, 'Tags': <<'a', 'b'>>, 'Nums': <<1, 2>>, "
      "'Info': {'x': [1, 'two', true, null]}, 'Blob': ?, 'Flag': FALSE}",
      {Json(R"({"B":"AAE="})")});
  EXPECT_EQ(statement.kind, Statement::Kind::kInsert);
  EXPECT_EQ(statement.table, "Music");
  EXPECT_EQ(statement.item["Artist"], Json(R"({"S":"Acme"})"));
  EXPECT_EQ(statement.item["Year"], Json(R"({"N":"-12.50"})"));
  EXPECT_EQ(statement.item["Tags"], Json(R"({"SS":["a","b"]})"));
  EXPECT_EQ(statement.item["Nums"], Json(R"({"NS":["1","2"]})"));
  EXPECT_EQ(statement.item["Info"],
            Json(R"({"M":{"x":{"L":[{"N":"1"},{"S":"two"},{"BOOL":true},{"NULL":true}]}}})"));
  EXPECT_EQ(statement.item["Blob"], Json(R"({"B":"AAE="})"));
  EXPECT_EQ(statement.item["Flag"], Json(R"({"BOOL":false})"));
}

TEST(PartiqlParserTest, UpdateWithSetRemoveAndReturning) {
  Statement statement = MustParse(
      "UPDATE t SET a = a + 1, b = list_append(b, [2]) SET s = set_add(s, <<'x'>>) REMOVE c, d[1] "
      "WHERE pk = ? AND sk = 'k' RETURNING MODIFIED NEW *",
      {Json(R"({"S":"p"})")});
  EXPECT_EQ(statement.kind, Statement::Kind::kUpdate);
  ASSERT_EQ(statement.assignments.size(), 3u);
  EXPECT_EQ(statement.assignments[0].value.kind, Expr::Kind::kArithmetic);
  EXPECT_EQ(statement.assignments[1].value.op, "list_append");
  EXPECT_EQ(statement.assignments[2].value.op, "set_add");
  ASSERT_EQ(statement.removals.size(), 2u);
  EXPECT_EQ(statement.removals[1][1].index, 1);
  EXPECT_EQ(statement.return_values, "UPDATED_NEW");
}

TEST(PartiqlParserTest, DeleteAndExists) {
  Statement deletion = MustParse("DELETE FROM t WHERE pk = 'a' RETURNING ALL OLD *");
  EXPECT_EQ(deletion.kind, Statement::Kind::kDelete);
  EXPECT_EQ(deletion.return_values, "ALL_OLD");
  Statement exists = MustParse("EXISTS(SELECT * FROM t WHERE pk = 'a' AND n > 3)");
  EXPECT_EQ(exists.kind, Statement::Kind::kExists);
  EXPECT_FALSE(exists.is_read());
  EXPECT_EQ(exists.table, "t");
}

TEST(PartiqlParserTest, Malformed) {
  for (const char* text : {"", "SELEC * FROM t", "SELECT * FROM", "SELECT * t", "SELECT * FROM t WHERE",
                           "SELECT * FROM t WHERE a =", "SELECT * FROM t WHERE a = 1 extra", "INSERT INTO t VALUES {'a': 1}",
                           "INSERT INTO t VALUE {a: 1}", "INSERT INTO t VALUE {'a': 1", "UPDATE t WHERE a = 1",
                           "UPDATE t SET a = 1 RETURNING ALL *", "DELETE t WHERE a = 1", "SELECT * FROM t WHERE a[x] = 1",
                           "SELECT * FROM select"}) {
    Status status = ParseError(text);
    EXPECT_TRUE(IsMalformed(status)) << text << " -> " << status.ToString();
  }
}

TEST(PartiqlParserTest, InvalidValues) {
  EXPECT_EQ(ParseError("INSERT INTO t VALUE ['a']").code(), "ValidationException");
  EXPECT_EQ(ParseError("INSERT INTO t VALUE {'a': <<1, 'x'>>}").code(), "ValidationException");
  EXPECT_EQ(ParseError("INSERT INTO t VALUE {'a': <<>>}").code(), "ValidationException");
  EXPECT_EQ(ParseError("DELETE FROM t WHERE pk = 'a' RETURNING ALL NEW *").code(), "ValidationException");
}

TEST(PartiqlParserTest, ParameterCountMustMatch) {
  const std::string mismatch = "Number of parameters in request and statement don't match.";
  EXPECT_EQ(ParseError("SELECT * FROM t WHERE a = ?").message(), mismatch);
  EXPECT_EQ(ParseError("SELECT * FROM t", {Json(R"({"S":"x"})")}).message(), mismatch);
  Statement statement = MustParse("SELECT * FROM t WHERE a = ? AND b = ?", {Json(R"({"S":"x"})"), Json(R"({"N":"2"})")});
  EXPECT_EQ(statement.where->operands[1].operands[1].value, Json(R"({"N":"2"})"));
}

}  // namespace
}  // namespace cloudemu::services::dynamodb::partiql
