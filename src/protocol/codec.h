// Codec: one per AWS protocol family, generic over every service of that
// family (DESIGN rule 2). Decoding finds the operation a request names and
// turns the wire input into a Document shaped by the operation's input shape;
// encoding does the reverse for outputs and errors.
// Thread-safety: codecs are stateless; share them freely.
#ifndef CLOUDEMU_PROTOCOL_CODEC_H_
#define CLOUDEMU_PROTOCOL_CODEC_H_

#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "protocol/http_message.h"
#include "protocol/service_model.h"

namespace cloudemu::protocol {

struct DecodedRequest {
  const Operation* operation = nullptr;
  core::Document input;  // a map; members named as in the model
};

struct ResponseContext {
  std::string request_id;
  std::string request_method;  // HEAD responses carry no body, errors included
};

class Codec {
 public:
  virtual ~Codec() = default;

  // Errors: the protocol's own code for an unknown operation, or a
  // serialization error, as AWS reports them. The input's constraints are
  // checked afterwards, by protocol::ValidateInput.
  virtual StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const = 0;
  virtual HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation,
                                    const core::Document& output, const ResponseContext& context) const = 0;
  // `operation` is null when the request could not be matched to one.
  virtual HttpResponse EncodeError(const ServiceModel& model, const Operation* operation,
                                   const Status& error, const ResponseContext& context) const = 0;
};

const Codec& CodecFor(Protocol protocol);

// AWS's answer, in `protocol`'s terms, to an operation the model lists but
// CloudEmu does not implement.
Status NotImplementedError(Protocol protocol, std::string_view operation);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_CODEC_H_
