// ScopedAwsEnvironment: AWS_* variables pointing at a Cloud, restored on exit.
#include <cstdlib>

#include "cloudemu/testing.h"

namespace cloudemu::testing {
namespace {

std::optional<std::string> Current(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace

ScopedAwsEnvironment::ScopedAwsEnvironment(const Cloud& cloud) {
  const SignatureOptions& signatures = cloud.options().signatures;
  Credentials credentials{"test", "test"};
  if (signatures.strict && !signatures.credentials.empty()) credentials = signatures.credentials.front();
  Apply(cloud.Endpoint(), cloud.options().region, credentials);
}

ScopedAwsEnvironment::ScopedAwsEnvironment(std::string endpoint, std::string region, std::string access_key_id,
                                           std::string secret_access_key) {
  Apply(endpoint, region, Credentials{std::move(access_key_id), std::move(secret_access_key)});
}

void ScopedAwsEnvironment::Apply(const std::string& endpoint, const std::string& region,
                                 const Credentials& credentials) {
  Set("AWS_ENDPOINT_URL", endpoint);
  Set("AWS_ACCESS_KEY_ID", credentials.access_key_id);
  Set("AWS_SECRET_ACCESS_KEY", credentials.secret_access_key);
  Set("AWS_REGION", region);
  Set("AWS_DEFAULT_REGION", region);
  Set("AWS_SESSION_TOKEN", std::nullopt);
  Set("AWS_PROFILE", std::nullopt);
}

ScopedAwsEnvironment::~ScopedAwsEnvironment() {
  // Newest first, so a variable set twice ends as it was before the first.
  for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
    if (it->second) {
      setenv(it->first.c_str(), it->second->c_str(), 1);
    } else {
      unsetenv(it->first.c_str());
    }
  }
}

void ScopedAwsEnvironment::Set(const char* name, const std::optional<std::string>& value) {
  saved_.emplace_back(name, Current(name));
  if (value) {
    setenv(name, value->c_str(), 1);
  } else {
    unsetenv(name);
  }
}

}  // namespace cloudemu::testing
