// The client's FTPS script, top to bottom (RFC 4217 explicit FTPS):
//
//   < 220 greeting          > AUTH TLS  < 234        TLS handshake (our engine, as client)
//   > PBSZ 0  < 200         > PROT P  < 200          (RFC 4217 8-9: PBSZ before PROT)
//   > USER  < 331  > PASS  < 230                     > TYPE I  < 200
//   per transfer: > PASV|EPSV  < 227|229, TCP connect, > RETR|STOR|LIST, data TLS handshake
//                 (resuming the control session, RFC 4217 7/10), < 150, data, close_notify, < 226
//   > QUIT  < 221
#include "peers/ftps/client.h"

#include <sys/socket.h>

#include <thread>

#include "peers/engine/peer.h"
#include "peers/ftps/command.h"
#include "peers/ftps/control.h"
#include "peers/ftps/passive.h"
#include "peers/transport/tcp_stream.h"
#include "peers/wire/name_table.h"

namespace tlsc::ftps {

namespace {
constexpr Named<DataResume> kDataResumeNames[] = {
    {DataResume::kSessionId, "session-id"}, {DataResume::kTicket, "ticket"}, {DataResume::kNone, "none"}};

constexpr Named<Transfer::Kind> kTransferVerbs[] = {
    {Transfer::Kind::kList, "LIST"}, {Transfer::Kind::kRetr, "RETR"}, {Transfer::Kind::kStor, "STOR"}};
static_assert(distinct_rows(kTransferVerbs));
static_assert(distinct_rows(kDataResumeNames));
}  // namespace

std::string_view to_string(DataResume r) { return name_of(kDataResumeNames, r, "?"); }

std::string_view to_string(Transfer::Kind k) { return name_of(kTransferVerbs, k, "?"); }

std::optional<Transfer::Kind> parse_transfer_kind(std::string_view verb) { return parse_name(kTransferVerbs, verb); }

int FtpsClientReport::code_of(std::string_view verb) const {
  for (const auto& e : dialogue)
    if (e.command.rfind(verb, 0) == 0) return e.code;
  return 0;
}

std::string FtpsClientReport::describe() const {
  std::string out;
  for (const auto& e : dialogue) out += "  " + (e.command.empty() ? "(greeting)" : e.command) + " -> " + e.reply + "\n";
  for (const auto& d : transfers) {
    out += "  data " + d.command + ": connected=" + (d.connected ? "yes" : "no") +
           " tls=" + (d.tls.handshake_complete ? "ok" : "failed") + " offered=" + d.resumption_offered_by +
           " resumed=" + std::string(engine::to_string(d.resumed)) + " ems(control/data)=" + (d.ems_control ? "y" : "n") +
           "/" + (d.ems_data ? "y" : "n") + " bytes=" + std::to_string(d.data.size()) + " codes=" +
           std::to_string(d.preliminary_code) + "/" + std::to_string(d.final_code) +
           (d.error.empty() ? "" : " error: " + d.error) + "\n";
    if (!d.tls.handshake_complete && d.connected) out += "    data TLS: " + d.tls.error_detail + "\n";
  }
  if (plaintext_on_tls_control) out += "  clear text on the TLS control connection: " + plaintext_line + "\n";
  out += "  control TLS: " + std::string(control.handshake_complete ? "ok" : "not complete") +
         (control.error_detail.empty() ? "" : " (" + control.error_detail + ")") + "\n";
  if (!error.empty()) out += "  error: " + error + "\n";
  return out;
}

namespace {

class ClientRun {
 public:
  ClientRun(const FtpsClientConfig& cfg, FtpsClientReport& rep) : cfg_(cfg), rep_(rep) {}

  void run() {
    auto c = transport::TcpStream::connect(cfg_.host, cfg_.port, transport::deadline_after(cfg_.reply_timeout));
    if (!c.stream) return fail("connect " + cfg_.host + ":" + std::to_string(cfg_.port) + ": " + c.result.detail);
    rep_.connected = true;
    PlainControl plain(*c.stream);
    // RFC 959 5.4: the connection opens with 220 (possibly after a 120).
    auto greeting = reply_to(plain, "");
    if (greeting && greeting->code == 120) greeting = reply_to(plain, "");
    if (!greeting) return;
    if (greeting->code != 220) return fail("greeting " + std::to_string(greeting->code) + ", expected 220 (RFC 959 5.4)");
    // RFC 4217 4: AUTH TLS; 234 means the TLS handshake follows at once.
    auto auth = command(plain, "AUTH", cfg_.auth);
    if (!auth) return;
    if (auth->code != 234) return fail("AUTH " + cfg_.auth + " refused with " + std::to_string(auth->code) + " (RFC 4217 4: 234 expected)");
    rep_.auth_accepted = true;
    if (Bytes extra = plain.take_buffered(); !extra.empty())
      return fail("the server sent " + std::to_string(extra.size()) + " bytes after its 234 reply, before the TLS handshake (RFC 4217 4)");

    engine::ClientConfig tls = cfg_.control_tls;
    tls.app_script = [this](engine::AppChannel& ch) { session(ch); };
    rep_.control = engine::run_client(*c.stream, tls);
    if (!rep_.control.handshake_complete) fail("control TLS handshake: " + rep_.control.error_detail);
    else if (rep_.control.error != engine::Error::kNone) fail("control TLS: " + rep_.control.error_detail);
  }

