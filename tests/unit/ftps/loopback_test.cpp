// Our FTPS client against our FTPS server on 127.0.0.1: whole sessions with checksums, data
// connection resumption by session ID and by ticket, the reuse requirement, EMS on resumption
// (RFC 7627 5.3), clear-text bytes on a TLS control channel, PBSZ before PROT (RFC 4217 9).
#include "tests/unit/ftps/ftps_fixture.h"

namespace tlsc::ftps {
namespace {

using namespace testing;

TEST(FtpsLoopback, ListRetrStorWithChecksumsResumingBySessionId) {
  auto s = server_config();
  auto files = s.files;
  s.require_reuse = true;
  auto c = client_config(0);
  const Bytes upload = pattern(70001, 2);
  const std::string a_sha = sha256_hex(*files->get("a.bin"));
  c.transfers = {{Transfer::Kind::kList, "", {}, {}, {}, {}},
                 {Transfer::Kind::kRetr, "a.bin", {}, a_sha, {}, {}},
                 {Transfer::Kind::kStor, "up.bin", upload, {}, {}, {}}};
  c.data_resume = DataResume::kSessionId;
  auto r = run(s, c);
  ASSERT_TRUE(r.client.completed) << r.client.describe() << r.server.describe();
  EXPECT_EQ(r.client.code_of("PBSZ"), 200);
  EXPECT_EQ(r.client.code_of("PROT"), 200);
  EXPECT_EQ(r.client.code_of("PASS"), 230);
  EXPECT_EQ(r.client.quit_code, 221);
  EXPECT_FALSE(r.client.plaintext_on_tls_control);
  ASSERT_EQ(r.client.transfers.size(), 3u);
  for (const auto& d : r.client.transfers) {
    EXPECT_EQ(d.preliminary_code, 150) << d.command;
    EXPECT_EQ(d.final_code, 226) << d.command;
    EXPECT_EQ(d.resumption_offered_by, "session-id") << d.command;
    EXPECT_EQ(d.resumed, engine::ResumedBy::kSessionId) << d.command;
    EXPECT_TRUE(d.same_master_secret_as_control) << d.command;
    EXPECT_TRUE(d.ems_control) << d.command;
    EXPECT_TRUE(d.ems_data) << d.command;
  }
  const std::string listing(r.client.transfers[0].data.begin(), r.client.transfers[0].data.end());
  EXPECT_NE(listing.find(" 100000 Jan 01  2024 a.bin\r\n"), std::string::npos) << listing;
  EXPECT_EQ(r.client.transfers[1].sha256, a_sha);
  EXPECT_TRUE(r.client.transfers[1].checksum_match);
  // STOR end to end: what the client sent is what the server stored.
  auto stored = files->get("up.bin");
  ASSERT_TRUE(stored);
  EXPECT_EQ(sha256_hex(*stored), sha256_hex(upload));
  EXPECT_EQ(r.client.transfers[2].sha256, sha256_hex(upload));
  ASSERT_EQ(r.server.data.size(), 3u);
  EXPECT_EQ(r.server.data[2].sha256, sha256_hex(upload));
  EXPECT_EQ(r.server.data[1].sha256, a_sha);
  for (const auto& d : r.server.data) {
    EXPECT_TRUE(d.resumed_control_session) << d.command;
    EXPECT_EQ(d.tls.resumed, engine::ResumedBy::kSessionId) << d.command;
  }
  EXPECT_TRUE(r.server.quit);
}

TEST(FtpsLoopback, DataResumesByTicketOverEpsv) {
  auto s = server_config();
  s.require_reuse = true;
  auto c = client_config(0);
  c.passive = PassiveMode::kEpsv;
  c.data_resume = DataResume::kTicket;
  const std::string a_sha = sha256_hex(*s.files->get("a.bin"));
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, a_sha, {}, {}}};
  auto r = run(s, c);
  ASSERT_TRUE(r.client.completed) << r.client.describe() << r.server.describe();
  EXPECT_EQ(r.client.code_of("EPSV"), 229);
  ASSERT_EQ(r.client.transfers.size(), 1u);
  const auto& d = r.client.transfers[0];
  EXPECT_EQ(d.resumption_offered_by, "ticket");
  EXPECT_EQ(d.resumed, engine::ResumedBy::kTicket);
  EXPECT_TRUE(d.same_master_secret_as_control);
  EXPECT_EQ(d.final_code, 226);
  EXPECT_TRUE(d.checksum_match) << d.sha256;
  ASSERT_EQ(r.server.data.size(), 1u);
  EXPECT_EQ(r.server.data[0].tls.resumed, engine::ResumedBy::kTicket);
}

