// Handshakes per second, engine client vs engine server over a MemoryPipe (two threads): full,
// resumed by session ID and resumed by ticket, one suite per key-exchange family plus CBC.
// No application data: each iteration is one handshake and the close_notify exchange.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "peers/crypto/keys.h"
#include "peers/engine/peer.h"
#include "peers/record/cipher_suite.h"
#include "peers/transport/memory_pipe.h"

namespace {

using namespace tlsc;

struct Credentials {
  engine::Credential rsa;
  engine::Credential ecdsa;
};

// Self-signed, generated once per process (OpenSSL's RNG; never written to disk).
const Credentials& credentials() {
  static const Credentials creds = [] {
    auto make = [](crypto::PrivateKey key) {
      auto cert = crypto::Certificate::self_signed(key, "localhost");
      engine::Credential c;
      c.chain = {cert->der()};
      c.key = std::make_shared<crypto::PrivateKey>(std::move(key));
      return c;
    };
    return Credentials{make(*crypto::PrivateKey::generate_rsa(2048)),
                       make(*crypto::PrivateKey::generate_ec(crypto::NamedGroup::secp256r1))};
  }();
  return creds;
}

enum class Mode { kFull, kResumeById, kResumeByTicket };

struct Case {
  const char* suite;  // OpenSSL-style name
  NamedGroup group;   // offered by the client (ignored by RSA key transport)
};

const Case kCases[] = {
    {"ECDHE-RSA-AES128-GCM-SHA256", NamedGroup::kX25519},
    {"ECDHE-RSA-AES128-GCM-SHA256", NamedGroup::kSecp256r1},
    {"ECDHE-ECDSA-AES128-GCM-SHA256", NamedGroup::kX25519},
    {"DHE-RSA-AES128-GCM-SHA256", NamedGroup::kFfdhe2048},
    {"AES128-GCM-SHA256", NamedGroup::kX25519},
    {"ECDHE-RSA-AES128-SHA", NamedGroup::kX25519},  // CBC + HMAC-SHA1
};

engine::ConnectionReport handshake(const engine::ClientConfig& c, const engine::ServerConfig& s) {
  auto pipe = transport::make_memory_pipe();
  engine::ConnectionReport server_report;
  std::thread server([&] { server_report = engine::run_server(*pipe.b, s); });
  engine::ConnectionReport client_report = engine::run_client(*pipe.a, c);
  server.join();
  return client_report;
}

void BM_Handshake(benchmark::State& state, Case kase, Mode mode) {
  const record::CipherSuite* suite = record::find_cipher_suite(std::string_view(kase.suite));
  if (!suite) return state.SkipWithError("unknown suite");
  engine::ServerConfig s;
  s.rsa = credentials().rsa;
  s.ecdsa = credentials().ecdsa;
  s.state = std::make_shared<engine::ServerState>(7);
  s.issue_tickets = mode != Mode::kResumeById;  // session-ID resumption measured without tickets
  engine::ClientConfig c;
  c.suites = {CipherSuite{suite->code}};
  c.groups = {kase.group};
  c.offer_tickets = mode != Mode::kResumeById;
  c.resume_by_ticket = mode == Mode::kResumeByTicket;
  c.seed = 1;

  if (mode != Mode::kFull) {
    auto first = handshake(c, s);
    if (!first.handshake_complete || !first.session) return state.SkipWithError("initial handshake failed");
    c.resume = first.session;
    c.seed = 2;
  }
  const auto expected = mode == Mode::kFull             ? engine::ResumedBy::kNone
                        : mode == Mode::kResumeById     ? engine::ResumedBy::kSessionId
                                                        : engine::ResumedBy::kTicket;
  uint64_t seed = 100;
  for (auto _ : state) {
    c.seed = seed++;  // a fresh client random (and key share) per handshake, replayable
    auto r = handshake(c, s);
    if (!r.handshake_complete || r.resumed != expected) {
      state.SkipWithError(("handshake did not complete as expected: " + r.describe()).c_str());
      break;
    }
  }
  state.counters["handshakes/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

bool register_all() {
  const std::pair<Mode, const char*> modes[] = {
      {Mode::kFull, "full"}, {Mode::kResumeById, "resume-id"}, {Mode::kResumeByTicket, "resume-ticket"}};
  for (const auto& kase : kCases)
    for (const auto& [mode, label] : modes) {
      std::string name = std::string("Handshake/") + label + "/" + kase.suite;
      if (std::string_view(kase.suite).find("ECDHE") != std::string_view::npos ||
          std::string_view(kase.suite).find("DHE") != std::string_view::npos)
        name += "/" + kase.group.name();
      benchmark::RegisterBenchmark(name.c_str(), BM_Handshake, kase, mode)->UseRealTime()->Unit(benchmark::kMicrosecond);
    }
  return true;
}

const bool registered = register_all();

}  // namespace
