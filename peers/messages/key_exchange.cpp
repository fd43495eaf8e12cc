#include "peers/messages/key_exchange.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

namespace {

void write_params(Writer& w, const ServerKeyExchange& m) {
  switch (m.kx) {
    case KeyExchange::kRsa:
      break;
    case KeyExchange::kDhe:
      w.vec16(m.dh_p);
      w.vec16(m.dh_g);
      w.vec16(m.dh_ys);
      break;
    case KeyExchange::kEcdhe:
      w.u8(m.curve_type);
      w.u16(m.group.value);
      w.vec8(m.point);
      break;
  }
}

// A vector with a <1..max> bound: present (kTruncated) and non-empty (kOutOfRange; RFC 5246
// 7.2.2: decode_error). `width` is the length prefix's, 1 or 2 bytes.
bool non_empty_vec(Reader& r, size_t width, Bytes& out, ParseError* err, const std::string& field, const char* rfc) {
  if (!(width == 1 ? r.vec8(out) : r.vec16(out))) return fail(err, K::kTruncated, field + ": length overruns body");
  if (out.empty()) return fail(err, K::kOutOfRange, field + ": empty (" + rfc + ")");
  return true;
}

}  // namespace

// ---- ServerKeyExchange

Bytes ServerKeyExchange::params() const {
  Writer w;
  write_params(w, *this);
  return w.take();
}

Bytes ServerKeyExchange::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  write_params(w, *this);
  if (scheme) w.u16(scheme->value);
  w.vec16(signature);
  return w.take();
}

std::string ServerKeyExchange::describe() const {
  if (raw_body) return raw_description("ServerKeyExchange", *raw_body);
  std::string out = "ServerKeyExchange " + to_string(kx);
  if (kx == KeyExchange::kDhe)
    out += " dh_p[" + std::to_string(dh_p.size()) + "] dh_g" + brief_hex(dh_g, 4) + " dh_Ys[" +
           std::to_string(dh_ys.size()) + "]";
  if (kx == KeyExchange::kEcdhe) {
    if (curve_type != kNamedCurve) out += " curve_type=" + std::to_string(curve_type);
    out += " group=" + group.name() + " point" + brief_hex(point, 8);
  }
  if (scheme) out += " scheme=" + scheme->name();
  return out + " signature[" + std::to_string(signature.size()) + "]";
}

namespace {
// RFC 8422, 5.4: ServerECDHParams { ECParameters curve_params; ECPoint public; }
bool parse_ecdh_params(Reader& r, ServerKeyExchange& m, ParseError* err) {
  if (!r.u8(m.curve_type)) return fail(err, K::kTruncated, "ServerKeyExchange.curve_type: truncated");
  // RFC 8422, 5.4: only named_curve(3); explicit_prime(1) and explicit_char2(2) are deprecated and
  // MUST NOT be used. A defined value this field must not carry: illegal_parameter (RFC 5246 7.2.2:
  // "a field in the handshake was out of range").
  if (m.curve_type != kNamedCurve)
    return fail(err, K::kIllegalValue,
                "ServerKeyExchange.curve_type: " + std::to_string(m.curve_type) +
                    " unsupported (RFC 8422, 5.4: only named_curve(3) is allowed)");
  if (!r.u16(m.group.value)) return fail(err, K::kTruncated, "ServerKeyExchange.namedcurve: truncated");
  // RFC 8422, 5.4: opaque point<1..2^8-1>
  return non_empty_vec(r, 1, m.point, err, "ServerKeyExchange.point", "RFC 8422, 5.4: <1..2^8-1>");
}
}  // namespace

bool parse(ByteView body, ProtocolVersion version, KeyExchange kx, ServerKeyExchange& out, ParseError* err) {
  Reader r(body);
  ServerKeyExchange m;
  m.kx = kx;
  switch (kx) {
    case KeyExchange::kRsa:
      // RFC 5246, 7.4.3: "It is not legal to send the ServerKeyExchange message for ... RSA":
      // unexpected_message (RFC 5246 7.2.2).
      return fail(err, K::kNotAllowed, "ServerKeyExchange: not defined for RSA key exchange (RFC 5246, 7.4.3)");
    case KeyExchange::kDhe:
      // RFC 5246, 7.4.3: ServerDHParams { opaque dh_p<1..2^16-1>; dh_g<1..2^16-1>; dh_Ys<1..2^16-1>; }
      if (!non_empty_vec(r, 2, m.dh_p, err, "ServerKeyExchange.dh_p", "RFC 5246, 7.4.3: <1..2^16-1>") ||
          !non_empty_vec(r, 2, m.dh_g, err, "ServerKeyExchange.dh_g", "RFC 5246, 7.4.3: <1..2^16-1>") ||
          !non_empty_vec(r, 2, m.dh_ys, err, "ServerKeyExchange.dh_Ys", "RFC 5246, 7.4.3: <1..2^16-1>"))
        return false;
      break;
    case KeyExchange::kEcdhe:
      if (!parse_ecdh_params(r, m, err)) return false;
      break;
  }
  // RFC 5246, 4.7 / 7.4.3: digitally-signed; TLS 1.2 prefixes the SignatureAndHashAlgorithm.
  if (!parse_digitally_signed(r, version, m.scheme, m.signature, err, "ServerKeyExchange")) return false;
  return finish_into(r, m, out, err, "ServerKeyExchange");
}

// ---- ClientKeyExchange

Bytes ClientKeyExchange::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  if (kx == KeyExchange::kEcdhe)
    w.vec8(exchange);
  else
    w.vec16(exchange);
  return w.take();
}

std::string ClientKeyExchange::describe() const {
  if (raw_body) return raw_description("ClientKeyExchange", *raw_body);
  const char* field = kx == KeyExchange::kRsa ? " encrypted_pre_master_secret" : kx == KeyExchange::kDhe ? " dh_Yc" : " ecdh_Yc";
  return "ClientKeyExchange " + to_string(kx) + field + brief_hex(exchange, 8);
}

bool parse(ByteView body, KeyExchange kx, ClientKeyExchange& out, ParseError* err) {
  Reader r(body);
  ClientKeyExchange m;
  m.kx = kx;
  switch (kx) {
    case KeyExchange::kRsa:
      // RFC 5246, 7.4.7.1: public-key-encrypted PreMasterSecret, opaque<0..2^16-1> in TLS 1.0+.
      // Content problems are NOT decided here: the engine must treat a bad ciphertext like any
      // other (RFC 5246, 7.4.7.1, Bleichenbacher countermeasure).
      if (!r.vec16(m.exchange))
        return fail(err, K::kTruncated, "ClientKeyExchange.encrypted_pre_master_secret: length overruns body");
      break;
    case KeyExchange::kDhe:
      // RFC 5246, 7.4.7.2: opaque dh_Yc<1..2^16-1> (explicit; the implicit form of fixed-DH client
      // certificates is not supported).
      if (!non_empty_vec(r, 2, m.exchange, err, "ClientKeyExchange.dh_Yc", "RFC 5246, 7.4.7.2: <1..2^16-1>"))
        return false;
      break;
    case KeyExchange::kEcdhe:
      // RFC 8422, 5.7: ECPoint ecdh_Yc; opaque point<1..2^8-1>
      if (!non_empty_vec(r, 1, m.exchange, err, "ClientKeyExchange.ecdh_Yc", "RFC 8422, 5.7: <1..2^8-1>")) return false;
      break;
  }
  return finish_into(r, m, out, err, "ClientKeyExchange");
}

}  // namespace tlsc::msg
