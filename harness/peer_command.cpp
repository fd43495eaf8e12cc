#include "harness/peer_command.h"

#include <fmt/core.h>

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "harness/cli.h"
#include "harness/client_session_file.h"
#include "harness/private_file.h"
#include "harness/seed_option.h"
#include "peers/crypto/dh.h"
#include "peers/engine/config.h"
#include "peers/engine/names.h"
#include "peers/engine/peer.h"
#include "peers/engine/quirks.h"
#include "peers/engine/report.h"
#include "peers/ftps/client.h"
#include "peers/ftps/control.h"
#include "peers/wire/name_table.h"
#include "peers/ftps/server.h"
#include "peers/record/cipher_suite.h"
#include "peers/transport/loopback_address.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/connection_json.h"
#include "scenarios/ftps_payload.h"
#include "scenarios/ftps_quirks.h"

#include <fstream>

namespace tlsc::harness {
namespace {

using engine::ConnectionReport;

// A bad option value: one line naming the option and the value (exit 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class... Args>
[[noreturn]] void usage(fmt::format_string<Args...> f, Args&&... args) {
  throw UsageError(fmt::format(f, std::forward<Args>(args)...));
}

// ------------------------------------------------------------------ option values

struct Endpoint {
  std::string host;  // as it goes to the transport ("localhost" -> "127.0.0.1")
  uint16_t port = 0;
  std::string text() const { return host.find(':') != std::string::npos ? "[" + host + "]:" + std::to_string(port)
                                                                         : host + ":" + std::to_string(port); }
};

// HOST:PORT or [V6]:PORT; the host must be a loopback literal (project rule: traffic stays local).
Endpoint parse_endpoint(std::string_view option, const std::string& text, bool allow_port0) {
  std::string host, port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      usage("{}: expected [HOST]:PORT, got '{}'", option, text);
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) usage("{}: expected HOST:PORT, got '{}'", option, text);
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned long port = 0;
  size_t used = 0;
  try {
    port = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (port_text.empty() || used != port_text.size() || port > 65535 || (port == 0 && !allow_port0))
    usage("{}: bad port '{}' in '{}'", option, port_text, text);
  std::string why;
  if (!transport::loopback_address(host, static_cast<uint16_t>(port), why))
    usage("{}: refusing non-loopback address {}", option, host);
  return {host == "localhost" ? "127.0.0.1" : host, static_cast<uint16_t>(port)};
}

std::optional<ProtocolVersion> parse_version(const std::string& v) {
  if (v.empty()) return std::nullopt;
  auto version = engine::parse_version_name(v);
  if (!version) usage("--version: unknown version '{}' ({})", v, engine::version_names(" or "));
  return version;
}

std::vector<CipherSuite> parse_suites(const std::vector<std::string>& names) {
  std::vector<CipherSuite> out;
  for (const auto& n : names) {
    const record::CipherSuite* s = record::find_cipher_suite(std::string_view(n));
    if (!s) usage("--suite: unknown cipher suite '{}'", n);
    out.push_back(CipherSuite{s->code});
  }
  return out;
}

std::vector<NamedGroup> parse_groups(const std::vector<std::string>& names) {
  std::vector<NamedGroup> out;
  for (const auto& n : names) {
    auto found = engine::parse_group_name(n);
    if (!found) usage("--group: unknown group '{}' ({})", n, engine::group_names());
    out.push_back(*found);
  }
  return out;
}

// NAME[=VALUE] into a switchboard; set_quirk's reason already names the quirk and the value.
struct NameValue {
  std::string_view name, value;  // value "" when the spec has no '='
};
NameValue name_value(const std::string& spec) {
  const auto eq = spec.find('=');
  const std::string_view text(spec);
  return {text.substr(0, eq), eq == std::string::npos ? std::string_view() : text.substr(eq + 1)};
}

template <class Quirks>
void apply_quirks(std::string_view option, const std::vector<std::string>& specs, Quirks& q) {
  for (const auto& spec : specs) {
    const auto [name, value] = name_value(spec);
    std::string why;
    if (!engine::set_quirk(q, name, value, &why)) usage("{}: {}", option, why);
  }
}

engine::Credential load_credential(std::string_view cert_opt, const std::string& cert, std::string_view key_opt,
                                   const std::string& key) {
  if (cert.empty() != key.empty())
    usage("{}: needs {} as well", cert.empty() ? key_opt : cert_opt, cert.empty() ? cert_opt : key_opt);
  auto c = engine::Credential::from_pem_files(cert, key);
  if (!c) usage("{} '{}' / {} '{}': {}", cert_opt, cert, key_opt, key, c.error());
  return std::move(*c);
}

crypto::DhGroup parse_dh_group(const std::string& v) {
  if (const crypto::DhGroup* named = engine::parse_dh_group_name(v)) return *named;
  auto g = crypto::dh_group_from_pem_file(v);
  if (!g) usage("--dh-group: not {} or a readable DH PEM file: '{}': {}", engine::dh_group_names(), v, g.error());
  return std::move(*g);
}

// The NSS key log (SSLKEYLOGFILE format), appended to after each connection.
class KeyLog {
 public:
  explicit KeyLog(const std::string& path) {
    if (path.empty()) return;
    file_.reset(open_private_append(path));  // key material: 0600 whatever the umask
    if (!file_) usage("--keylog: cannot open '{}' for appending", path);
  }
  void append(const std::vector<std::string>& lines) {
    if (!file_) return;
    for (const auto& l : lines) fmt::print(file_.get(), "{}\n", l);
    std::fflush(file_.get());
  }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
};

engine::Timeouts timeouts(unsigned ms) {
  engine::Timeouts t;
  t.io = std::chrono::milliseconds(ms);
  return t;
}

// ------------------------------------------------------------------ output

std::string summary_line(const ConnectionReport& r, unsigned index) {
  std::string line = fmt::format("{} #{}: {}", r.role == engine::Role::kClient ? "client" : "server", index,
                                 r.handshake_complete ? "complete" : "FAILED");
  const auto j = scenarios::connection_json(r);  // the same rules as --json
  for (const char* key : {"version", "suite", "group"})
    if (const auto text = j[key].get<std::string>(); !text.empty()) line += " " + text;
  line += fmt::format(" ems={}/{} resumed={}", r.ems_offered ? "offered" : "not-offered",
                      r.ems_echoed ? "echoed" : "not-echoed", engine::to_string(r.resumed));
  if (r.resumption_offered) line += " (offered by " + r.resumption_offered_by + ")";
  if (!r.app_data_received.empty()) line += fmt::format(" app_data={}B", r.app_data_received.size());
  for (const auto& a : r.alerts)
    line += fmt::format(" alert{}{}", a.sent ? ">" : "<", a.description.name());
  if (r.error != engine::Error::kNone) line += fmt::format(" error={} ({})", engine::to_string(r.error), r.error_detail);
  if (r.oracle) line += " oracle: " + r.oracle->summary;
  line += fmt::format(" closure={}", engine::to_string(r.closure));
  return line;
}

void print_report(const ConnectionReport& r, unsigned index, bool json) {
  if (json)
    fmt::print("{}\n", scenarios::connection_json(r).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  else
    fmt::print("{}\n", summary_line(r, index));
  std::fflush(stdout);
}

// What both roles take alike from their options: version, suites, groups, the I/O timeout.
template <class Config>
void set_common(Config& c, const PeerCommonArgs& a) {
  if (auto v = parse_version(a.version)) c.max_version = c.min_version = *v;
  if (!a.suites.empty()) c.suites = parse_suites(a.suites);
  if (!a.groups.empty()) c.groups = parse_groups(a.groups);
  c.timeouts = timeouts(a.timeout_ms);
}

// ------------------------------------------------------------------ client

// Option values parsed once, at the edge, into what the flow compares.
bool on_off(const char* option, const std::string& text) {
  if (text == "on") return true;
  if (text != "off") usage("{}: expected on or off, got '{}'", option, text);
  return false;
}

constexpr Named<ftps::DataResume> kResumeByNames[] = {
    {ftps::DataResume::kSessionId, "id"}, {ftps::DataResume::kTicket, "ticket"}, {ftps::DataResume::kNone, "none"}};

ftps::DataResume resume_by(const std::string& text, bool none_allowed) {
  const auto by = parse_name(kResumeByNames, text);
  if (!by || (*by == ftps::DataResume::kNone && !none_allowed))
    usage("--resume-by: expected {}, got '{}'", none_allowed ? "id, ticket or none" : "id or ticket", text);
  return *by;
}

int run_client(const PeerClientArgs& a) {
  const Endpoint to = parse_endpoint("--connect", a.connect, false);
  engine::ClientConfig base;
  set_common(base, a);
  const bool ems = on_off("--ems", a.ems);
  const ftps::DataResume by = resume_by(a.resume_by, false);
  base.resume_by_ticket = by == ftps::DataResume::kTicket;
  // Resuming by session ID only: no session_ticket extension, or a server that issues tickets
  // sends one with an empty session ID (RFC 5077 3.4) and there is no ID to resume by.
  if (by == ftps::DataResume::kSessionId && (a.resume > 0 || !a.session_in.empty())) base.offer_tickets = false;
  engine::ClientQuirks initial, resumption;
  apply_quirks("--quirk", a.quirks, initial);  // before any file is read
  apply_quirks("--resume-quirk", a.resume_quirks, resumption);
  if (!a.cert.empty() || !a.key.empty()) base.credential = load_credential("--cert", a.cert, "--key", a.key);
  base.server_name = a.server_name;
  base.app_data.assign(a.send.begin(), a.send.end());
  if (!ems) initial.OmitEms = resumption.OmitEms = true;
  KeyLog keylog(a.keylog);

  // A session saved by an earlier process: the first connection resumes it. A missing file is no
  // session (the earlier connection failed, RFC 5246 7.2.2); a malformed one is a usage error.
  std::optional<session::ClientSession> previous;
  if (!a.session_in.empty() && std::filesystem::exists(a.session_in)) {
    auto loaded = load_client_session(a.session_in);
    if (!loaded) usage("--session-in: {}", loaded.error());
    previous = std::move(*loaded);
  }
  const bool first_resumes = previous.has_value();

  bool all_complete = true, all_resumed = true;
  for (unsigned i = 0; i <= a.resume; ++i) {
    engine::ClientConfig cfg = base;
    cfg.seed = a.seed + i;  // one DRBG stream per connection, replayable from --seed
    cfg.quirks = i == 0 && !first_resumes ? initial : resumption;
    if (i > 0 || first_resumes) cfg.resume = previous;  // none if the previous connection did not complete
    auto conn = transport::TcpStream::connect(to.host, to.port, transport::deadline_after(cfg.timeouts.io));
    if (!conn.result.ok()) {
      fmt::print(stderr, "tlsconform peer client: --connect: cannot connect to {}: {}\n", to.text(),
                 conn.result.detail);
      return kExitInfra;
    }
    ConnectionReport rep = engine::run_client(*conn.stream, cfg);
    print_report(rep, i + 1, a.json);
    keylog.append(rep.keylog);
    all_complete = all_complete && rep.handshake_complete;
    if (cfg.resume && rep.handshake_complete && rep.resumed == engine::ResumedBy::kNone) {
      all_resumed = false;
      fmt::print(stderr, "tlsconform peer client: connection {}: the server did not resume the offered session (by {}): "
                         "a full handshake\n", i + 1, cfg.resume_by_ticket && cfg.resume->ticket.size() ? "ticket" : "session ID");
    }
    previous = rep.session;
  }
  if (!a.session_out.empty()) {
    // The last connection's session; after a failed one there is none to offer, so no file.
    std::string error;
    if (previous) {
      error = save_client_session(a.session_out, *previous);
    } else {
      std::error_code ec;
      std::filesystem::remove(a.session_out, ec);
      if (ec) error = "cannot remove '" + a.session_out + "': " + ec.message();
    }
    if (!error.empty()) {
      fmt::print(stderr, "tlsconform peer client: --session-out: {}\n", error);
      return kExitInfra;
    }
  }
  return all_complete && all_resumed ? kExitOk : kExitUnexpected;
}

// ------------------------------------------------------------------ server

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_stop_signal(int) { g_stop = 1; }

void install_stop_handlers() {
  struct sigaction sa{};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked poll wakes up
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// A server subcommand (`command`, e.g. "peer server") starts: listen on `at`, catch the stop
// signals, print "listening HOST:PORT". Null (and a line on stderr) when it cannot listen.
std::unique_ptr<transport::TcpListener> start_listening(std::string_view command, const Endpoint& at) {
  auto listening = transport::TcpListener::listen(at.host, at.port);
  if (!listening.result.ok()) {
    fmt::print(stderr, "tlsconform {}: --listen: cannot listen on {}: {}\n", command, at.text(), listening.result.detail);
    return nullptr;
  }
  install_stop_handlers();
  fmt::print("listening {}\n", Endpoint{at.host, listening.listener->port()}.text());
  std::fflush(stdout);
  return std::move(listening.listener);
}

// The next connection a server subcommand accepts. Waits at most 200 ms, so a stop signal is
// noticed within a fraction of a second: then `stream` is null and `failed` false. A failed
// accept prints a line on stderr and sets `failed`.
struct NextConnection {
  std::unique_ptr<transport::TcpStream> stream;
  bool failed = false;
};
NextConnection next_connection(transport::TcpListener& listener, std::string_view command, const Endpoint& at) {
  auto accepted = listener.accept(transport::deadline_after(std::chrono::milliseconds(200)));
  if (accepted.result.status == transport::IoStatus::timeout) return {};
  if (!accepted.result.ok()) {
    fmt::print(stderr, "tlsconform {}: accept on {}: {}\n", command, at.text(), accepted.result.detail);
    return {nullptr, true};
  }
  return {std::move(accepted.stream), false};
}

// The workers of `peer server`: kMaxConnections threads, each serving one accepted connection at
// a time; reports are printed (and the key log appended) as connections end.
class ServerPool {
 public:
  static constexpr size_t kMaxConnections = 16;
  ServerPool(bool json, KeyLog& keylog) : json_(json), keylog_(keylog) {
    for (size_t i = 0; i < kMaxConnections; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ServerPool() { finish(); }
  // True when fewer than kMaxConnections connections are in flight (waits up to `timeout`).
  bool wait_for_room(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return in_flight_ < kMaxConnections; });
  }
  void serve(std::unique_ptr<transport::Stream> stream, engine::ServerConfig cfg, unsigned index) {
    std::lock_guard lock(mu_);
    ++in_flight_;
    jobs_.push_back({std::move(stream), std::move(cfg), index});
    cv_.notify_all();
  }
  // Waits for every connection in flight; true if each completed its handshake.
  bool finish() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
      cv_.notify_all();
    }
    for (auto& t : workers_)
      if (t.joinable()) t.join();
    return all_complete_;
  }

 private:
  struct Job {
    std::unique_ptr<transport::Stream> stream;
    engine::ServerConfig cfg;
    unsigned index;
  };
  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      ConnectionReport rep = engine::run_server(*job.stream, job.cfg);
      job.stream.reset();
      std::lock_guard lock(mu_);
      print_report(rep, job.index, json_);
      keylog_.append(rep.keylog);
      all_complete_ = all_complete_ && rep.handshake_complete;
      --in_flight_;
      cv_.notify_all();
    }
  }

