// The FTPS runner's judging on hand-built session reports (no IUT): the views of our client's and
// our server's reports (FTPS observations per connection) and judge_ftps's verdicts for the real
// catalog's ftps scenarios.
#include <gtest/gtest.h>

#include <filesystem>

#include "peers/ftps/control.h"
#include "scenarios/applicability.h"
#include "scenarios/ftps_payload.h"
#include "scenarios/ftps_runner.h"
#include "scenarios/interpreter.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

using results::Verdict;

const Scenario& scenario(const std::string& id) {
  static const std::vector<Scenario> all = load_catalog(std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "catalog");
  for (const auto& s : all)
    if (s.id == id) return s;
  throw std::runtime_error("no scenario " + id);
}

engine::ConnectionReport handshake(engine::ResumedBy by, bool ems) {
  engine::ConnectionReport r;
  r.handshake_complete = true;
  r.handshakes = 1;
  r.resumed = by;
  r.ems_offered = r.ems_echoed = ems;
  r.master_secret_variant = ems ? "extended" : "standard";
  return r;
}

engine::ConnectionReport aborted_by_alert(AlertDescription d) {
  engine::ConnectionReport r;
  r.alerts.push_back({false, AlertLevel::kFatal, d});
  r.error = engine::Error::kPeerAlert;
  return r;
}

// A logged-in session of our client with one data connection per `verbs`, each resumed by ID,
// with EMS, 226 and the right bytes.
ftps::FtpsClientReport good_client_session(const std::vector<std::string>& commands) {
  ftps::FtpsClientReport r;
  r.connected = r.auth_accepted = r.logged_in = r.completed = true;
  r.dialogue = {{"", 220, "220 hi"}, {"AUTH TLS", 234, "234 ok"}, {"PBSZ 0", 200, ""}, {"PROT P", 200, ""},
                {"USER tlsc", 331, ""},  {"PASS ****", 230, ""},   {"TYPE I", 200, ""}};
  r.control = handshake(engine::ResumedBy::kNone, true);
  r.quit_code = 221;
  for (const auto& c : commands) {
    ftps::DataConnectionReport d;
    d.command = c;
    d.connected = true;
    d.tls = handshake(engine::ResumedBy::kSessionId, true);
    d.resumed = engine::ResumedBy::kSessionId;
    d.same_master_secret_as_control = d.ems_control = d.ems_data = true;
    d.preliminary_code = 150;
    d.final_code = 226;
    if (c.rfind("LIST", 0) != 0) {
      const bool up = c.find("upload") != std::string::npos;
      d.data = up ? scenarios::ftps_payload::upload() : scenarios::ftps_payload::download();
      d.expect_sha256 = ftps::sha256_hex(d.data);
      d.checksum_match = c.rfind("RETR", 0) == 0;
    }
    r.transfers.push_back(d);
  }
  return r;
}

results::Result judged(const Scenario& s, const FtpsSessionView& v) {
  results::Result res;
  judge_ftps(s, v, res);
  return res;
}

const std::vector<std::string> kStandard = {"LIST", "RETR tlsc-download.bin", "STOR pub/tlsc-upload.bin",
                                            "RETR pub/tlsc-upload.bin"};

TEST(FtpsJudge, StandardTransfersOfOurClient) {
  const auto& s = scenario("ftps.data-resumes-control.id.srv");
  FtpLogin login;
  login.upload_dir = "pub/";
  const auto t = ftps_transfers(s, login);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].kind, ftps::Transfer::Kind::kList);
  EXPECT_EQ(t[1].path, "tlsc-download.bin");
  EXPECT_EQ(t[1].expect_sha256, ftps::sha256_hex(ftps_payload::download()));
  EXPECT_EQ(t[2].path, "pub/tlsc-upload.bin");
  EXPECT_EQ(t[2].upload, ftps_payload::upload());
  EXPECT_EQ(t[3].path, "pub/tlsc-upload.bin");  // a RETR after the STOR fetches it back
  EXPECT_EQ(t[3].expect_sha256, ftps::sha256_hex(ftps_payload::upload()));
  for (const auto& x : t) EXPECT_EQ(x.resume, ftps::DataResume::kSessionId);
  EXPECT_EQ(ftps_transfers(scenario("ftps.data-resumes-control.ticket.srv"), login)[0].resume, ftps::DataResume::kTicket);
  EXPECT_EQ(ftps_transfers(scenario("ftps.data-full-handshake.srv"), login)[0].resume, ftps::DataResume::kNone);
}