 private:
  void fail(std::string why) {
    if (rep_.error.empty()) rep_.error = std::move(why);
  }

  // Reads one reply into the dialogue under `cmd`; nullopt (and the error) if none came.
  std::optional<Reply> reply_to(ControlChannel& ch, const std::string& cmd) {
    auto r = ch.read_reply(cfg_.reply_timeout);
    if (!r.reply) {
      rep_.dialogue.push_back({cmd, 0, ""});
      check_plaintext(ch);
      fail((cmd.empty() ? std::string("greeting") : cmd) + ": no reply: " + r.error);
      return std::nullopt;
    }
    rep_.dialogue.push_back({cmd, r.reply->code, r.reply->joined()});
    return r.reply;
  }

  std::optional<Reply> command(ControlChannel& ch, const std::string& verb, const std::string& arg) {
    std::string why;
    auto line = format_command(verb, arg, &why);
    if (!line) {
      fail(why);
      return std::nullopt;
    }
    const std::string shown = describe_command(verb, arg);
    if (!ch.send_text(*line)) {
      rep_.dialogue.push_back({shown, 0, ""});
      fail(shown + ": could not send");
      return std::nullopt;
    }
    return reply_to(ch, shown);
  }

  // RFC 4217 4: once TLS is up, every control byte is TLS. A reply that arrives in the clear is
  // its own failure, found by walking the TLS records received so far.
  void check_plaintext(ControlChannel& ch) {
    auto* tls = dynamic_cast<TlsControl*>(&ch);
    if (!tls || rep_.plaintext_on_tls_control) return;
    if (auto line = plaintext_after_records(tls->channel().report().bytes_received)) {
      rep_.plaintext_on_tls_control = true;
      rep_.plaintext_line = *line;
    }
  }

  bool expect(const std::optional<Reply>& r, const std::string& what, std::initializer_list<int> codes, const char* clause) {
    if (!r) return false;
    for (int c : codes)
      if (r->code == c) return true;
    fail(what + " answered " + std::to_string(r->code) + " (" + clause + ")");
    return false;
  }

  // ---------------------------------------------------------------- over TLS
  void session(engine::AppChannel& ch) {
    TlsControl ctl(ch);
    // RFC 4217 8/9: PBSZ 0 (TLS has no buffer size), then PROT P (protected data connections).
    if (!cfg_.quirks.SkipPbsz && !expect(command(ctl, "PBSZ", "0"), "PBSZ 0", {200}, "RFC 4217 8: 200")) return;
    if (!expect(command(ctl, "PROT", "P"), "PROT P", {200}, "RFC 4217 9: 200")) return;
    // RFC 959 5.4: USER -> 230 or 331; PASS -> 230 or 202.
    auto user = command(ctl, "USER", cfg_.user);
    if (!expect(user, "USER", {230, 331}, "RFC 959 5.4: 230 or 331")) return;
    if (user->code == 331 && !expect(command(ctl, "PASS", cfg_.password), "PASS", {230, 202}, "RFC 959 5.4: 230")) return;
    rep_.logged_in = true;
    if (!expect(command(ctl, "TYPE", "I"), "TYPE I", {200}, "RFC 959 5.4: 200")) return;
    for (const auto& t : cfg_.transfers)
      if (!transfer(ctl, t)) return;
    auto quit = command(ctl, "QUIT", "");
    if (quit) rep_.quit_code = quit->code;
    // RFC 959 5.4: QUIT -> 221.
    if (!expect(quit, "QUIT", {221}, "RFC 959 5.4: 221")) return;
    rep_.completed = true;
  }

