// Alert descriptions by their RFC names ("handshake_failure"), for catalog files.
#pragma once

#include <optional>
#include <string_view>

#include "peers/wire/codepoints.h"

namespace tlsc::scenarios {

// The named, registered alert; nullopt for an unknown name.
inline std::optional<AlertDescription> alert_from_name(std::string_view name) {
  for (int v = 0; v < 256; ++v) {
    AlertDescription a{static_cast<uint8_t>(v)};
    if (a.known() && a.name() == name) return a;
  }
  return std::nullopt;
}

}  // namespace tlsc::scenarios
