// Umbrella header of the handshake message layer, plus dispatch by HandshakeType.
#pragma once

#include <string>
#include <variant>

#include "peers/messages/alert.h"
#include "peers/messages/certificate.h"
#include "peers/messages/common.h"
#include "peers/messages/extensions.h"
#include "peers/messages/finished.h"
#include "peers/messages/handshake.h"
#include "peers/messages/hello.h"
#include "peers/messages/key_exchange.h"

namespace tlsc::msg {

using AnyMessage = std::variant<HelloRequest, ClientHello, ServerHello, NewSessionTicket, Certificate,
                                ServerKeyExchange, CertificateRequest, ServerHelloDone, CertificateVerify,
                                ClientKeyExchange, Finished>;

// Parses m.body as the message its type names; CertificateRequest, CertificateVerify and the key
// exchange messages use ctx. Types outside the TLS 1.0-1.2 set fail with a reason.
bool parse(const HandshakeMessage& m, const ParseContext& ctx, AnyMessage& out, ParseError* err);

HandshakeType type_of(const AnyMessage& m);
Bytes encode(const AnyMessage& m);  // the body
HandshakeMessage to_handshake(const AnyMessage& m);
std::string describe(const AnyMessage& m);
// Transcript line for a received frame: the typed description when it parses, otherwise
// "<type> [n] unparsed: <why>".
std::string describe(const HandshakeMessage& m, const ParseContext& ctx);

}  // namespace tlsc::msg
