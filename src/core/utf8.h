// UTF-8 validation (XML and JSON text must be valid UTF-8).
#ifndef CLOUDEMU_CORE_UTF8_H_
#define CLOUDEMU_CORE_UTF8_H_

#include <string_view>

namespace cloudemu::core {

bool IsValidUtf8(std::string_view text);

}  // namespace cloudemu::core

#endif  // CLOUDEMU_CORE_UTF8_H_
