// PartiQL end to end through a real Cloud: ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction run the service's own item
// operations, so what they write is what GetItem/Query see and vice versa.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cloudemu/cloud.h"
#include "core/json.h"

namespace cloudemu::core {
// Failure messages show Documents as JSON.
inline void PrintTo(const Document& doc, std::ostream* os) { *os << doc.DebugString(); }
}  // namespace cloudemu::core

namespace cloudemu {
namespace {

using core::Document;
using core::DocumentList;

Document Json(std::string_view text) {
  auto doc = core::FromJson(text);
  EXPECT_TRUE(doc.ok()) << text;
  return doc.ok() ? *doc : Document();
}

class DynamoDBPartiqlTest : public ::testing::Test {
 protected:
  DynamoDBPartiqlTest() {
    auto cloud = Cloud::Open(Options());
    EXPECT_TRUE(cloud.ok()) << cloud.status().ToString();
    cloud_ = std::move(cloud).value();
    Must("CreateTable", R"({"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},
                                {"AttributeName":"SongTitle","AttributeType":"S"},
                                {"AttributeName":"Year","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"SongTitle","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],
                                   "Projection":{"ProjectionType":"ALL"}}]})");
  }

  StatusOr<Document> Call(std::string_view operation, const std::string& input_json) {
    auto output = cloud_->Invoke("dynamodb", operation, input_json);
    if (!output.ok()) return output.status();
    return Json(*output);
  }

  Document Must(std::string_view operation, const std::string& input_json) {
    auto output = Call(operation, input_json);
    EXPECT_TRUE(output.ok()) << operation << " " << input_json << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }

  // ExecuteStatement; `parameters` is a JSON list of AttributeValues or "".
  StatusOr<Document> Execute(const std::string& statement, const std::string& parameters = "",
                             const std::string& extra = "") {
    Document input = Document::Map();
    input.Set("Statement", statement);
    if (!parameters.empty()) input.Set("Parameters", Json(parameters));
    if (!extra.empty()) {
      Document members = Json(extra);
      for (const auto& [name, value] : members.AsMap()) input.Set(name, value);
    }
    return Call("ExecuteStatement", core::ToJson(input));
  }

  Document MustExecute(const std::string& statement, const std::string& parameters = "",
                       const std::string& extra = "") {
    auto output = Execute(statement, parameters, extra);
    EXPECT_TRUE(output.ok()) << statement << ": " << output.status().ToString();
    return output.ok() ? *output : Document();
  }

  std::optional<Document> StoredItem(const std::string& artist, const std::string& title) {
    auto item = cloud_->DynamoDB().GetItem(
        "Music", R"({"Artist":{"S":")" + artist + R"("},"SongTitle":{"S":")" + title + R"("}})");
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    if (!item.ok() || !item->has_value()) return std::nullopt;
    return Json(**item);
  }

  std::unique_ptr<Cloud> cloud_;
};

TEST_F(DynamoDBPartiqlTest, InsertSelectUpdateDelete) {
  Document inserted = MustExecute(
      R"(INSERT INTO "Music" VALUE {'Artist': 'Acme', 'SongTitle': 'Roll', 'Year': 1999, 'Tags': <<'rock'>>})");
  EXPECT_EQ(inserted, Json(R"({"Items":[]})"));
  // The item is where the service's own GetItem finds it.
  EXPECT_EQ(StoredItem("Acme", "Roll"),
            Json(R"({"Artist":{"S":"Acme"},"SongTitle":{"S":"Roll"},"Year":{"N":"1999"},"Tags":{"SS":["rock"]}})"));

  Document selected = MustExecute(R"(SELECT "Year", Tags FROM Music WHERE Artist = ? AND SongTitle = ?)",
                                  R"([{"S":"Acme"},{"S":"Roll"}])");
  EXPECT_EQ(selected, Json(R"({"Items":[{"Year":{"N":"1999"},"Tags":{"SS":["rock"]}}]})"));

  Document updated = MustExecute(
      "UPDATE Music SET \"Year\" = \"Year\" + 1 SET Tags = set_add(Tags, <<'live'>>) REMOVE Gone "
      "WHERE Artist = 'Acme' AND SongTitle = 'Roll' RETURNING MODIFIED NEW *");
  EXPECT_EQ(updated, Json(R"({"Items":[{"Year":{"N":"2000"},"Tags":{"SS":["rock","live"]}}]})"));

  Document deleted =
      MustExecute("DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Roll' RETURNING ALL OLD *");
  ASSERT_EQ(deleted["Items"].size(), 1u);
  EXPECT_EQ(deleted["Items"].AsList()[0]["Year"], Json(R"({"N":"2000"})"));
  EXPECT_FALSE(StoredItem("Acme", "Roll").has_value());
  EXPECT_EQ(MustExecute("SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Roll'"),
            Json(R"({"Items":[]})"));
}