  bool json_;
  KeyLog& keylog_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  size_t in_flight_ = 0;
  bool closed_ = false;
  bool all_complete_ = true;
  std::vector<std::thread> workers_;
};

int run_server(const PeerServerArgs& a) {
  const Endpoint at = parse_endpoint("--listen", a.listen, true);
  engine::ServerConfig base;
  set_common(base, a);
  apply_quirks("--quirk", a.quirks, base.quirks);  // before any file is read
  if (a.cert.empty() && a.key.empty()) usage("--cert, --key: an RSA certificate and key are required");
  base.rsa = load_credential("--cert", a.cert, "--key", a.key);
  if (!a.ecdsa_cert.empty() || !a.ecdsa_key.empty())
    base.ecdsa = load_credential("--ecdsa-cert", a.ecdsa_cert, "--ecdsa-key", a.ecdsa_key);
  base.dh_group = parse_dh_group(a.dh_group);
  base.request_client_cert = a.request_client_cert || a.require_client_cert;
  base.require_client_cert = a.require_client_cert;
  base.issue_tickets = !a.no_tickets;
  base.cache_sessions = !a.no_cache;
  base.state = std::make_shared<engine::ServerState>(a.seed);  // shared: resumption across connections
  KeyLog keylog(a.keylog);

  auto listener = start_listening("peer server", at);
  if (!listener) return kExitInfra;

  // Each connection runs on a worker of its own, at most kMaxConnections at once: a client that
  // says nothing holds one worker (until --timeout-ms), not the next handshake. A stop signal
  // ends the waits of every connection in flight (Timeouts::stop).
  base.timeouts.stop = [] { return g_stop != 0; };
  ServerPool pool(a.json, keylog);
  int status = kExitOk;
  for (unsigned served = 0; (a.accept == 0 || served < a.accept) && !g_stop;) {
    if (!pool.wait_for_room(std::chrono::milliseconds(200))) continue;
    auto next = next_connection(*listener, "peer server", at);
    if (next.failed) {
      status = kExitInfra;
      break;
    }
    if (!next.stream) continue;
    engine::ServerConfig cfg = base;
    cfg.seed = a.seed + served;
    ++served;
    pool.serve(std::move(next.stream), std::move(cfg), served);
  }
  const bool all_complete = pool.finish();
  return status != kExitOk ? status : all_complete ? kExitOk : kExitUnexpected;
}