  // One data connection. False when the control connection can no longer be used.
  bool transfer(TlsControl& ctl, const Transfer& t) {
    DataConnectionReport d;
    const std::string verb(to_string(t.kind));
    d.command = verb + (t.path.empty() ? "" : " " + t.path);
    d.expect_sha256 = t.expect_sha256;
    const engine::ConnectionReport& control = ctl.channel().report();
    d.ems_control = control.ems_used;

    // RFC 959 4.1.2 (PASV -> 227) or RFC 2428 3 (EPSV -> 229).
    const bool epsv = cfg_.passive == PassiveMode::kEpsv;
    auto pr = command(ctl, epsv ? "EPSV" : "PASV", "");
    if (!pr) return false;
    std::string why;
    auto addr = epsv ? parse_epsv_reply(*pr, &why) : parse_pasv_reply(*pr, &why);
    if (!addr) {
      d.error = why;
      fail(d.command + ": " + why);
      rep_.transfers.push_back(std::move(d));
      return true;
    }
    const std::string host = addr->host.empty() ? cfg_.host : addr->host;
    auto dc = transport::TcpStream::connect(host, addr->port, transport::deadline_after(cfg_.reply_timeout));
    if (!dc.stream) {
      d.error = "data connect " + host + ":" + std::to_string(addr->port) + ": " + dc.result.detail;
      fail(d.command + ": " + d.error);
      rep_.transfers.push_back(std::move(d));
      return true;
    }
    d.connected = true;

    engine::ClientConfig dt = cfg_.data_tls;
    if (t.tls_quirks) dt.quirks = *t.tls_quirks;
    const DataResume how = t.resume.value_or(cfg_.data_resume);
    // RFC 4217 10 (and servers such as vsftpd's require_ssl_reuse): the data connection's TLS
    // session resumes the control connection's.
    if (how != DataResume::kNone && control.session) {
      dt.resume = control.session;
      dt.resume_by_ticket = how == DataResume::kTicket;
    } else {
      dt.resume.reset();
    }
    bool too_large = false;  // more than max_transfer_bytes arrived
    if (t.kind == Transfer::Kind::kStor) {
      d.data = t.upload;
      dt.app_script = [&d](engine::AppChannel& ch) {
        constexpr size_t kChunk = 16384;
        for (size_t off = 0; off < d.data.size(); off += kChunk)
          if (!ch.send(ByteView(d.data).subspan(off, std::min(kChunk, d.data.size() - off)))) return;
      };
    } else {
      const auto wait = dt.timeouts.io;
      const size_t max = cfg_.max_transfer_bytes;
      dt.app_script = [&d, &too_large, wait, max](engine::AppChannel& ch) {
        for (;;) {
          auto r = ch.receive(wait);
          if (!r.ok()) return;  // close_notify, EOF or failure: the TLS report says which
          if (r.data.size() > max - d.data.size()) {
            too_large = true;  // stop reading: the engine closes the data connection
            return;
          }
          d.data.insert(d.data.end(), r.data.begin(), r.data.end());
        }
      };
    }

    std::string line_why;
    auto line = format_command(verb, t.path, &line_why);
    if (!line || !ctl.send_text(*line)) {
      fail(d.command + ": " + (line ? "could not send" : line_why));
      return false;
    }
    // RFC 4217 7: the client is the TLS client on the data connection. The handshake runs on
    // its own thread, so it does not matter whether the server sends 150 before or after it.
    transport::TcpStream& ds = *dc.stream;
    std::thread data_thread([&d, &ds, &dt] { d.tls = engine::run_client(ds, dt); });
    auto pre = reply_to(ctl, d.command);
    if (pre) d.preliminary_code = pre->code;
    // RFC 959 4.2: 1yz then a completion reply; anything else ends the command now.
    const bool started = pre && pre->preliminary();
    if (!started) ::shutdown(ds.fd(), SHUT_RDWR);  // wakes the data thread; the fd stays open until joined
    data_thread.join();
    if (started) {
      auto fin = reply_to(ctl, d.command + " (completion)");
      if (fin) d.final_code = fin->code;
    } else if (pre) {
      d.final_code = pre->code;
    }

    d.resumption_offered_by = d.tls.resumption_offered_by;
    d.resumed = d.tls.resumed;
    d.ems_data = d.tls.ems_used;
    d.same_master_secret_as_control = d.tls.handshake_complete && !logged_master_secret(control).empty() &&
                                      logged_master_secret(d.tls) == logged_master_secret(control);
    d.sha256 = sha256_hex(d.data);
    d.checksum_match = d.expect_sha256 && *d.expect_sha256 == d.sha256;
    if (!d.tls.handshake_complete) d.error = "data TLS handshake: " + d.tls.error_detail;
    else if (too_large) d.error = "data connection brought more than " + std::to_string(cfg_.max_transfer_bytes) + " bytes (our limit)";
    else if (d.tls.error != engine::Error::kNone) d.error = "data TLS: " + d.tls.error_detail;
    else if (d.final_code != 226 && d.final_code != 250) d.error = "completion reply " + std::to_string(d.final_code);
    else if (d.expect_sha256 && !d.checksum_match) d.error = "SHA-256 of the data differs from the expected one";
    rep_.transfers.push_back(std::move(d));
    return pre.has_value();
  }

  const FtpsClientConfig& cfg_;
  FtpsClientReport& rep_;
};

}  // namespace

FtpsClientReport run_ftps_client(const FtpsClientConfig& config) {
  FtpsClientReport report;
  ClientRun(config, report).run();
  return report;
}

}  // namespace tlsc::ftps
