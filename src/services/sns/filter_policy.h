// FilterPolicy: a subscription's filter policy, validated and compiled once,
// then matched against each published message.
//
// The grammar is SNS's: a JSON object whose keys name message attributes
// (scope "MessageAttributes") or, possibly nested, properties of a JSON
// message body (scope "MessageBody"). Each key holds an array of conditions,
// any of which may match: exact strings / numbers / booleans / null, and
// operator objects {"prefix"}, {"suffix"}, {"equals-ignore-case"},
// {"anything-but": value | [values] | {"prefix"} | {"suffix"}},
// {"numeric": [op, n (, op, n)]}, {"exists": bool}, {"cidr": "a.b.c.d/n"}.
// "$or": [policy, ...] at any level matches when one branch matches. All keys
// of an object must match.
// Thread-safety: immutable after Compile; Matches may be called concurrently.
#ifndef CLOUDEMU_SERVICES_SNS_FILTER_POLICY_H_
#define CLOUDEMU_SERVICES_SNS_FILTER_POLICY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::sns {

enum class FilterScope { kMessageAttributes, kMessageBody };

class FilterPolicy {
 public:
  struct Condition;
  struct Node;

  // Validates `policy_json` for `scope`. On failure the Status is
  // InvalidParameter whose message is only the reason (e.g. "Filter policy is
  // too complex"); callers prefix it as the operation does on AWS.
  static StatusOr<FilterPolicy> Compile(std::string_view policy_json, FilterScope scope);

  // `attributes` are Publish's MessageAttributes ({Name: {DataType,
  // StringValue, BinaryValue}}); `body` the message delivered to the
  // subscription. A body that is not a JSON object matches no MessageBody
  // policy.
  bool Matches(const core::Document& attributes, std::string_view body) const;

 private:
  FilterScope scope_ = FilterScope::kMessageAttributes;
  std::shared_ptr<const Node> root_;
};

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_FILTER_POLICY_H_
