// TempDirectory: a fresh directory for one test, removed with its contents
// when the object goes away. Thread-safety: a value owned by one test.
#ifndef CLOUDEMU_TESTS_CORE_TEMP_DIRECTORY_H_
#define CLOUDEMU_TESTS_CORE_TEMP_DIRECTORY_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace cloudemu::core {

class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::path(testing::TempDir()) / "cloudemu-store-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed for " << pattern;
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace cloudemu::core

#endif  // CLOUDEMU_TESTS_CORE_TEMP_DIRECTORY_H_
