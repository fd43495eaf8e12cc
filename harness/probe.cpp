#include "harness/probe.h"

#include <fmt/core.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "harness/cli.h"
#include "harness/probe_iut.h"
#include "iut/capabilities.h"
#include "peers/engine/peer.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/peer_setup.h"

namespace tlsc::harness {
namespace {

using engine::ClientConfig;
using engine::ConnectionReport;

// One correct client connection per question; each its own seed.
class Prober {
 public:
  Prober(Endpoint target, std::chrono::milliseconds io) : target_(std::move(target)), io_(io) {}

  std::optional<ConnectionReport> connect(ClientConfig c) {
    c.timeouts.io = io_;
    c.seed = seed_++;
    if (credential_ && !c.credential) c.credential = credential_;
    auto s = transport::TcpStream::connect(target_.host, target_.port, transport::deadline_after(io_));
    if (!s.result.ok()) {
      last_error_ = s.result.detail;
      return std::nullopt;
    }
    return engine::run_client(*s.stream, c);
  }
  // A self-made certificate for servers that require one (one that verifies it refuses it).
  void present_a_certificate() {
    auto key = crypto::PrivateKey::generate_rsa(2048);
    if (!key) return;
    auto cert = crypto::Certificate::self_signed(*key, "tlsconform-probe");
    if (!cert) return;
    engine::Credential c;
    c.chain = {cert->der()};
    c.key = std::make_shared<crypto::PrivateKey>(std::move(*key));
    credential_ = std::move(c);
  }
  const std::string& last_error() const { return last_error_; }

