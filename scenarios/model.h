// The scenario model: what one catalog entry says, after matrix expansion and validation.
//
// A scenario is a claim about the implementation under test (IUT): in role R, when our scripted
// peer does <connections>, the IUT must <expectation> (RFC clause cited). Our peer's settings and
// quirks are per connection, so an initial handshake and its resumption can differ.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "peers/engine/errors.h"
#include "peers/engine/quirks.h"
#include "peers/engine/report.h"
#include "peers/ftps/client.h"
#include "results/result.h"

namespace tlsc::scenarios {

using results::RfcRef;
using results::Role;  // the IUT's role: server = our peer is the client
using results::Verdict;

// How strongly an RFC binds (MUST and MUST NOT are kMust).
enum class Strength : uint8_t { kMay, kShould, kMust };

// What happened on one connection, seen from our peer.
enum class Outcome {
  kResumed,   // the handshake completed as an abbreviated (resumed) handshake
  kFull,      // the handshake completed as a full handshake
  kAlert,     // the IUT sent a fatal alert before the handshake completed
  kClosed,    // the IUT closed or reset the connection without an alert
  kTimeout,   // the IUT went silent past the deadline
  kPeerAbort, // our peer aborted: the IUT did something our (correct) peer refuses
};
std::string_view to_string(Outcome o);

// What a scenario expects; "complete" = resumed or full, "abort" = alert or closed.
// "complete-or-abort": the IUT may refuse or go along, but must answer properly (no timeout, and
// nothing our correct peer has to reject).
enum class Expect { kComplete, kResumed, kFull, kAbort, kCompleteOrAbort, kAny };
std::string_view to_string(Expect e);
bool matches(Expect e, Outcome o);

// A condition on one observation of a connection: `field` is one of the names in
// observation_fields(); exactly one of `is` (a bool, number or string), `in` (a list of them) or
// `at_least` (an integer).
struct Check {
  std::string field;
  std::optional<std::string> is;  // JSON text of the expected value
  std::vector<std::string> in;     // JSON texts of the accepted values
  std::optional<long long> at_least;
  std::string otherwise;          // diagnosis when it does not hold
};
const std::vector<std::string>& observation_fields();
// Its parts: what observe() gives for any TLS connection, and what an FTPS control / data
// connection adds (protocol "ftps").
const std::vector<std::string>& tls_observation_fields();
const std::vector<std::string>& ftps_control_observation_fields();
const std::vector<std::string>& ftps_data_observation_fields();

// Our peer's settings for one connection (client or server peer; the loader rejects settings
// that do not apply to the peer's role).
struct PeerSettings {
  std::optional<std::string> version;        // "tls1.0" | "tls1.1" | "tls1.2"
  std::vector<std::string> suites;           // names or the families "dhe", "ecdhe", "rsa", "ecdsa"
  std::vector<std::string> groups;           // "x25519", "secp256r1", ...
  std::optional<bool> ems;                   // client: offer EMS; server: echo EMS when offered
  std::optional<bool> tickets;               // client: offer session_ticket; server: issue tickets
  // client: offer the previous session by session ID or ticket (FTPS data connection: the
  // control session; kNone: offer none)
  std::optional<engine::ResumedBy> resume;
  std::optional<bool> client_cert;           // client: present the test client certificate
  std::optional<bool> request_client_cert;   // server
  std::optional<bool> require_client_cert;   // server
  std::optional<std::string> dh_group;       // server: "ffdhe2048" | "ffdhe3072" | "sparse2049"
  std::optional<bool> allow_legacy_resumption;  // server
  std::optional<std::string> send;           // client: application data after the handshake
  // client: the ClientHello's extensions in this order (those it names first, the rest after, in
  // our usual order); empty: our usual order. A persona sets it (scenarios/persona.h).
  std::vector<ExtensionType> extension_order;
};

// A re-run of one connection with changed settings, and the outcome it must end in.
struct Rerun {
  PeerSettings peer;
  engine::QuirkChanges quirks;
  Expect when = Expect::kComplete;
};

struct Expectation {
  Expect outcome = Expect::kComplete;
  std::vector<std::string> alerts;  // for abort: the alert(s) the RFC names
  std::vector<Check> checks;        // must hold when the outcome matches
  std::vector<Check> reached;       // preconditions: if one fails, the case was not reached
  // When the connection did not complete and a precondition failed, the stated cause (`else`) is
  // only given if this re-run ends as its `when` (e.g. the same handshake with EMS completes, so
  // "the IUT refuses clients without EMS" is true); otherwise the result is error.
  struct Confirm : Rerun {
    std::string because;  // the cause the confirm shows, stated in the skip reason
  };
  std::optional<Confirm> confirm;
};

struct Connection {
  PeerSettings peer;
  engine::QuirkChanges quirks;  // parsed at load, for our peer's role
  Expectation expect;
  // FTPS data connections (connections[1..] of a protocol "ftps" scenario): LIST, RETR or STOR;
  // none for a TLS connection and for the FTPS control connection (connections[0]).
  std::optional<ftps::Transfer::Kind> transfer;
};

// A protocol "ftps" scenario's FTPS-level settings (RFC 4217 explicit FTPS).
struct FtpsSettings {
  bool require_reuse = false;  // our server (IUT client role): data TLS must resume the control session
  ftps::PassiveMode passive = ftps::PassiveMode::kPasv;  // our client (IUT server role): PASV (RFC 959) or EPSV (RFC 2428)
  std::string auth = "TLS";      // our client: AUTH TLS or AUTH SSL (RFC 4217 4)
  // FTPS-layer deviations of our peer by name (peers/ftps/quirks.h: FtpsClientQuirks when the IUT
  // is the server, FtpsServerQuirks when it is the client).
  std::map<std::string, std::string> quirks;
};

// Verdict when the expectation is not met and the outcome is `when`, given only when its evidence
// was seen on the failing connection: one of `errors` was our peer's error (peer-abort), one of
// `alerts` the IUT's alert, and every one of `evidence` holds.
struct Rule {
  std::optional<Outcome> when;  // nullopt: any outcome
  Verdict verdict = Verdict::fail;
  std::string diagnosis;
  std::vector<engine::Error> errors;
  std::vector<std::string> alerts;
  std::vector<Check> evidence;
};

// A diagnostic re-run of the failing connection with changed settings; if that run ends in
// `when`, the diagnosis is the probe's.
struct Probe : Rerun {
  std::string diagnosis;
};

// Retries of a connection with other settings until its `reached` preconditions hold (e.g. a
// standard DH group, repeated until the shared secret has a leading zero byte).
struct Fallback {
  PeerSettings peer;
  engine::QuirkChanges quirks;
  int max_attempts = 0;
};

struct Scenario {
  std::string id;      // family.case[.variant].role
  std::string title;
  std::string family;
  Role role = Role::server;
  std::vector<RfcRef> rfc;
  std::vector<std::string> requires_caps;  // IUT capabilities needed, e.g. "tickets", "dhe"
  std::string iut_config = "default";      // the IUT configuration it runs under
  std::vector<Connection> connections;
  std::vector<Rule> otherwise;
  std::vector<Probe> probes;
  std::optional<Fallback> fallback;        // for the last connection
  // The last connection without the condition under test (e.g. no forced leading zero byte). When
  // that connection fails without a violation, the control re-run tells whether the failure is
  // about the question: if the control does not end as its `when` either, the result is error.
  std::optional<Rerun> control;
  bool slow = false;                       // labelled slow (e.g. a 65,536-try key search)
  bool statistical = false;                // natural-rate: off unless asked for (--repeat)
  std::map<std::string, std::string> variant;  // matrix values that produced this id
  std::string file;                        // the catalog file it came from
  // "tls" (default) or "ftps": connections[0] is then the FTPS control connection and
  // connections[1..] its data connections (each with a `transfer`).
  std::string protocol = "tls";
  FtpsSettings ftps;
  // The field incident classes it reproduces, as "<incident>/<class>" (scenarios/incident.h).
  std::vector<std::string> incidents;
  // The strongest level among the RFC references: decides fail (MUST) vs warn (SHOULD); level()
  // is its name ("MUST", "SHOULD", "MAY").
  Strength strength() const;
  std::string level() const;
};

}  // namespace tlsc::scenarios
