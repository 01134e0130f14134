// The models compiled into the library by tools/embed_models.py.
#ifndef CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_
#define CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_

#include <vector>

namespace cloudemu::protocol {

namespace compiled {
struct CompiledModel;
}  // namespace compiled

struct EmbeddedModel {
  const char* service;  // botocore's name: "s3", "stepfunctions", ...
  const compiled::CompiledModel* model;
  // Routing metadata, readable without parsing the model.
  const char* signing_name;   // SigV4 credential-scope service ("states" for stepfunctions)
  const char* target_prefix;  // X-Amz-Target prefix, "" for non-JSON protocols
  const char* api_version;    // the Version= of query protocols
  const char* protocols;      // comma-separated botocore names: "json,query", "rest-xml"
};

const std::vector<EmbeddedModel>& EmbeddedModels();

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_
