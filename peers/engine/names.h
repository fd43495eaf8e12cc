// The names by which the command line and catalog files choose our peer's version, groups and
// DH group. Each set is the engine's own (what it speaks); the names come from the code point
// registry (codepoints.h) or from the DH group, so each is written once. Every caller parses with
// these, once, at the edge.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "peers/crypto/dh.h"
#include "peers/wire/codepoints.h"

namespace tlsc::engine {

// A version we speak by its registry name in lower case: "tls1.0", "tls1.1" or "tls1.2".
std::optional<ProtocolVersion> parse_version_name(std::string_view text);
// The names for messages: "tls1.0, tls1.1, tls1.2" (`last` goes before the last one).
std::string version_names(std::string_view last = ", ");

// A group of default_groups() by its registry name ("x25519", ..., "ffdhe3072").
std::optional<NamedGroup> parse_group_name(std::string_view text);
std::string group_names();

// A built-in DH group for DHE by its name: "ffdhe2048", "ffdhe3072" (RFC 7919 A.1, A.2) or
// "sparse2049" (ours); nullptr for any other name.
const crypto::DhGroup* parse_dh_group_name(std::string_view text);
std::string dh_group_names();

}  // namespace tlsc::engine
