#include "services/dynamodb/partiql/next_token.h"

#include <optional>

#include "core/encoding.h"
#include "core/json.h"
#include "services/dynamodb/dynamodb_errors.h"

namespace cloudemu::services::dynamodb::partiql {

// Key values are S, N or B; JSON writes a B blob as base64 text, which
// decoding turns back into a blob.
std::string EncodeNextToken(const core::Document& last_evaluated_key) {
  return core::Base64Encode(core::ToJson(last_evaluated_key));
}

StatusOr<core::Document> DecodeNextToken(std::string_view token) {
  Status invalid = ValidationError("Invalid NextToken");
  std::optional<std::string> json = core::Base64Decode(token);
  if (!json) return invalid;
  auto key = core::FromJson(*json);
  if (!key.ok() || !key->is_map() || key->empty()) return invalid;
  for (auto& [name, value] : key->MutableMap()) {
    if (!value.is_map() || value.size() != 1) return invalid;
    core::Document* blob = value.MutableMap().count("B") ? &value.MutableMap()["B"] : nullptr;
    if (blob == nullptr) continue;
    std::optional<std::string> bytes = core::Base64Decode(blob->AsString());
    if (!bytes) return invalid;
    *blob = core::Blob{std::move(*bytes)};
  }
  return key;
}

}  // namespace cloudemu::services::dynamodb::partiql
