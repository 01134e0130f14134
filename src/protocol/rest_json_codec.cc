// restJson1 (Lambda): the REST bindings of rest_binding.h plus JSON bodies,
// walked from the model's shapes (blobs base64, timestamps epoch seconds
// unless a timestampFormat says otherwise).
#include <string>

#include "core/json.h"
#include "protocol/json_shapes.h"
#include "protocol/rest_binding.h"
#include "protocol/rest_codecs.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

// The code AWS answers an unreadable request with: the service's own
// InvalidRequestContentException when its model declares one (Lambda, for
// every operation: "Could not parse request body into json"), else the
// generic restJson1 SerializationException.
std::string InvalidRequestCode(const ServiceModel& model) {
  return model.FindErrorShape("InvalidRequestContentException") ? "InvalidRequestContentException"
                                                                : "SerializationException";
}

// A JSON body error reported under the operation's own code.
Status WithCode(const Status& error, const std::string& code) {
  return error.code() == code ? error : Status::Error(code, error.message(), error.http_status());
}

class RestJson final : public Codec {
 public:
  StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const override {
    rest::RouteMatch route = rest::RestIndex::For(model).Route(request);
    if (!route.binding) {
      return Status::NotFound("UnknownOperationException",
                              "No operation matches " + request.method + " " + request.path);
    }
    const rest::OperationBinding& binding = *route.binding;
    std::string code = InvalidRequestCode(model);
    DecodedRequest decoded;
    decoded.operation = binding.operation;
    decoded.input = Document::Map();
    if (Status s = rest::DecodeBindings(binding, route, request, code, decoded.input); !s.ok()) return s;
    if (Status s = DecodeBody(binding.input, request.body, decoded.input); !s.ok()) return WithCode(s, code);
    return decoded;
  }

  HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation, const Document& output,
                            const ResponseContext& context) const override {
    HttpResponse response;
    response.headers.Set("x-amzn-requestid", context.request_id);
    const rest::OperationBinding* binding = rest::RestIndex::For(model).Find(operation);
    if (!binding) return response;
    rest::EncodeBindings(*binding, output, response);
    const rest::ShapeBindings& out = binding->output;
    if (rest::EncodeRawPayload(out, output, response)) {
      if (!response.body.empty() && !response.headers.Has("content-type")) {
        response.headers.Set("content-type", "application/octet-stream");
      }
    } else if (out.payload) {
      if (const Document* body = output.Find(out.payload->name)) {
        response.body = DocumentToJsonBody(*body, out.payload->shape);
        response.headers.Set("content-type", "application/json");
      }
    } else if (!out.body.empty()) {
      response.body = DocumentToJsonBody(output, out.shape);
      response.headers.Set("content-type", "application/json");
    }
    if (context.request_method == "HEAD") response.body.clear();
    response.headers.Set("content-length", std::to_string(response.body.size()));
    return response;
  }

  HttpResponse EncodeError(const ServiceModel& model, const Operation* operation, const Status& error,
                           const ResponseContext& context) const override {
    HttpResponse response;
    response.status = error.http_status();
    response.headers.Set("x-amzn-requestid", context.request_id.empty() ? error.request_id() : context.request_id);
    response.headers.Set("x-amzn-errortype", error.code());
    if (context.request_method != "HEAD") {
      // The message member is spelled as the error shape spells it
      // (Lambda's ResourceNotFoundException has "Message", others "message").
      const Shape* shape = model.FindErrorShape(error.code());
      std::string message_key = shape && shape->FindMember("Message") ? "Message" : "message";
      Document body = Document::Map();
      body.Set("Type", response.status >= 500 ? "Service" : "User");
      body.Set(message_key, error.message());
      for (const auto& [name, value] : error.details()) body.Set(name, value);
      body.Set("__type", error.code());
      response.body = core::ToJson(body);
      response.headers.Set("content-type", "application/json");
    }
    response.headers.Set("content-length", std::to_string(response.body.size()));
    return response;
  }

 private:
  static Status DecodeBody(const rest::ShapeBindings& in, const std::string& body, Document& input) {
    if (rest::DecodeRawPayload(in, body, input)) return Status::Ok();
    const MemberRef* payload = in.payload;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos || (!payload && in.body.empty())) {
      return Status::Ok();  // nothing to read, or nothing the operation reads from a body
    }
    auto members = JsonBodyToDocument(body, payload ? payload->shape : in.shape);
    if (!members.ok()) return members.status();
    if (payload) {
      input.Set(payload->name, std::move(*members));
    } else {
      for (auto& [name, value] : members->MutableMap()) input.Set(name, std::move(value));
    }
    return Status::Ok();
  }
};

}  // namespace

const Codec& RestJsonCodec() {
  static const RestJson codec;
  return codec;
}

}  // namespace cloudemu::protocol
