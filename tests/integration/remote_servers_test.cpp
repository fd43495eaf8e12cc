// Remote mode against real servers nobody's profile starts the way they run here (issue 12): the
// server-role catalog through --target against `openssl s_server -www` (an HTTPS server that
// never echoes), `-rev` (echoes reversed lines), `-Verify 1` (requires a client certificate) with
// the run's own client certificate, with --client-cert, and with --no-client-cert, and against
// nginx (Debian's nginx-light, run in the foreground with a generated configuration on
// 127.0.0.1). Each must give the verdicts of the `openssl` profile run, differences only where
// the endpoint really differs (a scenario needing another IUT configuration is skipped in remote
// mode; without a client certificate a server that requires one skips the units it stops), and
// none may take more than twice the time of the -rev run.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "harness/process/child_process.h"
#include "harness/probe.h"
#include "harness/run_command.h"
#include "peers/crypto/dh.h"
#include "peers/pki/test_pki.h"
#include "results/run_store.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using results::Verdict;

constexpr uint64_t kSeed = 20261202;

struct RunResult {
  std::map<std::string, results::Result> by_id;
  int exit_code = -1;
  double seconds = 0;
};

fs::path dir_for(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("tlsc-remote-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

RunResult run_remote_or_profile(harness::RunCommandOptions o, const fs::path& out) {
  o.no_default_expect = true;  // raw verdicts: a remote IUT has no expectations file to compare with
  o.out = out.string();
  o.seed = kSeed;
  o.quiet = true;
  o.role = "server";
  const auto start = std::chrono::steady_clock::now();
  RunResult r;
  r.exit_code = harness::run_run(o);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto read = results::read_results(out / "results.json");
  EXPECT_TRUE(read.problems.empty()) << (read.problems.empty() ? "" : read.problems.front());
  for (auto& res : read.results) r.by_id[res.scenario] = res;
  return r;
}

// The reference: the openssl profile, which starts one `s_server -rev` per scenario.
const RunResult& profile_run() {
  static const RunResult ref = [] {
    harness::RunCommandOptions o;
    o.iuts = {"openssl"};
    o.jobs = 2;
    return run_remote_or_profile(o, dir_for("profile") / "out");
  }();
  return ref;
}

class Server {
 public:
  // `argv` gets {port}, {cert}, {key}, {ca} filled from the run folder's PKI.
  // `port` 0: a free one. `ready_line` empty: wait until the port listens.
  Server(const fs::path& dir, const std::vector<std::string>& argv, const std::string& ready_line, uint16_t port = 0) {
    std::string err;
    pki_ = pki::ensure(dir / "out" / "pki", &err);  // the run reuses it: the server's chain ends at its CA
    EXPECT_TRUE(pki_) << err;
    if (!pki_) return;
    port_ = port ? port : harness::pick_free_port();
    harness::SpawnOptions so;
    for (auto a : argv) {
      for (auto [k, v] : {std::pair{"{port}", std::to_string(port_)}, {"{cert}", pki_->server_rsa.cert.string()},
                          {"{key}", pki_->server_rsa.key.string()}, {"{ca}", pki_->ca_cert.string()},
                          {"{dir}", dir.string()}})
        for (size_t at; (at = a.find(k)) != std::string::npos;) a.replace(at, std::string(k).size(), v);
      so.argv.push_back(a);
    }
    so.stdout_path = dir / "server.log";
    so.stderr_path = dir / "server.err";
    auto spawned = harness::ChildProcess::spawn(so);
    EXPECT_TRUE(spawned.process) << spawned.error;
    process_ = std::move(spawned.process);
    if (!process_) return;
    if (!ready_line.empty()) {
      ready_ = process_->wait_for_line(ready_line, std::chrono::seconds(10)) == harness::ChildProcess::LineWait::kFound;
    } else {
      for (int i = 0; i < 200 && !ready_ && !process_->poll(); ++i) {
        ready_ = harness::port_listening(port_);
        if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
  ~Server() {
    if (process_) process_->stop(std::chrono::milliseconds(500));
  }
  bool ready() const { return ready_; }
  uint16_t port() const { return port_; }
  const pki::TestPki& pki() const { return *pki_; }

 private:
  std::optional<pki::TestPki> pki_;
  std::unique_ptr<harness::ChildProcess> process_;
  uint16_t port_ = 0;
  bool ready_ = false;
};

harness::RunCommandOptions remote_options(uint16_t port) {
  harness::RunCommandOptions o;
  o.target = "127.0.0.1:" + std::to_string(port);
  o.iuts = {"openssl"};  // its capabilities; the app data is the remote default (none)
  return o;
}

// Where the remote verdict may differ from the profile's, the reason it must give; else "".
using Allowed = std::function<std::string(const results::Result& profile, const results::Result& remote)>;

std::string slurp_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* kOtherConfig = "needs the IUT in configuration '";

// Every scenario of the profile run has the same verdict remotely, except a scenario that needs
// another IUT configuration (skipped: remote mode cannot reconfigure a server it did not start)
// and what `allowed` accepts. Returns how many verdicts were compared equal.
int expect_same_verdicts(const RunResult& remote, const Allowed& allowed = nullptr) {
  const RunResult& ref = profile_run();
  EXPECT_GT(ref.by_id.size(), 20u);
  int same = 0;
  for (const auto& [id, p] : ref.by_id) {
    auto it = remote.by_id.find(id);
    if (it == remote.by_id.end()) {
      ADD_FAILURE() << id << ": no remote result";
      continue;
    }
    const auto& r = it->second;
    if (r.verdict == Verdict::skip && r.reason.find(kOtherConfig) != std::string::npos) {
      EXPECT_TRUE(p.observations.contains("iut_configs")) << id << ": skipped remotely, but needs no other configuration";
      continue;
    }
    if (r.verdict != p.verdict && allowed) {
      const std::string why = allowed(p, r);
      if (!why.empty() && r.reason == why) continue;
    }
    EXPECT_EQ(results::to_string(r.verdict), results::to_string(p.verdict))
        << id << ": remote: " << r.reason << " | profile: " << p.reason;
    same += r.verdict == p.verdict;
  }
  return same;
}

class RemoteServers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!harness::find_program("openssl")) return;
    const fs::path dir = dir_for("rev");
    Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev"},
             "ACCEPT");
    if (s.ready()) rev_ = new RunResult(run_remote_or_profile(remote_options(s.port()), dir / "out"));
  }
  void SetUp() override {
    if (!harness::find_program("openssl")) GTEST_SKIP() << "openssl is not installed";
    ASSERT_NE(rev_, nullptr) << "s_server -rev did not start";
  }
  // Within twice the -rev run's time (and a second of slack for a busy machine).
  static void expect_quick(const RunResult& r, const char* what) {
    EXPECT_LE(r.seconds, 2 * rev_->seconds + 1.0) << what << " took " << r.seconds << " s, -rev " << rev_->seconds << " s";
  }
  static RunResult* rev_;
};
RunResult* RemoteServers::rev_ = nullptr;

TEST_F(RemoteServers, RevGivesTheProfileVerdicts) {
  EXPECT_GE(expect_same_verdicts(*rev_), 15);
  // No connection of the run hung: with no application data, nothing waits for an answer.
  for (const auto& [id, r] : rev_->by_id)
    for (const auto& c : r.observations.value("connections", nlohmann::ordered_json::array()))
      EXPECT_FALSE(c.value("hung", false)) << id;
  std::cerr << "[ remote ] -rev: " << rev_->seconds << " s, profile run: " << profile_run().seconds << " s\n";
}

TEST_F(RemoteServers, WwwGivesTheProfileVerdictsQuickly) {
  const fs::path dir = dir_for("www");
  Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-www"},
           "ACCEPT");
  ASSERT_TRUE(s.ready());
  const RunResult www = run_remote_or_profile(remote_options(s.port()), dir / "out");
  EXPECT_GE(expect_same_verdicts(www), 15);
  // The false verdicts: an EMS session resumed after a connection our client ended cleanly.
  EXPECT_EQ(www.by_id.at("ems.resume.yes-no.id.srv").verdict, Verdict::pass) << www.by_id.at("ems.resume.yes-no.id.srv").reason;
  EXPECT_EQ(www.by_id.at("ems.resume.yes-yes.id.srv").verdict, Verdict::pass) << www.by_id.at("ems.resume.yes-yes.id.srv").reason;
  expect_quick(www, "-www");
  std::cerr << "[ remote ] -www: " << www.seconds << " s\n";
}

