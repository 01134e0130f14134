#include "services/s3/preconditions.h"

#include "services/s3/header_lists.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

std::string_view Unquote(std::string_view etag) {
  etag = TrimSpaces(etag);
  if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return etag;
}

std::optional<std::string> OptionalString(const core::Document& input, const std::string& member) {
  const core::Document* value = input.Find(member);
  if (value == nullptr) return std::nullopt;
  return value->AsString();
}

std::optional<int64_t> OptionalMillis(const core::Document& input, const std::string& member) {
  const core::Document* value = input.Find(member);
  if (value == nullptr || !value->is_timestamp()) return std::nullopt;
  return value->AsTimestampMillis();
}

// HTTP dates carry whole seconds; an object modified at 12:00:00.700 has not
// been modified since "12:00:00".
bool ModifiedSince(int64_t last_modified_millis, int64_t since_millis) {
  auto seconds = [](int64_t millis) { return millis >= 0 ? millis / 1000 : (millis - 999) / 1000; };
  return seconds(last_modified_millis) > seconds(since_millis);
}

// Which condition failed, if any; `not_modified` tells the caller the failure
// came from If-None-Match / If-Modified-Since.
struct Failure {
  std::string condition;
  bool not_modified = false;
};

std::optional<Failure> FirstFailure(const ReadConditions& conditions, std::string_view etag,
                                    int64_t last_modified_millis, const char* match_name, const char* unmodified_name,
                                    const char* none_match_name, const char* modified_name) {
  if (conditions.if_match) {
    if (!EtagListMatches(*conditions.if_match, etag)) return Failure{match_name};
  } else if (conditions.if_unmodified_since && ModifiedSince(last_modified_millis, *conditions.if_unmodified_since)) {
    return Failure{unmodified_name};
  }
  if (conditions.if_none_match) {
    if (EtagListMatches(*conditions.if_none_match, etag)) return Failure{none_match_name, true};
  } else if (conditions.if_modified_since && !ModifiedSince(last_modified_millis, *conditions.if_modified_since)) {
    return Failure{modified_name, true};
  }
  return std::nullopt;
}

}  // namespace

ReadConditions ReadConditions::FromInput(const core::Document& input, std::string_view prefix) {
  std::string p(prefix);
  return ReadConditions{OptionalString(input, p + "IfMatch"), OptionalString(input, p + "IfNoneMatch"),
                        OptionalMillis(input, p + "IfModifiedSince"), OptionalMillis(input, p + "IfUnmodifiedSince")};
}

bool EtagListMatches(std::string_view list, std::string_view etag) {
  std::string_view wanted = Unquote(etag);
  for (std::string_view item : SplitHeaderList(list)) {
    if (item == "*" || Unquote(item) == wanted) return true;
  }
  return false;
}

Status EvaluateReadConditions(const ReadConditions& conditions, std::string_view etag, int64_t last_modified_millis) {
  std::optional<Failure> failure = FirstFailure(conditions, etag, last_modified_millis, "If-Match",
                                                "If-Unmodified-Since", "If-None-Match", "If-Modified-Since");
  if (!failure) return Status::Ok();
  return failure->not_modified ? NotModified() : PreconditionFailed(failure->condition);
}

Status EvaluateCopySourceConditions(const ReadConditions& conditions, std::string_view etag,
                                    int64_t last_modified_millis) {
  std::optional<Failure> failure = FirstFailure(
      conditions, etag, last_modified_millis, "x-amz-copy-source-If-Match", "x-amz-copy-source-If-Unmodified-Since",
      "x-amz-copy-source-If-None-Match", "x-amz-copy-source-If-Modified-Since");
  return failure ? PreconditionFailed(failure->condition) : Status::Ok();
}

Status EvaluateWriteConditions(const core::Document& input, std::string_view key, const ObjectVersion* current) {
  if (const core::Document* none_match = input.Find("IfNoneMatch")) {
    if (TrimSpaces(none_match->AsString()) != "*") {
      return HeaderNotImplemented("If-None-Match");
    }
    if (current != nullptr) return PreconditionFailed("If-None-Match");
  }
  if (const core::Document* match = input.Find("IfMatch")) {
    if (current == nullptr) return NoSuchKey(key);
    if (!EtagListMatches(match->AsString(), current->etag)) return PreconditionFailed("If-Match");
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::s3
