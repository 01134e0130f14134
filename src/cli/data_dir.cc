#include "cli/data_dir.h"

#include <filesystem>

#include "cli/commands.h"

namespace cloudemu::cli {

bool IsDataDir(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(std::filesystem::path(path) / "data.mdb", error);
}

std::unique_ptr<Cloud> OpenDataDir(const std::string& dir, bool create, Options options) {
  if (!create && !IsDataDir(dir)) throw CommandError(dir + " is not a CloudEmu data directory (no data.mdb)");
  options.storage.lmdb_directory = dir;
  auto cloud = Cloud::Open(std::move(options));
  if (cloud.ok()) return std::move(cloud).value();
  if (cloud.status().code() == "StoreLocked") {
    throw CommandError(dir + " is in use by another process (a running `cloudemu serve`?); stop it first");
  }
  throw CommandError("cannot open " + dir + ": " + cloud.status().ToString());
}

}  // namespace cloudemu::cli
