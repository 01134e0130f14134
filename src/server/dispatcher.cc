#include "server/dispatcher.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "core/ascii.h"
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
// S3: "The PUT request header is limited to 8 KB in size."
constexpr size_t kS3MaxHeaderBytes = 8192;

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Every '%' starts an escape of two hex digits.
bool ValidPercentEncoding(std::string_view path) {
  for (size_t at = path.find('%'); at != std::string_view::npos; at = path.find('%', at + 1)) {
    if (at + 2 >= path.size() || !IsHexDigit(path[at + 1]) || !IsHexDigit(path[at + 2])) return false;
  }
  return true;
}

// The header section as it came over the wire, counted as "Name: value\r\n".
size_t HeaderBytes(const HttpRequest& request) {
  size_t total = 0;
  for (const auto& [name, value] : request.headers.all()) total += name.size() + value.size() + 4;
  return total;
}

// Whether `operation` binds the Content-Length header (S3's PutObject and
// UploadPart): AWS refuses such a request without one.
bool BindsContentLength(const Operation& operation) {
  if (!operation.input) return false;
  for (const protocol::MemberRef& member : operation.input->members) {
    if (member.location == "header" && core::EqualsIgnoreCase(member.location_name, "content-length")) return true;
  }
  return false;
}

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

  if (!ValidPercentEncoding(request.path)) {
    return fail(Status::InvalidArgument("InvalidURI", "Couldn't parse the specified URI.").WithDetail("URI", request.path),
                nullptr);
  }
  if (route.protocol == Protocol::kRestXml && HeaderBytes(request) > kS3MaxHeaderBytes) {
    return fail(Status::InvalidArgument("RequestHeaderSectionTooLarge",
                                        "Your request header section exceeds the maximum allowed size.")
                    .WithDetail("MaxSizeAllowed", std::to_string(kS3MaxHeaderBytes)),
                nullptr);
  }
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
  if (!request.headers.Has("content-length") && BindsContentLength(operation)) {
    return fail(Status::Error("MissingContentLength", "You must provide the Content-Length HTTP header.", 411),
                &operation);
  }
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
  if (route.internal) return InternalEndpointError(error);
  if (!route.model) return NoModel();
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