TEST(FtpsLoopback, ServerRequiringReuseRefusesAFreshDataSession) {
  auto s = server_config();
  s.require_reuse = true;
  auto c = client_config(0);
  c.data_resume = DataResume::kNone;
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, sha256_hex(*s.files->get("a.bin")), {}, {}}};
  auto r = run(s, c);
  ASSERT_EQ(r.client.transfers.size(), 1u) << r.client.describe();
  const auto& d = r.client.transfers[0];
  EXPECT_TRUE(d.tls.handshake_complete) << r.client.describe();  // a full handshake, then refused
  EXPECT_EQ(d.resumption_offered_by, "");
  EXPECT_EQ(d.resumed, engine::ResumedBy::kNone);
  EXPECT_EQ(d.preliminary_code, 150);
  EXPECT_EQ(d.final_code, 522);
  EXPECT_TRUE(d.data.empty());
  EXPECT_FALSE(d.checksum_match);
  ASSERT_EQ(r.server.data.size(), 1u);
  EXPECT_TRUE(r.server.data[0].reuse_refused);
  EXPECT_TRUE(r.client.completed);  // the control connection goes on: QUIT answered
  EXPECT_EQ(r.client.quit_code, 221);

  // Without the requirement the same client transfers the file.
  s = server_config();
  r = run(s, c);
  ASSERT_EQ(r.client.transfers.size(), 1u);
  EXPECT_EQ(r.client.transfers[0].final_code, 226) << r.client.describe();
  EXPECT_TRUE(r.client.transfers[0].checksum_match);
  EXPECT_EQ(r.client.transfers[0].resumed, engine::ResumedBy::kNone);
}

TEST(FtpsLoopback, ClientDroppingEmsOnDataResumptionIsAbortedByTheServer) {
  auto s = server_config();
  auto c = client_config(0);
  engine::ClientQuirks dropped;
  dropped.OmitEms = true;  // the data ClientHello omits EMS while resuming an EMS session
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, {}, DataResume::kSessionId, dropped}};
  auto r = run(s, c);
  ASSERT_EQ(r.client.transfers.size(), 1u) << r.client.describe();
  const auto& d = r.client.transfers[0];
  EXPECT_TRUE(d.ems_control);
  EXPECT_FALSE(d.tls.handshake_complete);
  EXPECT_EQ(d.tls.peer_alert(), AlertDescription::kHandshakeFailure) << d.tls.describe();
  ASSERT_EQ(r.server.data.size(), 1u);
  // RFC 7627 5.3: the server MUST abort a resumption of an EMS session without EMS.
  EXPECT_EQ(r.server.data[0].tls.error, engine::Error::kResumedWithoutEms) << r.server.describe();
  EXPECT_EQ(d.final_code, 522);
  EXPECT_TRUE(d.data.empty());
}

TEST(FtpsLoopback, ServerDroppingEmsOnDataResumptionIsAbortedByTheClient) {
  auto s = server_config();
  engine::ServerQuirks dropped;
  dropped.OmitEms = true;
  dropped.ResumeRegardlessOfEms = true;  // resume anyway, with a ServerHello without EMS
  s.data_quirks[0] = dropped;
  auto c = client_config(0);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, {}, {}, {}}};
  auto r = run(s, c);
  ASSERT_EQ(r.client.transfers.size(), 1u) << r.client.describe();
  const auto& d = r.client.transfers[0];
  // RFC 7627 5.3: the client MUST abort when the resumed session used EMS and the ServerHello has none.
  EXPECT_EQ(d.tls.error, engine::Error::kResumedWithoutEms) << d.tls.describe();
  EXPECT_EQ(d.tls.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_NE(d.final_code, 226);
  EXPECT_TRUE(d.data.empty());
}

TEST(FtpsLoopback, ClearTextReplyOnTheTlsControlChannelIsFound) {
  auto s = server_config();
  s.quirks.SendPlaintextReplyAfterAuth = true;
  auto c = client_config(0);
  c.reply_timeout = std::chrono::milliseconds(1500);
  auto r = run(s, c);
  EXPECT_FALSE(r.client.completed);
  EXPECT_TRUE(r.client.plaintext_on_tls_control) << r.client.describe();
  EXPECT_EQ(r.client.plaintext_line, "200 PBSZ=0");
  EXPECT_EQ(r.client.code_of("PBSZ"), 0);  // no reply over TLS
}

TEST(FtpsLoopback, ProtWithoutPbszIsRefused) {
  auto s = server_config();
  auto c = client_config(0);
  c.quirks.SkipPbsz = true;
  auto r = run(s, c);
  EXPECT_EQ(r.client.code_of("PROT"), 503) << r.client.describe();  // RFC 4217 9
  EXPECT_FALSE(r.client.completed);
  EXPECT_EQ(r.client.code_of("PBSZ"), 0);

  s = server_config();
  s.quirks.AcceptProtWithoutPbsz = true;
  r = run(s, c);
  EXPECT_EQ(r.client.code_of("PROT"), 200) << r.client.describe();
  EXPECT_TRUE(r.client.completed);
}

TEST(FtpsLoopback, AuthSslAndWrongPassword) {
  auto s = server_config();
  auto c = client_config(0);
  c.auth = "SSL";
  c.password = "wrong";
  auto r = run(s, c);
  EXPECT_TRUE(r.client.auth_accepted);
  EXPECT_TRUE(r.client.control.handshake_complete);
  EXPECT_EQ(r.client.code_of("PASS"), 530) << r.client.describe();
  EXPECT_FALSE(r.client.logged_in);

  s = server_config();
  s.accept_auth_ssl = false;
  r = run(s, c);
  EXPECT_EQ(r.client.code_of("AUTH"), 504);
  EXPECT_FALSE(r.client.auth_accepted);
}

}  // namespace
}  // namespace tlsc::ftps
