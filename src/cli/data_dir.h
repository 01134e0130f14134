// Opening the Cloud persisted in a data directory (`cloudemu serve
// --data-dir`) for a one-shot command, with the CLI's error messages.
// Thread-safety: call from one thread.
#ifndef CLOUDEMU_CLI_DATA_DIR_H_
#define CLOUDEMU_CLI_DATA_DIR_H_

#include <memory>
#include <string>

#include "cloudemu/cloud.h"

namespace cloudemu::cli {

// True when `path` is a directory holding CloudEmu's LMDB store.
bool IsDataDir(const std::string& path);

// Opens the Cloud stored in `dir` with `options` (whose storage directory
// becomes `dir`). Unless `create`, the directory must already hold a store.
// Throws CommandError when the directory is in use by a running server or
// cannot be opened.
std::unique_ptr<Cloud> OpenDataDir(const std::string& dir, bool create, Options options = {});

}  // namespace cloudemu::cli

#endif  // CLOUDEMU_CLI_DATA_DIR_H_
