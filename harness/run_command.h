// `tlsconform run`: plans units (IUT x configuration x scenario), runs them in parallel, streams
// each result to results.jsonl as it finishes, writes results.json, and prints the outcome.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/client_cert_option.h"

namespace tlsc::harness {

struct RunCommandOptions {
  std::vector<std::string> iuts;      // profile names; default: shim-openssl
  std::vector<std::string> families;  // default: all
  std::vector<std::string> scenarios; // ids (exact) or prefixes (e.g. "ems.resume"); default: all
  std::string role;                   // server|client; default: both
  std::string incident;               // --incident ID: only the scenarios linked to that field incident
  std::string persona;                // --persona NAME: our peer starts from it (scenarios/persona.h)
  std::string config = "default";     // run-level IUT configuration, e.g. ems-off
  std::string out = "tlsconform-out";
  std::string catalog;                // default: built-in
  std::string profiles;               // default: built-in
  std::vector<std::string> expect;    // expectations files (--expect, repeatable)
  bool no_default_expect = false;     // --no-default-expect: iut/expectations/<iut>.json is not applied
  std::string resume;                 // --resume DIR: keep the results already in DIR, run the rest
  std::string shard;                  // --shard K/N: the K-th of N parts of the plan (1-based)
  int io_timeout_ms = 5000;           // our peer's wait for each answer of the IUT
  int unit_timeout_ms = 0;            // each unit's overall deadline (0: derived, harness/unit_deadline.h)
  uint64_t seed = 1;
  unsigned jobs = 0;                  // 0: number of cores
  int repeat = 0;                     // statistical scenarios: handshakes (0: skipped)
  bool strict = false;
  bool fail_on_skip = false;          // any skip makes the exit code 4 (default: only an all-skip run)
  bool quiet = false;
  bool skip_slow = false;
  bool keep_transcripts = false;      // transcripts for every result (default: fail, warn, error)
  std::vector<std::string> argv;      // recorded in results.json
  // Remote mode (harness/remote.h): an IUT the user started.
  std::string target;                 // --target HOST:PORT: its server (server-role scenarios)
  std::string listen;                 // --listen HOST:PORT: where its client connects (client-role scenarios)
  std::string iut_name;               // the name results carry (default: remote)
  std::string capabilities_file;      // --capabilities FILE (tlsconform probe)
  std::vector<std::string> capabilities;  // --capability: what it supports (default: the --iut profile's, or a base set)
  int remote_timeout_ms = 60000;
  bool listen_retries = false;
  ClientCertOptions client_cert;      // --client-cert/--client-key/--no-client-cert (harness/client_cert_option.h)        // --listen: also the scenarios that repeat connections until luck hits      // --listen: how long to wait for each connection of the user's client
  // Remote FTPS IUTs: the protocol (default: the --iut profile's, else tls) and our FTPS client's
  // login against the user's FTPS server (default: the --iut profile's ftp, else anonymous / pub).
  std::string protocol;
  std::string app_data;               // --app-data none|echo|http (harness/app_data_option.h)
  std::string ftp_user, ftp_password, ftp_upload_dir;
};

void add_run_options(CLI::App& run, RunCommandOptions& opts);
int run_run(const RunCommandOptions& opts);

}  // namespace tlsc::harness
