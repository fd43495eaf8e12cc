// Our engine against the OpenSSL 3.0 command-line tools, in both roles: every suite we implement,
// session-ID and ticket resumption, with and without EMS, client certificates, TLS 1.0/1.1 with
// CBC suites, and the master secret compared with OpenSSL's key log for the same handshake.
//
// s_server listens on 127.0.0.1 only (-accept 127.0.0.1:PORT); s_client connects to our
// TcpListener on 127.0.0.1. Every OpenSSL process runs under harness::ChildProcess.
#include <gtest/gtest.h>

#include "tests/integration/interop_fixture.h"

namespace tlsc::interop {
namespace {

using engine::ConnectionReport;
using engine::ResumedBy;

const std::string kPing = "tlsconform-ping";

std::vector<std::pair<std::string, std::string>> no_ems_env() {
  return {{"OPENSSL_CONF", env().no_ems_conf.string()}};
}

// ------------------------------------------------------------------ s_server + our client

struct SServerOptions {
  bool ecdsa = false;
  int naccept = 1;
  std::vector<std::string> extra;  // e.g. -cipher X, -no_ticket, -tls1
  bool no_ems = false;
};

std::vector<std::string> s_server_argv(const SServerOptions& o, const fs::path& keylog) {
  const auto& kp = o.ecdsa ? env().pki.server_ecdsa : env().pki.server_rsa;
  std::vector<std::string> a = {"openssl", "s_server", "-accept", "127.0.0.1:{port}",
                                "-cert", kp.cert.string(), "-key", kp.key.string(),
                                "-dhparam", env().dhparam.string(),
                                "-naccept", std::to_string(o.naccept),
                                "-keylogfile", keylog.string()};
  a.insert(a.end(), o.extra.begin(), o.extra.end());
  return a;
}

class OpensslServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_PROGRAM("openssl");
    TLSC_REQUIRE_ENV();
    keylog_ = dir_.path() / "s_server.keylog";
  }
  // Starts s_server; the test fails if it does not come up.
  void start(const SServerOptions& o) {
    server_ = start_iut_server(s_server_argv(o, keylog_), dir_.path(), "s_server", "ACCEPT",
                               o.no_ems ? no_ems_env() : std::vector<std::pair<std::string, std::string>>{});
    ASSERT_TRUE(server_.process) << server_.error;
  }
  ConnectionReport connect(engine::ClientConfig c) {
    c.app_data = Bytes(kPing.begin(), kPing.end());
    c.await_reply = false;  // s_server prints what it receives, it does not echo
    return run_engine_client(server_.port, c);
  }
  // s_server -naccept N exits after its N-th connection: it must end by itself, cleanly.
  void expect_server_exits_cleanly() {
    auto st = server_.process->wait_for(kExitTimeout);
    ASSERT_TRUE(st.has_value()) << "s_server did not exit after -naccept connections";
    EXPECT_TRUE(st->success()) << st->describe() << "\n" << server_.process->read_stderr();
  }
  std::string server_output() { return server_.process->read_stdout() + server_.process->read_stderr(); }

  TempDir dir_{"tlsc_ossl_srv"};
  fs::path keylog_;
  IutServer server_;
};

void expect_full_tls12(const ConnectionReport& r, const record::CipherSuite& suite) {
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_EQ(r.error, engine::Error::kNone) << r.describe();
  EXPECT_EQ(r.version, ProtocolVersion::kTls12) << r.describe();
  EXPECT_EQ(r.suite, wire_suite(suite)) << r.describe();
  EXPECT_EQ(r.resumed, ResumedBy::kNone);
  EXPECT_TRUE(r.ems_offered);
  EXPECT_TRUE(r.ems_echoed) << "OpenSSL 3.0 negotiates EMS by default (RFC 7627)";
  EXPECT_EQ(r.master_secret_variant, "extended");
}

class OpensslServerSuiteTest : public OpensslServerTest,
                               public ::testing::WithParamInterface<record::CipherSuite> {};

TEST_P(OpensslServerSuiteTest, FullHandshakeTls12) {
  const auto& suite = GetParam();
  SServerOptions o;
  o.ecdsa = suite.key_exchange == record::KeyExchange::ecdhe_ecdsa;
  o.extra = {"-cipher", std::string(suite.short_name)};
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto c = engine_client_config();
  c.suites = {wire_suite(suite)};
  auto r = connect(c);
  expect_full_tls12(r, suite);
  expect_same_master_secrets(r, keylog_);
  expect_server_exits_cleanly();
  EXPECT_NE(server_output().find(kPing), std::string::npos) << "s_server did not decrypt our data";
}

