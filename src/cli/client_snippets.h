// What `cloudemu serve` prints after its endpoint line: copy-paste lines that
// point the aws CLI, boto3 and Terraform at a running Cloud.
// Thread-safety: a pure function.
#ifndef CLOUDEMU_CLI_CLIENT_SNIPPETS_H_
#define CLOUDEMU_CLI_CLIENT_SNIPPETS_H_

#include <string>
#include <vector>

#include "cloudemu/options.h"

namespace cloudemu::cli {

struct SnippetTarget {
  std::string endpoint;
  std::string region;
  Credentials credentials;
  std::vector<std::string> services;  // botocore model names ("s3", "stepfunctions", ...)
};

std::string ClientSnippets(const SnippetTarget& target);

}  // namespace cloudemu::cli

#endif  // CLOUDEMU_CLI_CLIENT_SNIPPETS_H_
