// What only the LMDB store promises: persistence across reopen, survival of a
// killed process, one owner per directory, crash-safe constant-time Clear,
// and errors instead of crashes when the map is full.
#include <gtest/gtest.h>
#include <lmdb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/store/store.h"
#include "core/temp_directory.h"

namespace cloudemu::core {
namespace {

std::unique_ptr<Store> MustOpen(const LmdbStoreOptions& options) {
  auto opened = OpenLmdbStore(options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

size_t CountEntries(const Store& store, std::string_view table) {
  size_t count = 0;
  store.Scan(table, "", [&](std::string_view, std::string_view) { return ++count > 0; });
  return count;
}

// Reads the environment behind the Store's back (it must be closed) and
// counts the data generations it holds; old ones must have been reclaimed.
int CountDataGenerations(const std::string& directory) {
  MDB_env* env = nullptr;
  MDB_txn* txn = nullptr;
  MDB_dbi main;
  MDB_cursor* cursor = nullptr;
  int count = -1;
  if (mdb_env_create(&env) == 0 && mdb_env_set_maxdbs(env, 4) == 0 &&
      mdb_env_open(env, directory.c_str(), MDB_RDONLY, 0644) == 0 &&
      mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn) == 0 && mdb_dbi_open(txn, nullptr, 0, &main) == 0 &&
      mdb_cursor_open(txn, main, &cursor) == 0) {
    count = 0;
    MDB_val key, value;
    while (mdb_cursor_get(cursor, &key, &value, MDB_NEXT) == 0) {
      count += std::string_view(static_cast<const char*>(key.mv_data), key.mv_size).starts_with("data.");
    }
    mdb_cursor_close(cursor);
  }
  if (txn != nullptr) mdb_txn_abort(txn);
  if (env != nullptr) mdb_env_close(env);
  return count;
}

std::string Key(uint64_t i) {
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "%010llu", static_cast<unsigned long long>(i));
  return buffer;
}

// A forked child: runs `body` (which reports progress through `ack`) and then
// waits to be killed. It never returns into the test framework.
template <typename Body>
pid_t ForkChild(int pipe_fds[2], Body body) {
  pid_t pid = fork();
  if (pid != 0) {
    close(pipe_fds[1]);
    return pid;
  }
  close(pipe_fds[0]);
  auto ack = [&](uint32_t n) {
    if (write(pipe_fds[1], &n, sizeof(n)) != sizeof(n)) _exit(3);
  };
  body(ack);
  while (true) pause();
}

// Reads acknowledgements until one reaches `target` (or the child stops
// writing); returns the last one read.
uint32_t ReadAcksUntil(int fd, uint32_t target, uint32_t last = 0) {
  uint32_t n = 0;
  while (last < target && read(fd, &n, sizeof(n)) == sizeof(n)) last = n;
  return last;
}

// Kills the child and returns its last acknowledgement, including those it
// wrote after `last` was read.
uint32_t KillAndReap(pid_t pid, int fd, uint32_t last) {
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child failed on its own: " << status;
  last = ReadAcksUntil(fd, UINT32_MAX, last);
  close(fd);
  return last;
}

TEST(LmdbStoreTest, ReopeningSeesEveryCommit) {
  TempDirectory dir;
  std::string long_key(1500, 'k');
  {
    auto store = MustOpen({.directory = dir.path()});
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->Put("s3.buckets", "photos", "{\"name\":\"photos\"}").ok());
    ASSERT_TRUE(store->Put("s3.versions", long_key, "long").ok());
    ASSERT_TRUE(store->Put("s3.bodies", "b1", std::string(3 << 20, 'x')).ok());
    ASSERT_TRUE(store->Put("gone", "k", "v").ok());
    ASSERT_TRUE(store->Delete("gone", "k").ok());
  }
  auto store = MustOpen({.directory = dir.path()});
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Get("s3.buckets", "photos"), "{\"name\":\"photos\"}");
  EXPECT_EQ(store->Get("s3.versions", long_key), "long");
  EXPECT_EQ(store->Get("s3.bodies", "b1"), std::string(3 << 20, 'x'));
  EXPECT_EQ(store->Tables(), (std::vector<std::string>{"s3.bodies", "s3.buckets", "s3.versions"}));
}

