// A compact binary encoding of Documents for stored items and stream
// records: a kind byte, then the payload (varint lengths). Cheaper to write
// and read than JSON and keeps blobs as blobs.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_RECORD_CODEC_H_
#define CLOUDEMU_SERVICES_DYNAMODB_RECORD_CODEC_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"

namespace cloudemu::services::dynamodb {

std::string EncodeRecord(const core::Document& doc);
void AppendRecord(const core::Document& doc, std::string& out);
// nullopt when `bytes` is not an encoding EncodeRecord produced.
std::optional<core::Document> DecodeRecord(std::string_view bytes);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_RECORD_CODEC_H_
