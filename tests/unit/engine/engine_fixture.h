// Engine-vs-engine over an in-memory pipe: our client and our server in two threads.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "peers/crypto/keys.h"
#include "peers/engine/peer.h"
#include "peers/messages/messages.h"
#include "peers/transport/memory_pipe.h"

namespace tlsc::engine::testing {

struct Credentials {
  Credential rsa;
  Credential ecdsa;
  Credential client;
};

// Generated once per test binary (OpenSSL's RNG; never written to disk).
inline const Credentials& credentials() {
  static const Credentials creds = [] {
    auto make = [](crypto::PrivateKey key, const char* cn) {
      auto cert = crypto::Certificate::self_signed(key, cn);
      Credential c;
      c.chain = {cert->der()};
      c.key = std::make_shared<crypto::PrivateKey>(std::move(key));
      return c;
    };
    Credentials c;
    c.rsa = make(*crypto::PrivateKey::generate_rsa(2048), "localhost");
    c.ecdsa = make(*crypto::PrivateKey::generate_ec(crypto::NamedGroup::secp256r1), "localhost");
    c.client = make(*crypto::PrivateKey::generate_rsa(2048), "client");
    return c;
  }();
  return creds;
}

inline ServerConfig server_config() {
  ServerConfig s;
  s.rsa = credentials().rsa;
  s.ecdsa = credentials().ecdsa;
  s.state = std::make_shared<ServerState>(7);
  s.timeouts.io = std::chrono::milliseconds(3000);
  return s;
}

inline ClientConfig client_config() {
  ClientConfig c;
  c.app_data = {'p', 'i', 'n', 'g'};
  c.timeouts.io = std::chrono::milliseconds(3000);
  return c;
}

struct Pair {
  ConnectionReport client;
  ConnectionReport server;
};

inline Pair run_pair(const ClientConfig& c, const ServerConfig& s) {
  auto pipe = transport::make_memory_pipe();
  Pair out;
  std::thread server([&] { out.server = run_server(*pipe.b, s); });
  out.client = run_client(*pipe.a, c);
  server.join();
  return out;
}

inline ClientConfig with_suite(ClientConfig c, CipherSuite s) {
  c.suites = {s};
  return c;
}


// ---- Helpers for the quirk and oracle tests (quirks_*_test.cpp, oracle_test.cpp).

// The handshake messages of one direction of a connection (a report's bytes_sent or
// bytes_received) that travelled in plaintext records, i.e. up to the first ChangeCipherSpec:
// what really went on the wire, parsed by the message layer rather than taken from the report.
inline std::vector<msg::HandshakeMessage> plaintext_handshakes(const Bytes& bytes) {
  std::vector<msg::HandshakeMessage> out;
  msg::HandshakeReassembler reassembler;
  size_t at = 0;
  while (at + 5 <= bytes.size()) {
    const uint8_t type = bytes[at];
    const size_t len = size_t{bytes[at + 3]} << 8 | bytes[at + 4];
    if (at + 5 + len > bytes.size() || type == 20) break;  // 20: change_cipher_spec
    if (type == 22) {  // 22: handshake
      EXPECT_TRUE(reassembler.add(ByteView(bytes.data() + at + 5, len)));
      while (auto m = reassembler.next()) out.push_back(m->message);
    }
    at += 5 + len;
  }
  return out;
}

// The body of the first plaintext handshake message of type `t` in `bytes`; nullopt if none.
inline std::optional<Bytes> plaintext_body(const Bytes& bytes, HandshakeType t) {
  for (const auto& m : plaintext_handshakes(bytes))
    if (m.type == t) return m.body;
  return std::nullopt;
}

// The first plaintext message of type M::kType in `bytes`, parsed (ctx: the parser's context
// arguments, e.g. the key exchange of a ClientKeyExchange). A missing or unparsable message is a
// test failure and nullopt.
template <class M, class... Ctx>
std::optional<M> parse_sent(const Bytes& bytes, Ctx... ctx) {
  auto body = plaintext_body(bytes, M::kType);
  if (!body) {
    ADD_FAILURE() << "no plaintext " << M::kType.name() << " on the wire";
    return std::nullopt;
  }
  M out;
  msg::ParseError why;
  if (!msg::parse(*body, ctx..., out, &why)) {
    ADD_FAILURE() << M::kType.name() << " does not parse: " << why.detail;
    return std::nullopt;
  }
  return out;
}

// The extension of type `t` of a hello's extension block; nullptr if absent.
inline const msg::Extension* hello_extension(const std::optional<msg::Extensions>& ext, ExtensionType t) {
  return ext ? msg::find_extension(*ext, t) : nullptr;
}

inline bool saw(const ConnectionReport& r, const std::string& message) {
  return std::find(r.messages.begin(), r.messages.end(), message) != r.messages.end();
}

// Two connections against one server: a full handshake, then `second` offering its session.
struct Resumption {
  Pair first;
  Pair second;
};
inline Resumption run_resumption(ClientConfig first, ClientConfig second, const ServerConfig& s,
                                 const ServerConfig* second_server = nullptr) {
  Resumption r;
  r.first = run_pair(first, s);
  EXPECT_TRUE(r.first.client.handshake_complete) << r.first.client.describe();
  EXPECT_TRUE(r.first.client.session.has_value());
  second.resume = r.first.client.session;
  r.second = run_pair(second, second_server ? *second_server : s);
  return r;
}

}  // namespace tlsc::engine::testing

namespace tlsc::engine {
// Readable gtest output for the engine's enums.
inline void PrintTo(Error e, std::ostream* os) { *os << to_string(e); }
inline void PrintTo(Closure c, std::ostream* os) { *os << to_string(c); }
inline void PrintTo(ResumedBy r, std::ostream* os) { *os << to_string(r); }
}  // namespace tlsc::engine
