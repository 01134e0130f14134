// PartiQL statements translated into DynamoDB's own operations: which
// operation runs and the exact input it gets.
#include <gtest/gtest.h>

#include <string>

#include "core/json.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql/translator.h"

namespace cloudemu::services::dynamodb::partiql {
namespace {

core::Document Json(std::string_view text) {
  auto doc = core::FromJson(text);
  EXPECT_TRUE(doc.ok()) << text;
  return doc.ok() ? *doc : core::Document();
}

// Music: Artist (partition) + SongTitle (sort); index ByYear: Year + Artist;
// index ByLabel: Label only.
TableKeys MusicKeys() {
  TableKeys keys;
  keys.table = {"Artist", "SongTitle"};
  keys.indexes["ByYear"] = {"Year", "Artist"};
  keys.indexes["ByLabel"] = {"Label", ""};
  return keys;
}

StatusOr<Translation> TranslateText(std::string_view text, const core::DocumentList& parameters = {}) {
  auto statement = ParseStatement(text, parameters);
  if (!statement.ok()) return statement.status();
  return Translate(*statement, MusicKeys());
}

Translation MustTranslate(std::string_view text, const core::DocumentList& parameters = {}) {
  auto translation = TranslateText(text, parameters);
  EXPECT_TRUE(translation.ok()) << text << ": " << translation.status().ToString();
  return translation.ok() ? *translation : Translation();
}

void ExpectInput(const Translation& translation, std::string_view operation, std::string_view input_json) {
  EXPECT_EQ(translation.operation, operation);
  EXPECT_EQ(core::ToJson(translation.input), core::ToJson(Json(input_json)));
}

TEST(PartiqlTranslatorTest, WholeKeySelectIsGetItem) {
  ExpectInput(MustTranslate("SELECT Year, info.rating FROM Music WHERE SongTitle = 'Song' AND Artist = ?",
                            {Json(R"j({"S":"Acme"})j")}),
              "GetItem",
              R"j({"TableName":"Music","Key":{"Artist":{"S":"Acme"},"SongTitle":{"S":"Song"}},
                  "ProjectionExpression":"#n0, #n1.#n2",
                  "ExpressionAttributeNames":{"#n0":"Year","#n1":"info","#n2":"rating"}})j");
}

TEST(PartiqlTranslatorTest, PartitionKeySelectIsQueryWithFilter) {
  ExpectInput(MustTranslate("SELECT * FROM Music WHERE Artist = 'Acme' AND Year >= 2000"), "Query",
              R"j({"TableName":"Music","KeyConditionExpression":"#n0 = :v0","FilterExpression":"#n1 >= :v1",
                  "ExpressionAttributeNames":{"#n0":"Artist","#n1":"Year"},
                  "ExpressionAttributeValues":{":v0":{"S":"Acme"},":v1":{"N":"2000"}}})j");
}

TEST(PartiqlTranslatorTest, SortKeyConditionsGoIntoTheKeyCondition) {
  ExpectInput(MustTranslate("SELECT * FROM Music WHERE Artist = 'Acme' AND begins_with(SongTitle, 'Ha')"), "Query",
              R"j({"TableName":"Music","KeyConditionExpression":"#n0 = :v0 AND begins_with(#n1, :v1)",
                  "ExpressionAttributeNames":{"#n0":"Artist","#n1":"SongTitle"},
                  "ExpressionAttributeValues":{":v0":{"S":"Acme"},":v1":{"S":"Ha"}}})j");
  ExpectInput(MustTranslate("SELECT * FROM Music WHERE SongTitle BETWEEN 'A' AND 'M' AND Artist = 'Acme'"), "Query",
              R"j({"TableName":"Music","KeyConditionExpression":"#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
                  "ExpressionAttributeNames":{"#n0":"Artist","#n1":"SongTitle"},
                  "ExpressionAttributeValues":{":v0":{"S":"Acme"},":v1":{"S":"A"},":v2":{"S":"M"}}})j");
}

