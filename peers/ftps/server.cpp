// The server's FTPS script (RFC 4217 explicit FTPS), one control connection:
//
//   > 220   < AUTH TLS|SSL  > 234   TLS handshake (our engine, as server)   then, over TLS:
//   < PBSZ 0 > 200   < PROT P > 200   < USER > 331   < PASS > 230   < TYPE I > 200
//   < PASV|EPSV > 227|229   < RETR|STOR|LIST > 150, data TLS handshake (resumption checked
//   when required), data, close_notify, > 226 (or 522 / 425 / 426)   < QUIT > 221
//
// FTPS-level quirks are consulted where they apply (search for `q_.`).
#include "peers/ftps/server.h"

#include <cctype>

#include "peers/engine/peer.h"
#include "peers/ftps/command.h"
#include "peers/ftps/control.h"
#include "peers/ftps/passive.h"
#include "peers/ftps/prefixed_stream.h"
#include "peers/ftps/reply.h"

namespace tlsc::ftps {

std::string FtpsServerReport::describe() const {
  std::string out;
  for (const auto& c : commands) out += "  < " + c + "\n";
  for (const auto& d : data)
    out += "  data " + d.command + ": accepted=" + (d.accepted ? "yes" : "no") + " tls=" +
           (d.tls.handshake_complete ? "ok" : "failed: " + d.tls.error_detail) + " resumed=" +
           std::string(engine::to_string(d.tls.resumed)) + " control-session=" + (d.resumed_control_session ? "y" : "n") +
           " ems(control/data)=" + (d.ems_control ? "y" : "n") + "/" + (d.ems_data ? "y" : "n") + " bytes=" +
           std::to_string(d.data.size()) + " reply=" + std::to_string(d.final_code) + "\n";
  if (!error.empty()) out += "  error: " + error + "\n";
  return out;
}

namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class ServerRun {
 public:
  ServerRun(transport::Stream& stream, const FtpsServerConfig& cfg, FtpsServerReport& rep)
      : stream_(stream), cfg_(cfg), q_(cfg.quirks), rep_(rep) {}

  void run() {
    PlainControl plain(stream_);
    // RFC 959 5.4: the server greets with 220.
    if (!reply(plain, 220, "tlsconform FTPS test server ready")) return;
    for (;;) {
      auto cmd = next_command(plain);
      if (!cmd) return;
      if (cmd->verb == "AUTH") {
        const std::string mech = upper(cmd->arg);
        // RFC 4217 4: AUTH TLS (TLS-C and SSL are older names some clients still send).
        if (mech != "TLS" && mech != "TLS-C" && !(cfg_.accept_auth_ssl && mech == "SSL")) {
          reply(plain, 504, "AUTH " + cmd->arg + " not supported");
          continue;
        }
        if (!reply(plain, 234, "AUTH " + mech + " successful")) return;
        go_tls(plain);
        return;
      }
      if (cmd->verb == "QUIT") {
        reply(plain, 221, "Goodbye");
        rep_.quit = true;
        return;
      }
      if (cmd->verb == "FEAT") {
        feat(plain);
        continue;
      }
      // RFC 4217 4 / 11: this server requires TLS before login (policy); RFC 959 4.2.1: 530.
      reply(plain, 530, "Please use AUTH TLS first");
    }
  }

 private:
  bool reply(ControlChannel& ch, int code, const std::string& text) { return reply_lines(ch, code, {text}); }

  bool reply_lines(ControlChannel& ch, int code, const std::vector<std::string>& lines) {
    auto r = format_reply(code, lines);
    if (!r) return false;
    rep_.reply_codes.push_back(code);
    if (plaintext_next_) {
      // q_.SendPlaintextReplyAfterAuth: the deviation, in the clear on the TCP stream.
      plaintext_next_ = false;
      return stream_.write_all(view(*r), transport::deadline_after(std::chrono::milliseconds(2000))).ok();
    }
    return ch.send_text(*r);
  }

  std::optional<Command> next_command(ControlChannel& ch) {
    for (;;) {
      auto l = ch.read_line(cfg_.command_timeout);
      if (!l.line) {
        if (l.timeout) reply(ch, 421, "Timeout, closing control connection");  // RFC 959 4.2.1: 421
        if (rep_.error.empty() && !rep_.quit) rep_.error = l.error;
        return std::nullopt;
      }
      if (rep_.commands.size() >= kMaxCommandsPerConnection) {
        // RFC 959 4.2.1: 421 closes the control connection.
        reply(ch, 421, "Too many commands, closing control connection");
        rep_.error = "client sent more than " + std::to_string(kMaxCommandsPerConnection) + " commands on one control connection";
        return std::nullopt;
      }
      std::string why;
      auto c = parse_command(*l.line, &why);
      if (!c) {
        rep_.commands.push_back(l.line->substr(0, 64));
        reply(ch, 500, "Syntax error: " + why);  // RFC 959 4.2.1: 500
        continue;
      }
      rep_.commands.push_back(describe_command(c->verb, c->arg));
      return c;
    }
  }

  void feat(ControlChannel& ch) {
    // RFC 2389 3.2 (FEAT), RFC 4217 6: AUTH TLS, PBSZ, PROT advertised.
    reply_lines(ch, 211, {"Features:", "AUTH TLS", "PBSZ", "PROT", "EPSV", "PASV", "SIZE", "UTF8", "End"});
  }

  void go_tls(PlainControl& plain) {
    rep_.tls = true;
    PrefixedStream ps(stream_, plain.take_buffered());
    engine::ServerConfig tls = cfg_.control_tls;
    tls.app_script = [this](engine::AppChannel& ch) { session(ch); };
    rep_.control = engine::run_server(ps, tls);
    if (!rep_.control.handshake_complete && rep_.error.empty()) rep_.error = "control TLS handshake: " + rep_.control.error_detail;
  }

  // ---------------------------------------------------------------- over TLS
  void session(engine::AppChannel& ch) {
    TlsControl ctl(ch);
    control_ = &ch;
    plaintext_next_ = q_.SendPlaintextReplyAfterAuth;
    for (;;) {
      auto cmd = next_command(ctl);
      if (!cmd) return;
      const std::string& v = cmd->verb;
      if (v == "QUIT") {
        reply(ctl, 221, "Goodbye");  // RFC 959 5.4
        rep_.quit = true;
        return;
      }
      if (v == "FEAT") feat(ctl);
      else if (v == "PBSZ") pbsz(ctl, cmd->arg);
      else if (v == "PROT") prot(ctl, cmd->arg);
      else if (v == "USER") user(ctl, cmd->arg);
      else if (v == "PASS") pass(ctl, cmd->arg);
      else if (v == "NOOP") reply(ctl, 200, "NOOP ok");
      else if (v == "AUTH") reply(ctl, 503, "Already in TLS");
      else if (!logged_in_) reply(ctl, 530, "Please login with USER and PASS");  // RFC 959 4.2.1
      else if (v == "SYST") reply(ctl, 215, "UNIX Type: L8");
      else if (v == "PWD" || v == "XPWD") reply(ctl, 257, "\"/\" is the current directory");
      else if (v == "CWD" || v == "CDUP") reply(ctl, 250, "Directory successfully changed");
      else if (v == "TYPE") type(ctl, cmd->arg);
      else if (v == "MODE") reply(ctl, upper(cmd->arg) == "S" ? 200 : 504, "MODE " + cmd->arg);
      else if (v == "STRU") reply(ctl, upper(cmd->arg) == "F" ? 200 : 504, "STRU " + cmd->arg);
      else if (v == "OPTS") reply(ctl, 200, "OPTS ok");
      else if (v == "SIZE") size(ctl, cmd->arg);
      else if (v == "PASV") pasv(ctl, false, cmd->arg);
      else if (v == "EPSV") pasv(ctl, true, cmd->arg);
      else if (v == "LIST" || v == "NLST" || v == "RETR" || v == "STOR") data_command(ctl, v, cmd->arg);
      else reply(ctl, 502, "Command not implemented");  // RFC 959 4.2.1: 502
    }
  }

  void pbsz(ControlChannel& ch, const std::string& arg) {
    // RFC 4217 8: PBSZ takes a decimal integer; for TLS the only size is 0 ("PBSZ=0" if the
    // client asked for another).
    if (arg.empty() || arg.size() > 10 || arg.find_first_not_of("0123456789") != std::string::npos) {
      reply(ch, 501, "PBSZ needs a decimal number");
      return;
    }
    pbsz_ = true;
    reply(ch, 200, "PBSZ=0");
  }

  void prot(ControlChannel& ch, const std::string& arg) {
    // RFC 4217 9: PROT without a preceding PBSZ is refused with 503.
    if (!pbsz_ && !q_.AcceptProtWithoutPbsz) {
      reply(ch, 503, "PBSZ required before PROT");
      return;
    }
    const std::string level = upper(arg);
    // RFC 4217 9: C and P are the levels that make sense over TLS; this server only does P.
    if (level == "P") {
      prot_p_ = true;
      reply(ch, 200, "PROT now Private");
    } else if (level == "C" || level == "S" || level == "E") {
      reply(ch, 536, "PROT " + level + " not supported, use P");
    } else {
      reply(ch, 504, "PROT " + arg + " unknown");
    }
  }

  void user(ControlChannel& ch, const std::string& name) {
    user_ = name;
    logged_in_ = false;
    reply(ch, 331, "Password required");  // RFC 959 5.4: USER -> 331
  }

  void pass(ControlChannel& ch, const std::string& password) {
    const bool anon = cfg_.allow_anonymous && (user_ == "anonymous" || user_ == "ftp");
    if (!user_.empty() && (anon || (user_ == cfg_.user && password == cfg_.password))) {
      logged_in_ = true;
      reply(ch, 230, "Login successful");
    } else {
      reply(ch, 530, "Login incorrect");
    }
  }

  void type(ControlChannel& ch, const std::string& arg) {
    const std::string t = upper(arg);
    if (t == "I" || t == "A" || t == "L 8" || t == "A N") reply(ch, 200, "Type set to " + t);
    else reply(ch, 504, "TYPE " + arg + " not supported");
  }

  void size(ControlChannel& ch, const std::string& path) {
    auto f = cfg_.files->get(FileStore::name_of(path));
    if (!f) reply(ch, 550, "No such file");
    else reply(ch, 213, std::to_string(f->size()));  // RFC 3659 4
  }

  void pasv(ControlChannel& ch, bool extended, const std::string& arg) {
    if (extended && upper(arg) == "ALL") {
      reply(ch, 200, "EPSV ALL ok");  // RFC 2428 4
      return;
    }
    auto l = transport::TcpListener::listen("127.0.0.1", 0);
    if (!l.listener) {
      reply(ch, 425, "Cannot open passive port");
      return;
    }
    passive_ = std::move(l.listener);
    // RFC 959 4.1.2 / RFC 2428 3.
    if (extended) reply(ch, 229, epsv_text(passive_->port()));
    else reply(ch, 227, pasv_text("127.0.0.1", passive_->port()));
  }

  void data_command(ControlChannel& ch, const std::string& verb, const std::string& arg) {
    if (!prot_p_) {
      // RFC 4217 9 / 10: this server's policy is protected data connections only.
      reply(ch, 521, "Data connections must be protected: PROT P");
      return;
    }
    if (!passive_) {
      reply(ch, 425, "Use PASV or EPSV first");  // RFC 959 4.2.1: 425
      return;
    }
    std::unique_ptr<transport::TcpListener> listener = std::move(passive_);
    ServerDataReport d;
    d.command = verb + (arg.empty() ? "" : " " + arg);
    std::string name;
    std::optional<Bytes> content;
    if (verb == "RETR") {
      name = FileStore::name_of(arg);
      content = cfg_.files->get(name);
      if (!content) {
        d.final_code = 550;
        rep_.data.push_back(std::move(d));
        reply(ch, 550, "No such file");
        return;
      }
    } else if (verb == "STOR") {
      name = FileStore::name_of(arg);
      if (name.empty()) {
        d.final_code = 553;
        rep_.data.push_back(std::move(d));
        reply(ch, 553, "File name not allowed");  // RFC 959 4.2.1: 553
        return;
      }
    } else {
      std::string listing;
      for (const auto& [n, sz] : cfg_.files->list())
        listing += (verb == "NLST" ? n : "-rw-r--r--    1 ftp      ftp      " + std::to_string(sz) + " Jan 01  2024 " + n) + "\r\n";
      content = Bytes(listing.begin(), listing.end());
    }
    // RFC 959 4.2: 150 before the data connection's transfer.
    if (!reply(ch, 150, "Opening BINARY mode data connection for " + d.command)) return;
    auto a = listener->accept(transport::deadline_after(cfg_.data_timeout));
    listener.reset();
    if (!a.stream) {
      d.final_code = 425;
      rep_.data.push_back(std::move(d));
      reply(ch, 425, "Can't open data connection");
      return;
    }
    d.accepted = true;

    const int index = data_index_++;
    engine::ServerConfig tls = cfg_.data_tls;
    if (auto it = cfg_.data_quirks.find(index); it != cfg_.data_quirks.end()) tls.quirks = it->second;
    const engine::ConnectionReport& control = control_->report();
    tls.app_script = [&](engine::AppChannel& dch) {
      const auto& r = dch.report();
      d.resumed_control_session = r.resumed != engine::ResumedBy::kNone &&
                                  logged_master_secret(r) == logged_master_secret(control);
      // The reuse policy (vsftpd's require_ssl_reuse): a data connection must resume the control
      // connection's TLS session, proof that the same client opened both (RFC 4217 10 leaves the
      // data connection's authentication to the server).
      if (cfg_.require_reuse && !d.resumed_control_session) {
        d.reuse_refused = true;
        return;
      }
      if (verb == "STOR") {
        for (;;) {
          auto in = dch.receive(cfg_.data_timeout);
          if (!in.ok()) return;
          if (in.data.size() > cfg_.max_transfer_bytes - d.data.size()) {
            d.too_large = true;  // stop reading: the engine closes the data connection
            return;
          }
          d.data.insert(d.data.end(), in.data.begin(), in.data.end());
        }
      }
      d.data = *content;
      constexpr size_t kChunk = 16384;
      for (size_t off = 0; off < d.data.size(); off += kChunk)
        if (!dch.send(ByteView(d.data).subspan(off, std::min(kChunk, d.data.size() - off)))) return;
    };
    d.tls = engine::run_server(*a.stream, tls);
    d.ems_control = control.ems_used;
    d.ems_data = d.tls.ems_used;
    d.sha256 = sha256_hex(d.data);
    int code = 226;
    std::string text = "Transfer complete";
    if (d.reuse_refused) {
      code = 522;
      text = "TLS connection failed: session reuse required";
    } else if (!d.tls.handshake_complete) {
      code = 522;  // RFC 4217 10: the data connection's TLS negotiation failed
      text = "TLS negotiation on the data connection failed: " + d.tls.error_detail;
    } else if (d.too_large) {
      code = 552;  // RFC 959 4.2.1: requested file action aborted, exceeded storage allocation
      text = "Exceeded storage allocation (" + std::to_string(cfg_.max_transfer_bytes) + " bytes)";
    } else if (d.tls.error != engine::Error::kNone) {
      code = 426;  // RFC 959 4.2.1: connection closed, transfer aborted
      text = "Transfer aborted: " + d.tls.error_detail;
    } else if (verb == "STOR") {
      cfg_.files->put(name, d.data);
    }
    d.final_code = code;
    rep_.data.push_back(std::move(d));
    reply(ch, code, text);
  }

  transport::Stream& stream_;
  const FtpsServerConfig& cfg_;
  FtpsServerQuirks q_;
  FtpsServerReport& rep_;
  engine::AppChannel* control_ = nullptr;
  bool plaintext_next_ = false;
  bool pbsz_ = false, prot_p_ = false, logged_in_ = false;
  std::string user_;
  std::unique_ptr<transport::TcpListener> passive_;
  int data_index_ = 0;
};

}  // namespace

