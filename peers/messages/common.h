// Shared vocabulary of the handshake message layer.
//
// Every message is a neutral struct: it holds what goes on the wire, including values a correct
// peer would never send, and `raw_body` (when set) replaces the whole encoding byte for byte.
// Encoding serializes exactly what the struct says; parsing is strict (bounded by the Reader,
// RFC vector bounds enforced, trailing bytes rejected) and reports the failing field in `why`.
// Parsing never sets raw_body. For every parse that succeeds, encode() gives back the input.
#pragma once

#include <optional>
#include <string>

#include "peers/wire/bytes.h"
#include "peers/wire/codepoints.h"

namespace tlsc::msg {

// Key exchange family of the negotiated suite: decides the shape of ServerKeyExchange and
// ClientKeyExchange (RFC 5246, 7.4.3 and 7.4.7; RFC 8422, 5.4 and 5.7).
enum class KeyExchange { kRsa, kDhe, kEcdhe };
std::string to_string(KeyExchange kx);

// TLS 1.2 added the SignatureAndHashAlgorithm fields (RFC 5246, 7.4.1.4.1, 7.4.3, 7.4.4, 7.4.8).
inline bool has_signature_algorithms(ProtocolVersion v) { return v.value >= ProtocolVersion::kTls12.value; }

// What a body parse needs to know beyond the bytes: the negotiated version and key exchange.
struct ParseContext {
  ProtocolVersion version = ProtocolVersion::kTls12;
  KeyExchange kx = KeyExchange::kEcdhe;
};

// For describe(): "[n]" followed by up to `max` bytes of hex ("..." if cut).
std::string brief_hex(ByteView data, size_t max = 16);

namespace detail {
// Sets *why (if given) and returns false, so a parser can `return fail(why, "...")`.
bool fail(std::string* why, std::string text);
// "<what>: N trailing bytes" unless the reader is done.
template <class R>
bool finish(const R& r, std::string* why, const char* what) {
  if (r.done()) return true;
  return fail(why, std::string(what) + ": " + std::to_string(r.remaining()) + " trailing bytes");
}
}  // namespace detail

}  // namespace tlsc::msg
