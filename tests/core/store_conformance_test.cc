// The Store contract, run against every implementation: the memory store and
// the LMDB store must be indistinguishable through the interface.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/store/store.h"
#include "core/temp_directory.h"

namespace cloudemu::core {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

enum class Kind { kMemory, kLmdb };

Entries ScanAll(const Store& store, std::string_view table, std::string_view start = "") {
  Entries out;
  store.Scan(table, start, [&](std::string_view key, std::string_view value) {
    out.emplace_back(key, value);
    return true;
  });
  return out;
}

Entries ScanPrefixAll(const Store& store, std::string_view table, std::string_view prefix) {
  Entries out;
  store.ScanPrefix(table, prefix, [&](std::string_view key, std::string_view value) {
    out.emplace_back(key, value);
    return true;
  });
  return out;
}

class StoreConformanceTest : public testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == Kind::kMemory) {
      store_ = NewMemoryStore();
      return;
    }
    auto opened = OpenLmdbStore({.directory = dir_.path()});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }

  Store& store() { return *store_; }

  void PutOk(std::string_view table, std::string_view key, std::string value) {
    Status status = store_->Put(table, key, std::move(value));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  TempDirectory dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, AbsentKeysAndTablesReadAsNothing) {
  EXPECT_EQ(store().Get("t", "k"), std::nullopt);
  EXPECT_TRUE(ScanAll(store(), "t").empty());
  EXPECT_TRUE(store().Tables().empty());
  PutOk("t", "k", "v");
  EXPECT_EQ(store().Get("t", "other"), std::nullopt);
  EXPECT_EQ(store().Get("u", "k"), std::nullopt);
}

TEST_P(StoreConformanceTest, PutOverwritesAndDeleteRemoves) {
  PutOk("t", "k", "one");
  EXPECT_EQ(store().Get("t", "k"), "one");
  PutOk("t", "k", "two");
  EXPECT_EQ(store().Get("t", "k"), "two");
  ASSERT_TRUE(store().Delete("t", "k").ok());
  EXPECT_EQ(store().Get("t", "k"), std::nullopt);
  EXPECT_TRUE(store().Delete("t", "k").ok()) << "deleting an absent key is not an error";
  EXPECT_TRUE(store().Delete("never", "k").ok());
}

TEST_P(StoreConformanceTest, BatchAppliesItsOperationsInOrder) {
  PutOk("t", "gone", "x");
  WriteBatch batch;
  batch.Put("t", "a", "1");
  batch.Put("t", "a", "2");
  batch.Put("t", "b", "1");
  batch.Delete("t", "b");
  batch.Delete("t", "gone");
  batch.Delete("t", "c");
  batch.Put("t", "c", "3");
  batch.Put("u", "x", "y");
  ASSERT_TRUE(store().Commit(std::move(batch)).ok());
  EXPECT_EQ(ScanAll(store(), "t"), (Entries{{"a", "2"}, {"c", "3"}}));
  EXPECT_EQ(ScanAll(store(), "u"), (Entries{{"x", "y"}}));
  EXPECT_TRUE(store().Commit(WriteBatch()).ok()) << "an empty batch commits";
}

TEST_P(StoreConformanceTest, EmptyKeysEmptyValuesAndBinaryBytes) {
  std::string binary_key("k\0\xff\x80", 4);
  std::string binary_value("\0\x01\xfe\xff\0", 5);
  PutOk("t", "", "empty key");
  PutOk("t", "empty value", "");
  PutOk("t", binary_key, binary_value);
  EXPECT_EQ(store().Get("t", ""), "empty key");
  EXPECT_EQ(store().Get("t", "empty value"), "");
  EXPECT_EQ(store().Get("t", binary_key), binary_value);
  EXPECT_EQ(store().Get("t", std::string("k", 1)), std::nullopt) << "keys are not NUL-terminated strings";
}

TEST_P(StoreConformanceTest, ScanOrdersKeysAsUnsignedBytes) {
  const std::vector<std::string> keys = {std::string("\0", 1), "\x01", "A", "a", "ab", "a\x7f", "\x7f", "\x80",
                                         "\xc3\xa9", "\xff", "\xff\xff"};
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) PutOk("t", *it, "v" + *it);
  Entries scanned = ScanAll(store(), "t");
  ASSERT_EQ(scanned.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(scanned[i].first, keys[i]) << "position " << i;
    EXPECT_EQ(scanned[i].second, "v" + keys[i]);
  }
}

