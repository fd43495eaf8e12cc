// The shims (iut/shims/<library>/, tlsc-shim-<library>) against our engine, for every library
// whose shim is built: server and client handshakes, resumption through a session file, --ems off
// (done, or exit 89), the JSON line of each connection; then `tlsconform run --iut shim-<library>
// --family ems` gives a verdict other than `error` for every scenario. A shim that is not built
// (its library is not installed) skips. The JSSE shim is a jar run by java (skipped without a
// JDK); JSSE cannot save a session to a file, so its client resumes within one process.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "peers/record/cipher_suite.h"
#include "tests/integration/interop_fixture.h"

#ifndef TLSC_SHIM_DIR
#error "TLSC_SHIM_DIR (the folder of tlsconform and the shims) is set by iut/shims/CMakeLists.txt"
#endif

namespace tlsc::interop {
namespace {

using json = nlohmann::json;

struct Shim {
  const char* library;
  bool tells_ems;  // the library says whether EMS was negotiated (else the JSON has null)
  bool java = false;  // tlsc-shim-<library>.jar, run by java; its client resumes in one process only
};

const Shim kShims[] = {{"openssl", true},  {"gnutls", true},   {"wolfssl", false},
                       {"mbedtls", false}, {"boringssl", true}, {"jsse", true, true}};

std::string shim_name(const ::testing::TestParamInfo<Shim>& info) { return info.param.library; }
void PrintTo(const Shim& s, std::ostream* os) { *os << s.library; }

fs::path shim_path(const Shim& s) {
  return fs::path(TLSC_SHIM_DIR) / (std::string("tlsc-shim-") + s.library + (s.java ? ".jar" : ""));
}

// The command that runs the shim (as in its profile).
std::vector<std::string> shim_command(const Shim& s) {
  if (!s.java) return {shim_path(s).string()};
  return {"java", "--add-opens", "java.base/sun.security.ssl=ALL-UNNAMED", "-cp", shim_path(s).string(), "TlscShimJsse"};
}

// The JSON lines of a shim's stdout (the server's "ready" line is not one).
std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '{') continue;
    lines.push_back(json::parse(line));
  }
  return lines;
}

std::string iana(const engine::ConnectionReport& r) {
  const auto* s = record::find_cipher_suite(r.suite.value);
  return s ? std::string(s->iana_name) : "";
}

// Checks one JSON line of a completed handshake against what our engine saw.
void expect_line(const json& j, const engine::ConnectionReport& ours, bool resumed, bool peer_cert, const Shim& shim) {
  ASSERT_TRUE(j.is_object());
  for (const char* k : {"version", "suite", "resumed", "ems", "peer_certificate", "error"})
    ASSERT_TRUE(j.contains(k)) << "no '" << k << "' in " << j.dump();
  EXPECT_EQ(j["version"], "TLS1.2");
  EXPECT_EQ(j["suite"], iana(ours));
  EXPECT_EQ(j["resumed"], resumed);
  EXPECT_EQ(j["peer_certificate"], peer_cert);
  EXPECT_EQ(j["error"], "");
  if (shim.tells_ems)
    EXPECT_EQ(j["ems"], ours.ems_echoed) << j.dump();
  else
    EXPECT_TRUE(j["ems"].is_null()) << j.dump();
}