TEST(LmdbStoreTest, SyncEveryCommitPersistsToo) {
  TempDirectory dir;
  {
    auto store = MustOpen({.directory = dir.path(), .sync_every_commit = true});
    ASSERT_TRUE(store);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(store->Put("t", Key(i), "v").ok());
    ASSERT_TRUE(store->Clear().ok());
    ASSERT_TRUE(store->Put("t", "after", "clear").ok());
  }
  auto store = MustOpen({.directory = dir.path(), .sync_every_commit = true});
  ASSERT_TRUE(store);
  EXPECT_EQ(CountEntries(*store, "t"), 1u);
  EXPECT_EQ(store->Get("t", "after"), "clear");
}

TEST(LmdbStoreTest, CreatesAMissingDirectory) {
  TempDirectory dir;
  std::string nested = dir.Sub("a/b/c");
  auto store = MustOpen({.directory = nested});
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->Put("t", "k", "v").ok());
  EXPECT_TRUE(std::filesystem::is_directory(nested));
}

TEST(LmdbStoreTest, UnusableDirectoryIsAnError) {
  TempDirectory dir;
  std::ofstream(dir.Sub("file")) << "not a directory";
  auto opened = OpenLmdbStore({.directory = dir.Sub("file")});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), "StoreUnavailable");
  EXPECT_NE(opened.status().message().find(dir.Sub("file")), std::string::npos) << opened.status().message();
  EXPECT_FALSE(OpenLmdbStore({.directory = ""}).ok());
}

TEST(LmdbStoreTest, SecondOpenInTheSameProcessIsRefused) {
  TempDirectory dir;
  auto first = MustOpen({.directory = dir.path()});
  ASSERT_TRUE(first);
  auto second = OpenLmdbStore({.directory = dir.path()});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), "StoreLocked");
  EXPECT_NE(second.status().message().find(dir.path()), std::string::npos) << second.status().message();
  EXPECT_TRUE(first->Put("t", "k", "still usable").ok());
  first.reset();
  auto third = MustOpen({.directory = dir.path()});
  ASSERT_TRUE(third) << "closing releases the directory";
  EXPECT_EQ(third->Get("t", "k"), "still usable");
}

TEST(LmdbStoreTest, OpenHeldByAnotherProcessIsRefusedUntilItDies) {
  TempDirectory dir;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = ForkChild(fds, [&](auto ack) {
    auto opened = OpenLmdbStore({.directory = dir.path()});
    if (!opened.ok() || !(*opened)->Put("t", "owner", "child").ok()) _exit(2);
    ack(1);
  });
  ASSERT_EQ(ReadAcksUntil(fds[0], 1), 1u) << "the child could not open the store";
  auto refused = OpenLmdbStore({.directory = dir.path()});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), "StoreLocked");
  EXPECT_NE(refused.status().message().find(dir.path()), std::string::npos) << refused.status().message();
  EXPECT_NE(refused.status().message().find(std::to_string(child)), std::string::npos)
      << "names the holding process: " << refused.status().message();
  KillAndReap(child, fds[0], 1);
  auto store = MustOpen({.directory = dir.path()});
  ASSERT_TRUE(store) << "the kernel released the lock of the killed process";
  EXPECT_EQ(store->Get("t", "owner"), "child");
}

