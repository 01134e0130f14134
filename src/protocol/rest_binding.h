// What the REST protocols (restXml, restJson1) share: requestUri templates,
// choosing the operation a request names, and the HTTP bindings of members
// (uri labels, query string, headers, prefixed header maps, status code) in
// both directions. The body is each codec's own business.
// Thread-safety: a RestIndex is built once per model (RestIndex::For is safe
// from any thread) and is immutable afterwards.
#ifndef CLOUDEMU_PROTOCOL_REST_BINDING_H_
#define CLOUDEMU_PROTOCOL_REST_BINDING_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "protocol/http_message.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol::rest {

// A parsed requestUri such as "/{Bucket}/{Key+}?uploads" or "/{Bucket}?list-type=2".
struct UriTemplate {
  // One path segment: `prefix`, then the label (if any), then `suffix`.
  struct Segment {
    std::string prefix;
    std::string label;  // member location name, "" for a literal segment
    std::string suffix;
    bool greedy = false;  // {Key+}: takes the rest of the path, '/' included
  };
  struct QueryLiteral {
    std::string key;
    std::optional<std::string> value;  // "?uploads" has none, "?list-type=2" has "2"
  };

  std::vector<Segment> segments;
  std::vector<QueryLiteral> query;
  int greedy_labels = 0;
  int literal_segments = 0;

  static UriTemplate Parse(std::string_view request_uri);
  // Matches a still percent-encoded path; fills the decoded label values. A
  // single trailing '/' is ignored ("/bucket/" is the bucket), and a greedy
  // label never matches an empty rest.
  bool MatchPath(std::string_view path, std::vector<std::pair<std::string, std::string>>* labels) const;
  // Whether the request carries every literal query key (and value).
  bool MatchQuery(const HttpRequest& request) const;
};

// The members of a structure (an operation's input or output) sorted by where
// HTTP carries them.
struct ShapeBindings {
  const Shape* shape = nullptr;  // null when the operation has no such shape
  std::vector<const MemberRef*> uri;
  std::vector<const MemberRef*> query;
  std::vector<const MemberRef*> header;
  // The header members by lower-cased wire name (request headers arrive lower-cased).
  std::unordered_map<std::string, const MemberRef*> header_by_name;
  // Position in `header` of each header member, by member name.
  std::unordered_map<std::string, size_t> header_index;
  std::vector<const MemberRef*> header_maps;  // location "headers": prefix in location_name
  const MemberRef* status_code = nullptr;
  const MemberRef* payload = nullptr;  // the member named by the shape's `payload`
  std::vector<const MemberRef*> body;  // body members when there is no payload member
  // Required members that must be on the request for the operation to match.
  std::vector<const MemberRef*> required_query;
  std::vector<std::string> required_header;  // lower-cased wire names
  const MemberRef* content_range = nullptr;  // the header member bound to Content-Range (206 responses)

  static ShapeBindings For(const Shape* shape);
};

struct OperationBinding {
  const Operation* operation = nullptr;
  UriTemplate uri;
  ShapeBindings input;
  ShapeBindings output;
};

// The outcome of routing a request.
struct RouteMatch {
  const OperationBinding* binding = nullptr;  // null when nothing matched
  std::vector<std::pair<std::string, std::string>> labels;  // uri label -> decoded value
  // When nothing matched: whether some operation has this path under
  // another method (S3 then answers 405 MethodNotAllowed), and whether the
  // path named an object (a greedy label) rather than a bucket or the service.
  bool path_known = false;
  bool path_has_greedy_label = false;
};

class RestIndex {
 public:
  // The index of `model`, built on first use and cached for the process.
  static const RestIndex& For(const ServiceModel& model);

  explicit RestIndex(const ServiceModel& model);

  // Candidates share the method, match the path and the literal query keys,
  // and carry every required query/header member; the most specific wins:
  // most literal query keys, then most required query/header members, then
  // fewest greedy labels, then most literal path segments, then a
  // non-deprecated operation, then the name that sorts first.
  RouteMatch Route(const HttpRequest& request) const;
  const OperationBinding* Find(const Operation& operation) const;

 private:
  std::vector<OperationBinding> bindings_;  // in model (name) order
  std::unordered_map<std::string, std::vector<size_t>> by_method_;
  std::unordered_map<const Operation*, size_t> by_operation_;
};

// Query parameters SigV4 presigning adds; never operation input.
bool IsPresignParameter(std::string_view key);

// Reads the uri, query string and header members of `binding.input` into
// `input`. A value that does not parse as its member's type is an error with
// `invalid_code` (HTTP 400).
Status DecodeBindings(const OperationBinding& binding, const RouteMatch& route, const HttpRequest& request,
                      std::string_view invalid_code, core::Document& input);
// Writes the header and status-code members of `output` present in `value`
// (206 when a Content-Range header member is present, else the operation's
// responseCode).
void EncodeBindings(const OperationBinding& binding, const core::Document& value, HttpResponse& response);

// A blob or string payload member is the raw HTTP body (a blob always, so an
// empty PutObject still has its Body; a string only when non-empty). Both
// return false when there is no such member: the body, if any, is the codec's.
bool DecodeRawPayload(const ShapeBindings& input, const std::string& body, core::Document& value);
bool EncodeRawPayload(const ShapeBindings& output, const core::Document& value, HttpResponse& response);

}  // namespace cloudemu::protocol::rest

#endif  // CLOUDEMU_PROTOCOL_REST_BINDING_H_