// With --app-data http the -www server answers our GET: still the same verdicts, still quick.
TEST_F(RemoteServers, WwwWithHttpAppData) {
  const fs::path dir = dir_for("www-http");
  Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-www"},
           "ACCEPT");
  ASSERT_TRUE(s.ready());
  auto o = remote_options(s.port());
  o.app_data = "http";
  const RunResult www = run_remote_or_profile(o, dir / "out");
  EXPECT_GE(expect_same_verdicts(www), 15);
  expect_quick(www, "-www --app-data http");
  std::cerr << "[ remote ] -www --app-data http: " << www.seconds << " s\n";
}

TEST_F(RemoteServers, VerifyWithTheRunsOwnClientCertificate) {
  const fs::path dir = dir_for("verify");
  Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev",
                 "-Verify", "1", "-CAfile", "{ca}", "-verify_return_error"},
           "ACCEPT");
  ASSERT_TRUE(s.ready());
  const RunResult v = run_remote_or_profile(remote_options(s.port()), dir / "out");
  EXPECT_GE(expect_same_verdicts(v), 15);
  expect_quick(v, "-Verify 1");
  // Our client did present its certificate (the scenarios are not about it, the server asked).
  EXPECT_TRUE(v.by_id.at("ems.full.negotiated.srv").observations["connections"][0]["client_certificate"].get<bool>());
  std::cerr << "[ remote ] -Verify 1: " << v.seconds << " s\n";
}

