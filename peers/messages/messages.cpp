#include "peers/messages/messages.h"

namespace tlsc::msg {

namespace {
template <class M>
bool parse_into(ByteView body, AnyMessage& out, std::string* why) {
  M m;
  if (!parse(body, m, why)) return false;
  out = std::move(m);
  return true;
}
}  // namespace

bool parse(const HandshakeMessage& hm, const ParseContext& ctx, AnyMessage& out, std::string* why) {
  const ByteView body = hm.body;
  const HandshakeType t = hm.type;
  if (t == HandshakeType::kHelloRequest) return parse_into<HelloRequest>(body, out, why);
  if (t == HandshakeType::kClientHello) return parse_into<ClientHello>(body, out, why);
  if (t == HandshakeType::kServerHello) return parse_into<ServerHello>(body, out, why);
  if (t == HandshakeType::kNewSessionTicket) return parse_into<NewSessionTicket>(body, out, why);
  if (t == HandshakeType::kCertificate) return parse_into<Certificate>(body, out, why);
  if (t == HandshakeType::kServerHelloDone) return parse_into<ServerHelloDone>(body, out, why);
  if (t == HandshakeType::kFinished) return parse_into<Finished>(body, out, why);
  if (t == HandshakeType::kServerKeyExchange) {
    ServerKeyExchange m;
    if (!parse(body, ctx.version, ctx.kx, m, why)) return false;
    out = std::move(m);
    return true;
  }
  if (t == HandshakeType::kCertificateRequest) {
    CertificateRequest m;
    if (!parse(body, ctx.version, m, why)) return false;
    out = std::move(m);
    return true;
  }
  if (t == HandshakeType::kCertificateVerify) {
    CertificateVerify m;
    if (!parse(body, ctx.version, m, why)) return false;
    out = std::move(m);
    return true;
  }
  if (t == HandshakeType::kClientKeyExchange) {
    ClientKeyExchange m;
    if (!parse(body, ctx.kx, m, why)) return false;
    out = std::move(m);
    return true;
  }
  return detail::fail(why, "Handshake.msg_type: " + t.name() + " is not a TLS 1.0-1.2 handshake message");
}

HandshakeType type_of(const AnyMessage& m) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kType; }, m);
}

Bytes encode(const AnyMessage& m) {
  return std::visit([](const auto& x) { return x.encode(); }, m);
}

HandshakeMessage to_handshake(const AnyMessage& m) { return {type_of(m), encode(m)}; }

std::string describe(const AnyMessage& m) {
  return std::visit([](const auto& x) { return x.describe(); }, m);
}

std::string describe(const HandshakeMessage& hm, const ParseContext& ctx) {
  AnyMessage m;
  std::string why;
  if (parse(hm, ctx, m, &why)) return describe(m);
  return hm.describe() + " unparsed: " + why;
}

}  // namespace tlsc::msg
