// `tlsconform probe --target HOST:PORT`: what a TLS server someone else runs can do, found out by
// our own client (correct, no quirks) in a few dozen loopback connections: protocol versions, key
// exchanges, groups, EMS, resumption by session ID and by ticket, client-certificate request and
// requirement, secure renegotiation, and how it answers application data. It prints a table and
// writes a capabilities file that `tlsconform run --capabilities FILE` reads; a remote run given
// neither --capability, --capabilities nor --iut probes its --target first and plans from that.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/remote.h"
#include "iut/profile.h"
#include "peers/engine/app_data.h"

namespace tlsc::harness {

struct ProbeFinding {
  std::string name;    // "tls1.2", "dhe", "group-x25519", "resume-id", "client-cert-required" ...
  bool yes = false;
  std::string detail;  // the suite negotiated, the alert, why not
};

struct ProbeResult {
  std::string target;
  std::vector<ProbeFinding> findings;
  std::set<std::string> capabilities;  // iut/capabilities.h names
  engine::AppData app_data = engine::AppData::kNone;
  std::string error;  // the server could not be reached at all
};

ProbeResult probe_server(const Endpoint& target, std::chrono::milliseconds io_timeout);
std::string probe_table(const ProbeResult& r);

// The capabilities file: {"target", "capabilities": [...], "app_data", "findings": [...]}.
std::string write_capabilities_file(const std::filesystem::path& file, const ProbeResult& r);  // "" or why not
// Reads one; a missing file, bad JSON or an unknown capability name is a one-line error.
std::optional<ProbeResult> read_capabilities_file(const std::filesystem::path& file, std::string* error);

// Remote mode without --capability and --iut: `profile`'s capabilities (and its app data unless
// --app-data was given) from the capabilities file `file`, else, when `target` is set, from a
// probe of it (the table goes to stderr; a probe that cannot connect leaves the profile as it
// is and says so). Returns "" or a one-line error about the file.
std::string remote_capabilities(const std::string& file, const Endpoint* target, std::chrono::milliseconds io,
                                bool app_data_given, iut::Profile& profile);

struct ProbeOptions {
  std::string target;  // --target HOST:PORT, or
  std::string iut;     // --iut NAME: start the profile's server and check its claims (harness/probe_iut.h)
  std::string config = "default";
  std::string profiles;
  std::string out = "tlsconform-capabilities.json";
  int io_timeout_ms = 2000;
};
void add_probe_options(CLI::App& probe, ProbeOptions& o);
int run_probe(const ProbeOptions& o);

}  // namespace tlsc::harness
