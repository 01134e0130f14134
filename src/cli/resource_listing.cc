#include "cli/resource_listing.h"

#include <algorithm>
#include <sstream>

#include "cli/commands.h"
#include "core/json.h"

namespace cloudemu::cli {
namespace {

std::string AttributeText(const core::Document& value) {
  if (value.is_string()) return value.AsString();
  return core::ToJson(value);
}

void WriteService(std::ostringstream& out, const std::string& name, const core::Document& resources) {
  size_t count = resources.size();
  out << name << ": " << count << (count == 1 ? " resource" : " resources") << "\n";
  size_t type_width = 0;
  for (const core::Document& resource : resources.AsList()) {
    type_width = std::max(type_width, resource["type"].AsString().size());
  }
  for (const core::Document& resource : resources.AsList()) {
    const std::string& type = resource["type"].AsString();
    out << "  " << type << std::string(type_width - type.size() + 2, ' ') << resource["id"].AsString();
    if (const core::Document* attributes = resource.Find("attributes"); attributes && attributes->is_map()) {
      for (const auto& [attribute, value] : attributes->AsMap())
        out << "  " << attribute << "=" << AttributeText(value);
    }
    if (const core::Document* arn = resource.Find("arn"); arn && !arn->AsString().empty()) {
      out << "  arn=" << arn->AsString();
    }
    out << "\n";
  }
}

}  // namespace

std::string FormatResourcesText(std::string_view resources_json) {
  auto root = core::FromJson(resources_json);
  if (!root.ok() || !root->is_map()) throw CommandError("the resource listing is not a JSON object");
  std::ostringstream out;
  out << "account " << (*root)["account_id"].AsString() << ", region " << (*root)["region"].AsString() << "\n";
  for (const auto& [service, resources] : (*root)["services"].AsMap()) WriteService(out, service, resources);
  return out.str();
}

}  // namespace cloudemu::cli
