#include "cli/client_snippets.h"

#include <sstream>

namespace cloudemu::cli {
namespace {

// The Terraform AWS provider names a few endpoints differently from botocore.
std::string TerraformEndpointName(const std::string& model_name) {
  if (model_name == "stepfunctions") return "sfn";
  return model_name;
}

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

std::string ClientSnippets(const SnippetTarget& target) {
  const std::string& akid = target.credentials.access_key_id;
  const std::string& secret = target.credentials.secret_access_key;
  std::string first_service = target.services.empty() ? "s3" : target.services.front();
  std::ostringstream out;
  out << "\nDashboard (every resource, live): " << target.endpoint << "/_cloudemu/dashboard\n"
      << "\naws CLI:\n"
      << "  aws --endpoint-url " << target.endpoint << " --region " << target.region << " s3 ls\n"
      << "  # or, for every AWS tool in this shell:\n"
      << "  export AWS_ENDPOINT_URL=" << target.endpoint << " AWS_REGION=" << target.region
      << " AWS_ACCESS_KEY_ID=" << akid << " AWS_SECRET_ACCESS_KEY=" << secret << "\n"
      << "\nboto3:\n"
      << "  boto3.client(" << Quoted(first_service) << ", endpoint_url=" << Quoted(target.endpoint)
      << ", region_name=" << Quoted(target.region) << ",\n"
      << "               aws_access_key_id=" << Quoted(akid) << ", aws_secret_access_key=" << Quoted(secret) << ")\n"
      << "\nTerraform:\n"
      << "  provider \"aws\" {\n"
      << "    region                      = " << Quoted(target.region) << "\n"
      << "    access_key                  = " << Quoted(akid) << "\n"
      << "    secret_key                  = " << Quoted(secret) << "\n"
      << "    s3_use_path_style           = true\n"
      << "    skip_credentials_validation = true\n"
      << "    skip_metadata_api_check     = true\n"
      << "    skip_requesting_account_id  = true\n"
      << "    skip_region_validation      = true\n"
      << "    max_retries                 = 2\n"
      << "    endpoints {\n";
  for (const std::string& service : target.services) {
    out << "      " << TerraformEndpointName(service) << " = " << Quoted(target.endpoint) << "\n";
  }
  out << "    }\n"
      << "  }\n";
  return out.str();
}

}  // namespace cloudemu::cli
