// Engine-vs-engine over an in-memory pipe: our client and our server in two threads.
#pragma once

#include <gtest/gtest.h>

#include <thread>

#include "peers/crypto/keys.h"
#include "peers/engine/peer.h"
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

}  // namespace tlsc::engine::testing
