// The subcommands of the `cloudemu` command line. Each Add*Command registers
// one subcommand (options, help, callback) on the top-level app; main.cc
// parses and reports errors.
// A subcommand that cannot do its job throws CommandError: main prints its
// message as one line on stderr and exits with status 1.
#ifndef CLOUDEMU_CLI_COMMANDS_H_
#define CLOUDEMU_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

namespace cloudemu::cli {

class CommandError : public std::runtime_error {
 public:
  explicit CommandError(const std::string& message) : std::runtime_error(message) {}
};

void AddServeCommand(CLI::App& app);     // serve_command.cc
void AddSnapshotCommand(CLI::App& app);  // snapshot_command.cc
void AddSeedCommand(CLI::App& app);      // seed_command.cc
void AddCoverageCommand(CLI::App& app);  // coverage_command.cc

}  // namespace cloudemu::cli

#endif  // CLOUDEMU_CLI_COMMANDS_H_
