// `cloudemu seed <data-dir> <fixture>`: apply a fixture file to a data
// directory, through the services' own operations.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/data_dir.h"
#include "cloudemu/cloud.h"

namespace cloudemu::cli {
namespace {

struct SeedArgs {
  std::string data_dir;
  std::vector<std::string> fixtures;
};

void Seed(const SeedArgs& args) {
  std::unique_ptr<Cloud> cloud = OpenDataDir(args.data_dir, /*create=*/true);
  for (const std::string& fixture : args.fixtures) {
    if (Status seeded = cloud->SeedFromFile(fixture); !seeded.ok()) {
      throw CommandError("seeding " + fixture + " failed: " + seeded.ToString());
    }
    std::cout << "seeded " << args.data_dir << " from " << fixture << "\n";
  }
}

}  // namespace

void AddSeedCommand(CLI::App& app) {
  auto args = std::make_shared<SeedArgs>();
  CLI::App* seed =
      app.add_subcommand("seed", "Apply fixture files (docs/fixtures.md) to a data directory, creating it if missing");
  seed->add_option("data-dir", args->data_dir, "The data directory (as given to serve --data-dir)")->required();
  seed->add_option("fixture", args->fixtures, "Fixture JSON files, applied in order")
      ->required()
      ->check(CLI::ExistingFile);
  seed->callback([args] { Seed(*args); });
}

}  // namespace cloudemu::cli