 private:
  Endpoint target_;
  std::chrono::milliseconds io_;
  uint64_t seed_ = 1;
  std::optional<engine::Credential> credential_;
  std::string last_error_;
};

ClientConfig base() {
  ClientConfig c;
  c.app_mode = engine::AppData::kNone;
  return c;
}

std::string how(const std::optional<ConnectionReport>& r) {
  if (!r) return "no connection";
  if (r->handshakes > 0) return r->version.name() + " " + r->suite.name() + (r->group.empty() ? "" : " " + r->group);
  if (r->peer_alert()) return "alert " + r->peer_alert()->name();
  return r->error_detail.empty() ? std::string(engine::to_string(r->error)) : r->error_detail;
}

bool complete(const std::optional<ConnectionReport>& r) { return r && r->handshakes > 0; }

void add(ProbeResult& out, std::string name, bool yes, std::string detail, const char* capability = nullptr) {
  if (yes && capability) out.capabilities.insert(capability);
  out.findings.push_back({std::move(name), yes, std::move(detail)});
}

// Versions and key exchanges (RFC 5246 7.4.1.2-7.4.1.3: the server picks from what we offer).
void probe_versions_and_key_exchanges(Prober& p, ProbeResult& out) {
  for (auto [name, v] : {std::pair{"tls1.0", ProtocolVersion::kTls10}, {"tls1.1", ProtocolVersion::kTls11},
                         {"tls1.2", ProtocolVersion::kTls12}}) {
    auto c = base();
    c.max_version = c.min_version = v;
    c.suites = scenarios::resolve_suites({}, v);
    auto r = p.connect(c);
    add(out, name, complete(r) && r->version == v, how(r));
  }
  for (const char* kx : {"rsa", "dhe", "ecdhe"}) {
    auto c = base();
    c.suites = scenarios::resolve_suites({kx}, ProtocolVersion::kTls12);
    auto r = p.connect(c);
    add(out, kx, complete(r), how(r), kx);
  }
  for (auto [name, g] : {std::pair{"secp256r1", NamedGroup::kSecp256r1}, {"secp384r1", NamedGroup::kSecp384r1},
                         {"secp521r1", NamedGroup::kSecp521r1}, {"x25519", NamedGroup::kX25519}}) {
    auto c = base();
    c.suites = scenarios::resolve_suites({"ecdhe"}, ProtocolVersion::kTls12);
    c.groups = {g};
    auto r = p.connect(c);
    const std::string cap = std::string("group-") + name;
    add(out, cap, complete(r) && r->group.find(name) != std::string::npos, how(r));
    if (out.findings.back().yes) out.capabilities.insert(cap);
  }
}

// Resumption by session ID (no session_ticket offered) and by ticket (RFC 5246 7.4.1.2, RFC 5077).
void probe_resumption(Prober& p, ProbeResult& out) {
  for (bool by_ticket : {false, true}) {
    auto c = base();
    c.offer_tickets = by_ticket;
    auto first = p.connect(c);
    std::optional<ConnectionReport> second;
    if (complete(first) && first->session) {
      c.resume = first->session;
      c.resume_by_ticket = by_ticket;
      second = p.connect(c);
    }
    const auto want = by_ticket ? engine::ResumedBy::kTicket : engine::ResumedBy::kSessionId;
    const bool yes = complete(second) && second->resumed == want;
    add(out, by_ticket ? "resume-ticket" : "resume-id", yes,
        !complete(first) ? how(first) : !second ? "nothing to resume (no session ID or ticket)" : yes ? "resumed" : "a full handshake",
        by_ticket ? "resume-ticket" : "resume-id");
  }
}

// What the server answers after the handshake: an echo, an HTTP response, or nothing.
void probe_app_data(Prober& p, ProbeResult& out) {
  auto http = base();
  http.app_mode = engine::AppData::kHttp;
  auto h = p.connect(http);
  const std::string got = h ? std::string(h->app_data_received.begin(), h->app_data_received.end()) : "";
  const bool is_http = got.rfind("HTTP/", 0) == 0;
  add(out, "app-data-http", is_http, is_http ? got.substr(0, got.find('\r')) : got.empty() ? "no answer" : "another answer");
  auto echo = base();
  echo.app_mode = engine::AppData::kEcho;
  echo.app_data = {'p', 'i', 'n', 'g', '\n'};
  auto e = p.connect(echo);
  const bool echoes = e && !e->app_data_received.empty();
  add(out, "app-data-echo", echoes, echoes ? std::to_string(e->app_data_received.size()) + " bytes back" : "no answer");
  out.app_data = is_http ? engine::AppData::kHttp : echoes ? engine::AppData::kEcho : engine::AppData::kNone;
}

}  // namespace

ProbeResult probe_server(const Endpoint& target, std::chrono::milliseconds io_timeout) {
  ProbeResult out;
  out.target = target.text();
  Prober p(target, io_timeout);
  // The first handshake: EMS, secure renegotiation, and whether a client certificate is asked for
  // (RFC 5246 7.4.4) or required (7.4.6: an empty Certificate draws a fatal alert).
  auto first = p.connect(base());
  if (!first) {
    out.error = "cannot connect to " + out.target + ": " + p.last_error();
    return out;
  }
  const bool required = first->certificate_requested && !complete(first);
  if (required) {
    p.present_a_certificate();
    first = p.connect(base());
  }
  add(out, "handshake", complete(first), how(first));
  add(out, "ems", complete(first) && first->ems_echoed, first && first->ems_echoed ? "echoed" : "not echoed", "ems");
  if (complete(first) && !first->ems_echoed) out.capabilities.insert("ems-off");
  add(out, "secure-renegotiation", complete(first) && first->secure_renegotiation, "RFC 5746 renegotiation_info",
      "renegotiation");
  add(out, "client-cert-requested", first && first->certificate_requested, "CertificateRequest", "client-auth");
  add(out, "client-cert-required", required, required ? "an empty Certificate was refused" : "");
  probe_versions_and_key_exchanges(p, out);
  probe_resumption(p, out);
  probe_app_data(p, out);
  return out;
}

std::string probe_table(const ProbeResult& r) {
  std::string t = "probe of " + r.target + "\n";
  for (const auto& f : r.findings) t += fmt::format("  {:<22} {:<4} {}\n", f.name, f.yes ? "yes" : "no", f.detail);
  std::string caps;
  for (const auto& c : r.capabilities) caps += (caps.empty() ? "" : ", ") + c;
  t += "capabilities: " + (caps.empty() ? std::string("none") : caps) + "\n";
  t += "app data: " + std::string(engine::to_string(r.app_data)) + "\n";
  return t;
}

std::string write_capabilities_file(const std::filesystem::path& file, const ProbeResult& r) {
  nlohmann::ordered_json j;
  j["target"] = r.target;
  j["capabilities"] = r.capabilities;
  j["app_data"] = std::string(engine::to_string(r.app_data));
  j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : r.findings) j["findings"].push_back({{"name", f.name}, {"yes", f.yes}, {"detail", f.detail}});
  std::ofstream out(file);
  out << j.dump(2) << "\n";
  return out ? "" : "cannot write " + file.string();
}

std::optional<ProbeResult> read_capabilities_file(const std::filesystem::path& file, std::string* error) {
  std::ifstream in(file);
  if (!in) {
    *error = "cannot read '" + file.string() + "'";
    return std::nullopt;
  }
  ProbeResult r;
  try {
    auto j = nlohmann::json::parse(in);
    r.target = j.value("target", "");
    for (const auto& c : j.at("capabilities")) {
      const std::string name = c.get<std::string>();
      if (!iut::is_known_capability(name)) {
        *error = file.string() + ": capabilities: " + iut::unknown_capability(name);
        return std::nullopt;
      }
      r.capabilities.insert(name);
    }
    auto mode = engine::parse_app_data(j.value("app_data", "none"));
    if (!mode) {
      *error = file.string() + ": app_data: must be one of " + std::string(engine::app_data_names());
      return std::nullopt;
    }
    r.app_data = *mode;
  } catch (const std::exception& e) {
    *error = file.string() + ": not a capabilities file (" + std::string(e.what()).substr(0, 80) + ")";
    return std::nullopt;
  }
  return r;
}

