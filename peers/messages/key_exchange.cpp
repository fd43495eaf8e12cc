#include "peers/messages/key_exchange.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using detail::fail;
using detail::finish;
using wire::Reader;
using wire::Writer;

namespace {

std::string raw_description(const char* name, const Bytes& raw) { return std::string(name) + " raw_body" + brief_hex(raw, 32); }

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

// A vector with a <1..max> bound: present and non-empty.
bool non_empty_vec16(Reader& r, Bytes& out, std::string* why, const std::string& field, const char* rfc) {
  if (!r.vec16(out)) return fail(why, field + ": length overruns body");
  if (out.empty()) return fail(why, field + ": empty (" + rfc + ")");
  return true;
}

bool non_empty_vec8(Reader& r, Bytes& out, std::string* why, const std::string& field, const char* rfc) {
  if (!r.vec8(out)) return fail(why, field + ": length overruns body");
  if (out.empty()) return fail(why, field + ": empty (" + rfc + ")");
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

bool parse(ByteView body, ProtocolVersion version, KeyExchange kx, ServerKeyExchange& out, std::string* why) {
  Reader r(body);
  ServerKeyExchange m;
  m.kx = kx;
  switch (kx) {
    case KeyExchange::kRsa:
      // RFC 5246, 7.4.3: "It is not legal to send the ServerKeyExchange message for ... RSA".
      return fail(why, "ServerKeyExchange: not defined for RSA key exchange (RFC 5246, 7.4.3)");
    case KeyExchange::kDhe:
      // RFC 5246, 7.4.3: ServerDHParams { opaque dh_p<1..2^16-1>; dh_g<1..2^16-1>; dh_Ys<1..2^16-1>; }
      if (!non_empty_vec16(r, m.dh_p, why, "ServerKeyExchange.dh_p", "RFC 5246, 7.4.3: <1..2^16-1>") ||
          !non_empty_vec16(r, m.dh_g, why, "ServerKeyExchange.dh_g", "RFC 5246, 7.4.3: <1..2^16-1>") ||
          !non_empty_vec16(r, m.dh_ys, why, "ServerKeyExchange.dh_Ys", "RFC 5246, 7.4.3: <1..2^16-1>"))
        return false;
      break;
    case KeyExchange::kEcdhe:
      // RFC 8422, 5.4: ServerECDHParams { ECParameters curve_params; ECPoint public; }
      if (!r.u8(m.curve_type)) return fail(why, "ServerKeyExchange.curve_type: truncated");
      if (m.curve_type != kNamedCurve)
        return fail(why, "ServerKeyExchange.curve_type: " + std::to_string(m.curve_type) +
                             " unsupported (RFC 8422, 5.4: only named_curve(3) is allowed)");
      if (!r.u16(m.group.value)) return fail(why, "ServerKeyExchange.namedcurve: truncated");
      // RFC 8422, 5.4: opaque point<1..2^8-1>
      if (!non_empty_vec8(r, m.point, why, "ServerKeyExchange.point", "RFC 8422, 5.4: <1..2^8-1>")) return false;
      break;
  }
  // RFC 5246, 4.7 / 7.4.3: digitally-signed; TLS 1.2 prefixes the SignatureAndHashAlgorithm.
  if (has_signature_algorithms(version)) {
    SignatureScheme s;
    if (!r.u16(s.value)) return fail(why, "ServerKeyExchange.algorithm: truncated");
    m.scheme = s;
  }
  if (!r.vec16(m.signature)) return fail(why, "ServerKeyExchange.signature: length overruns body");
  if (!finish(r, why, "ServerKeyExchange")) return false;
  out = std::move(m);
  return true;
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

bool parse(ByteView body, KeyExchange kx, ClientKeyExchange& out, std::string* why) {
  Reader r(body);
  ClientKeyExchange m;
  m.kx = kx;
  switch (kx) {
    case KeyExchange::kRsa:
      // RFC 5246, 7.4.7.1: public-key-encrypted PreMasterSecret, opaque<0..2^16-1> in TLS 1.0+.
      // Content problems are NOT decided here: the engine must treat a bad ciphertext like any
      // other (RFC 5246, 7.4.7.1, Bleichenbacher countermeasure).
      if (!r.vec16(m.exchange)) return fail(why, "ClientKeyExchange.encrypted_pre_master_secret: length overruns body");
      break;
    case KeyExchange::kDhe:
      // RFC 5246, 7.4.7.2: opaque dh_Yc<1..2^16-1> (explicit; the implicit form of fixed-DH client
      // certificates is not supported).
      if (!non_empty_vec16(r, m.exchange, why, "ClientKeyExchange.dh_Yc", "RFC 5246, 7.4.7.2: <1..2^16-1>"))
        return false;
      break;
    case KeyExchange::kEcdhe:
      // RFC 8422, 5.7: ECPoint ecdh_Yc; opaque point<1..2^8-1>
      if (!non_empty_vec8(r, m.exchange, why, "ClientKeyExchange.ecdh_Yc", "RFC 8422, 5.7: <1..2^8-1>")) return false;
      break;
  }
  if (!finish(r, why, "ClientKeyExchange")) return false;
  out = std::move(m);
  return true;
}

}  // namespace tlsc::msg