TEST_P(StoreConformanceTest, ScanStartsAtStartAndStopsWhenAsked) {
  for (std::string key : {"b", "d", "f", "h"}) PutOk("t", key, key + key);
  EXPECT_EQ(ScanAll(store(), "t", "d"), (Entries{{"d", "dd"}, {"f", "ff"}, {"h", "hh"}}));
  EXPECT_EQ(ScanAll(store(), "t", "c"), (Entries{{"d", "dd"}, {"f", "ff"}, {"h", "hh"}}));
  EXPECT_EQ(ScanAll(store(), "t", "a"), ScanAll(store(), "t"));
  EXPECT_TRUE(ScanAll(store(), "t", "i").empty());
  std::vector<std::string> seen;
  store().Scan("t", "", [&](std::string_view key, std::string_view) {
    seen.emplace_back(key);
    return seen.size() < 2;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"b", "d"}));
}

TEST_P(StoreConformanceTest, ScanPrefixSeesOnlyThePrefix) {
  for (std::string key : {"bucket", "buck"}) PutOk("t", key, "v");
  PutOk("t", std::string("bucket\0a", 8), "a");
  PutOk("t", std::string("bucket\0b", 8), "b");
  PutOk("t", std::string("bucket2\0a", 9), "2a");
  EXPECT_EQ(ScanPrefixAll(store(), "t", std::string("bucket\0", 7)),
            (Entries{{std::string("bucket\0a", 8), "a"}, {std::string("bucket\0b", 8), "b"}}));
  EXPECT_EQ(ScanPrefixAll(store(), "t", "bucket2").size(), 1u);
  EXPECT_EQ(ScanPrefixAll(store(), "t", "buck").size(), 5u);
  EXPECT_TRUE(ScanPrefixAll(store(), "t", "c").empty());
}

TEST_P(StoreConformanceTest, TablesAreIsolatedEvenWhenNamesSharePrefixes) {
  PutOk("a", "k", "in a");
  PutOk("ab", "k", "in ab");
  PutOk("a\x01", "k", "in a\\x01");
  PutOk("", "k", "in the empty-named table");
  EXPECT_EQ(ScanAll(store(), "a"), (Entries{{"k", "in a"}}));
  EXPECT_EQ(ScanAll(store(), "ab"), (Entries{{"k", "in ab"}}));
  EXPECT_EQ(ScanAll(store(), "a\x01"), (Entries{{"k", "in a\\x01"}}));
  EXPECT_EQ(ScanAll(store(), ""), (Entries{{"k", "in the empty-named table"}}));
  EXPECT_EQ(store().Get("a", "k"), "in a");
  EXPECT_TRUE(ScanAll(store(), "b").empty());
}

TEST_P(StoreConformanceTest, TablesListsTablesWithEntriesInOrder) {
  PutOk("s3.versions", "k", "v");
  PutOk("s3.buckets", "b", "v");
  PutOk("s3.buckets", "c", "v");
  PutOk("sqs.queues", "q", "v");
  PutOk("s3", "x", "v");
  EXPECT_EQ(store().Tables(), (std::vector<std::string>{"s3", "s3.buckets", "s3.versions", "sqs.queues"}));
  ASSERT_TRUE(store().Delete("s3.versions", "k").ok());
  ASSERT_TRUE(store().Delete("s3.buckets", "b").ok());
  EXPECT_EQ(store().Tables(), (std::vector<std::string>{"s3", "s3.buckets", "sqs.queues"}))
      << "a table without entries is not listed";
}

TEST_P(StoreConformanceTest, LargeValuesRoundTrip) {
  std::string large(8 << 20, '\0');
  std::mt19937 random(7);
  for (char& c : large) c = static_cast<char>(random());
  PutOk("s3.bodies", "big", large);
  PutOk("s3.bodies", "small", "s");
  EXPECT_EQ(store().Get("s3.bodies", "big"), large);
  Entries all = ScanAll(store(), "s3.bodies");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].second, large);
}

