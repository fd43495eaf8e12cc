// Byte buffers and hex helpers shared by every layer of the engine.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsc {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

// Lower-case hex, no separators: "0a1b".
std::string to_hex(ByteView data);
// Parses hex (upper or lower case, no separators); returns false on odd length or a non-hex digit.
bool from_hex(std::string_view hex, Bytes& out);
// Convenience for tests and constants; aborts on bad input (only for literals in code).
Bytes hex(std::string_view literal);

inline ByteView view(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace tlsc