class ShimTest : public ::testing::TestWithParam<Shim> {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_ENV();
    exe_ = shim_path(GetParam());
    if (!fs::exists(exe_)) GTEST_SKIP() << exe_ << " is not built (its library is not installed)";
    if (GetParam().java && !harness::find_program("java")) GTEST_SKIP() << "java is not installed";
  }

  std::vector<std::string> server_argv(const std::vector<std::string>& extra) const {
    std::vector<std::string> a = shim_command(GetParam());
    a.insert(a.end(), {"--role", "server", "--host", "127.0.0.1", "--port", "{port}",
                                  "--cert", env().pki.server_rsa.cert.string(), "--key",
                                  env().pki.server_rsa.key.string(), "--dhparams", env().dhparam.string(),
                                  "--echo", "--connections", "2"});
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  std::vector<std::string> client_argv(uint16_t port, const std::vector<std::string>& extra) const {
    std::vector<std::string> a = shim_command(GetParam());
    a.insert(a.end(), {"--role", "client", "--host", "127.0.0.1", "--port", std::to_string(port), "--ca",
                       env().pki.ca_cert.string(), "--send", "ping-shim\n"});
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  fs::path exe_;
  TempDir dir_{"tlsc_shim"};
};

// The shim as server: our client makes a full handshake, then resumes it (by ticket, then — on a
// second server — by session ID); the shim's JSON lines say the same.
TEST_P(ShimTest, ServerHandshakeAndResumptionWithOurClient) {
  for (bool by_ticket : {true, false}) {
    SCOPED_TRACE(by_ticket ? "resumption by ticket" : "resumption by session ID");
    auto server = start_iut_server(server_argv({}), dir_.path(), by_ticket ? "server-ticket" : "server-id", "ready 127.0.0.1:");
    ASSERT_TRUE(server.process) << server.error;
    auto cfg = engine_client_config();
    cfg.app_data = {'p', 'i', 'n', 'g', '\n'};
    cfg.offer_tickets = by_ticket;
    auto first = run_engine_client(server.port, cfg);
    ASSERT_TRUE(first.handshake_complete) << describe(first);
    EXPECT_EQ(std::string(first.app_data_received.begin(), first.app_data_received.end()), "ping\n");
    ASSERT_TRUE(first.session.has_value());
    cfg.resume = first.session;
    cfg.resume_by_ticket = by_ticket;
    auto second = run_engine_client(server.port, cfg);
    ASSERT_TRUE(second.handshake_complete) << describe(second);
    EXPECT_EQ(second.resumed, by_ticket ? engine::ResumedBy::kTicket : engine::ResumedBy::kSessionId) << describe(second);
    auto status = server.process->wait_for(kExitTimeout);  // --connections 2: it exits by itself
    ASSERT_TRUE(status.has_value()) << "the shim server did not exit after 2 connections";
    EXPECT_TRUE(status->success()) << status->describe();
    auto lines = json_lines(server.process->read_stdout());
    ASSERT_EQ(lines.size(), 2u) << server.process->read_stdout();
    expect_line(lines[0], first, false, false, GetParam());
    expect_line(lines[1], second, true, false, GetParam());
  }
}

// The shim as client: a full handshake that saves its session, then a second process that resumes
// it from the file; our server's reports and the shim's JSON lines agree.
TEST_P(ShimTest, ClientResumesFromSessionFile) {
  if (GetParam().java) GTEST_SKIP() << "JSSE cannot save a session to a file (ClientResumesInOneProcess)";
  auto scfg = engine_server_config();
  scfg.require_client_cert = true;
  EngineServer server(scfg, 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  const std::string session = (dir_.path() / "session").string();
  const std::vector<std::string> cert = {"--client-cert", env().pki.client_rsa.cert.string(), "--client-key",
                                         env().pki.client_rsa.key.string()};
  auto args = cert;
  args.insert(args.end(), {"--session-out", session});
  auto full = run_iut_client(client_argv(server.port(), args), dir_.path(), "client-1", "", "");
  args = cert;
  args.insert(args.end(), {"--session-in", session, "--session-out", session});
  auto resumed = run_iut_client(client_argv(server.port(), args), dir_.path(), "client-2", "", "");
  auto reports = server.join();
  ASSERT_EQ(reports.size(), 2u);
  ASSERT_TRUE(full.status.success()) << full.status.describe() << "\n" << full.out << full.err;
  ASSERT_TRUE(resumed.status.success()) << resumed.status.describe() << "\n" << resumed.out << resumed.err;
  EXPECT_TRUE(fs::file_size(session) > 0);
  EXPECT_TRUE(reports[0].handshake_complete) << describe(reports[0]);
  EXPECT_TRUE(reports[0].client_certificate) << "the shim did not send its client certificate";
  EXPECT_EQ(reports[0].resumed, engine::ResumedBy::kNone);
  EXPECT_NE(reports[1].resumed, engine::ResumedBy::kNone) << describe(reports[1]);
  auto a = json_lines(full.out), b = json_lines(resumed.out);
  ASSERT_EQ(a.size(), 1u) << full.out;
  ASSERT_EQ(b.size(), 1u) << resumed.out;
  expect_line(a[0], reports[0], false, true, GetParam());
  expect_line(b[0], reports[1], true, true, GetParam());
}

// The shim as client in one process (--connections 2, what the JSSE profile uses): a full handshake,
// then one that resumes its session; our server's reports and the shim's JSON lines agree. A shim
// that saves sessions to files instead may refuse the flag combination; JSSE must do this.
TEST_P(ShimTest, ClientResumesInOneProcess) {
  if (!GetParam().java) GTEST_SKIP() << "one process per connection, with a session file (ClientResumesFromSessionFile)";
  auto scfg = engine_server_config();
  scfg.require_client_cert = true;
  EngineServer server(scfg, 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_iut_client(client_argv(server.port(), {"--client-cert", env().pki.client_rsa.cert.string(),
                                                        "--client-key", env().pki.client_rsa.key.string(),
                                                        "--connections", "2"}),
                            dir_.path(), "client-both", "", "");
  auto reports = server.join();
  ASSERT_EQ(reports.size(), 2u);
  ASSERT_TRUE(run.status.success()) << run.status.describe() << "\n" << run.out << run.err;
  EXPECT_TRUE(reports[0].handshake_complete) << describe(reports[0]);
  EXPECT_TRUE(reports[0].client_certificate) << "the shim did not send its client certificate";
  EXPECT_EQ(reports[0].resumed, engine::ResumedBy::kNone);
  EXPECT_NE(reports[1].resumed, engine::ResumedBy::kNone) << describe(reports[1]);
  auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  expect_line(lines[0], reports[0], false, true, GetParam());
  expect_line(lines[1], reports[1], true, true, GetParam());
  // And a session file is refused in one line with exit 89, not ignored.
  auto refused = run_iut_client(client_argv(server.port(), {"--session-out", (dir_.path() / "session").string()}),
                                dir_.path(), "client-session-out", "", "");
  EXPECT_TRUE(refused.status.exited && refused.status.code == 89) << refused.status.describe() << refused.err;
  EXPECT_NE(refused.err.find("tlsc-shim: unsupported: "), std::string::npos) << refused.err;
}

// --ems off: either the library turns EMS off (the ClientHello has no EMS, the JSON says false or
// null) or the shim exits 89 with a reason.
TEST_P(ShimTest, EmsOffIsHonouredOrUnsupported) {
  EngineServer server(engine_server_config(), 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_iut_client(client_argv(server.port(), {"--ems", "off"}), dir_.path(), "client-ems-off", "", "");
  if (run.status.exited && run.status.code == 89) {
    EXPECT_NE(run.err.find("unsupported"), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << "the reason is one line: " << run.err;
    // Nothing connected: release our server's accept by connecting once ourselves.
    auto c = transport::TcpStream::connect("127.0.0.1", server.port(), transport::deadline_after(kIoTimeout));
    return;
  }
  auto reports = server.join();
  ASSERT_TRUE(run.status.success()) << run.status.describe() << "\n" << run.out << run.err;
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].handshake_complete) << describe(reports[0]);
  EXPECT_FALSE(reports[0].ems_offered) << "--ems off, yet the ClientHello offered extended_master_secret";
  auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 1u) << run.out;
  expect_line(lines[0], reports[0], false, true, GetParam());
}

// The ems family through the shim's profile: a verdict for every scenario, none of them `error`,
// and no skip for a missing program.
TEST_P(ShimTest, EmsFamilyRunHasNoErrors) {
  const fs::path cli = fs::path(TLSC_SHIM_DIR) / "tlsconform";
  ASSERT_TRUE(fs::exists(cli)) << cli;
  const fs::path out = dir_.path() / "run";
  const std::string iut = std::string("shim-") + GetParam().library;
  SpawnOptions o;
  o.argv = {cli.string(), "run", "--iut", iut, "--family", "ems", "--out", out.string(), "--jobs", "2", "--quiet",
            "--no-default-expect"};
  o.stdout_path = dir_.path() / "run.out";
  o.stderr_path = dir_.path() / "run.err";
  auto s = ChildProcess::spawn(o);
  ASSERT_TRUE(s.process) << s.error;
  auto status = s.process->wait_for(std::chrono::milliseconds(100000));
  ASSERT_TRUE(status.has_value()) << "tlsconform run did not finish";
  // 0: all as expected; 1: fails or warns (findings about the library). Anything else is ours.
  ASSERT_TRUE(status->exited && (status->code == 0 || status->code == 1))
      << status->describe() << "\n" << s.process->read_stderr();
  std::ifstream in(out / "results.json");
  ASSERT_TRUE(in) << "no results.json";
  json results = json::parse(in);
  const auto& rs = results.at("results");
  ASSERT_GE(rs.size(), 20u) << "the ems family has more scenarios than that";
  size_t ran = 0;
  for (const auto& r : rs) {
    EXPECT_EQ(r.at("iut"), iut);
    EXPECT_NE(r.at("verdict"), "error") << r.at("scenario") << ": " << r.dump();
    if (r.at("verdict") == "skip") {
      EXPECT_EQ(r.value("reason", "").find("not installed"), std::string::npos) << r.dump();
    } else {
      ++ran;
    }
  }
  EXPECT_GE(ran, 20u) << "most ems scenarios must run against " << iut;
  // A plain EMS handshake passes in both roles.
  for (const auto& r : rs) {
    if (r.at("scenario") == "ems.full.negotiated.srv" || r.at("scenario") == "ems.full.negotiated.cli") {
      EXPECT_EQ(r.at("verdict"), "pass") << r.dump();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shims, ShimTest, ::testing::ValuesIn(kShims), shim_name);

}  // namespace
}  // namespace tlsc::interop