// Keys longer than any storage engine's native key limit (S3 keys reach 1024
// bytes before the bucket name and version are added).
TEST_P(StoreConformanceTest, LongKeysKeepTheirOrderAndIdentity) {
  const std::string common(700, 'p');
  std::vector<std::string> keys = {
      "short",
      common,                                  // exactly the shared prefix
      common + "a",
      common + std::string("a\0", 2),
      common + "b" + std::string(1500, 'z'),
      common + "c",
      // With the 12-byte prefix "s3.versions\0" these straddle LMDB's 511-byte key limit.
      std::string(497, 'q'),
      std::string(498, 'q'),
      std::string(499, 'q'),
      std::string(500, 'q'),
      std::string(512, 'q') + "tail",
      std::string(2048, '\xff'),
  };
  std::map<std::string, std::string> expected;
  for (size_t i = 0; i < keys.size(); ++i) {
    PutOk("s3.versions", keys[i], "value " + std::to_string(i));
    expected[keys[i]] = "value " + std::to_string(i);
  }
  for (const auto& [key, value] : expected) EXPECT_EQ(store().Get("s3.versions", key), value) << key.size();
  EXPECT_EQ(store().Get("s3.versions", common + "d"), std::nullopt);
  EXPECT_EQ(store().Get("s3.versions", common.substr(0, 600)), std::nullopt);

  Entries want(expected.begin(), expected.end());
  EXPECT_EQ(ScanAll(store(), "s3.versions"), want);
  // Starting inside a run of long keys that share a prefix.
  Entries from_a_nul(expected.lower_bound(common + "a"), expected.end());
  EXPECT_EQ(ScanAll(store(), "s3.versions", common + "a"), from_a_nul);
  Entries from_b(expected.lower_bound(common + "b"), expected.end());
  EXPECT_EQ(ScanAll(store(), "s3.versions", common + "b"), from_b);
  EXPECT_EQ(ScanPrefixAll(store(), "s3.versions", common).size(), 5u);

  PutOk("s3.versions", common + "a", "replaced");
  EXPECT_EQ(store().Get("s3.versions", common + "a"), "replaced");
  ASSERT_TRUE(store().Delete("s3.versions", common + "c").ok());
  ASSERT_TRUE(store().Delete("s3.versions", common + "never").ok());
  EXPECT_EQ(store().Get("s3.versions", common + "c"), std::nullopt);
  EXPECT_EQ(store().Get("s3.versions", common + std::string("a\0", 2)), "value 3");
  for (const auto& key : keys) ASSERT_TRUE(store().Delete("s3.versions", key).ok());
  EXPECT_TRUE(store().Tables().empty());
}

TEST_P(StoreConformanceTest, ClearDropsEveryTableAndLaterWritesAreVisible) {
  EXPECT_TRUE(store().Clear().ok()) << "clearing an empty store";
  for (int i = 0; i < 100; ++i) PutOk("t" + std::to_string(i % 3), "k" + std::to_string(i), "v");
  PutOk("long", std::string(1000, 'l'), "v");
  ASSERT_TRUE(store().Clear().ok());
  EXPECT_TRUE(store().Tables().empty());
  EXPECT_EQ(store().Get("t1", "k1"), std::nullopt);
  EXPECT_EQ(store().Get("long", std::string(1000, 'l')), std::nullopt);
  EXPECT_TRUE(ScanAll(store(), "t0").empty());
  PutOk("t1", "after", "clear");
  EXPECT_EQ(store().Get("t1", "after"), "clear");
  EXPECT_EQ(ScanAll(store(), "t1"), (Entries{{"after", "clear"}}));
  EXPECT_EQ(store().Tables(), (std::vector<std::string>{"t1"}));
  ASSERT_TRUE(store().Clear().ok());
  ASSERT_TRUE(store().Clear().ok());
  EXPECT_TRUE(store().Tables().empty());
}

