// Our scripted FTPS client (RFC 4217 explicit FTPS): connects in the clear, AUTH TLS (or SSL),
// runs the control connection over our engine's TLS client, PBSZ 0, PROT P, USER/PASS, TYPE I,
// then each transfer (LIST, RETR, STOR) over a passive data connection (PASV or EPSV, RFC 2428)
// whose TLS handshake — with us as TLS client, RFC 4217 7 — resumes the control connection's
// session by session ID or ticket, or does not, as configured per transfer. Every step's reply
// code and every data connection's TLS facts are in the report; nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "peers/engine/config.h"
#include "peers/engine/report.h"
#include "peers/ftps/limits.h"
#include "peers/ftps/quirks.h"

namespace tlsc::ftps {

enum class PassiveMode : uint8_t { kPasv, kEpsv };
// How a data connection's TLS handshake offers the control connection's session.
enum class DataResume : uint8_t { kSessionId, kTicket, kNone };

struct Transfer {
  enum class Kind : uint8_t { kList, kRetr, kStor } kind = Kind::kRetr;
  std::string path;
  Bytes upload;                              // kStor: what to send
  std::optional<std::string> expect_sha256;  // kRetr/kList: checked against what arrives
  std::optional<DataResume> resume;          // overrides FtpsClientConfig::data_resume
  std::optional<engine::ClientQuirks> tls_quirks;  // overrides data_tls.quirks for this connection
};

// "LIST", "RETR", "STOR" (RFC 959 4.1.3), and the other way; nullopt for another verb.
std::string_view to_string(Transfer::Kind k);
std::optional<Transfer::Kind> parse_transfer_kind(std::string_view verb);

struct FtpsClientConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 21;
  std::string auth = "TLS";  // AUTH TLS or AUTH SSL (RFC 4217 4)
  std::string user = "anonymous";
  std::string password = "tlsconform@example.org";
  PassiveMode passive = PassiveMode::kPasv;
  DataResume data_resume = DataResume::kSessionId;
  engine::ClientConfig control_tls;  // app_script is ours
  engine::ClientConfig data_tls;     // app_script and resume are ours
  std::vector<Transfer> transfers;
  std::chrono::milliseconds reply_timeout{5000};
  size_t max_transfer_bytes = kMaxTransferBytes;  // per data connection received (LIST, RETR)
  FtpsClientQuirks quirks;
};

// One command and its reply, as exchanged on the control connection.
struct Exchange {
  std::string command;  // "PASS ****" for the password; "" for the greeting
  int code = 0;         // 0: no reply (see FtpsClientReport::error)
  std::string reply;    // all lines joined with " | "
};

struct DataConnectionReport {
  std::string command;         // "RETR file.bin"
  int preliminary_code = 0;    // 150/125 (RFC 959 4.2), or the error reply instead
  int final_code = 0;          // 226/250, or 4yz/5yz (e.g. 522: session reuse required)
  bool connected = false;      // TCP connection to the passive port
  engine::ConnectionReport tls;
  std::string resumption_offered_by;  // "session-id", "ticket", ""
  engine::ResumedBy resumed = engine::ResumedBy::kNone;
  bool same_master_secret_as_control = false;  // resumed the control session itself
  bool ems_control = false;  // the control connection used the extended master secret
  bool ems_data = false;     // this data connection did
  Bytes data;                // received (LIST, RETR) or sent (STOR)
  std::string sha256;        // of `data`
  std::optional<std::string> expect_sha256;
  bool checksum_match = false;  // expect_sha256 given and equal (for STOR: the receiver checks)
  std::string error;            // first problem, one line
};

struct FtpsClientReport {
  bool connected = false;
  std::vector<Exchange> dialogue;
  bool auth_accepted = false;  // 234 to AUTH (RFC 4217 4)
  engine::ConnectionReport control;
  bool logged_in = false;      // 230
  std::vector<DataConnectionReport> transfers;
  // The server wrote non-TLS bytes on the TLS-protected control connection (RFC 4217 4), and
  // the first such line.
  bool plaintext_on_tls_control = false;
  std::string plaintext_line;
  int quit_code = 0;
  bool completed = false;  // every step ran to its end (whatever the codes were)
  std::string error;       // the first failure, one line

  // The reply code to the first command that starts with `verb` (0 if none).
  int code_of(std::string_view verb) const;
  std::string describe() const;
};

FtpsClientReport run_ftps_client(const FtpsClientConfig& config);

std::string_view to_string(DataResume r);

}  // namespace tlsc::ftps
