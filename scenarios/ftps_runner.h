// Runs a protocol "ftps" scenario (RFC 4217 explicit FTPS): connections[0] is the control
// connection, connections[1..] its data connections, each judged like a TLS connection (outcome,
// checks, reached) on its TLS report plus the FTPS observations (reply codes, resumption of the
// control session and by which mechanism, EMS on control and data, SHA-256 of what was sent vs
// received).
//
//   IUT server: our FTPS client (peers/ftps/client.h) logs in with RunOptions::ftp and runs the
//     scenario's transfers: LIST; RETR ftps_payload::kDownloadName (checked against download());
//     STOR upload() as <upload_dir>/kUploadName; a RETR after a STOR fetches the upload back
//     (checked against upload(), which is also the STOR's checksum).
//   IUT client: our FTPS server (peers/ftps/server.h) offers kDownloadName; the IUT client makes
//     its whole session at once (LIST, RETR into its working folder, STOR kUploadName); its data
//     connections are judged in the order it opened them.
//
// Whatever the scenario says, an IUT server that writes clear text on the TLS-protected control
// channel (RFC 4217 4) fails with its own diagnosis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"
#include "peers/ftps/client.h"
#include "peers/ftps/server.h"
#include "scenarios/run_interface.h"

namespace tlsc::scenarios {

// One connection of an FTPS session as the judge sees it.
struct FtpsConnectionView {
  bool happened = false;        // the TCP connection was made (control: AUTH accepted as well)
  std::string missing;          // why not, one line
  engine::ConnectionReport tls;
  nlohmann::ordered_json ftps = nlohmann::ordered_json::object();  // the FTPS observations
  std::string label;            // "control", "data: RETR tlsc-download.bin"
};

struct FtpsSessionView {
  std::vector<FtpsConnectionView> connections;  // [0] control, then data in order
  bool plaintext_on_tls_control = false;
  std::string plaintext_line;
  std::string infra;          // could not reach the IUT at all: an error result
  std::string session_error;  // the FTP session's first problem (context for reasons)
  std::string download_checksum = "unknown";  // IUT client role: "match", "mismatch", "unknown"
};

// Our client's transfers for the IUT server role, from the scenario's data connections.
std::vector<ftps::Transfer> ftps_transfers(const Scenario& s, const FtpLogin& login);

// The views of a finished session (unit-testable without an IUT).
FtpsSessionView view_client_session(const Scenario& s, const ftps::FtpsClientReport& r);
FtpsSessionView view_server_session(const Scenario& s, const std::vector<ftps::FtpsServerReport>& reports,
                                    const std::optional<std::vector<uint8_t>>& downloaded);

// The verdict of a session view (result fields: verdict, reason, deviation, diagnosis, observations).
void judge_ftps(const Scenario& s, const FtpsSessionView& v, results::Result& res);

// The whole run (s.protocol == "ftps"; endpoints and capabilities already checked).
ScenarioRun run_ftps_scenario(const Scenario& s, const RunOptions& opts, IutServer* iut, IutClient* client);

}  // namespace tlsc::scenarios