TEST_F(RemoteServers, VerifyWithClientCertOption) {
  const fs::path dir = dir_for("verify-cc");
  Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev",
                 "-Verify", "1", "-CAfile", "{ca}", "-verify_return_error"},
           "ACCEPT");
  ASSERT_TRUE(s.ready());
  auto o = remote_options(s.port());
  o.client_cert.cert = s.pki().client_rsa.cert.string();
  o.client_cert.key = s.pki().client_rsa.key.string();
  const RunResult v = run_remote_or_profile(o, dir / "out");
  EXPECT_GE(expect_same_verdicts(v), 15);
  expect_quick(v, "-Verify 1 --client-cert");
  std::cerr << "[ remote ] -Verify 1 --client-cert: " << v.seconds << " s\n";
}

// No certificate to give: every unit the demand stops is a skip that says what to do, never a fail.
TEST_F(RemoteServers, VerifyWithoutAnyClientCertificateSkipsWithTheReason) {
  const fs::path dir = dir_for("verify-none");
  Server s(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev",
                 "-Verify", "1"},
           "ACCEPT");
  ASSERT_TRUE(s.ready());
  auto o = remote_options(s.port());
  o.client_cert.none = true;
  const RunResult v = run_remote_or_profile(o, dir / "out");
  const std::string why = "the server requires a client certificate: pass --client-cert";
  int skipped = 0;
  for (const auto& [id, r] : v.by_id) {
    EXPECT_NE(r.verdict, Verdict::fail) << id << ": " << r.reason;
    skipped += r.verdict == Verdict::skip && r.reason == why;
  }
  EXPECT_GE(skipped, 15);
  expect_same_verdicts(v, [&](const results::Result&, const results::Result&) { return why; });
  expect_quick(v, "-Verify 1 --no-client-cert");
  std::cerr << "[ remote ] -Verify 1 --no-client-cert: " << v.seconds << " s, " << skipped << " skips\n";
}

