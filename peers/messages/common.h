// Shared vocabulary of the handshake message layer.
//
// Every message is a neutral struct: it holds what goes on the wire, including values a correct
// peer would never send, and `raw_body` (when set) replaces the whole encoding byte for byte.
// Encoding serializes exactly what the struct says; parsing is strict (bounded by the Reader,
// RFC vector bounds enforced, trailing bytes rejected) and reports a ParseError: its kind (which
// the engine turns into an alert) and the failing field.
// Parsing never sets raw_body. For every parse that succeeds, encode() gives back the input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "peers/messages/parse_error.h"
#include "peers/wire/bytes.h"
#include "peers/wire/codepoints.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

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

// RFC 5246, 4.7: a digitally-signed element, as ServerKeyExchange (7.4.3) and CertificateVerify
// (7.4.8) carry it: in TLS 1.2 (has_signature_algorithms) a SignatureAndHashAlgorithm first, then
// opaque signature<0..2^16-1>. `what` names the message in errors.
bool parse_digitally_signed(wire::Reader& r, ProtocolVersion version, std::optional<SignatureScheme>& scheme,
                            Bytes& signature, ParseError* err, const char* what);

// "<name> raw_body[n] <hex>": describe() of a message whose raw_body replaces its encoding.
std::string raw_description(const char* name, const Bytes& raw);

// What the parsers (the .cpp files of this folder) share; each says `using namespace detail`.
namespace detail {
using K = ParseErrorKind;
using wire::Reader;
using wire::Writer;

// Sets *err (if given) and returns false, so a parser can `return fail(err, kind, "...")`.
bool fail(ParseError* err, ParseErrorKind kind, std::string text);

// The closing check of every parser: "<what>: N trailing bytes" unless the reader is done
// (RFC 5246 7.2.2: decode_error).
bool finish(const wire::Reader& r, ParseError* err, const char* what);

// finish(), then the parsed message goes to `out` (which a failed parse leaves alone).
template <class M>
bool finish_into(const wire::Reader& r, M& parsed, M& out, ParseError* err, const char* what) {
  if (!finish(r, err, what)) return false;
  out = std::move(parsed);
  return true;
}

// A vector of 1- or 2-byte code points with a length prefix of the same width, as every such
// vector in TLS 1.0-1.2 has (cipher_suites, compression_methods, certificate_types,
// named_group_list, ec_point_format_list, supported_signature_algorithms). Writes what is given,
// also a list the RFC's bounds forbid.
template <class T>
void write_code_points(wire::Writer& w, const std::vector<T>& list) {
  constexpr size_t width = sizeof(T::value);
  static_assert(width == 1 || width == 2);
  auto entries = [&](wire::Writer& l) {
    for (T v : list)
      if constexpr (width == 1)
        l.u8(v.value);
      else
        l.u16(v.value);
  };
  if constexpr (width == 1)
    w.prefixed8(entries);
  else
    w.prefixed16(entries);
}

// The entries of a vector of 1- or 2-byte code points whose floor is one entry, e.g.
// CipherSuite cipher_suites<2..2^16-2> (RFC 5246 7.4.1.2): `list` spans exactly the vector's
// contents. A length that is no whole number of entries is kLengthMismatch, an empty vector
// kOutOfRange (`bound` cites the RFC for it).
template <class T>
bool parse_code_points(wire::Reader list, std::vector<T>& out, ParseError* err, const std::string& field,
                       const char* bound) {
  constexpr size_t width = sizeof(T::value);
  static_assert(width == 1 || width == 2);
  if (list.remaining() % width != 0)
    return fail(err, ParseErrorKind::kLengthMismatch, field + ": odd length " + std::to_string(list.remaining()));
  if (list.empty()) return fail(err, ParseErrorKind::kOutOfRange, field + ": empty (" + bound + ")");
  std::vector<T> entries;
  T v;
  if constexpr (width == 1)
    while (list.u8(v.value)) entries.push_back(v);
  else
    while (list.u16(v.value)) entries.push_back(v);
  out = std::move(entries);
  return true;
}
}  // namespace detail

}  // namespace tlsc::msg
