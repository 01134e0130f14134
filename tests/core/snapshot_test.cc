// The snapshot codec (docs/snapshot-format.md): what it writes, that every
// byte survives a round trip through either store, and what it refuses.
#include "core/snapshot.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/encoding.h"
#include "core/json.h"
#include "core/temp_directory.h"
#include "core/utf8.h"

namespace cloudemu::core {
namespace {

using Contents = std::map<std::string, std::map<std::string, std::string>>;

Contents Dump(const Store& store) {
  Contents out;
  for (const std::string& table : store.Tables()) {
    store.Scan(table, "", [&](std::string_view key, std::string_view value) {
      out[table].emplace(key, value);
      return true;
    });
  }
  return out;
}

std::unique_ptr<Store> StoreWith(const Contents& contents) {
  auto store = NewMemoryStore();
  WriteBatch batch;
  for (const auto& [table, entries] : contents) {
    for (const auto& [key, value] : entries) batch.Put(table, key, value);
  }
  EXPECT_TRUE(store->Commit(std::move(batch)).ok());
  return store;
}

Document Parse(const std::string& json) {
  StatusOr<Document> parsed = FromJson(json);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : Document();
}

TEST(SnapshotTest, WritesFormatVersionTakenAtAndOrderedTables) {
  const std::string binary_value("\x89PNG\r\n\x1a\n\0\xff", 10);
  const std::string binary_key("k\xff\0", 3);
  auto store = StoreWith({{"s3.buckets", {{"photos", R"({"name":"photos"})"}, {"docs", "{}"}}},
                          {"s3.bodies", {{"b1", binary_value}, {binary_key, "text"}}}});
  std::string json = EncodeSnapshot(*store, 1700000000123);
  EXPECT_TRUE(IsValidUtf8(json)) << "binary keys and values must not leak into the JSON text";

  Document root = Parse(json);
  EXPECT_EQ(root["format"].AsString(), "cloudemu-snapshot");
  EXPECT_EQ(root["version"], Document(1));
  EXPECT_DOUBLE_EQ(root["taken_at"].AsDouble(), 1700000000.123) << "epoch seconds";
  EXPECT_EQ(Parse(EncodeSnapshot(*store, 1700000000000))["taken_at"], Document(int64_t{1700000000}));

  const Document& buckets = root["tables"]["s3.buckets"];
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets.AsList()[0]["k"].AsString(), "docs") << "entries in key order";
  EXPECT_EQ(buckets.AsList()[1]["k"].AsString(), "photos");
  EXPECT_EQ(buckets.AsList()[1]["v"].AsString(), R"({"name":"photos"})") << "text values stay readable";
  EXPECT_FALSE(buckets.AsList()[1].Has("b64"));

  const Document& bodies = root["tables"]["s3.bodies"];
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies.AsList()[0]["k"].AsString(), "b1");
  EXPECT_EQ(Base64Decode(bodies.AsList()[0]["b64"].AsString()), binary_value);
  EXPECT_FALSE(bodies.AsList()[0].Has("v"));
  EXPECT_EQ(Base64Decode(bodies.AsList()[1]["kb64"].AsString()), binary_key);
  EXPECT_FALSE(bodies.AsList()[1].Has("k"));
  EXPECT_EQ(bodies.AsList()[1]["v"].AsString(), "text");
}

TEST(SnapshotTest, EmptyStoreHasAnEmptyTablesObject) {
  auto store = NewMemoryStore();
  Document root = Parse(EncodeSnapshot(*store, 0));
  EXPECT_TRUE(root["tables"].is_map());
  EXPECT_TRUE(root["tables"].empty());
  auto target = StoreWith({{"t", {{"k", "v"}}}});
  ASSERT_TRUE(RestoreSnapshot(EncodeSnapshot(*store, 0), *target).ok());
  EXPECT_TRUE(target->Tables().empty());
}

