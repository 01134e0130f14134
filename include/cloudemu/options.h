// Options for a Cloud, as small named structs.
#ifndef CLOUDEMU_OPTIONS_H_
#define CLOUDEMU_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cloudemu/clock.h"

namespace cloudemu {

struct StorageOptions {
  // Empty: state lives in memory and dies with the Cloud. Otherwise an LMDB
  // environment in this directory (created if missing). Every acknowledged
  // write survives a killed process; with sync_every_commit it also
  // survives power loss, at the cost of an fsync per write.
  std::string lmdb_directory;
  bool sync_every_commit = false;
};

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
};

struct SignatureOptions {
  // Off: any SigV4 credentials are accepted (signatures are parsed, not
  // checked). On: requests must be signed by one of `credentials`, else
  // SignatureDoesNotMatch / InvalidAccessKeyId / AccessDenied as on AWS.
  bool strict = false;
  std::vector<Credentials> credentials;
};

struct ListenOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free ephemeral port
  int worker_threads = 16;
  // Larger request bodies are refused with the service's "too large" error.
  size_t max_body_bytes = size_t{5} << 30;
};

struct Options {
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
  StorageOptions storage;
  SignatureOptions signatures;
  // Null: the system clock.
  std::shared_ptr<Clock> clock;
  // Seeds every id the Cloud generates; 0 picks a random seed.
  uint64_t id_seed = 0;
};

}  // namespace cloudemu

#endif  // CLOUDEMU_OPTIONS_H_
