// Byte encodings shared by codecs and services: base64, hex, URL escaping.
#ifndef CLOUDEMU_CORE_ENCODING_H_
#define CLOUDEMU_CORE_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace cloudemu::core {

std::string Base64Encode(std::string_view bytes);
// nullopt when the text is not valid (padded or unpadded) base64.
std::optional<std::string> Base64Decode(std::string_view text);

std::string HexEncode(std::string_view bytes);  // lower case

// RFC 3986 escaping as SigV4 and S3 use it: unreserved characters stay,
// everything else becomes %XX; '/' stays when keep_slash.
std::string UriEncode(std::string_view text, bool keep_slash = false);
// Decodes %XX; '+' becomes a space only when plus_is_space (form bodies).
std::string UriDecode(std::string_view text, bool plus_is_space = false);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_ENCODING_H_