// ------------------------------------------------------------------ FTPS (RFC 4217)

template <class Quirks>
void apply_ftps_quirks(const std::vector<std::string>& specs, Quirks& q) {
  for (const auto& spec : specs) {
    const auto [name, value] = name_value(spec);
    std::string why;
    if (!scenarios::set_ftps_quirk(q, name, value, &why)) usage("--ftps-quirk: {}", why);
  }
}

Bytes read_file_bytes(std::string_view option, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage("{}: cannot read '{}'", option, path);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int run_ftps_server(const PeerFtpsServerArgs& a) {
  const Endpoint at = parse_endpoint("--listen", a.listen, true);
  ftps::FtpsServerConfig cfg;
  apply_quirks("--quirk", a.quirks, cfg.control_tls.quirks);
  engine::ServerQuirks data_quirks;
  apply_quirks("--data-quirk", a.data_quirks, data_quirks);
  apply_ftps_quirks(a.ftps_quirks, cfg.quirks);
  if (a.cert.empty() && a.key.empty()) usage("--cert, --key: an RSA certificate and key are required");
  cfg.control_tls.rsa = load_credential("--cert", a.cert, "--key", a.key);
  cfg.control_tls.issue_tickets = !a.no_tickets;
  cfg.control_tls.timeouts = timeouts(a.timeout_ms);
  cfg.control_tls.seed = a.seed;
  cfg.data_tls = cfg.control_tls;
  cfg.data_tls.quirks = data_quirks;
  cfg.data_tls.seed = a.seed + 1;
  // One session cache and ticket key for every control and data connection (RFC 4217 10: data
  // connections resume the control connection's session).
  cfg.control_tls.state = cfg.data_tls.state = std::make_shared<engine::ServerState>(a.seed);
  cfg.require_reuse = a.require_reuse && !a.no_require_reuse;
  cfg.user = a.user;
  cfg.password = a.password;
  cfg.command_timeout = cfg.data_timeout = std::chrono::milliseconds(a.timeout_ms);
  cfg.files->put(std::string(scenarios::ftps_payload::kDownloadName), scenarios::ftps_payload::download());

  auto listener = start_listening("peer ftps-server", at);
  if (!listener) return kExitInfra;
  bool all_quit = true;
  for (unsigned served = 0; (a.accept == 0 || served < a.accept) && !g_stop;) {
    auto next = next_connection(*listener, "peer ftps-server", at);
    if (next.failed) return kExitInfra;
    if (!next.stream) continue;
    ++served;
    const auto rep = ftps::serve_ftps(*next.stream, cfg);
    fmt::print("control connection #{}: {}\n{}", served, rep.quit ? "QUIT" : "ended without QUIT", rep.describe());
    std::fflush(stdout);
    all_quit = all_quit && rep.quit;
  }
  return all_quit ? kExitOk : kExitUnexpected;
}

int run_ftps_client(const PeerFtpsClientArgs& a) {
  namespace payload = scenarios::ftps_payload;
  const Endpoint to = parse_endpoint("--connect", a.connect, false);
  const ftps::DataResume by = resume_by(a.resume_by, true);
  const bool ems = on_off("--ems", a.ems);
  ftps::FtpsClientConfig c;
  c.host = to.host;
  c.port = to.port;
  c.user = a.user;
  c.password = a.password;
  c.passive = a.epsv ? ftps::PassiveMode::kEpsv : ftps::PassiveMode::kPasv;
  c.data_resume = by;
  c.reply_timeout = std::chrono::milliseconds(a.timeout_ms);
  apply_quirks("--quirk", a.quirks, c.control_tls.quirks);
  engine::ClientQuirks data_quirks;
  apply_quirks("--data-quirk", a.data_quirks, data_quirks);
  apply_ftps_quirks(a.ftps_quirks, c.quirks);
  if (!ems) c.control_tls.quirks.OmitEms = data_quirks.OmitEms = true;
  c.control_tls.server_name = "localhost";
  c.control_tls.timeouts = timeouts(a.timeout_ms);
  c.control_tls.seed = a.seed;
  // A server that issues a ticket may send an empty session ID: resuming by ID offers no tickets.
  c.control_tls.offer_tickets = by == ftps::DataResume::kTicket;
  c.data_tls = c.control_tls;
  c.data_tls.quirks = data_quirks;
  c.data_tls.seed = a.seed + 1;
  using Kind = ftps::Transfer::Kind;
  c.transfers.push_back({Kind::kList, "", {}, {}, {}, {}});
  c.transfers.push_back({Kind::kRetr, std::string(payload::kDownloadName), {}, {}, {}, {}});
  if (!a.upload.empty()) c.transfers.push_back({Kind::kStor, a.upload_as, read_file_bytes("--upload", a.upload), {}, {}, {}});
  const auto rep = ftps::run_ftps_client(c);
  fmt::print("{}", rep.describe());
  bool ok = rep.completed;
  for (const auto& d : rep.transfers) ok = ok && (d.final_code == 226 || d.final_code == 250);
  if (!a.download_to.empty() && rep.transfers.size() >= 2 && rep.transfers[1].final_code == 226) {
    const Bytes& got = rep.transfers[1].data;
    std::ofstream out(a.download_to, std::ios::binary);
    out.write(reinterpret_cast<const char*>(got.data()), static_cast<std::streamsize>(got.size()));
    if (!out) {
      fmt::print(stderr, "tlsconform peer ftps-client: --download-to: cannot write '{}'\n", a.download_to);
      return kExitInfra;
    }
  }
  if (!rep.connected) return kExitInfra;
  return ok ? kExitOk : kExitUnexpected;
}

void add_common(CLI::App* app, PeerCommonArgs& a, const std::string& quirk_doc) {
  app->add_option("--version", a.version, "Protocol version, exactly: tls1.0, tls1.1 or tls1.2 (default: 1.0 to 1.2)");
  app->add_option("--suite", a.suites, "Cipher suite, IANA or OpenSSL name (repeatable, in order)");
  app->add_option("--group", a.groups, "x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072 (repeatable)");
  app->add_option("--quirk", a.quirks, quirk_doc);
  add_seed_option(*app, a.seed, "Seed of our randomness (connection i uses seed + i)");
  app->add_option("--keylog", a.keylog, "Append NSS key log lines (CLIENT_RANDOM ...) to this file");
  app->add_option("--timeout-ms", a.timeout_ms, "Deadline of each read or write, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600000u));
  app->add_flag("--json", a.json, "One JSON object per connection per line");
}

}  // namespace

PeerCommand::PeerCommand(CLI::App& peer) {
  client_ = peer.add_subcommand("client", "Connect to a TLS server as our scripted client");
  auto& c = client_args_;
  client_->add_option("--connect", c.connect, "Server address, HOST:PORT (loopback only)")->required();
  add_common(client_, c, "A client quirk for the first connection, NAME[=VALUE] (repeatable)");
  client_->add_option("--ems", c.ems, "Offer extended_master_secret: on or off (off = quirk OmitEms)")
      ->capture_default_str();
  client_->add_option("--resume", c.resume, "Resumption connections after the first")->capture_default_str();
  client_->add_option("--resume-by", c.resume_by, "Offer the previous session by id or ticket")->capture_default_str();
  client_->add_option("--resume-quirk", c.resume_quirks,
                      "A client quirk for the resumption connections only (with --session-in, the first one too), "
                      "NAME[=VALUE] (repeatable)");
  client_->add_option("--session-in", c.session_in,
                      "Offer the session saved in this file by --session-out (the first connection resumes; "
                      "a missing file: no session)");
  client_->add_option("--session-out", c.session_out,
                      "Save the last connection's session to this file (removed when it failed)");
  client_->add_option("--cert", c.cert, "Client certificate (PEM) for a CertificateRequest");
  client_->add_option("--key", c.key, "Its private key (PEM)");
  client_->add_option("--server-name", c.server_name, "SNI host name (empty: no server_name)")->capture_default_str();
  client_->add_option("--send", c.send, "Application data to send after the handshake (the reply is awaited)");

  server_ = peer.add_subcommand("server", "Accept TLS clients as our scripted server");
  auto& s = server_args_;
  server_->add_option("--listen", s.listen, "Address to listen on, HOST:PORT (loopback only; port 0: any)")
      ->required();
  add_common(server_, s, "A server quirk for every connection, NAME[=VALUE] (repeatable)");
  server_->add_option("--cert", s.cert, "RSA server certificate (PEM)");
  server_->add_option("--key", s.key, "Its private key (PEM)");
  server_->add_option("--ecdsa-cert", s.ecdsa_cert, "ECDSA server certificate (PEM) for ECDHE-ECDSA suites");
  server_->add_option("--ecdsa-key", s.ecdsa_key, "Its private key (PEM)");
  server_->add_option("--dh-group", s.dh_group, "DHE group: ffdhe2048, ffdhe3072, sparse2049 or a DH PEM file")
      ->capture_default_str();
  server_->add_flag("--request-client-cert", s.request_client_cert, "Send CertificateRequest in full handshakes");
  server_->add_flag("--require-client-cert", s.require_client_cert, "An empty client Certificate is fatal");
  server_->add_flag("--no-tickets", s.no_tickets, "Do not issue session tickets");
  server_->add_flag("--no-cache", s.no_cache, "Do not cache sessions by ID");
  server_->add_option("--accept", s.accept, "Connections to serve, one after the other (0: until SIGINT/SIGTERM)")
      ->capture_default_str();

  ftps_server_ = peer.add_subcommand("ftps-server", "Serve FTPS (RFC 4217 explicit) clients as our scripted FTPS server");
  auto& fs = ftps_server_args_;
  ftps_server_->add_option("--listen", fs.listen, "Address to listen on, HOST:PORT (loopback only; port 0: any)")->required();
  ftps_server_->add_option("--cert", fs.cert, "RSA server certificate (PEM)");
  ftps_server_->add_option("--key", fs.key, "Its private key (PEM)");
  ftps_server_->add_option("--quirk", fs.quirks, "A server quirk for the control connection, NAME[=VALUE] (repeatable)");
  ftps_server_->add_option("--data-quirk", fs.data_quirks, "A server quirk for every data connection, NAME[=VALUE] (repeatable)");
  ftps_server_->add_option("--ftps-quirk", fs.ftps_quirks,
                           "An FTPS-layer quirk: SendPlaintextReplyAfterAuth, AcceptProtWithoutPbsz (repeatable)");
  ftps_server_->add_flag("--require-reuse", fs.require_reuse,
                         "Refuse (522) a data connection whose TLS does not resume the control session");
  ftps_server_->add_flag("--no-require-reuse", fs.no_require_reuse, "Serve data connections that do not resume (wins over --require-reuse)");
  ftps_server_->add_flag("--no-tickets", fs.no_tickets, "Do not issue session tickets");
  ftps_server_->add_option("--user", fs.user, "The login besides anonymous")->capture_default_str();
  ftps_server_->add_option("--password", fs.password, "Its password")->capture_default_str();
  ftps_server_->add_option("--accept", fs.accept, "Control connections to serve (0: until SIGINT/SIGTERM)")->capture_default_str();
  add_seed_option(*ftps_server_, fs.seed, "Seed of our randomness");
  ftps_server_->add_option("--timeout-ms", fs.timeout_ms, "Deadline of each read, command and data connection")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600000u));

  ftps_client_ = peer.add_subcommand("ftps-client", "Connect to an FTPS server as our scripted FTPS client: LIST, RETR, STOR");
  auto& fc = ftps_client_args_;
  ftps_client_->add_option("--connect", fc.connect, "Server address, HOST:PORT (loopback only)")->required();
  ftps_client_->add_option("--user", fc.user, "Login")->capture_default_str();
  ftps_client_->add_option("--password", fc.password, "Password")->capture_default_str();
  ftps_client_->add_option("--download-to", fc.download_to, "Save the RETR of tlsc-download.bin to this file");
  ftps_client_->add_option("--upload", fc.upload, "STOR this file");
  ftps_client_->add_option("--upload-as", fc.upload_as, "Its name on the server")->capture_default_str();
  ftps_client_->add_option("--resume-by", fc.resume_by, "How data connections offer the control session: id, ticket or none")
      ->capture_default_str();
  ftps_client_->add_option("--ems", fc.ems, "Offer extended_master_secret on every connection: on or off")->capture_default_str();
  ftps_client_->add_flag("--epsv", fc.epsv, "EPSV (RFC 2428) instead of PASV");
  ftps_client_->add_option("--quirk", fc.quirks, "A client quirk for the control connection, NAME[=VALUE] (repeatable)");
  ftps_client_->add_option("--data-quirk", fc.data_quirks, "A client quirk for every data connection, NAME[=VALUE] (repeatable)");
  ftps_client_->add_option("--ftps-quirk", fc.ftps_quirks, "An FTPS-layer quirk: SkipPbsz (repeatable)");
  add_seed_option(*ftps_client_, fc.seed, "Seed of our randomness");
  ftps_client_->add_option("--timeout-ms", fc.timeout_ms, "Deadline of each reply and read")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600000u));
}

int PeerCommand::run() const {
  const char* role = client_->parsed() ? "client" : server_->parsed() ? "server" : ftps_server_->parsed() ? "ftps-server" : "ftps-client";
  try {
    if (client_->parsed()) return run_client(client_args_);
    if (server_->parsed()) return run_server(server_args_);
    if (ftps_server_->parsed()) return run_ftps_server(ftps_server_args_);
    return run_ftps_client(ftps_client_args_);
  } catch (const UsageError& e) {
    fmt::print(stderr, "tlsconform peer {}: {}\n", role, e.what());
    return kExitUsage;
  }
}

}  // namespace tlsc::harness
