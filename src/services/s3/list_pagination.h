// The paging rules shared by S3's listings (ListObjects, ListObjectsV2,
// ListObjectVersions, ListMultipartUploads): keys arrive in UTF-8 byte
// order; a key whose remainder after Prefix contains Delimiter rolls up into
// a common prefix (Prefix up to and including the first Delimiter); every
// entry and every distinct common prefix counts toward MaxKeys; the page is
// truncated only when something follows it. Also the request checks and the
// encoding these listings share.
// Thread-safety: a ListingPage is a plain value owned by one request.
#ifndef CLOUDEMU_SERVICES_S3_LIST_PAGINATION_H_
#define CLOUDEMU_SERVICES_S3_LIST_PAGINATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::s3 {

inline constexpr int64_t kDefaultMaxKeys = 1000;

class ListingPage {
 public:
  enum class Placement {
    kEntry,            // counted as an entry of the page
    kNewCommonPrefix,  // opened (and counted) a new common prefix
    kRolledUp,         // folded into the common prefix just counted
    kPageFull,         // does not fit: the page is truncated, stop
  };

  ListingPage(std::string prefix, std::string delimiter, int64_t max_keys)
      : prefix_(std::move(prefix)), delimiter_(std::move(delimiter)), max_keys_(max_keys) {}

  // Places the next key (ascending; a key offered once per version counts once per offer).
  Placement Offer(std::string_view key);

  // The common prefix `key` rolls up into, or "" when it rolls up into none.
  std::string CommonPrefixOf(std::string_view key) const;
  // Whether `key` was already listed by a page that ended at `marker`: it
  // sorts at or before the marker, or it rolls up into a common prefix that
  // does (S3 hands out a common prefix as NextMarker).
  bool CoveredByMarker(std::string_view key, std::string_view marker) const;

  const std::vector<std::string>& common_prefixes() const { return common_prefixes_; }
  bool truncated() const { return truncated_; }
  size_t placed() const { return placed_; }
  // The last key or common prefix placed: the next page's marker.
  const std::string& last_placed() const { return last_placed_; }

 private:
  std::string prefix_;
  std::string delimiter_;
  int64_t max_keys_;
  std::vector<std::string> common_prefixes_;
  std::string last_placed_;
  size_t placed_ = 0;
  bool truncated_ = false;
};

// The first key after every key that starts with `common_prefix` (no valid
// UTF-8 key contains the byte 0xFF), to resume a scan past a rolled-up group.
std::string KeyAfterPrefix(std::string_view common_prefix);

// MaxKeys/MaxUploads/MaxParts of a listing input: the default when absent,
// capped at 1000; InvalidArgument for a negative value, as S3 words it.
StatusOr<int64_t> ListLimit(const core::Document& input, std::string_view member, std::string_view argument_name);

// EncodingType: "" or "url"; anything else is InvalidArgument.
StatusOr<bool> UrlEncodingRequested(const core::Document& input);
// A key, prefix, delimiter or marker as a listing with EncodingType=url
// returns it (percent-encoded UTF-8, '/' kept, spaces as '+').
std::string ListingEncode(std::string_view text, bool url_encoding);

// Sets output["CommonPrefixes"] ([{"Prefix"}], encoded) when the page has any.
void AddCommonPrefixes(const ListingPage& page, bool url_encoding, core::Document& output);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_LIST_PAGINATION_H_
