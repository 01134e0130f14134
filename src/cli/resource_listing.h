// The human-readable listing of a Cloud's resources (`cloudemu snapshot dump
// --format text`), rendered from Cloud::ResourcesJson().
// Thread-safety: a pure function.
#ifndef CLOUDEMU_CLI_RESOURCE_LISTING_H_
#define CLOUDEMU_CLI_RESOURCE_LISTING_H_

#include <string>
#include <string_view>

namespace cloudemu::cli {

// One header line (account, region), then per service a line with its
// resource count and one line per resource: type, id and its attributes as
// name=value, then its ARN.
std::string FormatResourcesText(std::string_view resources_json);

}  // namespace cloudemu::cli

#endif  // CLOUDEMU_CLI_RESOURCE_LISTING_H_
