// The self-test: our own engine is the IUT (iut/profiles/tlsconform-peer.json runs `tlsconform peer
// server|client`). In its default configuration the engine passes the whole catalog. Each
// non-compliant configuration (one quirk, or a few that make one deviation) turns exactly the
// scenarios that check that requirement from pass to fail or warn, with the diagnosis that names
// the deviation, and nothing else: each test runs the whole catalog and states every result that
// is not a pass.
#include <gtest/gtest.h>

#include <set>

#include "tests/unit/selftest/catalog_run.h"

namespace tlsc::selftest {
namespace {

using results::Verdict;

// The two statistical scenarios are skipped in every run without --repeat.
const std::vector<Expected> kStatistical = {
    {"dhe.natural-rate.srv", Verdict::skip, "statistical scenario: run with --repeat N"},
    {"dhe.natural-rate.cli", Verdict::skip, "statistical scenario: run with --repeat N"},
};

// Every result of the run is a pass except exactly `expected` (plus the statistical skips), each
// with its verdict and text.
void expect_exactly(const CatalogRun& run, std::vector<Expected> expected) {
  ASSERT_TRUE(run.problems.empty()) << run.problems.front();
  ASSERT_GE(run.by_id.size(), 59u) << run.output;  // the whole catalog ran
  expected.insert(expected.end(), kStatistical.begin(), kStatistical.end());
  const std::set<std::string> named = expect_named(run, expected);
  for (const auto& [id, r] : run.by_id) {
    if (named.count(id)) continue;
    // A TLS IUT runs no FTPS scenario: they are not even planned.
    EXPECT_NE(id.rfind("ftps.", 0), 0u) << id << " was run against a TLS IUT: " << describe(r);
    EXPECT_EQ(results::to_string(r.verdict), "pass") << id << ": " << describe(r);
  }
  expect_exit_code(run, expected);
}

void add(std::vector<Expected>& v, std::initializer_list<std::string> ids, Verdict verdict, const std::string& text) {
  for (const auto& id : ids) v.push_back({id, verdict, text});
}

TEST(SelfTest, DefaultEnginePassesTheWholeCatalog) {
  auto run = run_catalog("default", {});
  expect_exactly(run, {});
  std::cout << "default: " << run.by_id.size() << " results in " << run.seconds << " s\n";
}

TEST(SelfTest, PaddedDhePremasterFailsOnlyTheLeadingZeroScenarios) {
  auto run = run_catalog("pad-dhe", {});
  std::vector<Expected> e;
  add(e, {"dhe.z-leading-zero.ems.srv", "dhe.z-leading-zero.no-ems.srv", "dhe.z-two-leading-zeros.srv"}, Verdict::fail,
      "the IUT pads the DHE premaster to the length of p");
  // The client side: the key-schedule oracle names what the IUT client derived.
  add(e, {"dhe.z-leading-zero.ems.cli"}, Verdict::fail, "the client used the extended master secret over the padded");
  add(e, {"dhe.z-leading-zero.no-ems.cli"}, Verdict::fail, "the client used the standard master secret over the padded");
  expect_exactly(run, e);
}

TEST(SelfTest, StrippedEcdhePremasterFailsOnlyTheLeadingZeroScenarios) {
  auto run = run_catalog("strip-ecdhe", {});
  std::vector<Expected> e;
  add(e, {"ecdhe.x-leading-zero.p256.srv", "ecdhe.x-leading-zero.p384.srv", "ecdhe.x-leading-zero.p521.srv",
          "ecdhe.x-leading-zero.x25519.srv"},
      Verdict::fail, "the IUT strips the leading zero bytes of the ECDHE shared secret");
  add(e, {"ecdhe.x-leading-zero.p256.cli", "ecdhe.x-leading-zero.p384.cli", "ecdhe.x-leading-zero.p521.cli",
          "ecdhe.x-leading-zero.x25519.cli"},
      Verdict::fail, "the extended master secret over the stripped");
  expect_exactly(run, e);
}

TEST(SelfTest, AcceptingAMalformedEmsFailsOnlyTheMalformedScenarios) {
  auto run = run_catalog("accept-malformed-ems", {});
  std::vector<Expected> e;
  add(e, {"ems.full.malformed.srv"}, Verdict::fail, "the IUT accepted an extended_master_secret extension with a non-empty body");
  add(e, {"ems.full.malformed.cli"}, Verdict::fail,
      "the IUT client accepted an extended_master_secret extension with a non-empty body");
  expect_exactly(run, e);
}

// Scenarios whose case needs the IUT client to offer a resumption of its session: an IUT client
// without EMS holds only non-EMS sessions and (RFC 7627 5.3 SHOULD NOT) does not offer them.
const std::initializer_list<std::string> kNeedsClientResumptionOffer = {
    "certreq.in-abbreviated.id.cli",     "certreq.in-abbreviated.ticket.cli", "certreq.full-flight-in-abbreviated.cli",
    "certreq.after-declined-resume.cli", "certreq.renegotiate-after-resume.cli"};

TEST(SelfTest, ClaimingEmsWithoutNegotiatingItFailsTheEmsScenarios) {
  auto run = run_catalog("no-ems", {});
  std::vector<Expected> e;
  add(e, {"ems.full.negotiated.srv"}, Verdict::fail, "the IUT does not echo extended_master_secret");
  add(e, {"ems.full.negotiated.cli"}, Verdict::fail, "the IUT client does not offer extended_master_secret");
  add(e, {"ems.full.client-auth.srv"}, Verdict::fail, "the IUT did not negotiate EMS");
  // Without an EMS session the resumption cases cannot be reached: skips, not misdiagnoses.
  add(e, {"ems.resume.yes-yes.id.srv", "ems.resume.yes-yes.ticket.srv", "ems.resume.yes-no.id.srv",
          "ems.resume.yes-no.ticket.srv"},
      Verdict::skip, "the IUT did not negotiate EMS, so there is no EMS session to resume");
  add(e, {"ems.resume.yes-yes.id.cli", "ems.resume.yes-yes.ticket.cli", "ems.resume.yes-no.id.cli",
          "ems.resume.yes-no.ticket.cli"},
      Verdict::skip, "the IUT client did not offer to resume");
  add(e, {"ems.full.malformed.cli"}, Verdict::skip, "the IUT client did not offer EMS");
  add(e, kNeedsClientResumptionOffer, Verdict::skip, "the IUT client did not offer to resume");
  // The non-EMS session is (correctly, RFC 7627 5.3) not resumed for a ClientHello with EMS.
  add(e, {"certreq.resume-authenticated.srv"}, Verdict::warn, "the IUT did not resume the authenticated session");
  expect_exactly(run, e);
}

TEST(SelfTest, LegacyPeerDeclaredAsSuchFailsNothing) {
  auto run = run_catalog("ems-off", {});
  std::vector<Expected> e;
  for (const auto& [id, r] : run.by_id) {
    if (id.rfind("ems.", 0) == 0 && id != "ems.full.client-omits.srv" && id != "ems.full.server-omits.cli" &&
        id != "ems.full.unsolicited.cli")
      e.push_back({id, Verdict::skip, "lacks the capability 'ems'"});
  }
  EXPECT_EQ(e.size(), 22u);  // every ems scenario but the three for a legacy peer
  add(e, kNeedsClientResumptionOffer, Verdict::skip, "the IUT client did not offer to resume");
  // Resuming an authenticated session is checked on EMS sessions only (RFC 7627 5.3 forbids
  // resuming a non-EMS session for the EMS ClientHello our client sends).
  add(e, {"certreq.resume-authenticated.srv"}, Verdict::skip, "lacks the capability 'ems'");
  expect_exactly(run, e);
}

TEST(SelfTest, ServerResumingRegardlessOfEmsFailsTheServerResumptionRules) {
  auto run = run_catalog("resume-regardless-of-ems", {});
  std::vector<Expected> e;
  add(e, {"ems.resume.yes-no.id.srv", "ems.resume.yes-no.ticket.srv"}, Verdict::fail,
      "the IUT resumed an EMS session for a ClientHello without EMS");
  add(e, {"ems.resume.no-yes.id.srv", "ems.resume.no-yes.ticket.srv"}, Verdict::fail,
      "the IUT resumed a session created without EMS for a ClientHello with EMS");
  add(e, {"ems.resume.no-no.id.srv", "ems.resume.no-no.ticket.srv"}, Verdict::warn,
      "the IUT resumed a session where neither side uses EMS");
  expect_exactly(run, e);
}

TEST(SelfTest, ClientAcceptingAnEmsMismatchFailsOnlyYesNo) {
  auto run = run_catalog("accept-ems-mismatch", {});
  std::vector<Expected> e;
  add(e, {"ems.resume.yes-no.id.cli", "ems.resume.yes-no.ticket.cli"}, Verdict::fail,
      "the IUT client accepted a resumption of its EMS session with a ServerHello that lacks EMS");
  expect_exactly(run, e);
}

TEST(SelfTest, ClientAcceptingUnsolicitedExtensionsFailsOnlyTheUnsolicitedScenario) {
  auto run = run_catalog("accept-unsolicited", {});
  expect_exactly(run, {{"ems.full.unsolicited.cli", Verdict::fail,
                        "the IUT client accepted an extended_master_secret extension it did not offer"}});
}

TEST(SelfTest, ClientAcceptingCertificateRequestInResumptionFailsOnlyThoseScenarios) {
  auto run = run_catalog("accept-certreq-in-resumption", {});
  std::vector<Expected> e;
  add(e, {"certreq.in-abbreviated.id.cli", "certreq.in-abbreviated.ticket.cli"}, Verdict::fail,
      "the IUT client completed an abbreviated handshake that carried a CertificateRequest");
  // The full flight after an echoed session ID carries a CertificateRequest too: the client lets
  // it pass and then waits for a Finished that never comes.
  add(e, {"certreq.full-flight-in-abbreviated.cli"}, Verdict::fail, "the IUT client hung after the full flight");
  expect_exactly(run, e);
}

TEST(SelfTest, ServerAcceptingAnEmptyClientCertificateFailsOnlyThatScenario) {
  auto run = run_catalog("accept-empty-client-cert", {});
  expect_exactly(run, {{"certreq.empty-certificate.srv", Verdict::fail,
                        "the IUT completed the handshake without the client certificate it requires"}});
}

// The client-session files across processes: a second `peer client` process resumes the first
// one's session, by ticket and (without tickets) by session ID.
TEST(SelfTest, ResumptionAcrossClientProcessesByTicketAndById) {
  auto run = run_catalog("default", {"ems"}, {"--scenario", "ems.resume.yes-yes"});
  ASSERT_EQ(run.by_id.size(), 4u) << run.output;
  for (const auto& [id, r] : run.by_id) {
    EXPECT_EQ(r.verdict, Verdict::pass) << id << ": " << describe(r);
    const auto& conns = r.observations["connections"];
    ASSERT_EQ(conns.size(), 2u) << id;
    EXPECT_EQ(conns[1]["outcome"], "resumed") << id;
    EXPECT_EQ(conns[1]["resumed"], id.find(".ticket.") != std::string::npos ? "ticket" : "session-id") << id;
  }
}

}  // namespace
}  // namespace tlsc::selftest
