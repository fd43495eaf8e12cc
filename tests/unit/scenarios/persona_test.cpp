// The Windows persona (scenarios/personas/windows-2019.json): its facts cite sources, our client
// under it sends Microsoft's documented suite order, and its server enforces RFC 7627 5.3.
#include <gtest/gtest.h>

#include <algorithm>

#include "peers/record/cipher_suite.h"
#include "scenarios/persona.h"
#include "scenarios/peer_setup.h"
#include "tests/unit/engine/engine_fixture.h"
#include "tests/unit/scenarios/engine_iut.h"

namespace tlsc::scenarios {
namespace {

using engine::testing::parse_sent;
using engine::testing::run_pair;

// Microsoft, "TLS Cipher Suites in Windows 10 v1809": the suites enabled by default, in priority
// order, transcribed from the page (the 22nd and 23rd, the NULL suites, are used only when an
// application asks for them).
const std::vector<std::string> kWindows1809Order = {
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",   "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",     "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",   "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",         "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA256",         "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA",            "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA"};

const Persona& windows() {
  static const Persona p = find_persona("windows-2019");
  return p;
}

PeerEnv persona_env() {
  PeerEnv e = env();
  e.persona_client = windows().client.peer;
  e.persona_server = windows().server.peer;
  return e;
}

std::vector<CipherSuite> offered_suites(const engine::ClientConfig& client) {
  const auto pair = run_pair(client, engine::testing::server_config());
  auto hello = parse_sent<msg::ClientHello>(pair.client.bytes_sent);
  return hello ? hello->cipher_suites : std::vector<CipherSuite>{};
}

TEST(WindowsPersona, EverySettingCitesASourceOrSaysItIsAnAssumption) {
  const Persona& p = windows();
  ASSERT_FALSE(p.sources.empty());
  for (const auto* side : {&p.client, &p.server}) {
    ASSERT_FALSE(side->notes.empty());
    for (const auto& n : side->notes) EXPECT_NE(n.source.empty(), n.assumption.empty()) << n.about;
    // The documented settings name their Microsoft page.
    for (const char* about : {"suites", "groups", "ems"}) {
      auto it = std::find_if(side->notes.begin(), side->notes.end(), [&](const auto& n) { return n.about == about; });
      ASSERT_NE(it, side->notes.end()) << about;
      EXPECT_FALSE(it->source.empty()) << about << " must cite a source";
    }
  }
  EXPECT_TRUE(std::any_of(p.sources.begin(), p.sources.end(),
                          [](const Source& s) { return s.url.find("tls-cipher-suites-in-windows-10-v1809") != std::string::npos; }));
}

TEST(WindowsPersona, OurClientHelloCarriesTheDocumentedSuitesInTheDocumentedOrder) {
  std::vector<CipherSuite> expected;  // Microsoft's order, less what our engine cannot speak
  for (const auto& name : kWindows1809Order)
    if (const auto* s = record::find_cipher_suite(name)) expected.push_back(CipherSuite{s->code});
  ASSERT_GE(expected.size(), 20u) << "our engine should speak all but 3DES of the list";
  const auto cfg = client_config(PeerSettings{}, {}, persona_env(), 11, std::nullopt);
  EXPECT_EQ(offered_suites(cfg), expected);
}

TEST(WindowsPersona, AScenariosOwnSettingsWinOverThePersonas) {
  PeerSettings dhe_only;
  dhe_only.suites = {"dhe"};
  const auto suites = offered_suites(client_config(dhe_only, {}, persona_env(), 12, std::nullopt));
  ASSERT_FALSE(suites.empty());
  for (auto s : suites) EXPECT_EQ(record::find_cipher_suite(s.value)->key_exchange, record::KeyExchange::dhe_rsa);
}

TEST(WindowsPersona, TheExtensionOrderOfASettingIsTheClientHellos) {
  PeerSettings ordered;
  ordered.extension_order = {ExtensionType::kExtendedMasterSecret, ExtensionType::kRenegotiationInfo};
  const auto pair = run_pair(client_config(ordered, {}, persona_env(), 13, std::nullopt), engine::testing::server_config());
  auto hello = parse_sent<msg::ClientHello>(pair.client.bytes_sent);
  ASSERT_TRUE(hello && hello->extensions && hello->extensions->size() >= 3);
  EXPECT_EQ((*hello->extensions)[0].type, ExtensionType::kExtendedMasterSecret);
  EXPECT_EQ((*hello->extensions)[1].type, ExtensionType::kRenegotiationInfo);
}

// The persona's server against our engine's client as the IUT: RFC 7627 5.3 as the October 2019
// updates enforce it.
struct Resumed {
  engine::testing::Pair first, second;
};

Resumed resume(bool first_ems, bool second_ems) {
  auto state = std::make_shared<engine::ServerState>(31);
  const auto server = server_config(PeerSettings{}, {}, persona_env(), 21, state);
  auto client = engine::testing::client_config();
  client.quirks.OmitEms = !first_ems;
  Resumed r;
  r.first = run_pair(client, server);
  EXPECT_TRUE(r.first.client.handshake_complete) << r.first.client.describe();
  client.quirks.OmitEms = !second_ems;
  client.quirks.OfferNonEmsSession = true;  // offer the session whatever its EMS state
  client.resume = r.first.client.session;
  r.second = run_pair(client, server);
  return r;
}

TEST(WindowsPersona, ItsServerResumesAnEmsSessionOfferedWithEms) {
  const auto r = resume(true, true);
  EXPECT_NE(r.second.server.resumed, engine::ResumedBy::kNone);  // by ticket: the persona issues them
  EXPECT_TRUE(r.second.server.ems_used);
}

TEST(WindowsPersona, ItsServerAbortsWhenAnEmsSessionIsOfferedWithoutEms) {
  const auto r = resume(true, false);  // RFC 7627 5.3: MUST abort
  EXPECT_FALSE(r.second.client.handshake_complete);
  ASSERT_FALSE(r.second.server.alerts.empty());
  EXPECT_EQ(r.second.server.alerts.back().description, AlertDescription::kHandshakeFailure);
}

TEST(WindowsPersona, ItsServerDoesAFullHandshakeForASessionWithoutEmsOfferedWithEms) {
  const auto r = resume(false, true);  // RFC 7627 5.3: MUST NOT resume
  EXPECT_TRUE(r.second.server.handshake_complete);
  EXPECT_EQ(r.second.server.resumed, engine::ResumedBy::kNone);
  EXPECT_TRUE(r.second.server.ems_used);
}

TEST(WindowsPersona, ItsServerDoesNotResumeASessionWithoutEmsAtAll) {
  const auto r = resume(false, false);  // RFC 7627 5.3 SHOULD abort; the enforced stack does not resume
  EXPECT_EQ(r.second.server.resumed, engine::ResumedBy::kNone);
}

TEST(Personas, AnUnknownNameIsOneLineThatListsTheKnownOnes) {
  try {
    find_persona("windows-1995");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("windows-2019"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

TEST(Personas, ANoteCitingNoSourceOfTheFileIsRefusedNamingTheField) {
  const std::string text = R"({"persona": "x", "title": "t", "sources": [{"id": "a", "title": "A", "url": "u"}],
    "client": {"peer": {}, "notes": [{"about": "suites", "source": "b"}]}, "server": {"peer": {}}})";
  try {
    load_persona_text(text, "x.json", "x");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "x.json: client.notes[0].source: 'b' is not one of the file's sources");
  }
}

}  // namespace
}  // namespace tlsc::scenarios
