// Our scripted FTPS server (RFC 4217 explicit FTPS) over one control connection: 220, AUTH TLS
// or AUTH SSL -> 234, then the control connection runs over our engine's TLS server; PBSZ, PROT,
// USER/PASS, TYPE, PASV/EPSV (a listener on 127.0.0.1), LIST/NLST, RETR, STOR, SIZE, QUIT. The
// data connections' TLS handshakes (the client as TLS client, RFC 4217 7) use the same
// ServerState as the control connection, so they can resume its session by ID or ticket; with
// require_reuse a data connection that does not resume the control session is refused with 522
// (the policy of vsftpd's require_ssl_reuse). Files live in a FileStore.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "peers/engine/config.h"
#include "peers/engine/report.h"
#include "peers/ftps/file_store.h"
#include "peers/ftps/limits.h"
#include "peers/ftps/quirks.h"
#include "peers/transport/stream.h"
#include "peers/transport/tcp_listener.h"

namespace tlsc::ftps {

// Commands one control connection may send (ours, not RFC 959's, which sets no limit; a real
// session sends a few dozen). One more gets 421 and the connection ends: the report stays bounded
// however long a client keeps talking.
inline constexpr size_t kMaxCommandsPerConnection = 1000;

struct FtpsServerConfig {
  engine::ServerConfig control_tls;  // app_script is ours; state is shared with data_tls
  engine::ServerConfig data_tls;     // app_script is ours
  // Engine quirks for the n-th data connection (0-based) of a control connection, instead of
  // data_tls.quirks.
  std::map<int, engine::ServerQuirks> data_quirks;
  std::string user = "tlsc";
  std::string password = "tlsc-password";
  bool allow_anonymous = true;  // "anonymous" / "ftp" with any password
  bool accept_auth_ssl = true;  // AUTH SSL as a synonym of AUTH TLS (RFC 4217 4: TLS-C, SSL are historic)
  bool require_reuse = false;   // data TLS must resume the control connection's session
  std::shared_ptr<FileStore> files = std::make_shared<FileStore>();
  std::chrono::milliseconds command_timeout{10000};
  std::chrono::milliseconds data_timeout{5000};  // waiting for the data connection
  // Bytes one STOR may bring in; past it the server stops reading and replies 552 (RFC 959
  // 4.2.1: exceeded storage allocation).
  size_t max_transfer_bytes = kMaxTransferBytes;
  FtpsServerQuirks quirks;
};

struct ServerDataReport {
  std::string command;
  engine::ConnectionReport tls;
  bool accepted = false;           // the client connected to the passive port
  bool resumed_control_session = false;  // resumed, with the control connection's master secret
  bool reuse_refused = false;      // require_reuse and it did not
  bool too_large = false;          // STOR past max_transfer_bytes: stopped reading, 552
  bool ems_control = false, ems_data = false;
  Bytes data;                      // sent (RETR, LIST) or received (STOR)
  std::string sha256;
  int final_code = 0;
};

struct FtpsServerReport {
  std::vector<std::string> commands;  // as received ("PASS ****")
  std::vector<int> reply_codes;       // every reply we sent, in order
  bool tls = false;                   // the control connection went to TLS
  engine::ConnectionReport control;
  std::vector<ServerDataReport> data;
  bool quit = false;
  std::string error;  // why the session ended otherwise, one line
  std::string describe() const;
};

FtpsServerReport serve_ftps(transport::Stream& control, const FtpsServerConfig& config);

// serve_ftps over loopback TCP: listens on 127.0.0.1 (port 0: the kernel picks), serves up to
// `connections` control connections one after the other on a thread. The config's ServerState
// is created once, so sessions resume across connections too.
class FtpsLoopbackServer {
 public:
  FtpsLoopbackServer(FtpsServerConfig config, int connections);
  ~FtpsLoopbackServer();
  const std::string& error() const { return error_; }
  uint16_t port() const { return listener_ ? listener_->port() : 0; }
  // Stops accepting (a session in progress runs to its end) and returns the reports.
  std::vector<FtpsServerReport> stop();

 private:
  FtpsServerConfig cfg_;
  std::unique_ptr<transport::TcpListener> listener_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<FtpsServerReport> reports_;
  std::string error_;
};

}  // namespace tlsc::ftps