TEST(FtpsJudge, ObservationsOfAGoodSession) {
  const auto& s = scenario("ftps.data-resumes-control.id.srv");
  const auto v = view_client_session(s, good_client_session(kStandard));
  ASSERT_EQ(v.connections.size(), 5u);
  EXPECT_EQ(v.connections[0].ftps["auth_code"], 234);
  EXPECT_EQ(v.connections[0].ftps["login_code"], 230);
  EXPECT_EQ(v.connections[0].ftps["quit_code"], 221);
  EXPECT_TRUE(v.connections[1].ftps["checksum_match"].is_null());  // LIST
  EXPECT_EQ(v.connections[2].ftps["checksum_match"], true);
  // The STOR's own report has no receiver-side check; the RETR that fetched it back has.
  EXPECT_EQ(v.connections[3].ftps["checksum_match"], true);
  EXPECT_EQ(v.connections[3].ftps["resumed_by"], "session-id");
  EXPECT_EQ(v.connections[3].ftps["transfer_result"], "transferred");
  EXPECT_TRUE(v.connections[3].ftps["requires_session_reuse"].is_null());  // it resumed: says nothing
  const auto res = judged(s, v);
  EXPECT_EQ(res.verdict, Verdict::pass) << res.reason;
  EXPECT_EQ(res.observations["connections"].size(), 5u);
  EXPECT_EQ(res.observations["connections"][2]["connection"], "data: RETR tlsc-download.bin");
}

TEST(FtpsJudge, ACorruptedDownloadFails) {
  const auto& s = scenario("ftps.data-resumes-control.id.srv");
  auto r = good_client_session(kStandard);
  r.transfers[1].checksum_match = false;
  const auto res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason, "connection 3 of 5 (data: RETR tlsc-download.bin): transfer_result is \"corrupted\", expected \"transferred\"");
}

TEST(FtpsJudge, AStoredFileThatComesBackDifferentFailsTheStor) {
  const auto& s = scenario("ftps.data-resumes-control.id.srv");
  auto r = good_client_session(kStandard);
  r.transfers[3].checksum_match = false;
  const auto res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason.rfind("connection 4 of 5 (data: STOR pub/tlsc-upload.bin): ", 0), 0u) << res.reason;
}

TEST(FtpsJudge, ASessionThatEndsEarlyFailsOnTheMissingTransfer) {
  const auto& s = scenario("ftps.data-resumes-control.id.srv");
  auto r = good_client_session({"LIST", "RETR tlsc-download.bin"});
  r.error = "STOR pub/tlsc-upload.bin: no reply: eof";
  const auto res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason, "connection 4 of 5 (data: STOR): did not happen: our client's FTP session ended before this "
                        "transfer: STOR pub/tlsc-upload.bin: no reply: eof");
  EXPECT_EQ(res.observations["connections"][3]["outcome"], "none");
}

TEST(FtpsJudge, ARefusedFullHandshakeIsAPassThatShowsTheReusePolicy) {
  const auto& s = scenario("ftps.data-full-handshake.srv");
  auto r = good_client_session({"RETR tlsc-download.bin"});
  auto& d = r.transfers[0];
  d.tls = handshake(engine::ResumedBy::kNone, true);
  d.resumed = engine::ResumedBy::kNone;
  d.same_master_secret_as_control = false;
  d.final_code = 522;
  d.data.clear();
  d.checksum_match = false;
  auto res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::pass) << res.reason;
  EXPECT_EQ(res.observations["requires_session_reuse"], true);
  // No reply at all is not "its policy".
  d.final_code = 0;
  res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.diagnosis, "the IUT server neither transferred the file intact nor answered with an FTP error reply (e.g. 522)");
}

