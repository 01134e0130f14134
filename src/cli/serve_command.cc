// `cloudemu serve`: run a Cloud on a port until SIGINT or SIGTERM.
#include <csignal>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/client_snippets.h"
#include "cli/commands.h"
#include "cli/data_dir.h"
#include "cli/service_catalog.h"
#include "cloudemu/cloud.h"

namespace cloudemu::cli {
namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::string data_dir;
  bool sync = false;
  std::vector<std::string> seeds;
  bool strict_signatures = false;
  std::vector<std::string> credentials;  // "AKID:SECRET"
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
};

Credentials ParseCredentials(const std::string& pair) {
  size_t colon = pair.find(':');
  return Credentials{pair.substr(0, colon), pair.substr(colon + 1)};
}

std::string CheckCredentials(const std::string& pair) {
  size_t colon = pair.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size()) {
    return "credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY";
  }
  return "";
}

std::string CheckAccountId(const std::string& id) {
  bool digits = id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos;
  return digits ? "" : "an account id is 12 digits";
}

Options CloudOptions(const ServeArgs& args) {
  Options options;
  options.region = args.region;
  options.account_id = args.account_id;
  options.storage.sync_every_commit = args.sync;
  options.signatures.strict = args.strict_signatures;
  for (const std::string& pair : args.credentials) options.signatures.credentials.push_back(ParseCredentials(pair));
  return options;
}

std::unique_ptr<Cloud> OpenCloud(const ServeArgs& args) {
  if (!args.data_dir.empty()) return OpenDataDir(args.data_dir, /*create=*/true, CloudOptions(args));
  auto cloud = Cloud::Open(CloudOptions(args));
  if (!cloud.ok()) throw CommandError("cannot open the Cloud: " + cloud.status().ToString());
  return std::move(cloud).value();
}

// Everything after the endpoint line.
std::string BannerDetails(const ServeArgs& args, const std::string& endpoint, std::vector<std::string> services) {
  std::ostringstream out;
  out << "account " << args.account_id << ", region " << args.region << ", state "
      << (args.data_dir.empty() ? std::string("in memory") : "in " + args.data_dir)
      << (args.strict_signatures ? ", signatures checked" : ", any credentials accepted") << "\n";
  SnippetTarget target;
  target.endpoint = endpoint;
  target.region = args.region;
  target.credentials = args.credentials.empty() ? Credentials{"test", "test"} : ParseCredentials(args.credentials[0]);
  target.services = std::move(services);
  out << ClientSnippets(target) << "\nPress Ctrl-C to stop.\n";
  return out.str();
}

void Serve(const ServeArgs& args) {
  // Block the stop signals before any listener thread exists, so that every
  // thread inherits the mask and sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A reader that closes our stdout after the endpoint line must not kill us.
  std::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Cloud> cloud = OpenCloud(args);
  for (const std::string& seed : args.seeds) {
    if (Status seeded = cloud->SeedFromFile(seed); !seeded.ok()) {
      throw CommandError("seeding " + seed + " failed: " + seeded.ToString());
    }
  }
  std::vector<std::string> services = EmulatedServiceNames();
  ListenOptions listen;
  listen.host = args.host;
  listen.port = args.port;
  auto endpoint = cloud->Listen(listen);
  if (!endpoint.ok()) {
    throw CommandError("cannot listen on " + args.host + ":" + std::to_string(args.port) + ": " +
                       endpoint.status().ToString());
  }
  // Scripts read the first line: its last word is the endpoint.
  std::cout << "CloudEmu listening on " << *endpoint << std::endl;
  std::cout << BannerDetails(args, *endpoint, std::move(services)) << std::flush;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "cloudemu: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << " received, shutting down" << std::endl;
  cloud->StopListening();
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the AWS APIs on a port until SIGINT/SIGTERM");
  serve->add_option("--host", args->host, "Address to bind")->capture_default_str();
  serve->add_option("--port", args->port, "Port to bind; 0 picks a free port")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  CLI::Option* data_dir = serve->add_option("--data-dir", args->data_dir,
                                            "Keep state in an LMDB store in this directory (default: in memory)");
  serve->add_flag("--sync", args->sync, "fsync every write (survives power loss, slower)")->needs(data_dir);
  serve->add_option("--seed", args->seeds, "Apply a fixture file (docs/fixtures.md) at startup; repeatable")
      ->check(CLI::ExistingFile);
  CLI::Option* strict = serve->add_flag("--strict-signatures", args->strict_signatures,
                                        "Check SigV4 signatures against the --credentials given");
  CLI::Option* credentials =
      serve->add_option("--credentials", args->credentials, "ACCESS_KEY_ID:SECRET_ACCESS_KEY accepted; repeatable")
          ->check(CLI::Validator(CheckCredentials, "AKID:SECRET"));
  strict->needs(credentials);
  credentials->needs(strict);
  serve->add_option("--region", args->region, "The Cloud's region")->capture_default_str();
  serve->add_option("--account-id", args->account_id, "The Cloud's 12-digit account id")
      ->check(CLI::Validator(CheckAccountId, "ACCOUNT"))
      ->capture_default_str();
  serve->callback([args] { Serve(*args); });
}

}  // namespace cloudemu::cli
