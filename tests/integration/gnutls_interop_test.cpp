// Our engine against GnuTLS's command-line tools (gnutls-bin), in both roles: ECDHE and DHE GCM
// suites, session-ID and ticket resumption, master secret checked against GnuTLS's key log
// (SSLKEYLOGFILE, given to the child only).
//
// gnutls-serv cannot be told to bind to 127.0.0.1 only (it listens on 0.0.0.0 and ::), so every
// gnutls-serv test runs inside a fresh network namespace that has nothing but `lo`
// (run_in_fresh_netns: the test's own thread unshares and spawns the server from there; our client
// connects from that thread). gnutls-cli connects to our listener on 127.0.0.1 and needs none.
#include <gtest/gtest.h>

#include <future>

#include "tests/integration/interop_fixture.h"

namespace tlsc::interop {
namespace {

using engine::ConnectionReport;
using engine::ResumedBy;

// gnutls-serv --echo answers line by line: the newline makes it echo.
const std::string kPingText = "tlsconform-gnutls-ping";
const std::string kPing = kPingText + "\n";

struct GnutlsCase {
  const char* suite;     // our short name
  const char* priority;  // the IUT's priority string selecting it
};

const GnutlsCase kCases[] = {
    {"ECDHE-RSA-AES128-GCM-SHA256", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-GCM"},
    {"ECDHE-RSA-AES256-GCM-SHA384", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-256-GCM"},
    {"DHE-RSA-AES128-GCM-SHA256", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:-CIPHER-ALL:+AES-128-GCM"},
    {"DHE-RSA-AES256-GCM-SHA384", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:-CIPHER-ALL:+AES-256-GCM"},
};

std::string case_name(const ::testing::TestParamInfo<GnutlsCase>& info) {
  std::string n = info.param.suite;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

// GnuTLS 3.7 writes a key log line for full handshakes only (none for a resumed session, whose
// master secret is the same): the full handshake's line must match ours, and the resumed
// connection (whose Finished messages verified on both sides) must carry that master secret.
void expect_resumed_master_secret(const ConnectionReport& full, const ConnectionReport& resumed,
                                  const fs::path& keylog) {
  expect_same_master_secrets(full, keylog);
  ASSERT_FALSE(resumed.keylog.empty());
  ASSERT_FALSE(full.keylog.empty());
  auto master = [](const std::string& line) { return lower(line.substr(line.rfind(' ') + 1)); };
  EXPECT_EQ(master(resumed.keylog.back()), master(full.keylog.back()));
  EXPECT_NE(lower(resumed.keylog.back()), lower(full.keylog.back())) << "same client random twice";
}

// ------------------------------------------------------------------ gnutls-serv + our client

class GnutlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_PROGRAM("gnutls-serv");
    TLSC_REQUIRE_ENV();
    keylog_ = dir_.path() / "gnutls-serv.keylog";
  }

  // In a fresh network namespace: starts gnutls-serv --echo with `priority` and `extra`, runs our
  // client `configs.size()` times (each config may resume the previous report's session), stops
  // the server. Fills reports_ and server_output_.
  void run(const std::string& priority, const std::vector<std::string>& extra,
           const std::vector<engine::ClientConfig>& configs, bool resume_previous) {
    std::string setup_error;
    std::string ns_error = run_in_fresh_netns([&] {
      std::vector<std::string> argv = {"gnutls-serv", "--port", "{port}", "--echo",
                                       "--x509certfile", env().pki.server_rsa.cert.string(),
                                       "--x509keyfile", env().pki.server_rsa.key.string(),
                                       "--dhparams", env().dhparam.string(), "--priority", priority};
      argv.insert(argv.end(), extra.begin(), extra.end());
      auto server = start_iut_server(argv, dir_.path(), "gnutls-serv", "listening on IPv4",
                                     {{"SSLKEYLOGFILE", keylog_.string()}}, /*merge_output=*/true);
      if (!server.process) {
        setup_error = server.error;
        return;
      }
      for (auto c : configs) {
        c.seed = reports_.size() + 1;  // each connection its own randoms
        c.app_data = Bytes(kPing.begin(), kPing.end());
        if (resume_previous && !reports_.empty()) c.resume = reports_.back().session;
        reports_.push_back(run_engine_client(server.port, c));
      }
      server.process->stop();  // gnutls-serv serves forever: SIGTERM (then SIGKILL), reaped
      server_output_ = server.process->read_stdout();
    });
    if (ns_error.find("unshare") != std::string::npos) GTEST_SKIP() << "needs a network namespace: " << ns_error;
    ASSERT_TRUE(ns_error.empty()) << ns_error;
    ASSERT_TRUE(setup_error.empty()) << setup_error;
  }

  TempDir dir_{"tlsc_gnutls_srv"};
  fs::path keylog_;
  std::vector<ConnectionReport> reports_;
  std::string server_output_;
};

void expect_echo(const ConnectionReport& r) {
  EXPECT_EQ(std::string(r.app_data_received.begin(), r.app_data_received.end()), kPing)
      << "gnutls-serv --echo did not send our data back\n" << r.describe();
}

class GnutlsServerSuiteTest : public GnutlsServerTest, public ::testing::WithParamInterface<GnutlsCase> {};

TEST_P(GnutlsServerSuiteTest, FullHandshakeTls12) {
  const auto& suite = suite_by_name(GetParam().suite);
  auto c = engine_client_config();
  c.suites = {wire_suite(suite)};
  ASSERT_NO_FATAL_FAILURE(run(GetParam().priority, {}, {c}, false));
  ASSERT_EQ(reports_.size(), 1u);
  const auto& r = reports_[0];
  ASSERT_TRUE(r.handshake_complete) << r.describe() << "\n" << server_output_;
  EXPECT_EQ(r.version, ProtocolVersion::kTls12);
  EXPECT_EQ(r.suite, wire_suite(suite));
  EXPECT_TRUE(r.ems_echoed) << "GnuTLS 3.7 negotiates EMS by default";
  EXPECT_EQ(r.master_secret_variant, "extended");
  expect_echo(r);
  expect_same_master_secrets(r, keylog_);
}

INSTANTIATE_TEST_SUITE_P(Gcm, GnutlsServerSuiteTest, ::testing::ValuesIn(kCases), case_name);

TEST_F(GnutlsServerTest, SessionIdResumption) {
  auto c = engine_client_config();
  c.resume_by_ticket = false;
  ASSERT_NO_FATAL_FAILURE(run(kCases[0].priority, {"--noticket"}, {c, c}, true));
  ASSERT_EQ(reports_.size(), 2u);
  ASSERT_TRUE(reports_[0].handshake_complete) << reports_[0].describe() << server_output_;
  EXPECT_FALSE(reports_[0].ticket_issued) << "--noticket";
  ASSERT_TRUE(reports_[1].handshake_complete) << reports_[1].describe() << server_output_;
  EXPECT_EQ(reports_[1].resumption_offered_by, "session-id");
  EXPECT_EQ(reports_[1].resumed, ResumedBy::kSessionId) << reports_[1].describe();
  EXPECT_EQ(reports_[1].session_id, reports_[0].session_id);
  EXPECT_TRUE(reports_[1].ems_echoed);
  expect_echo(reports_[0]);
  expect_echo(reports_[1]);
  expect_resumed_master_secret(reports_[0], reports_[1], keylog_);
}

TEST_F(GnutlsServerTest, TicketResumption) {
  auto c = engine_client_config();
  c.resume_by_ticket = true;
  ASSERT_NO_FATAL_FAILURE(run(kCases[0].priority, {}, {c, c}, true));
  ASSERT_EQ(reports_.size(), 2u);
  ASSERT_TRUE(reports_[0].handshake_complete) << reports_[0].describe() << server_output_;
  EXPECT_TRUE(reports_[0].ticket_issued);
  ASSERT_TRUE(reports_[1].handshake_complete) << reports_[1].describe() << server_output_;
  EXPECT_EQ(reports_[1].resumption_offered_by, "ticket");
  EXPECT_EQ(reports_[1].resumed, ResumedBy::kTicket) << reports_[1].describe();
  EXPECT_TRUE(reports_[1].ems_echoed);
  expect_echo(reports_[0]);
  expect_echo(reports_[1]);
  expect_resumed_master_secret(reports_[0], reports_[1], keylog_);
}

// The namespace really isolates: from the test's own namespace, the server is not reachable.
TEST_F(GnutlsServerTest, ServerIsInvisibleOutsideItsNamespace) {
  // The namespace thread starts the server and hands its port out; this thread, still in the
  // test's own namespace, probes it, then lets the namespace thread stop the server.
  std::promise<uint16_t> port_promise;
  std::promise<void> probed;
  std::string setup_error, ns_error;
  bool listening_inside = false;
  std::thread ns_thread([&] {
    ns_error = run_in_fresh_netns([&] {
      auto server = start_iut_server({"gnutls-serv", "--port", "{port}", "--echo", "--x509certfile",
                                      env().pki.server_rsa.cert.string(), "--x509keyfile",
                                      env().pki.server_rsa.key.string()},
                                     dir_.path(), "gnutls-serv", "listening on IPv4", {}, true);
      if (!server.process) {
        setup_error = server.error;
        port_promise.set_value(0);
        return;
      }
      listening_inside = harness::port_listening(server.port);
      port_promise.set_value(server.port);
      probed.get_future().wait();
    });
    if (!ns_error.empty()) port_promise.set_value(0);
  });
  uint16_t port = port_promise.get_future().get();
  bool reachable_outside = port != 0 && (harness::port_listening(port) || harness::wait_for_port(port, 200ms));
  probed.set_value();
  ns_thread.join();
  if (ns_error.find("unshare") != std::string::npos) GTEST_SKIP() << ns_error;
  ASSERT_TRUE(ns_error.empty()) << ns_error;
  ASSERT_TRUE(setup_error.empty()) << setup_error;
  EXPECT_TRUE(listening_inside);
  EXPECT_FALSE(reachable_outside) << "gnutls-serv on port " << port << " is visible outside its namespace";
}

// ------------------------------------------------------------------ gnutls-cli + our server

class GnutlsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_PROGRAM("gnutls-cli");
    TLSC_REQUIRE_ENV();
  }
  IutClientRun run_cli(uint16_t port, const std::string& priority, const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {"gnutls-cli", "--port", std::to_string(port),
                                     "--x509cafile", env().pki.ca_cert.string(),
                                     "--priority", priority};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("127.0.0.1");  // the server certificate has IP:127.0.0.1
    return run_iut_client(argv, dir_.path(), "gnutls-cli", kPing, kPingText,
                          {{"SSLKEYLOGFILE", keylog_.string()}});
  }
  TempDir dir_{"tlsc_gnutls_cli"};
  fs::path keylog_ = dir_.path() / "gnutls-cli.keylog";
};

void expect_cli_ok(const IutClientRun& run) {
  ASSERT_TRUE(run.error.empty()) << run.error;
  EXPECT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_TRUE(run.status.success()) << run.status.describe() << "\n" << run.out << run.err;
  EXPECT_NE((run.out + run.err).find("Handshake was completed"), std::string::npos) << run.out << run.err;
}

class GnutlsClientSuiteTest : public GnutlsClientTest, public ::testing::WithParamInterface<GnutlsCase> {};

TEST_P(GnutlsClientSuiteTest, FullHandshakeTls12) {
  const auto& suite = suite_by_name(GetParam().suite);
  auto cfg = engine_server_config();
  cfg.suites = {wire_suite(suite)};
  EngineServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_cli(server.port(), GetParam().priority, {});
  auto reports = server.join();
  expect_cli_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_EQ(r.version, ProtocolVersion::kTls12);
  EXPECT_EQ(r.suite, wire_suite(suite));
  EXPECT_TRUE(r.ems_offered);
  EXPECT_TRUE(r.ems_echoed);
  EXPECT_EQ(std::string(r.app_data_received.begin(), r.app_data_received.end()), kPing);
  expect_same_master_secrets(r, keylog_);
}

INSTANTIATE_TEST_SUITE_P(Gcm, GnutlsClientSuiteTest, ::testing::ValuesIn(kCases), case_name);

// gnutls-cli --resume: a full handshake, then a second connection resuming it.
TEST_F(GnutlsClientTest, SessionIdResumption) {
  EngineServer server(engine_server_config(), 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  // --noticket alone still offers session_ticket in TLS 1.2 (GnuTLS 3.7); %NO_TICKETS does not.
  auto run = run_cli(server.port(), std::string(kCases[0].priority) + ":%NO_TICKETS", {"--resume", "--noticket"});
  auto reports = server.join();
  expect_cli_ok(run);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_FALSE(reports[0].ticket_issued);
  EXPECT_EQ(reports[1].resumed, ResumedBy::kSessionId) << reports[1].describe();
  EXPECT_EQ(reports[1].session_id, reports[0].session_id);
  EXPECT_TRUE(reports[1].ems_echoed);
  EXPECT_NE((run.out + run.err).find("This is a resumed session"), std::string::npos) << run.out << run.err;
  expect_resumed_master_secret(reports[0], reports[1], keylog_);
}

TEST_F(GnutlsClientTest, TicketResumption) {
  EngineServer server(engine_server_config(), 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_cli(server.port(), kCases[0].priority, {"--resume"});
  auto reports = server.join();
  expect_cli_ok(run);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(reports[0].ticket_issued);
  EXPECT_EQ(reports[1].resumed, ResumedBy::kTicket) << reports[1].describe();
  EXPECT_TRUE(reports[1].ems_echoed);
  EXPECT_NE((run.out + run.err).find("This is a resumed session"), std::string::npos) << run.out << run.err;
  expect_resumed_master_secret(reports[0], reports[1], keylog_);
}

}  // namespace
}  // namespace tlsc::interop