TEST(PartiqlTranslatorTest, KeyAttributesOutsideTheKeyConditionMeanAScan) {
  // A Query's filter may not name key attributes, so this one scans.
  ExpectInput(MustTranslate("SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle <> 'x'"), "Scan",
              R"j({"TableName":"Music","FilterExpression":"(#n0 = :v0 AND #n1 <> :v1)",
                  "ExpressionAttributeNames":{"#n0":"Artist","#n1":"SongTitle"},
                  "ExpressionAttributeValues":{":v0":{"S":"Acme"},":v1":{"S":"x"}}})j");
}

TEST(PartiqlTranslatorTest, NonKeySelectIsScanWithFilter) {
  ExpectInput(MustTranslate("SELECT Artist FROM Music WHERE Genre IN ['Rock', 'Pop'] OR NOT Label IS MISSING "
                            "OR Price IS NOT NULL OR size(Tags) > 1 OR Artist = 'A' OR Genre IS NOT MISSING"),
              "Scan",
              R"j({"TableName":"Music",
                  "FilterExpression":"(((((#n0 IN (:v0, :v1) OR (NOT attribute_not_exists(#n1))) OR (NOT attribute_type(#n2, :v2))) OR size(#n3) > :v3) OR #n4 = :v4) OR attribute_exists(#n0))",
                  "ProjectionExpression":"#n4",
                  "ExpressionAttributeNames":{"#n0":"Genre","#n1":"Label","#n2":"Price","#n3":"Tags","#n4":"Artist"},
                  "ExpressionAttributeValues":{":v0":{"S":"Rock"},":v1":{"S":"Pop"},":v2":{"S":"NULL"},":v3":{"N":"1"},":v4":{"S":"A"}}})j");
  ExpectInput(MustTranslate("SELECT * FROM Music"), "Scan", R"j({"TableName":"Music"})j");
}

TEST(PartiqlTranslatorTest, IndexSelectUsesTheIndexKeys) {
  ExpectInput(MustTranslate(R"(SELECT * FROM "Music"."ByYear" WHERE "Year" = 1999 AND Artist = 'Acme')"), "Query",
              R"j({"TableName":"Music","IndexName":"ByYear","KeyConditionExpression":"#n0 = :v0 AND #n1 = :v1",
                  "ExpressionAttributeNames":{"#n0":"Year","#n1":"Artist"},
                  "ExpressionAttributeValues":{":v0":{"N":"1999"},":v1":{"S":"Acme"}}})j");
  ExpectInput(MustTranslate(R"(SELECT * FROM "Music"."ByLabel" WHERE Artist = 'Acme')"), "Scan",
              R"j({"TableName":"Music","IndexName":"ByLabel","FilterExpression":"#n0 = :v0",
                  "ExpressionAttributeNames":{"#n0":"Artist"},"ExpressionAttributeValues":{":v0":{"S":"Acme"}}})j");
  auto missing = TranslateText(R"(SELECT * FROM "Music"."Nope" WHERE Artist = 'Acme')");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "ValidationException");
  EXPECT_EQ(missing.status().message(), "The table does not have the specified index: Nope");
}

TEST(PartiqlTranslatorTest, InsertIsPutItemUnlessPresent) {
  ExpectInput(MustTranslate("INSERT INTO Music VALUE {'Artist': 'Acme', 'SongTitle': 'S', 'Year': 1999}"), "PutItem",
              R"j({"TableName":"Music",
                  "Item":{"Artist":{"S":"Acme"},"SongTitle":{"S":"S"},"Year":{"N":"1999"}},
                  "ConditionExpression":"attribute_not_exists(#n0)","ExpressionAttributeNames":{"#n0":"Artist"}})j");
}

