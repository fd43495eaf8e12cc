// Turns a scenario connection's peer settings and quirks into an engine configuration.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "peers/engine/config.h"
#include "peers/pki/test_pki.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

struct PeerEnv {
  pki::TestPki pki;
  std::chrono::milliseconds io_timeout{5000};
  // The unit's overall deadline and its stop request, handed to every connection's Timeouts
  // (engine/config.h): no connection of the unit waits past the deadline, whatever the IUT sends.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::function<bool()> stop;
  // True once the deadline has passed or a stop was requested: start nothing new.
  bool out_of_time() const { return std::chrono::steady_clock::now() >= deadline || (stop && stop()); }
  // What our peer does with application data after the handshake (the IUT profile's `app_data`,
  // or `run --app-data` in remote mode); a scenario's `send` is what kEcho sends.
  engine::AppData app_data = engine::AppData::kEcho;
  // Remote mode: the client certificate our client presents (--client-cert/--client-key);
  // unset: the test PKI's client certificate.
  std::optional<pki::KeyPair> client_cert;
  // Remote mode: present it also where a connection does not say (the scenario is not about client
  // authentication) and the server sends a CertificateRequest; off: an empty Certificate then.
  bool answer_certificate_request = false;
  // The persona our peer starts from (run --persona; scenarios/persona.h): as the client and as
  // the server. A connection's own settings win, field by field (merge()). Empty: none.
  PeerSettings persona_client;
  PeerSettings persona_server;
};

// Settings `overlay` on top of `base` (fields set in overlay win); quirks likewise.
PeerSettings merge(const PeerSettings& base, const PeerSettings& overlay);

// Our client (the IUT is the server). `previous` is the session of the last connection, offered
// when settings.resume is set. Throws std::runtime_error on a file that cannot be loaded.
engine::ClientConfig client_config(const PeerSettings& settings, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed,
                                   const std::optional<session::ClientSession>& previous);

// Our server (the IUT is the client). `state` is shared by the scenario's connections.
engine::ServerConfig server_config(const PeerSettings& settings, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed, std::shared_ptr<engine::ServerState> state);

// Cipher suites from names and family keywords ("dhe", "ecdhe", "rsa", "ecdsa", "gcm", "cbc"),
// restricted to those allowed at `version`; empty names = every suite the engine has.
std::vector<CipherSuite> resolve_suites(const std::vector<std::string>& names, ProtocolVersion version);

}  // namespace tlsc::scenarios
