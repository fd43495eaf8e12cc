// Small pieces both handshake flows (client.cpp, server.cpp) use.
#pragma once

#include <memory>
#include <string>

#include "peers/crypto/drbg.h"
#include "peers/engine/errors.h"
#include "peers/messages/messages.h"
#include "peers/record/protection.h"

namespace tlsc::engine {

// Parses a typed message from its body (a handshake message's or an extension's); a malformed
// body ends the handshake with the error of the parser's kind (errors.h, TLSC_PARSE_ERRORS) and
// the parser's field ("ServerHello.cipher_suite: ...") as the detail.
template <class M, class... Ctx>
M parse_or_throw(ByteView body, Ctx... ctx) {
  M out;
  msg::ParseError err;
  if (!msg::parse(body, ctx..., out, &err)) throw EngineError(err);
  return out;
}

inline Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// Explicit CBC IVs from a sub-stream of the connection's DRBG (one per handshake), so a run
// replays byte for byte.
inline record::RandomSource iv_source(const crypto::Drbg& drbg, int handshake) {
  auto d = std::make_shared<crypto::Drbg>(drbg.fork("record-iv-" + std::to_string(handshake)));
  return [d](std::span<uint8_t> out) {
    Bytes b = d->generate(out.size());
    std::copy(b.begin(), b.end(), out.begin());
  };
}

}  // namespace tlsc::engine
