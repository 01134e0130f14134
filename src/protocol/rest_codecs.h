// The REST protocol codecs (restXml: S3; restJson1: Lambda).
#ifndef CLOUDEMU_PROTOCOL_REST_CODECS_H_
#define CLOUDEMU_PROTOCOL_REST_CODECS_H_

#include "protocol/codec.h"

namespace cloudemu::protocol {

const Codec& RestXmlCodec();
const Codec& RestJsonCodec();

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_REST_CODECS_H_