// nginx: a real HTTPS server, in the foreground as our child, configured for this test only.
TEST_F(RemoteServers, NginxGivesTheProfileVerdictsWhereItsCapabilitiesAgree) {
  const auto nginx = harness::find_program("nginx");
  if (!nginx) GTEST_SKIP() << "nginx is not installed (scripts/setup installs nginx-light)";
  const fs::path dir = dir_for("nginx");
  std::string err;
  auto pki = pki::ensure(dir / "out" / "pki", &err);
  ASSERT_TRUE(pki) << err;
  const uint16_t port = harness::pick_free_port();
  fs::create_directories(dir / "www");
  auto dh = crypto::dh_group_to_pem(crypto::ffdhe2048());
  ASSERT_TRUE(dh);
  std::ofstream(dir / "dh.pem") << *dh;
  std::ofstream(dir / "www" / "index.html") << "tlsconform\n";
  std::ofstream(dir / "nginx.conf")
      << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << (dir / "nginx.pid").string()
      << ";\nerror_log " << (dir / "error.log").string() << " info;\nevents { worker_connections 64; }\n"
      << "http {\n  access_log " << (dir / "access.log").string() << ";\n"
      << "  client_body_temp_path " << dir.string() << "/tmp-body;\n  proxy_temp_path " << dir.string()
      << "/tmp-proxy;\n  fastcgi_temp_path " << dir.string() << "/tmp-fcgi;\n  uwsgi_temp_path " << dir.string()
      << "/tmp-uwsgi;\n  scgi_temp_path " << dir.string() << "/tmp-scgi;\n"
      << "  server {\n    listen 127.0.0.1:" << port << " ssl;\n    ssl_certificate " << pki->server_rsa.cert.string()
      << ";\n    ssl_certificate_key " << pki->server_rsa.key.string()
      << ";\n    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n    ssl_ciphers ALL:@SECLEVEL=0;\n"
      << "    ssl_dhparam " << (dir / "dh.pem").string() << ";\n"
      << "    ssl_session_cache shared:tlsc:1m;\n    ssl_session_tickets on;\n    root " << (dir / "www").string()
      << ";\n  }\n}\n";
  Server s(dir, {nginx->string(), "-p", "{dir}", "-c", "{dir}/nginx.conf", "-e", "{dir}/error.log"}, "", port);
  ASSERT_TRUE(s.ready()) << slurp_file(dir / "error.log") << slurp_file(dir / "server.err");
  auto o = remote_options(port);
  o.app_data = "http";
  const RunResult n = run_remote_or_profile(o, dir / "out");
  EXPECT_GE(expect_same_verdicts(n), 15);
  expect_quick(n, "nginx");
  EXPECT_NE(slurp_file(dir / "access.log").find("GET / HTTP/1.1"), std::string::npos) << "our client's request";
  std::cerr << "[ remote ] nginx: " << n.seconds << " s\n";
}

}  // namespace
}  // namespace tlsc

