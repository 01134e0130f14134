// `cloudemu`: serve a local AWS, inspect and seed its state, report coverage.
#include <iostream>

#include "cli/commands.h"

namespace {

// CLI11's default failure message spans two lines; ours is one.
std::string OneLineFailure(const CLI::App* app, const CLI::Error& error) {
  return "cloudemu: " + std::string(error.what()) + " (run with --help for usage)\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("CloudEmu: a local AWS that boto3, the aws CLI and Terraform talk to unchanged.", "cloudemu");
  // Not require_subcommand(1): CLI11 would then answer "A subcommand is
  // required" to a misspelt one instead of naming it.
  app.require_subcommand(0, 1);
  app.failure_message(OneLineFailure);
  cloudemu::cli::AddServeCommand(app);
  cloudemu::cli::AddSnapshotCommand(app);
  cloudemu::cli::AddSeedCommand(app);
  cloudemu::cli::AddCoverageCommand(app);
  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) throw CLI::RequiredError("A subcommand");
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const cloudemu::cli::CommandError& error) {
    std::cerr << "cloudemu: " << error.what() << std::endl;
    return 1;
  }
  return 0;
}