TEST(FtpsJudge, ClearTextOnTheTlsControlChannelFailsWhateverElseHappened) {
  const auto& s = scenario("ftps.data-resume-drops-ems.srv");
  auto r = good_client_session({"RETR tlsc-download.bin"});
  auto& d = r.transfers[0];
  d.tls = aborted_by_alert(AlertDescription::kHandshakeFailure);  // the abort the scenario wants ...
  d.resumption_offered_by = "session-id";
  d.tls.resumption_offered = true;
  d.tls.resumption_offered_by = "session-id";
  d.final_code = 522;  // ... even with a proper reply
  d.data.clear();
  auto res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::pass) << res.reason;
  r.plaintext_on_tls_control = true;
  r.plaintext_line = "500 OOPS: inconsistent extms";
  res = judged(s, view_client_session(s, r));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.diagnosis,
            "the IUT wrote '500 OOPS: inconsistent extms' in clear text on the TLS-protected control channel (RFC 4217 4)");
  EXPECT_EQ(res.observations["plaintext_on_tls_control"], true);
}

TEST(FtpsJudge, AnUnreachableServerIsAnError) {
  ftps::FtpsClientReport r;
  r.error = "connect 127.0.0.1:1: refused";
  const auto res = judged(scenario("ftps.data-full-handshake.srv"), view_client_session(scenario("ftps.data-full-handshake.srv"), r));
  EXPECT_EQ(res.verdict, Verdict::error);
  EXPECT_EQ(res.reason, "cannot connect to the IUT server: connect 127.0.0.1:1: refused");
}

// Our server's view of an IUT client: the reply codes paired with the commands, the data
// connections in the order opened, and the checksums of what it stored and saved.
ftps::FtpsServerReport server_session() {
  ftps::FtpsServerReport r;
  r.tls = true;
  r.quit = true;
  r.control = handshake(engine::ResumedBy::kNone, true);
  r.commands = {"AUTH TLS", "PBSZ 0", "PROT P", "USER anonymous", "PASS ****", "PASV", "LIST", "PASV",
                "RETR tlsc-download.bin", "PASV", "STOR tlsc-upload.bin", "QUIT"};
  r.reply_codes = {220, 234, 200, 200, 331, 230, 227, 150, 226, 227, 150, 226, 227, 150, 226, 221};
  for (const char* c : {"LIST", "RETR tlsc-download.bin", "STOR tlsc-upload.bin"}) {
    ftps::ServerDataReport d;
    d.command = c;
    d.accepted = true;
    d.tls = handshake(engine::ResumedBy::kTicket, true);
    d.resumed_control_session = d.ems_control = d.ems_data = true;
    d.final_code = 226;
    if (std::string(c).rfind("STOR", 0) == 0) d.data = ftps_payload::upload();
    r.data.push_back(d);
  }
  return r;
}