// Random batches against an std::map model; keys are drawn so that many are
// long and share long prefixes.
TEST_P(StoreConformanceTest, RandomOperationsMatchAModel) {
  std::mt19937 random(20240611);
  std::map<std::string, std::map<std::string, std::string>> model;
  const std::vector<std::string> tables = {"a", "ab", "s3.versions"};
  const std::vector<std::string> stems = {"", "x", std::string(505, 'm'), std::string(600, 'n'),
                                          std::string(600, 'n') + std::string(300, 'o')};
  auto random_key = [&] {
    std::string key = stems[random() % stems.size()];
    size_t extra = random() % 4;
    for (size_t i = 0; i < extra; ++i) key += "\x00\x01" "az\xff"[random() % 5];
    return key;
  };
  auto check_everything = [&] {
    std::vector<std::string> names;
    for (const auto& [name, entries] : model) {
      if (!entries.empty()) names.push_back(name);
    }
    ASSERT_EQ(store().Tables(), names);
    for (const std::string& table : tables) {
      const auto& entries = model[table];
      ASSERT_EQ(ScanAll(store(), table), Entries(entries.begin(), entries.end())) << table;
      std::string start = random_key();
      ASSERT_EQ(ScanAll(store(), table, start), Entries(entries.lower_bound(start), entries.end()))
          << table << " from a key of " << start.size() << " bytes";
    }
  };
  for (int round = 0; round < 300; ++round) {
    if (round % 97 == 96) {
      ASSERT_TRUE(store().Clear().ok());
      model.clear();
    }
    WriteBatch batch;
    int ops = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < ops; ++i) {
      const std::string& table = tables[random() % tables.size()];
      std::string key = random_key();
      if (random() % 3 == 0) {
        batch.Delete(table, key);
        model[table].erase(key);
      } else {
        std::string value = "r" + std::to_string(round) + "." + std::to_string(i);
        batch.Put(table, key, value);
        model[table][key] = value;
      }
    }
    ASSERT_TRUE(store().Commit(std::move(batch)).ok());
    for (int probe = 0; probe < 4; ++probe) {
      const std::string& table = tables[random() % tables.size()];
      std::string key = random_key();
      auto it = model[table].find(key);
      ASSERT_EQ(store().Get(table, key), it == model[table].end() ? std::nullopt : std::optional(it->second));
    }
    if (round % 10 == 0) check_everything();
  }
  check_everything();
}

TEST_P(StoreConformanceTest, ConcurrentCommitsAllLand) {
  constexpr int kThreads = 4;
  constexpr int kCommits = 150;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([this, t] {
      for (int i = 0; i < kCommits; ++i) {
        WriteBatch batch;
        batch.Put("t", std::to_string(t) + "/" + std::to_string(i), "v");
        batch.Put("count" + std::to_string(t), "n", std::to_string(i + 1));
        EXPECT_TRUE(store().Commit(std::move(batch)).ok());
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(ScanAll(store(), "t").size(), size_t{kThreads * kCommits});
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(store().Get("count" + std::to_string(t), "n"), std::to_string(kCommits));
}

// A reader never sees half a batch, even while Clear runs between batches.
TEST_P(StoreConformanceTest, ReadersSeeWholeBatchesWhileWritingAndClearing) {
  constexpr int kKeys = 10;
  std::atomic<bool> done = false;
  std::atomic<int> scans = 0;
  std::thread writer([&] {
    for (int i = 1; i <= 1000; ++i) {
      WriteBatch batch;
      for (int k = 0; k < kKeys; ++k) batch.Put("t", "k" + std::to_string(k), std::to_string(i));
      EXPECT_TRUE(store().Commit(std::move(batch)).ok());
      if (i % 25 == 0 && i < 1000) {
        EXPECT_TRUE(store().Clear().ok());
      }
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      do {
        Entries seen = ScanAll(store(), "t");
        ++scans;
        if (seen.empty()) continue;
        EXPECT_EQ(seen.size(), size_t{kKeys});
        for (const auto& [key, value] : seen) EXPECT_EQ(value, seen.front().second) << key;
        store().Get("t", "k0");
        store().Tables();
      } while (!done);
    });
  }
  writer.join();
  for (auto& reader : readers) reader.join();
  EXPECT_GT(scans.load(), 0);
  EXPECT_EQ(store().Get("t", "k9"), "1000");
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreConformanceTest, testing::Values(Kind::kMemory, Kind::kLmdb),
                         [](const testing::TestParamInfo<Kind>& info) {
                           return info.param == Kind::kMemory ? "Memory" : "Lmdb";
                         });

}  // namespace
}  // namespace cloudemu::core
