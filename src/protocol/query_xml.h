// Response side of awsQuery and ec2Query: the members of an output Document
// as XML elements named by QueryNaming - lists as <Name><member>...</member>
// </Name> (ec2: <item>; flattened: repeated <Name>), maps as <entry><key/>
// <value/></entry>, timestamps ISO 8601, booleans true/false, blobs base64.
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_PROTOCOL_QUERY_XML_H_
#define CLOUDEMU_PROTOCOL_QUERY_XML_H_

#include <string>
#include <string_view>

#include "core/document.h"
#include "protocol/codec.h"
#include "protocol/query_naming.h"
#include "protocol/xml.h"

namespace cloudemu::protocol {

// Writes the members of `doc` that `shape` declares, in model order.
void WriteQueryMembers(xml::Writer& writer, const core::Document& doc, const Shape& shape, const QueryNaming& naming);

// An XML response of the query protocols with the request id header.
HttpResponse QueryXmlResponse(int status, std::string body, std::string_view content_type,
                              const ResponseContext& context);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_QUERY_XML_H_