std::string remote_capabilities(const std::string& file, const Endpoint* target, std::chrono::milliseconds io,
                                bool app_data_given, iut::Profile& profile) {
  std::optional<ProbeResult> found;
  if (!file.empty()) {
    std::string err;
    found = read_capabilities_file(file, &err);
    if (!found) return "--capabilities: " + err;
  } else if (target) {
    ProbeResult r = probe_server(*target, io);
    if (!r.error.empty()) {
      fmt::print(stderr, "remote mode: no probe ({}); planning from the base capabilities\n", r.error);
      return "";
    }
    fmt::print(stderr, "remote mode: no --capability, --capabilities or --iut: probed the target first\n{}", probe_table(r));
    found = std::move(r);
  } else {
    return "";
  }
  profile.capabilities = found->capabilities;
  if (!app_data_given) profile.app_data = found->app_data;
  return "";
}

void add_probe_options(CLI::App& probe, ProbeOptions& o) {
  auto* target = probe.add_option("--target", o.target, "The TLS server to probe, HOST:PORT on loopback");
  auto* iut = probe.add_option("--iut", o.iut,
                               "Or: start this profile's IUT server, probe it, and check the capabilities the profile "
                               "declares (a declared one the server does not show is a warning, exit 1)");
  target->excludes(iut);
  iut->excludes(target);
  probe.add_option("--config", o.config, "With --iut: the IUT configuration to probe")->capture_default_str();
  probe.add_option("--profiles", o.profiles, "With --iut: the profiles folder (default: the built-in profiles)");
  probe.add_option("--out", o.out, "The capabilities file to write (for run --capabilities)")->capture_default_str();
  probe.add_option("--io-timeout-ms", o.io_timeout_ms, "How long our client waits for each answer")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
}

namespace {

// --iut: the profile's claims against what its server showed; the number of unconfirmed claims.
size_t report_claims(const ProbeOptions& o, const std::set<std::string>& declared, const ProbeResult& r) {
  const ClaimCheck c = check_claims(declared, r);
  const std::string who = "profile '" + o.iut + "'" + (o.config == "default" ? "" : " (config " + o.config + ")");
  for (const auto& u : c.unconfirmed)
    fmt::print(stderr, "tlsconform probe: warning: {} declares {}, but its server did not show it\n", who, u);
  for (const auto& u : c.undeclared)
    fmt::print(stderr, "tlsconform probe: note: {}'s server also does {}, which the profile does not declare\n", who, u);
  if (c.unconfirmed.empty()) fmt::print("every capability {} declares that a probe can see was shown\n", who);
  return c.unconfirmed.size();
}

}  // namespace

int run_probe(const ProbeOptions& o) {
  if (o.target.empty() == o.iut.empty()) {
    fmt::print(stderr, "tlsconform probe: one of --target HOST:PORT or --iut NAME is required\n");
    return kExitUsage;
  }
  const auto io = std::chrono::milliseconds(o.io_timeout_ms);
  ProbeResult r;
  std::set<std::string> declared;
  if (!o.iut.empty()) {
    r = probe_profile_server({o.iut, o.config, o.profiles, ""}, io, &declared);
  } else {
    Endpoint target;
    std::string err;
    if (!parse_loopback_endpoint(o.target, &target, &err)) {
      fmt::print(stderr, "tlsconform probe: --target: {}\n", err);
      return kExitUsage;
    }
    r = probe_server(target, io);
  }
  if (!r.error.empty()) {
    fmt::print(stderr, "tlsconform probe: {}\n", r.error);
    return kExitInfra;
  }
  fmt::print("{}", probe_table(r));
  const size_t unconfirmed = o.iut.empty() ? 0 : report_claims(o, declared, r);
  if (auto werr = write_capabilities_file(o.out, r); !werr.empty()) {
    fmt::print(stderr, "tlsconform probe: --out: {}\n", werr);
    return kExitInfra;
  }
  if (o.iut.empty())
    fmt::print("capabilities written to {} (tlsconform run --target {} --capabilities {})\n", o.out, r.target, o.out);
  else
    fmt::print("capabilities written to {}\n", o.out);
  return unconfirmed ? kExitUnexpected : kExitOk;
}

}  // namespace tlsc::harness
