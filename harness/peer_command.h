// `tlsconform peer client|server`: our scripted TLS peer on its own, over loopback TCP.
//
// The client makes one connection, then `--resume N` more, each offering the session of the
// connection before it (by ticket or session ID). `--quirk` sets the first connection's client
// quirks and `--resume-quirk` the resumption connections' (each switchboard starts from defaults),
// so an initial handshake and its resumption can misbehave differently. `--session-in FILE` makes
// the first connection a resumption too (of the session saved in FILE by `--session-out FILE` of an
// earlier client process; a missing FILE means no session), with the `--resume-quirk` switchboard.
// The server accepts
// `--accept N` connections one after the other (0: until SIGINT/SIGTERM) with one ServerState, so
// sessions and tickets of one connection resume on the next.
//
// Output: one line per connection, a summary or (--json) report_to_json(). Exit codes: 0 every
// handshake completed, 1 some did not (the report says why), 2 a bad option value (one line
// naming the option and the value), 3 cannot connect or listen.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tlsc::harness {

// Options shared by both roles, as typed on the command line (validated in run()).
struct PeerCommonArgs {
  std::string version;                  // "", tls1.0, tls1.1, tls1.2
  std::vector<std::string> suites;      // IANA or OpenSSL-style names
  std::vector<std::string> groups;      // x25519, secp256r1, ...
  std::vector<std::string> quirks;      // NAME[=VALUE]
  uint64_t seed = 1;
  std::string keylog;                   // NSS key log file, appended to
  unsigned timeout_ms = 5000;
  bool json = false;
};

struct PeerClientArgs : PeerCommonArgs {
  std::string connect;                  // HOST:PORT, loopback only
  std::string ems = "on";               // on | off
  unsigned resume = 0;                  // resumption connections after the first
  std::string resume_by = "ticket";     // ticket | id
  std::string cert, key;                // client certificate for CertificateRequest
  std::vector<std::string> resume_quirks;
  std::string session_in;               // offer the session saved in this file (first connection)
  std::string session_out;              // save the last connection's session to this file
  std::string server_name = "localhost";
  std::string send;                     // application data after the handshake
};

struct PeerServerArgs : PeerCommonArgs {
  std::string listen;                   // HOST:PORT, loopback only; port 0 = ephemeral
  std::string cert, key;                // RSA credential (required)
  std::string ecdsa_cert, ecdsa_key;    // ECDSA credential (optional)
  std::string dh_group = "ffdhe2048";   // ffdhe2048 | ffdhe3072 | sparse2049 | PEM file
  bool request_client_cert = false;
  bool require_client_cert = false;
  bool no_tickets = false;
  bool no_cache = false;
  unsigned accept = 1;                  // connections to serve; 0 = until a signal
};

// Adds the `client` and `server` subcommands to `peer` and runs whichever was parsed. The object
// must outlive parsing (CLI11 writes into its members).
class PeerCommand {
 public:
  explicit PeerCommand(CLI::App& peer);
  PeerCommand(const PeerCommand&) = delete;
  PeerCommand& operator=(const PeerCommand&) = delete;

  // After a successful parse with a role given: runs it and returns the exit code.
  int run() const;

 private:
  CLI::App* client_;
  CLI::App* server_;
  PeerClientArgs client_args_;
  PeerServerArgs server_args_;
};

}  // namespace tlsc::harness
