// What a scenario run takes from the harness (the IUT endpoints, the run options) and gives back
// (ScenarioRun). The TLS interpreter and the FTPS runner both run against these.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "peers/engine/report.h"
#include "results/result.h"
#include "scenarios/model.h"
#include "scenarios/peer_setup.h"

namespace tlsc::scenarios {

// The IUT in the server role.
class IutServer {
 public:
  virtual ~IutServer() = default;
  // The port on 127.0.0.1 where the IUT accepts now.
  virtual uint16_t port() = 0;
  // Its loopback address: "127.0.0.1", or "::1" for a remote IUT on IPv6 loopback.
  virtual std::string host() { return "127.0.0.1"; }
  // After each connection: an empty string, or why the IUT is gone (crashed, exited).
  virtual std::string health() { return ""; }
};

// The IUT in the client role.
class IutClient {
 public:
  virtual ~IutClient() = default;
  // Makes the IUT client connect once to 127.0.0.1:`port` (connection `index` of the scenario;
  // `resume`: offer the session of its previous connection). Blocks until the client is done or
  // killed at its deadline. Returns "" or an infrastructure problem (could not start).
  virtual std::string connect(uint16_t port, size_t index, bool resume) = 0;
  // FTPS: the content of a file the IUT client saved in its working folder (e.g.
  // ftps_payload::kDownloadedName), or nullopt when unknown (a remote client, or no such file).
  virtual std::optional<std::vector<uint8_t>> read_file(const std::string& /*name*/) { return std::nullopt; }
  // Whether connect() may run in several threads at once (each call its own IUT client process).
  // Then the independent attempts of a single-connection scenario (fallback retries, e.g. until an
  // ECDHE shared secret has a leading zero byte) run RunOptions::parallel_attempts at a time.
  virtual bool concurrent_connects() const { return false; }
};

// FTPS IUT server: how our FTPS client logs in and where it may upload (from the profile's "ftp",
// or the remote-mode options).
struct FtpLogin {
  std::string user = "anonymous";
  std::string password = "tlsconform@example.org";
  std::string upload_dir = "pub";
  // The name our client STORs (and RETRs back) in upload_dir; "" = ftps_payload::kUploadName.
  // Remote mode makes it unique per unit, so a server that refuses to overwrite still takes it.
  std::string upload_name;
};

struct RunOptions {
  PeerEnv env;
  uint64_t seed = 1;                 // the unit's seed; connection i uses seed + i
  std::set<std::string> capabilities;  // of the IUT in its configuration
  std::chrono::milliseconds accept_timeout{10000};  // IUT client role: waiting for it to connect
  int repeat = 0;  // statistical scenarios: handshakes to run (0: they are skipped)
  int parallel_attempts = 1;     // see IutClient::concurrent_connects
  std::string protocol = "tls";  // of the IUT: a scenario of another protocol is skipped
  FtpLogin ftp;                  // protocol "ftps", IUT server role
  // The whole catalog, when known: a violation's diagnosis names the scenarios that check its rule.
  const std::vector<Scenario>* catalog = nullptr;
};

struct ScenarioRun {
  results::Result result;  // verdict, reason, deviation, diagnosis, observations, rfc, seed, duration
  std::vector<engine::ConnectionReport> reports;  // every connection we ran (probes included)
};

}  // namespace tlsc::scenarios
