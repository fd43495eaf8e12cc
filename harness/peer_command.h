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
// Output: one line per connection, a summary or (--json) scenarios::connection_json(). Exit codes: 0 every
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

// `tlsconform peer ftps-server|ftps-client`: our scripted FTPS server and client (peers/ftps,
// RFC 4217 explicit FTPS) on their own, e.g. as an FTPS IUT (iut/profiles/tlsconform-ftps.json).
// The server serves control connections on 127.0.0.1:PORT one after the other with the payload
// files of scenarios/ftps_payload.h; the client logs in, LISTs, RETRs the download into a file and
// STORs a file. Engine quirks apply to the control connection (--quirk) or to every data
// connection (--data-quirk); FTPS-layer quirks by --ftps-quirk. Output: the session's dialogue and
// per data connection the TLS facts. Exit codes: 0 the session completed and every transfer was
// intact (server: every session ended with QUIT), 1 otherwise, 2 a bad option, 3 cannot connect
// or listen.
struct PeerFtpsServerArgs {
  std::string listen;                   // HOST:PORT, loopback only; port 0 = ephemeral
  std::string cert, key;                // RSA credential (required)
  std::vector<std::string> quirks;      // engine ServerQuirks, control connection
  std::vector<std::string> data_quirks; // engine ServerQuirks, every data connection
  std::vector<std::string> ftps_quirks; // FtpsServerQuirks
  bool require_reuse = false;
  bool no_require_reuse = false;        // wins over require_reuse (a profile configuration turns it off)
  bool no_tickets = false;
  std::string user = "tlsc", password = "tlsc-password";
  unsigned accept = 1;                  // control connections; 0 = until a signal
  uint64_t seed = 1;
  unsigned timeout_ms = 10000;
};

struct PeerFtpsClientArgs {
  std::string connect;                  // HOST:PORT, loopback only
  std::string user = "anonymous", password = "tlsconform@example.org";
  std::string download_to;              // RETR tlsc-download.bin into this file ("" : not saved)
  std::string upload;                   // STOR this file ("" : no STOR)
  std::string upload_as = "tlsc-upload.bin";
  std::string resume_by = "id";         // id | ticket | none: the data connections' offer
  std::string ems = "on";               // on | off (every connection)
  bool epsv = false;
  std::vector<std::string> quirks;      // engine ClientQuirks, control connection
  std::vector<std::string> data_quirks; // engine ClientQuirks, every data connection
  std::vector<std::string> ftps_quirks; // FtpsClientQuirks
  uint64_t seed = 1;
  unsigned timeout_ms = 10000;
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
  CLI::App* ftps_server_;
  CLI::App* ftps_client_;
  PeerClientArgs client_args_;
  PeerServerArgs server_args_;
  PeerFtpsServerArgs ftps_server_args_;
  PeerFtpsClientArgs ftps_client_args_;
};

}  // namespace tlsc::harness
