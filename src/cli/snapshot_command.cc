// `cloudemu snapshot dump|save`: look at the state of a data directory or a
// snapshot file.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/data_dir.h"
#include "cli/resource_listing.h"
#include "cloudemu/cloud.h"
#include "core/document.h"
#include "core/json.h"

namespace cloudemu::cli {
namespace {

struct DumpArgs {
  std::string source;
  std::string format = "text";
};

struct SaveArgs {
  std::string data_dir;
  std::string file;
};

// A data directory is opened in place; a snapshot file is restored into an
// in-memory Cloud.
std::unique_ptr<Cloud> OpenSource(const std::string& source) {
  std::error_code error;
  if (std::filesystem::is_directory(source, error)) return OpenDataDir(source, /*create=*/false);
  if (!std::filesystem::is_regular_file(source, error)) {
    throw CommandError(source + " is neither a data directory nor a snapshot file");
  }
  auto cloud = std::make_unique<Cloud>();
  if (Status restored = cloud->RestoreFromFile(source); !restored.ok()) {
    throw CommandError(source + " is not a CloudEmu snapshot: " + restored.ToString());
  }
  return cloud;
}

void Dump(const DumpArgs& args) {
  std::unique_ptr<Cloud> cloud = OpenSource(args.source);
  std::string resources = cloud->ResourcesJson();
  if (args.format == "json") {
    auto parsed = core::FromJson(resources);
    if (!parsed.ok()) throw CommandError("the resource listing is not valid JSON");
    std::cout << core::ToJson(*parsed, /*pretty=*/true) << "\n";
  } else {
    std::cout << FormatResourcesText(resources);
  }
}

void Save(const SaveArgs& args) {
  std::unique_ptr<Cloud> cloud = OpenDataDir(args.data_dir, /*create=*/false);
  if (Status saved = cloud->SnapshotToFile(args.file); !saved.ok()) throw CommandError(saved.ToString());
  std::cout << "wrote a snapshot of " << args.data_dir << " to " << args.file << "\n";
}

}  // namespace

void AddSnapshotCommand(CLI::App& app) {
  CLI::App* snapshot = app.add_subcommand("snapshot", "Inspect or save the state of a data directory");
  // As in main.cc: a misspelt subcommand is named in the error.
  snapshot->require_subcommand(0, 1);
  snapshot->callback([snapshot] {
    if (snapshot->get_subcommands().empty()) throw CLI::RequiredError("A snapshot subcommand (dump, save)");
  });

  auto dump_args = std::make_shared<DumpArgs>();
  CLI::App* dump = snapshot->add_subcommand(
      "dump", "List every resource (buckets, objects with sizes, ...) of a data directory or snapshot file");
  dump->add_option("source", dump_args->source, "A data directory (serve --data-dir) or a snapshot JSON file")
      ->required();
  dump->add_option("--format", dump_args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  dump->callback([dump_args] { Dump(*dump_args); });

  auto save_args = std::make_shared<SaveArgs>();
  CLI::App* save = snapshot->add_subcommand("save", "Write the snapshot JSON of a data directory to a file");
  save->add_option("data-dir", save_args->data_dir, "A data directory (serve --data-dir)")->required();
  save->add_option("file", save_args->file, "The snapshot file to write")->required();
  save->callback([save_args] { Save(*save_args); });
}

}  // namespace cloudemu::cli
