// CloudFixture: a fresh listening Cloud per test, and its snapshot when the
// test fails.
#include <iostream>

#include "cloudemu/testing.h"

namespace cloudemu::testing {

std::string FailureSnapshotPath(const ::testing::TestInfo& test) {
  std::string name = std::string(test.test_suite_name()) + "." + test.name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  std::string dir = ::testing::TempDir();
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir + name + ".snapshot.json";
}

void CloudFixture::SetUp() {
  auto opened = Cloud::Open(CloudOptions());
  ASSERT_TRUE(opened.ok()) << "cannot open a Cloud: " << opened.status().ToString();
  cloud_ = std::move(opened).value();
  auto listening = cloud_->Listen();
  ASSERT_TRUE(listening.ok()) << "the Cloud cannot listen: " << listening.status().ToString();
  endpoint_ = *listening;
}

void CloudFixture::TearDown() {
  if (!cloud_ || !HasFailure()) return;
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string path = FailureSnapshotPath(*test);
  Status written = cloud_->SnapshotToFile(path);
  if (written.ok()) {
    std::cout << "[ cloudemu ] snapshot of the failed test's Cloud: " << path << std::endl;
  } else {
    std::cout << "[ cloudemu ] could not write the failed test's snapshot: " << written.ToString() << std::endl;
  }
}

}  // namespace cloudemu::testing
