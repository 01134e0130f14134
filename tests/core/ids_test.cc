// The seeded id generator: reproducible, well formed, thread-safe.
#include "core/ids.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace cloudemu::core {
namespace {

std::vector<std::string> Sample(IdGenerator& ids) {
  return {std::to_string(ids.Next()), ids.Hex(32), ids.Alphanumeric(20), ids.Uuid(), ids.RequestId(), ids.Hex(5)};
}

TEST(IdsTest, SameSeedGivesSameIds) {
  IdGenerator a(1234), b(1234), c(1235);
  auto from_a = Sample(a);
  EXPECT_EQ(from_a, Sample(b));
  EXPECT_NE(from_a, Sample(c));
  EXPECT_NE(Sample(a), from_a) << "later ids differ from earlier ones";
}

TEST(IdsTest, IdsHaveTheirFormats) {
  IdGenerator ids(7);
  for (int i = 0; i < 200; ++i) {
    // GoogleTest's own regular expressions: GCC 12's std::regex trips
    // -Wmaybe-uninitialized under the sanitizers.
    using ::testing::MatchesRegex;
    EXPECT_THAT(ids.Hex(13), MatchesRegex("[0-9a-f]{13}"));
    EXPECT_THAT(ids.Alphanumeric(32), MatchesRegex("[A-Za-z0-9]{32}"));
    EXPECT_THAT(ids.Uuid(), MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    EXPECT_THAT(ids.RequestId(), MatchesRegex("[0-9A-F]{16}"));
  }
  EXPECT_EQ(ids.Hex(0), "");
}

TEST(IdsTest, ConcurrentCallersNeverShareAnId) {
  IdGenerator ids(99);
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& out : made) {
    threads.emplace_back([&ids, &out] {
      for (int i = 0; i < 2000; ++i) out.push_back(ids.Uuid());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct;
  for (const auto& out : made) distinct.insert(out.begin(), out.end());
  EXPECT_EQ(distinct.size(), 8000u);
}

}  // namespace
}  // namespace cloudemu::core