TEST(SnapshotTest, EveryByteSurvivesARoundTripThroughBothStores) {
  std::mt19937 random(99);
  auto random_bytes = [&](size_t max) {
    std::string out(random() % max, '\0');
    for (char& c : out) c = static_cast<char>(random());
    return out;
  };
  Contents contents;
  for (int i = 0; i < 200; ++i) {
    std::string table = "table" + std::to_string(i % 5);
    contents[table][random_bytes(40)] = random_bytes(300);
    contents[table]["text" + std::to_string(i)] = "caf\xc3\xa9 \"quoted\" \\ \n\t\x01";
  }
  contents["s3.versions"][std::string(1200, 'L')] = "long key";
  auto source = StoreWith(contents);
  std::string json = EncodeSnapshot(*source, 42);

  auto memory = NewMemoryStore();
  ASSERT_TRUE(RestoreSnapshot(json, *memory).ok());
  EXPECT_EQ(Dump(*memory), contents);

  TempDirectory dir;
  auto lmdb = OpenLmdbStore({.directory = dir.path()});
  ASSERT_TRUE(lmdb.ok()) << lmdb.status().ToString();
  ASSERT_TRUE(RestoreSnapshot(json, **lmdb).ok());
  EXPECT_EQ(Dump(**lmdb), contents);
  EXPECT_EQ(EncodeSnapshot(**lmdb, 42), json) << "both stores snapshot identically";
}

TEST(SnapshotTest, RestoreReplacesTheWholeStore) {
  auto source = StoreWith({{"s3.buckets", {{"new", "1"}}}});
  auto target = StoreWith({{"s3.buckets", {{"old", "1"}}}, {"sqs.queues", {{"q", "1"}}}});
  ASSERT_TRUE(RestoreSnapshot(EncodeSnapshot(*source, 0), *target).ok());
  EXPECT_EQ(Dump(*target), (Contents{{"s3.buckets", {{"new", "1"}}}}));
}

TEST(SnapshotTest, AnotherFormatVersionIsRefusedWithAClearMessage) {
  auto target = StoreWith({{"t", {{"k", "v"}}}});
  Status status = RestoreSnapshot(R"({"format":"cloudemu-snapshot","version":2,"taken_at":0,"tables":{}})", *target);
  EXPECT_EQ(status.code(), "InvalidSnapshot");
  EXPECT_NE(status.message().find("version 2"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("version 1"), std::string::npos) << status.message();
  EXPECT_EQ(Dump(*target), (Contents{{"t", {{"k", "v"}}}})) << "a refused snapshot leaves the store alone";
}

TEST(SnapshotTest, MalformedDocumentsAreRefusedAndTheStoreIsLeftAlone) {
  const std::string kHead = R"({"format":"cloudemu-snapshot","version":1,)";
  const std::vector<std::string> refused = {
      "",
      "not json",
      "[1,2]",
      R"({"format":"something-else","version":1,"tables":{}})",
      R"({"version":1,"tables":{}})",
      R"({"format":"cloudemu-snapshot","version":"1","tables":{}})",
      R"({"format":"cloudemu-snapshot","version":1.5,"tables":{}})",
      R"({"format":"cloudemu-snapshot","tables":{}})",
      kHead + R"("Tables":{}})",
      kHead + R"("tables":[]})",
      kHead + R"("tables":{"t":{}}})",
      kHead + R"("tables":{"t":[{"v":"no key"}]}})",
      kHead + R"("tables":{"t":[{"k":"no value"}]}})",
      kHead + R"("tables":{"t":[{"k":"a","v":"ok"},{"k":"b","b64":"@@@"}]}})",
      kHead + R"("tables":{"t":[{"kb64":"!!","v":"x"}]}})",
      kHead + R"("tables":{"t":["entry"]}})",
      kHead + R"("tables":{"a\u0000b":[{"k":"k","v":"v"}]}})",
  };
  for (const std::string& json : refused) {
    auto target = StoreWith({{"t", {{"k", "v"}}}});
    Status status = RestoreSnapshot(json, *target);
    EXPECT_EQ(status.code(), "InvalidSnapshot") << json;
    EXPECT_FALSE(status.message().empty());
    EXPECT_EQ(Dump(*target), (Contents{{"t", {{"k", "v"}}}})) << json;
  }
}

TEST(SnapshotTest, ReadSnapshotVisitsEveryEntry) {
  auto source = StoreWith({{"a", {{"1", "x"}, {"2", std::string("\0\xff", 2)}}}, {"b", {{"3", "z"}}}});
  Contents seen;
  Status status = ReadSnapshot(EncodeSnapshot(*source, 0), [&](const std::string& table, const std::string& key,
                                                              const std::string& value) { seen[table][key] = value; });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(seen, Dump(*source));
  EXPECT_EQ(ReadSnapshot("{}", [](const std::string&, const std::string&, const std::string&) {}).code(),
            "InvalidSnapshot");
}

}  // namespace
}  // namespace cloudemu::core
