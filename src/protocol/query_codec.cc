// awsQuery (SNS, IAM, STS, and SQS's older protocol): form parameters in,
// <OpResponse><OpResult>...</OpResult><ResponseMetadata/></OpResponse> out.
#include <string>

#include "protocol/query_form.h"
#include "protocol/query_xml.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {
namespace {

constexpr char kContentType[] = "text/xml";

class QueryCodecImpl final : public Codec {
 public:
  StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const override {
    return DecodeQueryRequest(model, request, QueryDialect::kQuery);
  }

  HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation, const core::Document& output,
                            const ResponseContext& context) const override {
    auto index = ModelIndex::For(model);
    xml::Writer w;
    w.Start(std::string(operation.name) + "Response");
    w.Attribute("xmlns", index->QueryXmlNamespace());
    if (operation.output != nullptr) {
      w.Start(operation.result_wrapper.empty() ? std::string(operation.name) + "Result" : std::string(operation.result_wrapper));
      WriteQueryMembers(w, output, *operation.output, QueryNaming(*index, QueryDialect::kQuery));
      w.End();
    }
    w.Start("ResponseMetadata");
    w.Leaf("RequestId", context.request_id);
    w.End();
    return QueryXmlResponse(operation.response_code, w.Finish(), kContentType, context);
  }

  HttpResponse EncodeError(const ServiceModel& model, const Operation*, const Status& error,
                           const ResponseContext& context) const override {
    auto index = ModelIndex::For(model);
    ErrorDescription described = index->DescribeError(error);
    xml::Writer w;
    w.Start("ErrorResponse");
    w.Attribute("xmlns", index->QueryXmlNamespace());
    w.Start("Error");
    w.Leaf("Type", described.sender_fault ? "Sender" : "Receiver");
    w.Leaf("Code", described.query_code);
    w.Leaf("Message", error.message());
    for (const auto& [name, value] : error.details()) w.Leaf(name, value);
    w.End();
    w.Leaf("RequestId", context.request_id);
    return QueryXmlResponse(described.http_status, w.Finish(), kContentType, context);
  }
};

}  // namespace

const Codec& QueryCodec() {
  static const QueryCodecImpl codec;
  return codec;
}

}  // namespace cloudemu::protocol