FtpsServerReport serve_ftps(transport::Stream& control, const FtpsServerConfig& config) {
  FtpsServerConfig cfg = config;
  // One session cache and ticket key for the control connection and its data connections.
  if (!cfg.control_tls.state) cfg.control_tls.state = std::make_shared<engine::ServerState>(cfg.control_tls.seed);
  if (!cfg.data_tls.state) cfg.data_tls.state = cfg.control_tls.state;
  if (!cfg.files) cfg.files = std::make_shared<FileStore>();
  FtpsServerReport report;
  ServerRun(control, cfg, report).run();
  control.close();
  return report;
}

FtpsLoopbackServer::FtpsLoopbackServer(FtpsServerConfig config, int connections) : cfg_(std::move(config)) {
  if (!cfg_.control_tls.state) cfg_.control_tls.state = std::make_shared<engine::ServerState>(cfg_.control_tls.seed);
  if (!cfg_.data_tls.state) cfg_.data_tls.state = cfg_.control_tls.state;
  auto l = transport::TcpListener::listen("127.0.0.1", 0);
  if (!l.listener) {
    error_ = "listen: " + l.result.detail;
    return;
  }
  listener_ = std::move(l.listener);
  thread_ = std::thread([this, connections] {
    for (int served = 0; served < connections && !stopping_;) {
      auto a = listener_->accept(transport::deadline_after(std::chrono::milliseconds(100)));
      if (!a.stream) continue;
      ++served;
      auto rep = serve_ftps(*a.stream, cfg_);
      std::lock_guard<std::mutex> lock(mu_);
      reports_.push_back(std::move(rep));
    }
  });
}

FtpsLoopbackServer::~FtpsLoopbackServer() { stop(); }

std::vector<FtpsServerReport> FtpsLoopbackServer::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_) listener_->close();
  std::lock_guard<std::mutex> lock(mu_);
  return reports_;
}

}  // namespace tlsc::ftps
