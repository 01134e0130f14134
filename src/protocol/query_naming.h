// QueryNaming: how awsQuery and ec2Query name members on the wire, in
// requests (Attributes.entry.1.key, Tags.member.1.Key, Filter.1.Value.1) and
// in XML responses (<Tags><member>, <vpcSet><item>, flattened <Message>).
// The rules are botocore's query/ec2 serializers and its query parser, fed by
// the model's locationName/queryName/flattened traits plus the names the SQS
// model lacks (wire_facts.h).
// Thread-safety: a small immutable value; use from any thread.
#ifndef CLOUDEMU_PROTOCOL_QUERY_NAMING_H_
#define CLOUDEMU_PROTOCOL_QUERY_NAMING_H_

#include <string>
#include <string_view>

#include "protocol/model_index.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {

enum class QueryDialect { kQuery, kEc2 };

class QueryNaming {
 public:
  QueryNaming(const ModelIndex& index, QueryDialect dialect) : index_(index), dialect_(dialect) {}

  QueryDialect dialect() const { return dialect_; }
  bool Flattened(const MemberRef& ref) const;

  // Request parameter name of a structure member (one dotted segment).
  std::string InputName(const MemberRef& ref) const;
  // Segment naming the items of a non-flattened awsQuery list ("member").
  std::string_view InputListItemName(const Shape& list) const;

  // Response element name of a structure member.
  std::string_view OutputName(const MemberRef& ref) const;
  // Element wrapping each item of a non-flattened list ("member"/"item").
  std::string_view OutputListItemName(const Shape& list) const;

  // Names of a map entry's key and value ("key"/"value" by default).
  std::string_view MapKeyName(const Shape& map) const;
  std::string_view MapValueName(const Shape& map) const;

 private:
  // The serialized name (locationName) of a reference, "" when none.
  std::string_view SerializedName(const MemberRef& ref) const;
  std::string_view ListMemberName(const Shape& list) const;

  const ModelIndex& index_;
  QueryDialect dialect_;
};

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_QUERY_NAMING_H_
