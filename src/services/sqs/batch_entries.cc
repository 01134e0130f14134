#include "services/sqs/batch_entries.h"

#include <set>
#include <string>

namespace cloudemu::services::sqs {
namespace {

constexpr size_t kMaxEntries = 10;
constexpr size_t kMaxIdLength = 80;

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Status CheckBatch(const Document& entries, std::string_view entry_name) {
  if (entries.empty()) {
    return Status::InvalidArgument("EmptyBatchRequest",
                                   "There should be at least one " + std::string(entry_name) + " in the request.");
  }
  if (entries.size() > kMaxEntries) {
    return Status::InvalidArgument(
        "TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent " + std::to_string(entries.size()) + ".");
  }
  std::set<std::string> ids;
  for (const Document& entry : entries.AsList()) {
    const std::string& id = entry["Id"].AsString();
    if (!ValidId(id)) {
      return Status::InvalidArgument("InvalidBatchEntryId",
                                     "A batch entry id can only contain alphanumeric characters, hyphens and "
                                     "underscores. It can be at most 80 letters long.");
    }
    if (!ids.insert(id).second) {
      return Status::InvalidArgument("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
    }
  }
  return Status::Ok();
}

Document RunBatch(const Document& entries, const std::function<StatusOr<Document>(const Document&)>& run) {
  Document successful = Document::List();
  Document failed = Document::List();
  for (const Document& entry : entries.AsList()) {
    StatusOr<Document> result = run(entry);
    if (result.ok()) {
      Document& out = successful.Append(std::move(result).value());
      out.Set("Id", entry["Id"]);
      continue;
    }
    Document& error = failed.Append(Document::Map());
    error.Set("Id", entry["Id"]);
    error.Set("SenderFault", result.status().http_status() < 500);
    error.Set("Code", result.status().code());
    error.Set("Message", result.status().message());
  }
  Document output = Document::Map();
  output.Set("Successful", std::move(successful));
  output.Set("Failed", std::move(failed));
  return output;
}

}  // namespace cloudemu::services::sqs
