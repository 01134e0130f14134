// ec2Query: form parameters named by queryName/locationName (Filter.1.Value.1)
// in, <OpResponse><requestId/>members</OpResponse> out, errors as
// <Response><Errors><Error>...</Error></Errors><RequestID/></Response>.
#include <string>

#include "protocol/query_form.h"
#include "protocol/query_xml.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {
namespace {

constexpr char kContentType[] = "text/xml;charset=UTF-8";

class Ec2QueryCodecImpl final : public Codec {
 public:
  StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const override {
    return DecodeQueryRequest(model, request, QueryDialect::kEc2);
  }

  HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation, const core::Document& output,
                            const ResponseContext& context) const override {
    auto index = ModelIndex::For(model);
    xml::Writer w;
    w.Start(std::string(operation.name) + "Response");
    w.Attribute("xmlns", index->QueryXmlNamespace());
    w.Leaf("requestId", context.request_id);
    if (operation.output != nullptr) {
      WriteQueryMembers(w, output, *operation.output, QueryNaming(*index, QueryDialect::kEc2));
    }
    return QueryXmlResponse(operation.response_code, w.Finish(), kContentType, context);
  }

  HttpResponse EncodeError(const ServiceModel& model, const Operation*, const Status& error,
                           const ResponseContext& context) const override {
    ErrorDescription described = ModelIndex::For(model)->DescribeError(error);
    xml::Writer w;
    w.Start("Response");
    w.Start("Errors");
    w.Start("Error");
    w.Leaf("Code", described.query_code);
    w.Leaf("Message", error.message());
    for (const auto& [name, value] : error.details()) w.Leaf(name, value);
    w.End();
    w.End();
    w.Leaf("RequestID", context.request_id);
    return QueryXmlResponse(described.http_status, w.Finish(), kContentType, context);
  }
};

}  // namespace

const Codec& Ec2QueryCodec() {
  static const Ec2QueryCodecImpl codec;
  return codec;
}

}  // namespace cloudemu::protocol