TEST_F(DynamoDBPartiqlTest, InsertOfAnExistingKeyIsADuplicate) {
  const std::string insert = "INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S'}";
  MustExecute(insert);
  auto again = Execute(insert);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), "DuplicateItemException");
  EXPECT_EQ(again.status().message(), "Duplicate primary key exists in table");
  EXPECT_EQ(again.status().http_status(), 400);
}

TEST_F(DynamoDBPartiqlTest, WritesOnMissingItemsAndFailedConditions) {
  auto update = Execute("UPDATE Music SET a = 1 WHERE Artist = 'Nobody' AND SongTitle = 'None'");
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), "ConditionalCheckFailedException");
  EXPECT_FALSE(StoredItem("Nobody", "None").has_value());  // no item was created

  MustExecute("INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S', 'n': 1}");
  auto conditioned = Execute("DELETE FROM Music WHERE Artist = 'A' AND SongTitle = 'S' AND n > 1");
  ASSERT_FALSE(conditioned.ok());
  EXPECT_EQ(conditioned.status().code(), "ConditionalCheckFailedException");
  EXPECT_TRUE(StoredItem("A", "S").has_value());
  // Deleting what is not there is no error.
  MustExecute("DELETE FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'None'");
}

TEST_F(DynamoDBPartiqlTest, QueriesScansIndexesAndPages) {
  for (int i = 1; i <= 7; ++i) {
    MustExecute("INSERT INTO Music VALUE {'Artist': 'P', 'SongTitle': ?, 'Year': ?}",
                R"([{"S":"song-)" + std::to_string(i) + R"("},{"N":")" + std::to_string(2000 + i % 2) + R"("}])");
  }
  MustExecute("INSERT INTO Music VALUE {'Artist': 'Q', 'SongTitle': 'other', 'Year': 2001}");

  Document range = MustExecute("SELECT SongTitle FROM Music WHERE Artist = 'P' AND SongTitle BETWEEN 'song-2' AND "
                               "'song-4'");
  EXPECT_EQ(range, Json(R"({"Items":[{"SongTitle":{"S":"song-2"}},{"SongTitle":{"S":"song-3"}},
                                      {"SongTitle":{"S":"song-4"}}]})"));

  Document index = MustExecute(R"(SELECT SongTitle FROM "Music"."ByYear" WHERE "Year" = 2000)");
  EXPECT_EQ(index["Items"].size(), 3u);  // song-2, song-4, song-6

  Document scan = MustExecute("SELECT Artist FROM Music WHERE \"Year\" = 2001 AND SongTitle IN ['other', 'song-1']");
  EXPECT_EQ(scan["Items"].size(), 2u);

  std::vector<std::string> titles;
  std::string token;
  int pages = 0;
  do {
    std::string extra = R"({"Limit":3)" + (token.empty() ? std::string() : R"(,"NextToken":")" + token + "\"") + "}";
    Document page = MustExecute("SELECT SongTitle FROM Music WHERE Artist = 'P'", "", extra);
    for (const Document& item : page["Items"].AsList()) titles.push_back(item["SongTitle"]["S"].AsString());
    token = page["NextToken"].AsString("");
    ASSERT_LT(++pages, 10);
  } while (!token.empty());
  EXPECT_EQ(titles, (std::vector<std::string>{"song-1", "song-2", "song-3", "song-4", "song-5", "song-6", "song-7"}));
  EXPECT_EQ(Execute("SELECT * FROM Music", "", R"({"NextToken":"bm90IGEga2V5"})").status().code(),
            "ValidationException");
}

TEST_F(DynamoDBPartiqlTest, Errors) {
  auto missing = Execute("SELECT * FROM Nowhere");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "ResourceNotFoundException");
  EXPECT_EQ(missing.status().message(), "Requested resource not found");

  auto malformed = Execute("SELECT * FROM Music WHERE");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), "ValidationException");
  EXPECT_EQ(malformed.status().message(), "Statement wasn't well formed, can't be processed: Unexpected end of statement");

  auto no_key = Execute("UPDATE Music SET a = 1 WHERE Artist = 'A'");
  ASSERT_FALSE(no_key.ok());
  EXPECT_EQ(no_key.status().message(), "Where clause does not contain a mandatory equality on all key attributes");

  // The service's own validation applies to translated statements.
  auto key_type = Execute("INSERT INTO Music VALUE {'Artist': 1, 'SongTitle': 'S'}");
  ASSERT_FALSE(key_type.ok());
  EXPECT_EQ(key_type.status().code(), "ValidationException");
  auto exists = Execute("EXISTS(SELECT * FROM Music WHERE Artist = 'A' AND SongTitle = 'S')");
  EXPECT_EQ(exists.status().code(), "ValidationException");
}

