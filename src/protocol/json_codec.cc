// awsJson1_0 / awsJson1_1: POST / with X-Amz-Target "<targetPrefix>.<Op>" and
// a JSON body shaped by the operation's input (DynamoDB, SQS, KMS, Secrets
// Manager, EventBridge, Step Functions).
#include <string>

#include "core/hash.h"
#include "core/json.h"
#include "protocol/json_shapes.h"
#include "protocol/model_index.h"
#include "protocol/rpc_codecs.h"

namespace cloudemu::protocol {
namespace {

Status UnknownOperation(std::string_view target) {
  return Status::InvalidArgument("UnknownOperationException", target.empty()
                                                                  ? "Missing X-Amz-Target header"
                                                                  : "Unknown operation " + std::string(target));
}

// Errors raised by AWS's request framework rather than by the service carry
// the framework's namespace in `__type` (DynamoDB answers
// "com.amazon.coral.validate#ValidationException").
std::string_view FrameworkNamespace(std::string_view code) {
  if (code == "ValidationException") return "com.amazon.coral.validate";
  if (code == "SerializationException" || code == "UnknownOperationException") return "com.amazon.coral.service";
  return {};
}

std::string ErrorType(const ModelIndex& index, const ErrorDescription& error) {
  std::string_view ns = index.facts().json_error_namespace;
  if (ns.empty()) return std::string(error.code);
  if (error.shape == nullptr && !FrameworkNamespace(error.code).empty()) ns = FrameworkNamespace(error.code);
  std::string type(ns);
  type += '#';
  type += error.code;
  return type;
}

// A detail naming a structure, list or map member of the error's shape
// carries that member as JSON text (DynamoDB's CancellationReasons, Item).
core::Document DetailValue(const Shape* error_shape, const std::string& name, const std::string& value) {
  const MemberRef* member = error_shape ? error_shape->FindMember(name) : nullptr;
  if (member && member->shape &&
      (member->shape->type == ShapeType::kStructure || member->shape->type == ShapeType::kList ||
       member->shape->type == ShapeType::kMap)) {
    if (auto parsed = core::FromJson(value); parsed.ok()) return *std::move(parsed);
  }
  return value;
}

class JsonCodecImpl final : public Codec {
 public:
  StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const override {
    const std::string* target = request.headers.Find("x-amz-target");
    if (target == nullptr) return UnknownOperation("");
    size_t dot = target->rfind('.');
    if (dot == std::string::npos || std::string_view(*target).substr(0, dot) != model.target_prefix) {
      return UnknownOperation(*target);
    }
    const Operation* operation = model.FindOperation(std::string_view(*target).substr(dot + 1));
    if (operation == nullptr) return UnknownOperation(*target);
    auto input = JsonBodyToDocument(request.body, operation->input);
    if (!input.ok()) return input.status();
    return DecodedRequest{operation, std::move(input).value()};
  }

  HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation, const core::Document& output,
                            const ResponseContext& context) const override {
    HttpResponse response;
    response.status = operation.response_code;
    response.body = DocumentToJsonBody(output, operation.output);
    Finish(model, context, response);
    return response;
  }

  HttpResponse EncodeError(const ServiceModel& model, const Operation*, const Status& error,
                           const ResponseContext& context) const override {
    auto index = ModelIndex::For(model);
    ErrorDescription described = index->DescribeError(error);
    core::Document body = core::Document::Map();
    for (const auto& [name, value] : error.details()) body.Set(name, DetailValue(described.shape, name, value));
    body.Set("__type", ErrorType(*index, described));
    body.Set("message", error.message());
    HttpResponse response;
    response.status = described.http_status;
    response.body = core::ToJson(body);
    if (model.aws_query_compatible) {
      response.headers.Set("x-amzn-query-error",
                           std::string(described.query_code) + (described.sender_fault ? ";Sender" : ";Receiver"));
    }
    Finish(model, context, response);
    return response;
  }

 private:
  static void Finish(const ServiceModel& model, const ResponseContext& context, HttpResponse& response) {
    response.headers.Set("content-type",
                         "application/x-amz-json-" + std::string(model.json_version.empty() ? "1.0" : model.json_version));
    response.headers.Set("x-amzn-requestid", context.request_id);
    if (WireFactsFor(model.name).json_crc32) {
      response.headers.Set("x-amz-crc32", std::to_string(core::Crc32(response.body)));
    }
  }
};

}  // namespace

const Codec& JsonCodec() {
  static const JsonCodecImpl codec;
  return codec;
}

}  // namespace cloudemu::protocol