// The child commits batches (each touching three tables, some with large
// values or long keys) and acknowledges each; the parent SIGKILLs it at a
// random point. Every acknowledged batch must be there, whole.
TEST(LmdbStoreTest, KilledProcessLosesNoAcknowledgedCommit) {
  TempDirectory dir;
  std::random_device seed_source;
  const unsigned seed = seed_source();
  std::mt19937 random(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  uint64_t acknowledged_total = 0;
  for (int round = 0; round < 4; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = ForkChild(fds, [&](auto ack) {
      auto opened = OpenLmdbStore({.directory = dir.path()});
      if (!opened.ok()) _exit(2);
      Store& store = **opened;
      uint64_t start = CountEntries(store, "log");
      for (uint32_t n = 1; n <= 20000; ++n) {
        uint64_t i = start + n - 1;
        WriteBatch batch;
        std::string value = i % 97 == 0 ? std::string(200 << 10, static_cast<char>('a' + i % 26)) : "v" + Key(i);
        batch.Put("log", Key(i), value);
        batch.Put("mirror", i % 13 == 0 ? std::string(900, 'm') + Key(i) : Key(i), value);
        batch.Put("meta", "last", Key(i));
        if (!store.Commit(std::move(batch)).ok()) _exit(4);
        ack(n);
      }
    });
    uint32_t target = 1 + random() % 3000;
    uint32_t acked = KillAndReap(child, fds[0], ReadAcksUntil(fds[0], target));
    ASSERT_GE(acked, 1u) << "the child never committed";
    acknowledged_total += acked;

    auto store = MustOpen({.directory = dir.path()});
    ASSERT_TRUE(store) << "the lock of the killed process must be released";
    uint64_t present = CountEntries(*store, "log");
    EXPECT_GE(present, acknowledged_total) << "round " << round << ": acknowledged commits were lost";
    EXPECT_LE(present, acknowledged_total + 1) << "at most the one unacknowledged commit in flight";
    EXPECT_EQ(CountEntries(*store, "mirror"), present) << "a batch was applied in part";
    ASSERT_GT(present, 0u);
    EXPECT_EQ(store->Get("meta", "last"), Key(present - 1));
    uint64_t expected_index = 0;
    bool in_order = true;
    store->Scan("log", "", [&](std::string_view key, std::string_view) {
      in_order = in_order && key == Key(expected_index++);
      return in_order;
    });
    EXPECT_TRUE(in_order) << "the log has a gap";
    uint64_t big = 97 * ((present - 1) / 97);
    EXPECT_EQ(store->Get("log", Key(big)), std::string(200 << 10, static_cast<char>('a' + big % 26)));
    acknowledged_total = present;
  }
}

// The state after `steps` steps of the Clear cycle run by the child below.
std::string ExpectedAfterSteps(uint32_t steps) {
  if (steps == 0) return "";
  uint32_t cycle = (steps - 1) / 3;
  switch ((steps - 1) % 3) {
    case 0:
      return (cycle > 0 ? "after=" + std::to_string(cycle - 1) + ";" : "") + "cycle=" + std::to_string(cycle) +
             ";data=50;";
    case 1:
      return "";
    default:
      return "after=" + std::to_string(cycle) + ";";
  }
}

std::string Describe(const Store& store) {
  std::string out;
  for (const std::string& table : store.Tables()) {
    if (table == "data") {
      out += "data=" + std::to_string(CountEntries(store, table)) + ";";
    } else {
      out += table + "=" + store.Get(table, "n").value_or("?") + ";";
    }
  }
  return out;
}

TEST(LmdbStoreTest, KillAroundClearLeavesOneConsistentStateAndReclaimsOldGenerations) {
  TempDirectory dir;
  std::random_device seed_source;
  const unsigned seed = seed_source();
  std::mt19937 random(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(MustOpen({.directory = dir.path()})->Clear().ok());
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = ForkChild(fds, [&](auto ack) {
      auto opened = OpenLmdbStore({.directory = dir.path()});
      if (!opened.ok()) _exit(2);
      Store& store = **opened;
      uint32_t step = 0;
      for (int cycle = 0; cycle < 2000; ++cycle) {
        WriteBatch batch;
        for (int i = 0; i < 50; ++i) batch.Put("data", Key(i), std::string(2000, 'd'));
        batch.Put("cycle", "n", std::to_string(cycle));
        if (!store.Commit(std::move(batch)).ok()) _exit(4);
        ack(++step);
        if (!store.Clear().ok()) _exit(5);
        ack(++step);
        if (!store.Put("after", "n", std::to_string(cycle)).ok()) _exit(6);
        ack(++step);
      }
    });
    uint32_t acked = KillAndReap(child, fds[0], ReadAcksUntil(fds[0], 1 + random() % 600));
    {
      auto store = MustOpen({.directory = dir.path()});
      ASSERT_TRUE(store);
      std::string state = Describe(*store);
      EXPECT_TRUE(state == ExpectedAfterSteps(acked) || state == ExpectedAfterSteps(acked + 1))
          << "after " << acked << " acknowledged steps the store holds \"" << state << "\"";
    }
    EXPECT_EQ(CountDataGenerations(dir.path()), 1) << "generations left by the killed process were not dropped";
  }
}

TEST(LmdbStoreTest, ClearOfALargeStoreIsCompleteAndDurable) {
  TempDirectory dir;
  {
    auto store = MustOpen({.directory = dir.path()});
    ASSERT_TRUE(store);
    for (int b = 0; b < 200; ++b) {
      WriteBatch batch;
      for (int i = 0; i < 1000; ++i) batch.Put(b % 2 ? "s3.versions" : "s3.buckets", Key(b * 1000 + i), "record");
      ASSERT_TRUE(store->Commit(std::move(batch)).ok());
    }
    ASSERT_EQ(CountEntries(*store, "s3.versions"), 100000u);
    ASSERT_TRUE(store->Clear().ok());
    EXPECT_TRUE(store->Tables().empty());
    EXPECT_EQ(store->Get("s3.versions", Key(1000)), std::nullopt);
    ASSERT_TRUE(store->Put("s3.buckets", "new", "after clear").ok());
    EXPECT_EQ(store->Tables(), (std::vector<std::string>{"s3.buckets"}));
  }
  {
    auto store = MustOpen({.directory = dir.path()});
    ASSERT_TRUE(store);
    EXPECT_EQ(store->Tables(), (std::vector<std::string>{"s3.buckets"}));
    EXPECT_EQ(CountEntries(*store, "s3.buckets"), 1u);
    EXPECT_EQ(store->Get("s3.buckets", "new"), "after clear");
  }
  EXPECT_EQ(CountDataGenerations(dir.path()), 1);
}

TEST(LmdbStoreTest, FullMapIsAnErrorAndTheStoreRecovers) {
  TempDirectory dir;
  auto store = MustOpen({.directory = dir.path(), .map_size_bytes = 1 << 20});
  ASSERT_TRUE(store);
  Status status;
  int stored = 0;
  for (; stored < 100; ++stored) {
    status = store->Put("s3.bodies", Key(stored), std::string(64 << 10, 'b'));
    if (!status.ok()) break;
  }
  ASSERT_FALSE(status.ok()) << "1 MiB cannot hold 100 values of 64 KiB";
  EXPECT_EQ(status.code(), "StoreFull") << status.ToString();
  EXPECT_GT(stored, 0);
  EXPECT_EQ(CountEntries(*store, "s3.bodies"), static_cast<size_t>(stored)) << "the failed batch left nothing";
  EXPECT_EQ(store->Get("s3.bodies", Key(0)), std::string(64 << 10, 'b'));
  ASSERT_TRUE(store->Clear().ok());
  store.reset();  // waits for the old generation to be dropped
  store = MustOpen({.directory = dir.path(), .map_size_bytes = 1 << 20});
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->Put("s3.bodies", "again", std::string(64 << 10, 'c')).ok()) << "the space was reclaimed";
}

TEST(LmdbStoreTest, TableNamesWithNulAreRejected) {
  TempDirectory dir;
  auto store = MustOpen({.directory = dir.path()});
  ASSERT_TRUE(store);
  Status status = store->Put(std::string("a\0b", 3), "k", "v");
  EXPECT_EQ(status.code(), "InvalidTableName");
  EXPECT_TRUE(store->Tables().empty());
}

}  // namespace
}  // namespace cloudemu::core
