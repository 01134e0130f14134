#include "server/dispatcher.h"

#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "protocol/codec.h"
#include "protocol/validation.h"
#include "server/aws_chunked.h"
#include "server/internal_endpoints.h"
#include "server/sigv4.h"
#include "server/virtual_host.h"

namespace cloudemu::server {
namespace {

using protocol::Codec;
using protocol::HttpRequest;
using protocol::HttpResponse;
using protocol::Operation;
using protocol::Protocol;
using protocol::ResponseContext;
using protocol::ServiceModel;

constexpr std::string_view kSignedStreamingPrefix = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

// Only a model missing from the build leaves a request without one.
HttpResponse NoModel() {
  HttpResponse response;
  response.status = 500;
  response.headers.Set("content-type", "text/plain");
  response.body = "CloudEmu was built without the service model this request needs";
  return response;
}

// The signature chain of a signed aws-chunked body, when strict mode
// verified the request's own signature.
std::optional<ChunkSigningContext> ChunkSigning(const HttpRequest& request, const SigV4Request& auth,
                                                const AuthResult& authn) {
  if (authn.signing_key.empty()) return std::nullopt;
  const std::string* payload = request.headers.Find("x-amz-content-sha256");
  if (!payload || payload->compare(0, kSignedStreamingPrefix.size(), kSignedStreamingPrefix) != 0) return std::nullopt;
  return ChunkSigningContext{authn.signing_key, auth.amz_date, auth.Scope(), auth.signature};
}

}  // namespace

Dispatcher::Dispatcher(Backend& backend) : backend_(backend) {}

HttpResponse Dispatcher::Dispatch(HttpRequest request) const {
  try {
    return Serve(request);
  } catch (const std::exception& e) {
    // Codecs and services report errors as Status; this is a bug, answered
    // as AWS answers its own (500 InternalError) rather than a dropped connection.
    return Reject(request, Status::Internal(std::string("CloudEmu failed to serve the request: ") + e.what()));
  }
}

HttpResponse Dispatcher::Serve(HttpRequest& request) const {
  const SigV4Request auth = ParseSigV4(request);
  const Route route = router_.Resolve(request, auth);
  if (route.internal) return HandleInternalEndpoint(backend_, request);
  if (!route.model) return NoModel();

  const ServiceModel& model = *route.model;
  const Codec& codec = protocol::CodecFor(route.protocol);
  services::RequestContext context = backend_.NewRequestContext();
  const ResponseContext response_context{context.request_id, request.method};
  auto fail = [&](Status error, const Operation* operation) {
    error.set_request_id(context.request_id);
    return codec.EncodeError(model, operation, error, response_context);
  };

  const AuthResult authn = Authenticate(request, auth, backend_.signature_options(), context.now_millis);
  if (authn.failure != AuthFailure::kNone) return fail(AuthError(route.protocol, authn), nullptr);
  if (IsAwsChunked(request)) {
    std::optional<ChunkSigningContext> signing = ChunkSigning(request, auth, authn);
    if (Status decoded = DecodeAwsChunked(request, signing ? &*signing : nullptr); !decoded.ok()) {
      return fail(std::move(decoded), nullptr);
    }
  }
  if (model.name == "s3") RewriteVirtualHost(request);

  StatusOr<protocol::DecodedRequest> decoded = codec.Decode(model, request);
  if (!decoded.ok()) return fail(decoded.status(), nullptr);
  const Operation& operation = *decoded->operation;
  if (Status valid = protocol::ValidateInput(model, operation, decoded->input, route.protocol); !valid.ok()) {
    return fail(std::move(valid), &operation);
  }
  const services::Service* service = backend_.FindService(model.name);
  if (!service || !service->Implements(operation.name)) {
    return fail(protocol::NotImplementedError(route.protocol, operation.name), &operation);
  }
  StatusOr<core::Document> output = service->Invoke(operation.name, decoded->input, context);
  if (!output.ok()) return fail(output.status(), &operation);
  return codec.EncodeOutput(model, operation, *output, response_context);
}

HttpResponse Dispatcher::Reject(const HttpRequest& request, const Status& error) const {
  const Route route = router_.Resolve(request, ParseSigV4(request));
  if (route.internal || !route.model) {
    HttpResponse response;
    response.status = error.http_status();
    response.headers.Set("content-type", "text/plain");
    response.body = error.code() + ": " + error.message();
    return response;
  }
  Status answered = error;
  const std::string request_id = backend_.NewRequestContext().request_id;
  answered.set_request_id(request_id);
  return protocol::CodecFor(route.protocol)
      .EncodeError(*route.model, nullptr, answered, ResponseContext{request_id, request.method});
}

Status Dispatcher::BodyTooLarge(const HttpRequest& request, size_t max_bytes) const {
  const Route route = router_.Resolve(request, ParseSigV4(request));
  if (route.model && route.protocol != Protocol::kRestXml) {
    return Status::Error("RequestEntityTooLarge",
                         "Request body exceeds the maximum of " + std::to_string(max_bytes) + " bytes", 413);
  }
  Status error = Status::Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);
  if (const std::string* length = request.headers.Find("content-length")) error.WithDetail("ProposedSize", *length);
  return error.WithDetail("MaxSizeAllowed", std::to_string(max_bytes));
}

}  // namespace cloudemu::server