TEST(FtpsJudge, IutClientSessionObservationsAndChecksums) {
  const auto& s = scenario("ftps.data-resumes-control.cli");
  auto v = view_server_session(s, {server_session()}, ftps_payload::download());
  ASSERT_EQ(v.connections.size(), 4u);
  EXPECT_EQ(v.connections[0].ftps["auth_code"], 234);
  EXPECT_EQ(v.connections[0].ftps["pbsz_code"], 200);
  EXPECT_EQ(v.connections[0].ftps["login_code"], 230);
  EXPECT_EQ(v.connections[0].ftps["quit_code"], 221);
  EXPECT_EQ(v.connections[2].ftps["checksum_match"], true);  // the file the client saved
  EXPECT_EQ(v.connections[3].ftps["checksum_match"], true);  // what it stored
  EXPECT_EQ(v.connections[3].ftps["resumed_by"], "ticket");
  EXPECT_EQ(v.download_checksum, "match");
  auto res = judged(s, v);
  EXPECT_EQ(res.verdict, Verdict::pass) << res.reason;
  EXPECT_EQ(res.observations["download_checksum"], "match");

  // A client that cannot show its file: the download's checksum is unknown, not a fail.
  v = view_server_session(s, {server_session()}, std::nullopt);
  EXPECT_TRUE(v.connections[2].ftps["checksum_match"].is_null());
  EXPECT_EQ(judged(s, v).verdict, Verdict::pass);
  EXPECT_EQ(judged(s, v).observations["download_checksum"], "unknown");

  // A corrupted download or upload fails.
  auto bad = ftps_payload::download();
  bad[100] ^= 1;
  res = judged(s, view_server_session(s, {server_session()}, bad));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason, "connection 3 of 4 (data: RETR tlsc-download.bin): transfer_result is \"corrupted\", expected \"transferred\"");
  auto up = server_session();
  up.data[2].data.pop_back();
  res = judged(s, view_server_session(s, {up}, ftps_payload::download()));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason.rfind("connection 4 of 4 (data: STOR tlsc-upload.bin): ", 0), 0u) << res.reason;
}

TEST(FtpsJudge, IutClientDataConnectionsAcrossControlConnectionsAndMissingOnes) {
  const auto& s = scenario("ftps.data-resumes-control.cli");
  // Like curl with --next: LIST and RETR on one control connection, STOR on a second one.
  auto a = server_session(), b = server_session();
  a.data.pop_back();
  b.data.erase(b.data.begin(), b.data.begin() + 2);
  auto res = judged(s, view_server_session(s, {a, b}, ftps_payload::download()));
  EXPECT_EQ(res.verdict, Verdict::pass) << res.reason;
  res = judged(s, view_server_session(s, {a}, ftps_payload::download()));
  EXPECT_EQ(res.verdict, Verdict::fail);
  EXPECT_EQ(res.reason, "connection 4 of 4 (data: STOR): did not happen: the IUT client opened 2 data connection(s), not 3");
  res = judged(s, view_server_session(s, {}, std::nullopt));
  EXPECT_EQ(res.verdict, Verdict::error);
  EXPECT_EQ(res.reason, "the IUT client did not connect");
}

TEST(FtpsJudge, IutClientThatDoesNotOfferResumptionIsNotTheCase) {
  const auto& s = scenario("ftps.certreq-in-data-resume.cli");
  auto r = server_session();
  r.data[0].tls = handshake(engine::ResumedBy::kNone, true);  // a full handshake: nothing offered
  const auto res = judged(s, view_server_session(s, {r}, std::nullopt));
  EXPECT_EQ(res.verdict, Verdict::skip);
  EXPECT_NE(res.reason.find("the IUT client did not offer to resume the control session"), std::string::npos) << res.reason;
}

// run_scenario never runs a scenario of another protocol than the IUT's (and needs no endpoint
// to say so).
TEST(FtpsJudge, ProtocolMismatchIsASkipWithItsReason) {
  RunOptions tls;
  auto run = run_scenario(scenario("ftps.data-full-handshake.srv"), tls, nullptr, nullptr);
  EXPECT_EQ(run.result.verdict, Verdict::skip);
  EXPECT_EQ(run.result.reason, "the scenario is for ftps IUTs; this IUT is a tls IUT");
  EXPECT_TRUE(run.reports.empty());
  RunOptions ftps;
  ftps.protocol = "ftps";
  run = run_scenario(scenario("ems.full.negotiated.srv"), ftps, nullptr, nullptr);
  EXPECT_EQ(run.result.verdict, Verdict::skip);
  EXPECT_EQ(run.result.reason, "the scenario is for tls IUTs; this IUT is a ftps IUT");
  EXPECT_EQ(applicability(scenario("ems.full.negotiated.srv"), {"tls", true, true, nullptr}).kind, Inapplicable::kNone);
  EXPECT_EQ(applicability(scenario("ems.full.negotiated.srv"), {"ftps", true, true, nullptr}).kind, Inapplicable::kProtocol);
}

}  // namespace
}  // namespace tlsc::scenarios