TEST(PartiqlTranslatorTest, UpdateIsUpdateItemOfAnExistingItem) {
  ExpectInput(
      MustTranslate("UPDATE Music SET Plays = Plays + 1, \"Tags\" = set_add(Tags, <<'new'>>) SET Old = set_delete(Old, <<'x'>>) "
                    "REMOVE Gone, List[2] WHERE Artist = 'Acme' AND SongTitle = 'S' AND Plays < 10 RETURNING ALL NEW *"),
      "UpdateItem",
      R"j({"TableName":"Music","Key":{"Artist":{"S":"Acme"},"SongTitle":{"S":"S"}},
          "UpdateExpression":"SET #n1 = #n1 + :v1 ADD #n2 :v2 DELETE #n3 :v3 REMOVE #n4, #n5[2]",
          "ConditionExpression":"attribute_exists(#n0) AND #n1 < :v0","ReturnValues":"ALL_NEW",
          "ExpressionAttributeNames":{"#n0":"Artist","#n1":"Plays","#n2":"Tags","#n3":"Old","#n4":"Gone","#n5":"List"},
          "ExpressionAttributeValues":{":v0":{"N":"10"},":v1":{"N":"1"},":v2":{"SS":["new"]},":v3":{"SS":["x"]}}})j");
}

TEST(PartiqlTranslatorTest, DeleteIsDeleteItemWithTheRestAsCondition) {
  ExpectInput(MustTranslate("DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'S' AND attribute_type(Year, 'N') "
                            "RETURNING ALL OLD *"),
              "DeleteItem",
              R"j({"TableName":"Music","Key":{"Artist":{"S":"Acme"},"SongTitle":{"S":"S"}},
                  "ConditionExpression":"attribute_type(#n0, :v0)","ReturnValues":"ALL_OLD",
                  "ExpressionAttributeNames":{"#n0":"Year"},"ExpressionAttributeValues":{":v0":{"S":"N"}}})j");
}

TEST(PartiqlTranslatorTest, ExistsIsAConditionCheck) {
  ExpectInput(MustTranslate("EXISTS(SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'S' AND Year = 1)"),
              "ConditionCheck",
              R"j({"TableName":"Music","Key":{"Artist":{"S":"Acme"},"SongTitle":{"S":"S"}},
                  "ConditionExpression":"attribute_exists(#n0) AND #n1 = :v0",
                  "ExpressionAttributeNames":{"#n0":"Artist","#n1":"Year"},"ExpressionAttributeValues":{":v0":{"N":"1"}}})j");
}

TEST(PartiqlTranslatorTest, WritesNeedTheWholeKey) {
  for (const char* text : {"UPDATE Music SET a = 1 WHERE Artist = 'Acme'", "UPDATE Music SET a = 1",
                           "DELETE FROM Music WHERE SongTitle = 'S'",
                           "DELETE FROM Music WHERE Artist = 'A' OR SongTitle = 'S'",
                           "EXISTS(SELECT * FROM Music WHERE Artist = 'Acme')"}) {
    auto translation = TranslateText(text);
    ASSERT_FALSE(translation.ok()) << text;
    EXPECT_EQ(translation.status().code(), "ValidationException");
    EXPECT_EQ(translation.status().message(),
              "Where clause does not contain a mandatory equality on all key attributes");
  }
}

TEST(PartiqlTranslatorTest, UnsupportedFunctionsAndShapes) {
  EXPECT_EQ(TranslateText("SELECT * FROM Music WHERE lower(Genre) = 'x'").status().code(), "ValidationException");
  EXPECT_EQ(TranslateText("SELECT * FROM Music WHERE Genre").status().code(), "ValidationException");
  EXPECT_EQ(TranslateText("SELECT * FROM Music WHERE 'x' IS MISSING").status().code(), "ValidationException");
  EXPECT_EQ(TranslateText("UPDATE Music SET Tags = set_add(Other, <<'x'>>) WHERE Artist = 'A' AND SongTitle = 'S'")
                .status()
                .code(),
            "ValidationException");
}

}  // namespace
}  // namespace cloudemu::services::dynamodb::partiql