std::string suite_param_name(const ::testing::TestParamInfo<record::CipherSuite>& info) {
  std::string n(info.param.short_name);
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(AllSuites, OpensslServerSuiteTest,
                         ::testing::ValuesIn(record::all_cipher_suites().begin(),
                                             record::all_cipher_suites().end()),
                         suite_param_name);

TEST_F(OpensslServerTest, SessionIdResumption) {
  SServerOptions o;
  o.naccept = 2;
  o.extra = {"-no_ticket"};
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto c = engine_client_config();
  auto first = connect(c);
  ASSERT_TRUE(first.handshake_complete) << first.describe();
  EXPECT_FALSE(first.ticket_issued) << "-no_ticket";
  ASSERT_TRUE(first.session.has_value());
  ASSERT_FALSE(first.session->session_id.empty()) << "s_server gave no session ID";
  c.resume = first.session;
  c.seed = 2;  // a client random of its own (the seed drives every random we draw)
  c.resume_by_ticket = false;
  auto second = connect(c);
  ASSERT_TRUE(second.handshake_complete) << second.describe();
  EXPECT_EQ(second.resumption_offered_by, "session-id");
  EXPECT_EQ(second.resumed, ResumedBy::kSessionId) << second.describe();
  EXPECT_EQ(second.session_id, first.session_id);
  EXPECT_EQ(second.suite, first.suite);
  EXPECT_TRUE(second.ems_echoed);
  expect_same_master_secrets(first, keylog_);
  expect_same_master_secrets(second, keylog_);
  expect_server_exits_cleanly();
}

TEST_F(OpensslServerTest, TicketResumption) {
  SServerOptions o;
  o.naccept = 2;
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto c = engine_client_config();
  auto first = connect(c);
  ASSERT_TRUE(first.handshake_complete) << first.describe();
  EXPECT_TRUE(first.ticket_issued);
  ASSERT_TRUE(first.session.has_value());
  ASSERT_FALSE(first.session->ticket.empty());
  c.resume = first.session;
  c.seed = 2;  // a client random of its own (the seed drives every random we draw)
  c.resume_by_ticket = true;
  auto second = connect(c);
  ASSERT_TRUE(second.handshake_complete) << second.describe();
  EXPECT_EQ(second.resumption_offered_by, "ticket");
  EXPECT_EQ(second.resumed, ResumedBy::kTicket) << second.describe();
  EXPECT_TRUE(second.ems_echoed);
  expect_same_master_secrets(second, keylog_);
  expect_server_exits_cleanly();
}

TEST_F(OpensslServerTest, WithoutEms) {
  SServerOptions o;
  o.no_ems = true;
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto r = connect(engine_client_config());
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_TRUE(r.ems_offered);
  EXPECT_FALSE(r.ems_echoed) << "OPENSSL_CONF Options = -ExtendedMasterSecret did not turn EMS off";
  EXPECT_EQ(r.master_secret_variant, "standard");
  expect_same_master_secrets(r, keylog_);
  expect_server_exits_cleanly();
}

TEST_F(OpensslServerTest, ClientCertificate) {
  SServerOptions o;
  o.extra = {"-Verify", "1", "-CAfile", env().pki.ca_cert.string()};
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto c = engine_client_config();
  c.credential = env().client;
  auto r = connect(c);
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_TRUE(r.certificate_requested);
  EXPECT_TRUE(r.client_certificate);
  expect_same_master_secrets(r, keylog_);
  expect_server_exits_cleanly();
  // s_server prints the verified client certificate's subject.
  EXPECT_NE(server_output().find("tlsconform client"), std::string::npos) << server_output();
}

TEST_F(OpensslServerTest, RequiredClientCertificateMissingIsRefused) {
  SServerOptions o;
  o.extra = {"-Verify", "1", "-CAfile", env().pki.ca_cert.string()};
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto r = connect(engine_client_config());  // no credential: an empty Certificate
  EXPECT_TRUE(r.certificate_requested);
  EXPECT_FALSE(r.client_certificate);
  EXPECT_FALSE(r.handshake_complete) << r.describe();
  ASSERT_TRUE(r.peer_alert().has_value()) << r.describe();
  // OpenSSL sends handshake_failure (40) or certificate_required-like alerts; TLS 1.2 has no
  // certificate_required, so it is handshake_failure.
  EXPECT_EQ(*r.peer_alert(), AlertDescription::kHandshakeFailure) << r.describe();
}

struct LegacyCase {
  const char* flag;  // -tls1 or -tls1_1
  ProtocolVersion version;
  const char* suite;
};

class OpensslServerLegacyTest : public OpensslServerTest,
                                public ::testing::WithParamInterface<LegacyCase> {};

TEST_P(OpensslServerLegacyTest, CbcSuite) {
  const auto& p = GetParam();
  const auto& suite = suite_by_name(p.suite);
  SServerOptions o;
  o.extra = {p.flag, "-cipher", std::string(p.suite) + ":@SECLEVEL=0"};
  ASSERT_NO_FATAL_FAILURE(start(o));
  auto c = engine_client_config();
  c.suites = {wire_suite(suite)};
  auto r = connect(c);
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_EQ(r.version, p.version) << r.describe();
  EXPECT_EQ(r.suite, wire_suite(suite));
  EXPECT_TRUE(r.ems_echoed);
  expect_same_master_secrets(r, keylog_);
  expect_server_exits_cleanly();
  EXPECT_NE(server_output().find(kPing), std::string::npos);
}

const LegacyCase kLegacyCases[] = {
    {"-tls1", ProtocolVersion::kTls10, "ECDHE-RSA-AES128-SHA"},
    {"-tls1", ProtocolVersion::kTls10, "DHE-RSA-AES256-SHA"},
    {"-tls1", ProtocolVersion::kTls10, "AES128-SHA"},
    {"-tls1_1", ProtocolVersion::kTls11, "ECDHE-RSA-AES128-SHA"},
    {"-tls1_1", ProtocolVersion::kTls11, "DHE-RSA-AES128-SHA"},
    {"-tls1_1", ProtocolVersion::kTls11, "AES128-SHA"},
};

std::string legacy_name(const ::testing::TestParamInfo<LegacyCase>& info) {
  std::string n = std::string(info.param.flag + 1) + "_" + info.param.suite;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Legacy, OpensslServerLegacyTest, ::testing::ValuesIn(kLegacyCases), legacy_name);

// ------------------------------------------------------------------ s_client + our server

class OpensslClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_PROGRAM("openssl");
    TLSC_REQUIRE_ENV();
  }
  std::vector<std::string> s_client_argv(uint16_t port, const fs::path& keylog,
                                         const std::vector<std::string>& extra) {
    std::vector<std::string> a = {"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(port),
                                  "-servername", "localhost", "-CAfile", env().pki.ca_cert.string(),
                                  "-verify_return_error", "-verify_hostname", "localhost",
                                  "-keylogfile", keylog.string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  // Runs s_client once against `server`: sends the ping, waits for our echo, closes.
  IutClientRun run_client(uint16_t port, const std::string& name, const std::vector<std::string>& extra,
                          bool no_ems = false) {
    return run_iut_client(s_client_argv(port, dir_.path() / (name + ".keylog"), extra), dir_.path(), name,
                          kPing + "\n", kPing,
                          no_ems ? no_ems_env() : std::vector<std::pair<std::string, std::string>>{});
  }
  fs::path keylog(const std::string& name) { return dir_.path() / (name + ".keylog"); }

  TempDir dir_{"tlsc_ossl_cli"};
};

void expect_client_ok(const IutClientRun& run) {
  ASSERT_TRUE(run.error.empty()) << run.error;
  EXPECT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_TRUE(run.status.success()) << run.status.describe() << "\n" << run.out << run.err;
  EXPECT_NE(run.out.find("Verify return code: 0 (ok)"), std::string::npos)
      << "s_client did not verify our chain:\n" << run.out;
  EXPECT_NE(run.out.find(kPing), std::string::npos) << "our echo did not reach s_client:\n" << run.out;
}

class OpensslClientSuiteTest : public OpensslClientTest,
                               public ::testing::WithParamInterface<record::CipherSuite> {};

TEST_P(OpensslClientSuiteTest, FullHandshakeTls12) {
  const auto& suite = GetParam();
  auto cfg = engine_server_config();
  cfg.suites = {wire_suite(suite)};
  EngineServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client", {"-cipher", std::string(suite.short_name)});
  auto reports = server.join();
  expect_client_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  expect_full_tls12(r, suite);
  EXPECT_EQ(std::string(r.app_data_received.begin(), r.app_data_received.end()), kPing + "\n");
  expect_same_master_secrets(r, keylog("s_client"));
}

INSTANTIATE_TEST_SUITE_P(AllSuites, OpensslClientSuiteTest,
                         ::testing::ValuesIn(record::all_cipher_suites().begin(),
                                             record::all_cipher_suites().end()),
                         suite_param_name);

// s_client offers TLS 1.3 by default (supported_versions, key_share, TLS 1.3 suites): our TLS 1.2
// server must negotiate 1.2 from that ClientHello.
TEST_F(OpensslClientTest, Tls13CapableClientNegotiatesTls12) {
  EngineServer server(engine_server_config(), 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client", {});
  auto reports = server.join();
  expect_client_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].handshake_complete) << reports[0].describe();
  EXPECT_EQ(reports[0].version, ProtocolVersion::kTls12);
  EXPECT_NE(run.out.find("Protocol  : TLSv1.2"), std::string::npos) << run.out;
}

