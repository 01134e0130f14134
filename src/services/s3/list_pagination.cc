#include "services/s3/list_pagination.h"

#include <algorithm>

#include "core/encoding.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {

std::string ListingPage::CommonPrefixOf(std::string_view key) const {
  if (delimiter_.empty() || key.substr(0, prefix_.size()) != prefix_) return "";
  size_t at = key.find(delimiter_, prefix_.size());
  if (at == std::string_view::npos) return "";
  return std::string(key.substr(0, at + delimiter_.size()));
}

bool ListingPage::CoveredByMarker(std::string_view key, std::string_view marker) const {
  if (marker.empty()) return false;
  if (key <= marker) return true;
  std::string common_prefix = CommonPrefixOf(key);
  return !common_prefix.empty() && common_prefix <= marker;
}

ListingPage::Placement ListingPage::Offer(std::string_view key) {
  std::string common_prefix = CommonPrefixOf(key);
  if (!common_prefix.empty() && !common_prefixes_.empty() && common_prefixes_.back() == common_prefix) {
    return Placement::kRolledUp;
  }
  if (static_cast<int64_t>(placed_) >= max_keys_) {
    // Nothing fits in a page of zero keys, and S3 does not call that truncated.
    truncated_ = max_keys_ > 0;
    return Placement::kPageFull;
  }
  ++placed_;
  if (common_prefix.empty()) {
    last_placed_ = std::string(key);
    return Placement::kEntry;
  }
  last_placed_ = common_prefix;
  common_prefixes_.push_back(std::move(common_prefix));
  return Placement::kNewCommonPrefix;
}

std::string KeyAfterPrefix(std::string_view common_prefix) { return std::string(common_prefix) + '\xff'; }

StatusOr<int64_t> ListLimit(const core::Document& input, std::string_view member, std::string_view argument_name) {
  const core::Document* value = input.Find(member);
  if (value == nullptr) return kDefaultMaxKeys;
  int64_t limit = value->AsInt();
  if (limit < 0) {
    return InvalidArgument("Provided " + std::string(argument_name) + " not an integer or within integer range",
                           argument_name, std::to_string(limit));
  }
  return std::min(limit, kDefaultMaxKeys);
}

StatusOr<bool> UrlEncodingRequested(const core::Document& input) {
  const core::Document* value = input.Find("EncodingType");
  if (value == nullptr) return false;
  if (value->AsString() != "url") {
    return InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", value->AsString());
  }
  return true;
}

std::string ListingEncode(std::string_view text, bool url_encoding) {
  if (!url_encoding) return std::string(text);
  std::string encoded = core::UriEncode(text, /*keep_slash=*/true);
  std::string out;
  out.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 3, "%20") == 0) {
      out += '+';
      i += 2;
    } else {
      out += encoded[i];
    }
  }
  return out;
}

void AddCommonPrefixes(const ListingPage& page, bool url_encoding, core::Document& output) {
  if (page.common_prefixes().empty()) return;
  core::Document& prefixes = output.Set("CommonPrefixes", core::Document::List());
  for (const std::string& common_prefix : page.common_prefixes()) {
    prefixes.Append(core::Document::Map()).Set("Prefix", ListingEncode(common_prefix, url_encoding));
  }
}

}  // namespace cloudemu::services::s3
