// Request side of awsQuery and ec2Query: form parameters (a POST body of
// application/x-www-form-urlencoded, or the query string of a GET) with
// Action and Version, unflattened by the operation's input shape into a
// Document (Tags.member.1.Key -> {"Tags": [{"Key": ...}]}).
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_PROTOCOL_QUERY_FORM_H_
#define CLOUDEMU_PROTOCOL_QUERY_FORM_H_

#include <string>
#include <utility>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "protocol/codec.h"
#include "protocol/query_naming.h"

namespace cloudemu::protocol {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// The Document `params` describe for `input` (null: no members). A value
// that is not of its member's type gives InvalidParameterValue.
StatusOr<core::Document> FormToDocument(const FormParams& params, const Shape* input, const QueryNaming& naming);

// Finds the operation (MissingAction / InvalidAction when absent or unknown),
// decodes its input.
StatusOr<DecodedRequest> DecodeQueryRequest(const ServiceModel& model, const HttpRequest& request,
                                            QueryDialect dialect);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_QUERY_FORM_H_