TEST_F(DynamoDBPartiqlTest, BatchExecuteStatement) {
  Document writes = Must("BatchExecuteStatement", R"j({"Statements":[
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': ?}","Parameters":[{"S":"one"}]},
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': 'two'}"},
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': 'one'}"},
      {"Statement":"INSERT INTO Nowhere VALUE {'Artist': 'B', 'SongTitle': 'one'}"},
      {"Statement":"INSERT INTO"}]})j");
  const DocumentList& responses = writes["Responses"].AsList();
  ASSERT_EQ(responses.size(), 5u);
  EXPECT_EQ(responses[0], Json(R"({"TableName":"Music"})"));
  EXPECT_EQ(responses[1], Json(R"({"TableName":"Music"})"));
  EXPECT_EQ(responses[2]["Error"], Json(R"({"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"})"));
  EXPECT_EQ(responses[3]["Error"]["Code"], Document("ResourceNotFound"));
  EXPECT_EQ(responses[4]["Error"]["Code"], Document("ValidationError"));
  EXPECT_TRUE(StoredItem("B", "two").has_value());

  Document reads = Must("BatchExecuteStatement", R"j({"Statements":[
      {"Statement":"SELECT SongTitle FROM Music WHERE Artist = 'B' AND SongTitle = 'one'"},
      {"Statement":"SELECT * FROM Music WHERE Artist = 'B' AND SongTitle = 'none'"},
      {"Statement":"SELECT * FROM Music WHERE Artist = 'B'"}]})j");
  const DocumentList& read_responses = reads["Responses"].AsList();
  ASSERT_EQ(read_responses.size(), 3u);
  EXPECT_EQ(read_responses[0], Json(R"({"TableName":"Music","Item":{"SongTitle":{"S":"one"}}})"));
  EXPECT_EQ(read_responses[1], Json(R"({"TableName":"Music"})"));
  EXPECT_EQ(read_responses[2]["Error"]["Code"], Document("ValidationError"));

  auto mixed = Call("BatchExecuteStatement", R"j({"Statements":[
      {"Statement":"SELECT * FROM Music WHERE Artist = 'B' AND SongTitle = 'one'"},
      {"Statement":"DELETE FROM Music WHERE Artist = 'B' AND SongTitle = 'one'"}]})j");
  EXPECT_EQ(mixed.status().code(), "ValidationException");
  EXPECT_TRUE(StoredItem("B", "one").has_value());
}

TEST_F(DynamoDBPartiqlTest, ExecuteTransaction) {
  Must("ExecuteTransaction", R"j({"TransactStatements":[
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'a', 'n': 1}"},
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'b', 'n': 2}"}]})j");
  Document reads = Must("ExecuteTransaction", R"j({"TransactStatements":[
      {"Statement":"SELECT n FROM Music WHERE Artist = 'T' AND SongTitle = ?","Parameters":[{"S":"a"}]},
      {"Statement":"SELECT n FROM Music WHERE Artist = 'T' AND SongTitle = 'zzz'"}]})j");
  EXPECT_EQ(reads["Responses"], Json(R"([{"Item":{"n":{"N":"1"}}},{}])"));

  // A failed EXISTS cancels the transaction: the UPDATE does not happen.
  auto cancelled = Call("ExecuteTransaction", R"j({"TransactStatements":[
      {"Statement":"UPDATE Music SET n = 10 WHERE Artist = 'T' AND SongTitle = 'a'"},
      {"Statement":"EXISTS(SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = 'b' AND n = 99)"}]})j");
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.status().code(), "TransactionCanceledException");
  EXPECT_EQ(StoredItem("T", "a"), Json(R"({"Artist":{"S":"T"},"SongTitle":{"S":"a"},"n":{"N":"1"}})"));

  auto duplicate = Call("ExecuteTransaction", R"j({"TransactStatements":[
      {"Statement":"DELETE FROM Music WHERE Artist = 'T' AND SongTitle = 'b'"},
      {"Statement":"INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'a'}"}]})j");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().code(), "TransactionCanceledException");
  EXPECT_NE(duplicate.status().message().find("DuplicateItem"), std::string::npos) << duplicate.status().message();
  EXPECT_TRUE(StoredItem("T", "b").has_value());

  auto mixed = Call("ExecuteTransaction", R"j({"TransactStatements":[
      {"Statement":"SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = 'a'"},
      {"Statement":"DELETE FROM Music WHERE Artist = 'T' AND SongTitle = 'a'"}]})j");
  EXPECT_EQ(mixed.status().code(), "ValidationException");
}

}  // namespace
}  // namespace cloudemu
