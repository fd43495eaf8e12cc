#include "peers/messages/messages.h"

namespace tlsc::msg {

namespace {
// Parses `body` as an M (with the parse context M's parser takes, if any) into `out`.
template <class M, class... Ctx>
bool parse_into(ByteView body, AnyMessage& out, ParseError* err, Ctx... ctx) {
  M m;
  if (!parse(body, ctx..., m, err)) return false;
  out = std::move(m);
  return true;
}
}  // namespace

bool parse(const HandshakeMessage& hm, const ParseContext& ctx, AnyMessage& out, ParseError* err) {
  const ByteView body = hm.body;
  const HandshakeType t = hm.type;
  if (t == HandshakeType::kHelloRequest) return parse_into<HelloRequest>(body, out, err);
  if (t == HandshakeType::kClientHello) return parse_into<ClientHello>(body, out, err);
  if (t == HandshakeType::kServerHello) return parse_into<ServerHello>(body, out, err);
  if (t == HandshakeType::kNewSessionTicket) return parse_into<NewSessionTicket>(body, out, err);
  if (t == HandshakeType::kCertificate) return parse_into<Certificate>(body, out, err);
  if (t == HandshakeType::kServerHelloDone) return parse_into<ServerHelloDone>(body, out, err);
  if (t == HandshakeType::kFinished) return parse_into<Finished>(body, out, err);
  if (t == HandshakeType::kServerKeyExchange) return parse_into<ServerKeyExchange>(body, out, err, ctx.version, ctx.kx);
  if (t == HandshakeType::kCertificateRequest) return parse_into<CertificateRequest>(body, out, err, ctx.version);
  if (t == HandshakeType::kCertificateVerify) return parse_into<CertificateVerify>(body, out, err, ctx.version);
  if (t == HandshakeType::kClientKeyExchange) return parse_into<ClientKeyExchange>(body, out, err, ctx.kx);
  // RFC 5246, 7.4 lists the handshake messages; any other type is an inappropriate message:
  // unexpected_message (RFC 5246 7.2.2).
  return detail::fail(err, ParseErrorKind::kNotAllowed,
                      "Handshake.msg_type: " + t.name() + " is not a TLS 1.0-1.2 handshake message");
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
  ParseError err;
  if (parse(hm, ctx, m, &err)) return describe(m);
  return hm.describe() + " unparsed: " + err.detail;
}

}  // namespace tlsc::msg