namespace tlsc {
namespace {

std::set<std::string> openssl_server_caps() {
  return {"dhe", "ecdhe", "ems", "group-secp256r1", "group-secp384r1", "group-secp521r1", "group-x25519",
          "renegotiation", "resume-id", "resume-ticket", "rsa"};
}

const harness::ProbeFinding* finding(const harness::ProbeResult& r, const std::string& name) {
  for (const auto& f : r.findings)
    if (f.name == name) return &f;
  ADD_FAILURE() << "no finding " << name;
  return nullptr;
}

// tlsconform probe against OpenSSL's s_server in three set-ups: what it finds is what they do.
TEST_F(RemoteServers, ProbeFindsWhatEachServerDoes) {
  const fs::path dir = dir_for("probe");
  harness::Endpoint ep;
  std::string err;
  {
    Server rev(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev"}, "ACCEPT");
    ASSERT_TRUE(rev.ready());
    ASSERT_TRUE(harness::parse_loopback_endpoint("127.0.0.1:" + std::to_string(rev.port()), &ep, &err)) << err;
    auto r = harness::probe_server(ep, std::chrono::milliseconds(2000));
    ASSERT_EQ(r.error, "");
    EXPECT_EQ(r.capabilities, openssl_server_caps()) << harness::probe_table(r);
    EXPECT_EQ(r.app_data, engine::AppData::kEcho) << harness::probe_table(r);
    EXPECT_TRUE(finding(r, "tls1.2")->yes);
    EXPECT_FALSE(finding(r, "client-cert-requested")->yes);
  }
  {
    Server www(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-www",
                     "-no_ticket", "-cipher", "ECDHE:RSA:!DHE"},
               "ACCEPT");
    ASSERT_TRUE(www.ready());
    ASSERT_TRUE(harness::parse_loopback_endpoint("127.0.0.1:" + std::to_string(www.port()), &ep, &err)) << err;
    auto r = harness::probe_server(ep, std::chrono::milliseconds(2000));
    auto want = openssl_server_caps();
    want.erase("dhe");
    want.erase("resume-ticket");
    EXPECT_EQ(r.capabilities, want) << harness::probe_table(r);
    EXPECT_EQ(r.app_data, engine::AppData::kHttp) << harness::probe_table(r);
    // The file round-trips into run --capabilities.
    ASSERT_EQ(harness::write_capabilities_file(dir / "caps.json", r), "");
    auto back = harness::read_capabilities_file(dir / "caps.json", &err);
    ASSERT_TRUE(back) << err;
    EXPECT_EQ(back->capabilities, want);
    EXPECT_EQ(back->app_data, engine::AppData::kHttp);
    // A remote run without --capability or --iut plans from the probe: no DHE, so the DHE units skip.
    harness::RunCommandOptions o;
    o.target = ep.text();
    o.families = {"dhe", "ems"};
    const RunResult run = run_remote_or_profile(o, dir / "out");
    ASSERT_TRUE(run.by_id.count("dhe.z-leading-zero.ems.srv"));
    EXPECT_EQ(run.by_id.at("dhe.z-leading-zero.ems.srv").verdict, Verdict::skip);
    EXPECT_EQ(run.by_id.at("dhe.z-leading-zero.ems.srv").reason, "the IUT (in this configuration) lacks the capability 'dhe'");
    EXPECT_EQ(run.by_id.at("ems.resume.yes-no.id.srv").verdict, Verdict::pass);
    EXPECT_EQ(run.by_id.at("ems.resume.yes-no.ticket.srv").verdict, Verdict::skip);
  }
  {
    Server v(dir, {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-cert", "{cert}", "-key", "{key}", "-rev",
                   "-Verify", "1"},
             "ACCEPT");
    ASSERT_TRUE(v.ready());
    ASSERT_TRUE(harness::parse_loopback_endpoint("127.0.0.1:" + std::to_string(v.port()), &ep, &err)) << err;
    auto r = harness::probe_server(ep, std::chrono::milliseconds(2000));
    EXPECT_TRUE(finding(r, "client-cert-requested")->yes) << harness::probe_table(r);
    EXPECT_TRUE(finding(r, "client-cert-required")->yes) << harness::probe_table(r);
    EXPECT_TRUE(r.capabilities.count("client-auth"));
    EXPECT_TRUE(r.capabilities.count("resume-id")) << "with our own certificate the rest is probed too";
  }
  {
    // Our own peer server: every capability of the table it has, and it echoes.
    Server ours(dir, {(fs::path(TLSC_SHIM_DIR) / "tlsconform").string(), "peer", "server", "--listen", "127.0.0.1:{port}",
                      "--cert", "{cert}", "--key", "{key}", "--accept", "0"},
                "listening 127.0.0.1:");
    ASSERT_TRUE(ours.ready());
    ASSERT_TRUE(harness::parse_loopback_endpoint("127.0.0.1:" + std::to_string(ours.port()), &ep, &err)) << err;
    auto r = harness::probe_server(ep, std::chrono::milliseconds(2000));
    EXPECT_EQ(r.capabilities, openssl_server_caps()) << harness::probe_table(r);
    EXPECT_EQ(r.app_data, engine::AppData::kEcho) << harness::probe_table(r);
    EXPECT_TRUE(finding(r, "tls1.0")->yes) << harness::probe_table(r);
  }
}

}  // namespace
}  // namespace tlsc
