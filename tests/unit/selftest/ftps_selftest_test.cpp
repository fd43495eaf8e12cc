// The FTPS self-test: our own FTPS server and client are the IUT (iut/profiles/tlsconform-ftps.json
// runs `tlsconform peer ftps-server|ftps-client`). In its default configuration the pair passes
// every ftps scenario in both roles; each non-compliant configuration turns exactly the ftps
// scenarios that check its deviation to fail (or, where the deviation keeps the case from
// happening, skip), with the diagnosis that names it, and leaves the others passing.
#include <gtest/gtest.h>

#include <set>

#include "tests/unit/selftest/catalog_run.h"

namespace tlsc::selftest {
namespace {

using results::Verdict;

const std::vector<std::string> kFtpsIds = {
    "ftps.data-resumes-control.id.srv", "ftps.data-resumes-control.ticket.srv", "ftps.data-full-handshake.srv",
    "ftps.data-resume-drops-ems.srv",   "ftps.control-no-ems-data-ems.srv",     "ftps.data-resumes-control.cli",
    "ftps.server-resumes-without-ems.cli", "ftps.certreq-in-data-resume.cli"};

CatalogRun run_ftps(const std::string& config) { return run_catalog_of("tlsconform-ftps", config, {"ftps"}); }

// Every ftps scenario ran; every result is a pass except exactly `expected`.
void expect_exactly(const CatalogRun& run, const std::vector<Expected>& expected) {
  ASSERT_TRUE(run.problems.empty()) << run.problems.front();
  ASSERT_EQ(run.by_id.size(), kFtpsIds.size()) << run.output;
  const std::set<std::string> named = expect_named(run, expected);
  for (const auto& id : kFtpsIds) {
    ASSERT_TRUE(run.by_id.count(id)) << "no result for " << id << "\n" << run.output;
    if (!named.count(id)) {
      EXPECT_EQ(results::to_string(run.by_id.at(id).verdict), "pass") << id << ": " << describe(run.by_id.at(id));
    }
  }
  expect_exit_code(run, expected);
}

const nlohmann::ordered_json& data_connection(const results::Result& r, size_t i) {
  return r.observations["connections"][i];
}

TEST(FtpsSelfTest, DefaultPairPassesEveryFtpsScenarioInBothRoles) {
  auto run = run_ftps("default");
  expect_exactly(run, {});
  // The observations every result carries per data connection: resumed and how, EMS on control and
  // data, the reply codes, the checksum.
  for (const char* id : {"ftps.data-resumes-control.id.srv", "ftps.data-resumes-control.ticket.srv"}) {
    const auto& r = run.by_id.at(id);
    const auto& conns = r.observations["connections"];
    ASSERT_EQ(conns.size(), 5u) << id;
    EXPECT_EQ(conns[0]["auth_code"], 234);
    EXPECT_EQ(conns[0]["prot_code"], 200);
    for (size_t i = 1; i < 5; ++i) {
      EXPECT_EQ(conns[i]["resumed_by"], std::string(id).find(".ticket.") != std::string::npos ? "ticket" : "session-id") << id << i;
      EXPECT_EQ(conns[i]["resumed_control_session"], true);
      EXPECT_EQ(conns[i]["ems_control"], true);
      EXPECT_EQ(conns[i]["ems_data"], true);
      EXPECT_EQ(conns[i]["final_code"], 226);
    }
    EXPECT_EQ(conns[1]["transfer"], "LIST");
    EXPECT_TRUE(conns[1]["checksum_match"].is_null());  // a listing has no reference checksum
    EXPECT_EQ(conns[2]["checksum_match"], true);       // RETR of the served file
    EXPECT_EQ(conns[3]["checksum_match"], true);       // STOR, fetched back by ...
    EXPECT_EQ(conns[4]["checksum_match"], true);       // ... this RETR
    EXPECT_EQ(conns[2]["bytes"], 150001);
  }
  // Our server requires reuse: the full data handshake is refused with 522, a pass.
  const auto& full = run.by_id.at("ftps.data-full-handshake.srv");
  EXPECT_EQ(full.observations["requires_session_reuse"], true);
  EXPECT_EQ(data_connection(full, 1)["final_code"], 522);
  // The IUT client's download is checked against the served file.
  EXPECT_EQ(run.by_id.at("ftps.data-resumes-control.cli").observations["download_checksum"], "match");
  EXPECT_EQ(data_connection(run.by_id.at("ftps.data-resumes-control.cli"), 3)["checksum_match"], true);  // STOR
}

TEST(FtpsSelfTest, ServerThatDoesNotRequireReuseStillPassesAndIsObservedSo) {
  auto run = run_ftps("no-reuse-required");
  expect_exactly(run, {});
  const auto& full = run.by_id.at("ftps.data-full-handshake.srv");
  EXPECT_EQ(full.observations["requires_session_reuse"], false);
  EXPECT_EQ(data_connection(full, 1)["transfer_result"], "transferred");
  EXPECT_EQ(data_connection(full, 1)["checksum_match"], true);
  EXPECT_EQ(data_connection(full, 1)["resumed_by"], "none");
}

TEST(FtpsSelfTest, ServerResumingWithoutEmsFailsTheServerEmsScenarios) {
  expect_exactly(run_ftps("server-resumes-without-ems"),
                 {{"ftps.data-resume-drops-ems.srv", Verdict::fail, "the IUT server resumed the data connection without EMS"},
                  {"ftps.control-no-ems-data-ems.srv", Verdict::fail,
                   "the IUT server resumed the non-EMS control session for a data ClientHello with EMS"}});
}

TEST(FtpsSelfTest, ServerSendingCertificateRequestInDataResumptionFailsTheResumptionScenarios) {
  expect_exactly(run_ftps("server-certreq-in-data-resumption"),
                 {{"ftps.data-resumes-control.id.srv", Verdict::fail, "does not belong at this point of the handshake (RFC 5246 7.3"},
                  {"ftps.data-resumes-control.ticket.srv", Verdict::fail, "does not belong at this point of the handshake (RFC 5246 7.3"}});
}

TEST(FtpsSelfTest, ServerWritingClearTextOnTheTlsControlChannelFailsEveryServerScenario) {
  std::vector<Expected> e;
  for (const auto& id : kFtpsIds)
    if (id.size() > 4 && id.compare(id.size() - 4, 4, ".srv") == 0)
      e.push_back({id, Verdict::fail,
                   "the IUT wrote '200 PBSZ=0' in clear text on the TLS-protected control channel (RFC 4217 4)"});
  ASSERT_EQ(e.size(), 5u);
  auto run = run_ftps("server-plaintext-on-control");
  expect_exactly(run, e);
  if (run.by_id.count("ftps.data-full-handshake.srv")) {
    EXPECT_EQ(run.by_id.at("ftps.data-full-handshake.srv").observations["plaintext_on_tls_control"], true);
  }
}

TEST(FtpsSelfTest, ClientThatDoesNotResumeFailsReuseAndSkipsTheResumptionCases) {
  expect_exactly(run_ftps("client-no-data-resumption"),
                 {{"ftps.data-resumes-control.cli", Verdict::fail,
                   "the IUT client did not resume the control session on the data connection, which the server requires"},
                  {"ftps.server-resumes-without-ems.cli", Verdict::skip, "the IUT client did not offer to resume"},
                  {"ftps.certreq-in-data-resume.cli", Verdict::skip, "the IUT client did not offer to resume"}});
}

// The violation is reported in every scenario it stops, under its rule (RFC 7627 5.3), never hidden
// as a skip of the cases it prevents.
TEST(FtpsSelfTest, ClientDroppingEmsOnDataFailsEveryScenarioItReaches) {
  expect_exactly(run_ftps("client-drops-ems-on-data"),
                 {{"ftps.data-resumes-control.cli", Verdict::fail, "with an EMS state other than the session's (RFC 7627 5.3)"},
                  {"ftps.server-resumes-without-ems.cli", Verdict::fail, "without the extended_master_secret extension (RFC 7627 5.3 MUST)"},
                  {"ftps.certreq-in-data-resume.cli", Verdict::fail, "without the extended_master_secret extension (RFC 7627 5.3 MUST)"}});
}

TEST(FtpsSelfTest, ClientAcceptingAnEmsLessResumptionFailsOnlyThatScenario) {
  expect_exactly(run_ftps("client-accepts-ems-less-resumption"),
                 {{"ftps.server-resumes-without-ems.cli", Verdict::fail,
                   "the IUT client accepted a data-connection resumption of its EMS control session with a ServerHello "
                   "that lacks EMS"}});
}

TEST(FtpsSelfTest, ClientAcceptingCertificateRequestInDataResumptionFailsOnlyThatScenario) {
  expect_exactly(run_ftps("client-accepts-certreq-in-resumption"),
                 {{"ftps.certreq-in-data-resume.cli", Verdict::fail,
                   "the IUT client completed a data-connection resumption that carried a CertificateRequest"}});
}

// A TLS IUT is not given the FTPS family, nor an FTPS IUT the TLS families: such units are not
// planned (nothing starts, no matrix cell), and a selection with nothing else is a usage error.
TEST(FtpsSelfTest, ProtocolsDoNotMix) {
  auto tls_on_ftps = run_catalog_of("tlsconform-ftps", "default", {"ems"});
  EXPECT_EQ(tls_on_ftps.exit_code, 2) << tls_on_ftps.output;
  EXPECT_NE(tls_on_ftps.output.find("no scenario of the selection applies"), std::string::npos) << tls_on_ftps.output;
  EXPECT_TRUE(tls_on_ftps.by_id.empty());
  auto ftps_on_tls = run_catalog_of("tlsconform-peer", "default", {"ftps"});
  EXPECT_EQ(ftps_on_tls.exit_code, 2) << ftps_on_tls.output;
  EXPECT_TRUE(ftps_on_tls.by_id.empty());
  // Both families against the FTPS IUT: exactly the ftps scenarios ran.
  auto both = run_catalog_of("tlsconform-ftps", "default", {"ems", "ftps"});
  ASSERT_EQ(both.by_id.size(), kFtpsIds.size()) << both.output;
  for (const auto& [id, r] : both.by_id) EXPECT_EQ(id.rfind("ftps.", 0), 0u) << id;
}

}  // namespace
}  // namespace tlsc::selftest
