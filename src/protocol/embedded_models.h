// The models compiled into the library by tools/embed_models.py.
#ifndef CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_
#define CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_

#include <cstddef>
#include <vector>

namespace cloudemu::protocol {

struct EmbeddedModel {
  const char* service;
  const unsigned char* gzip_data;
  size_t gzip_size;
};

const std::vector<EmbeddedModel>& EmbeddedModels();

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_EMBEDDED_MODELS_H_