TEST_F(OpensslClientTest, SessionIdResumption) {
  EngineServer server(engine_server_config(), 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  const std::string sess = (dir_.path() / "session.pem").string();
  auto first = run_client(server.port(), "first", {"-tls1_2", "-no_ticket", "-sess_out", sess});
  auto second = run_client(server.port(), "second", {"-tls1_2", "-no_ticket", "-sess_in", sess});
  auto reports = server.join();
  expect_client_ok(first);
  expect_client_ok(second);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(reports[0].handshake_complete) << reports[0].describe();
  EXPECT_FALSE(reports[0].ticket_issued) << "the client did not offer session_ticket";
  EXPECT_EQ(reports[1].resumed, ResumedBy::kSessionId) << reports[1].describe();
  EXPECT_EQ(reports[1].session_id, reports[0].session_id);
  EXPECT_TRUE(reports[1].ems_echoed);
  EXPECT_NE(second.out.find("Reused, TLSv1.2"), std::string::npos) << second.out;
  expect_same_master_secrets(reports[0], keylog("first"));
  expect_same_master_secrets(reports[1], keylog("second"));
}

TEST_F(OpensslClientTest, TicketResumption) {
  EngineServer server(engine_server_config(), 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  const std::string sess = (dir_.path() / "session.pem").string();
  auto first = run_client(server.port(), "first", {"-tls1_2", "-sess_out", sess});
  auto second = run_client(server.port(), "second", {"-tls1_2", "-sess_in", sess});
  auto reports = server.join();
  expect_client_ok(first);
  expect_client_ok(second);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(reports[0].ticket_issued);
  EXPECT_EQ(reports[1].resumed, ResumedBy::kTicket) << reports[1].describe();
  EXPECT_EQ(reports[1].resumption_offered_by, "ticket");
  EXPECT_TRUE(reports[1].ems_echoed);
  EXPECT_NE(second.out.find("Reused, TLSv1.2"), std::string::npos) << second.out;
  expect_same_master_secrets(reports[1], keylog("second"));
}

TEST_F(OpensslClientTest, WithoutEms) {
  EngineServer server(engine_server_config(), 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client", {"-tls1_2"}, /*no_ems=*/true);
  auto reports = server.join();
  expect_client_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_FALSE(r.ems_offered) << "OPENSSL_CONF Options = -ExtendedMasterSecret did not turn EMS off";
  EXPECT_FALSE(r.ems_echoed);
  EXPECT_EQ(r.master_secret_variant, "standard");
  expect_same_master_secrets(r, keylog("s_client"));
}

TEST_F(OpensslClientTest, ClientCertificate) {
  auto cfg = engine_server_config();
  cfg.request_client_cert = true;
  cfg.require_client_cert = true;
  EngineServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client",
                        {"-tls1_2", "-cert", env().pki.client_rsa.cert.string(), "-key",
                         env().pki.client_rsa.key.string()});
  auto reports = server.join();
  expect_client_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_TRUE(r.certificate_requested);
  EXPECT_TRUE(r.client_certificate);
  expect_same_master_secrets(r, keylog("s_client"));
}

TEST_F(OpensslClientTest, RequiredClientCertificateMissingIsRefused) {
  auto cfg = engine_server_config();
  cfg.request_client_cert = true;
  cfg.require_client_cert = true;
  EngineServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client", {"-tls1_2"});
  auto reports = server.join();
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  EXPECT_FALSE(r.handshake_complete);
  EXPECT_FALSE(r.client_certificate);
  EXPECT_EQ(r.error, engine::Error::kNoClientCertificate) << r.describe();
  EXPECT_FALSE(run.status.success()) << run.out;
}

class OpensslClientLegacyTest : public OpensslClientTest,
                                public ::testing::WithParamInterface<LegacyCase> {};

TEST_P(OpensslClientLegacyTest, CbcSuite) {
  const auto& p = GetParam();
  const auto& suite = suite_by_name(p.suite);
  auto cfg = engine_server_config();
  cfg.suites = {wire_suite(suite)};
  EngineServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  auto run = run_client(server.port(), "s_client", {p.flag, "-cipher", std::string(p.suite) + ":@SECLEVEL=0"});
  auto reports = server.join();
  expect_client_ok(run);
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  ASSERT_TRUE(r.handshake_complete) << r.describe();
  EXPECT_EQ(r.version, p.version);
  EXPECT_EQ(r.suite, wire_suite(suite));
  EXPECT_TRUE(r.ems_echoed);
  EXPECT_EQ(std::string(r.app_data_received.begin(), r.app_data_received.end()), kPing + "\n");
  expect_same_master_secrets(r, keylog("s_client"));
}

INSTANTIATE_TEST_SUITE_P(Legacy, OpensslClientLegacyTest, ::testing::ValuesIn(kLegacyCases), legacy_name);

}  // namespace
}  // namespace tlsc::interop
