// Fuzzes handshake reassembly and every handshake message parser.
//
// Input: one config byte (bits 0-5: record chunk size - 1; bit 6: small 512-byte message limit),
// then a handshake byte stream fed to the reassembler in chunks. Each complete message is parsed
// by its type, under every version x key exchange context for the types that depend on them
// (ServerKeyExchange, CertificateRequest, CertificateVerify, ClientKeyExchange); whenever a parse
// succeeds, re-encoding must give back exactly the parsed bytes (parse and encode are inverses),
// and a failed parse must say why. Alert and ChangeCipherSpec parsers run on each body too.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "peers/messages/messages.h"
#include "peers/wire/reader.h"

using namespace tlsc;
using namespace tlsc::msg;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

const ProtocolVersion kVersions[] = {ProtocolVersion::kTls10, ProtocolVersion::kTls11, ProtocolVersion::kTls12};
const KeyExchange kKinds[] = {KeyExchange::kRsa, KeyExchange::kDhe, KeyExchange::kEcdhe};

template <class M>
void check_simple(ByteView body) {
  M m;
  ParseError why;
  if (parse(body, m, &why)) {
    require(m.encode() == Bytes(body.begin(), body.end()));
    (void)m.describe();
  } else {
    require(!why.detail.empty());
  }
}

bool depends_on_context(HandshakeType t) {
  return t == HandshakeType::kServerKeyExchange || t == HandshakeType::kCertificateRequest ||
         t == HandshakeType::kCertificateVerify || t == HandshakeType::kClientKeyExchange;
}

void check_body(const HandshakeMessage& hm, ParseContext ctx) {
  AnyMessage m;
  ParseError why;
  if (parse(hm, ctx, m, &why)) {
    require(type_of(m) == hm.type);
    require(encode(m) == hm.body);
    require(to_handshake(m).encode() == hm.encode());
    (void)describe(m);
  } else {
    require(!why.detail.empty());
  }
}

void check_message(const ReassembledMessage& rm) {
  // The frame re-encodes to the raw bytes kept for the transcript.
  require(rm.message.encode() == rm.raw);
  HandshakeMessage again;
  require(parse(rm.raw, again, nullptr) && again == rm.message);
  if (depends_on_context(rm.message.type)) {
    for (ProtocolVersion v : kVersions)
      for (KeyExchange kx : kKinds) check_body(rm.message, ParseContext{v, kx});
  } else {
    check_body(rm.message, ParseContext{});
  }
  (void)describe(rm.message, ParseContext{});
  check_simple<Alert>(rm.message.body);
  check_simple<ChangeCipherSpec>(rm.message.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wire::Reader in(ByteView(data, size));
  uint8_t config;
  if (!in.u8(config)) return 0;
  const size_t chunk = (config & 0x3f) + 1;
  HandshakeReassembler r((config & 0x40) ? 512 : HandshakeReassembler::kDefaultMaxBody);
  size_t fed = 0;
  size_t returned = 0;
  while (!in.empty()) {
    ByteView piece;
    require(in.bytes(std::min(chunk, in.remaining()), piece));
    ParseError why;
    if (!r.add(piece, &why)) {
      require(!why.detail.empty() && r.failed() && !r.next());
      return 0;
    }
    fed += piece.size();
    while (auto m = r.next()) {
      returned += m->raw.size();
      check_message(*m);
    }
    // Everything fed is either returned or still buffered.
    require(fed == returned + r.buffered_bytes());
    require(r.has_partial_message() == (r.buffered_bytes() != 0));
  }
  return 0;
}
