// Our FTPS client against our FTPS server over loopback TCP (127.0.0.1): credentials made once
// per binary, deterministic test files, default configurations.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "scenarios/ftps_payload.h"
#include "peers/crypto/keys.h"
#include "peers/ftps/client.h"
#include "peers/ftps/control.h"
#include "peers/ftps/server.h"

namespace tlsc::ftps::testing {

inline const engine::Credential& server_credential() {
  static const engine::Credential c = [] {
    auto key = crypto::PrivateKey::generate_rsa(2048);
    auto cert = crypto::Certificate::self_signed(*key, "localhost");
    engine::Credential out;
    out.chain = {cert->der()};
    out.key = std::make_shared<crypto::PrivateKey>(std::move(*key));
    return out;
  }();
  return c;
}

// `n` bytes that are not all alike (so a reordering or a lost record changes the SHA-256).
using scenarios::ftps_payload::pattern;

inline FtpsServerConfig server_config() {
  FtpsServerConfig s;
  s.control_tls.rsa = server_credential();
  s.control_tls.timeouts.io = std::chrono::milliseconds(3000);
  s.control_tls.timeouts.close = std::chrono::milliseconds(500);
  s.data_tls = s.control_tls;
  s.command_timeout = std::chrono::milliseconds(5000);
  s.data_timeout = std::chrono::milliseconds(3000);
  s.files->put("a.bin", pattern(100000, 1));
  return s;
}

inline FtpsClientConfig client_config(uint16_t port) {
  FtpsClientConfig c;
  c.port = port;
  c.user = "tlsc";
  c.password = "tlsc-password";
  c.control_tls.timeouts.io = std::chrono::milliseconds(3000);
  c.control_tls.timeouts.close = std::chrono::milliseconds(500);
  c.data_tls = c.control_tls;
  c.reply_timeout = std::chrono::milliseconds(4000);
  return c;
}

struct Run {
  FtpsClientReport client;
  FtpsServerReport server;
};

inline Run run(FtpsServerConfig s, const FtpsClientConfig& c_template) {
  FtpsLoopbackServer server(std::move(s), 1);
  EXPECT_TRUE(server.error().empty()) << server.error();
  FtpsClientConfig c = c_template;
  c.port = server.port();
  Run r;
  r.client = run_ftps_client(c);
  auto reports = server.stop();
  EXPECT_EQ(reports.size(), 1u);
  if (!reports.empty()) r.server = reports.front();
  return r;
}

}  // namespace tlsc::ftps::testing

namespace tlsc::engine {
// Readable gtest output for the engine's enums.
inline void PrintTo(ResumedBy r, std::ostream* os) { *os << to_string(r); }
inline void PrintTo(Error e, std::ostream* os) { *os << to_string(e); }
}  // namespace tlsc::engine
