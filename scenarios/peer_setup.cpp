#include "scenarios/peer_setup.h"

#include <stdexcept>

#include "peers/engine/names.h"
#include "peers/record/cipher_suite.h"

namespace tlsc::scenarios {
namespace {

// The loader has checked the names (engine/names.h); what it did not set is the default.
ProtocolVersion version_of(const std::optional<std::string>& v) {
  return v ? engine::parse_version_name(*v).value_or(ProtocolVersion::kTls12) : ProtocolVersion::kTls12;
}

NamedGroup group_of(const std::string& name) {
  auto g = engine::parse_group_name(name);
  if (!g) throw std::runtime_error("unknown group '" + name + "'");  // validated at load
  return *g;
}

bool in_family(const record::CipherSuite& s, const std::string& f) {
  using KX = record::KeyExchange;
  if (f == "dhe") return s.key_exchange == KX::dhe_rsa;
  if (f == "ecdhe") return s.key_exchange == KX::ecdhe_rsa || s.key_exchange == KX::ecdhe_ecdsa;
  if (f == "rsa") return s.key_exchange == KX::rsa;
  if (f == "ecdsa") return s.key_exchange == KX::ecdhe_ecdsa;
  if (f == "gcm") return s.cipher == record::BulkCipher::aes_128_gcm || s.cipher == record::BulkCipher::aes_256_gcm;
  if (f == "cbc") return s.is_cbc();
  return false;
}

engine::Credential load(const pki::KeyPair& kp) {
  auto c = engine::Credential::from_pem_files(kp.cert.string(), kp.key.string());
  if (!c) throw std::runtime_error(c.error());
  return std::move(*c);
}

// What our client and our server take alike from the settings and the environment (the quirks
// come last, in client_config/server_config, so a quirk can override any of it).
template <class Config>
void set_common(Config& c, const PeerSettings& p, const PeerEnv& env, uint64_t seed) {
  c.max_version = version_of(p.version);
  c.suites = resolve_suites(p.suites, c.max_version);
  if (!p.groups.empty()) {
    c.groups.clear();
    for (const auto& g : p.groups) c.groups.push_back(group_of(g));
  }
  if (p.ems == false) c.quirks.OmitEms = true;
  c.app_mode = env.app_data;
  c.timeouts.io = env.io_timeout;
  c.timeouts.deadline = env.deadline;
  c.timeouts.stop = env.stop;
  c.seed = seed;
}

}  // namespace

PeerSettings merge(const PeerSettings& base, const PeerSettings& o) {
  PeerSettings m = base;
  if (o.version) m.version = o.version;
  if (!o.suites.empty()) m.suites = o.suites;
  if (!o.groups.empty()) m.groups = o.groups;
  if (o.ems) m.ems = o.ems;
  if (o.tickets) m.tickets = o.tickets;
  if (o.resume) m.resume = o.resume;
  if (o.client_cert) m.client_cert = o.client_cert;
  if (o.request_client_cert) m.request_client_cert = o.request_client_cert;
  if (o.require_client_cert) m.require_client_cert = o.require_client_cert;
  if (o.dh_group) m.dh_group = o.dh_group;
  if (o.allow_legacy_resumption) m.allow_legacy_resumption = o.allow_legacy_resumption;
  if (o.send) m.send = o.send;
  if (!o.extension_order.empty()) m.extension_order = o.extension_order;
  return m;
}

std::vector<CipherSuite> resolve_suites(const std::vector<std::string>& names, ProtocolVersion version) {
  std::vector<CipherSuite> out;
  auto add = [&](const record::CipherSuite& s) {
    if (!s.allowed_in(version.value)) return;
    for (auto c : out)
      if (c.value == s.code) return;
    out.push_back(CipherSuite{s.code});
  };
  if (names.empty()) {
    for (const auto& s : record::all_cipher_suites()) add(s);
    return out;
  }
  for (const auto& n : names) {
    if (const auto* s = record::find_cipher_suite(n)) {
      add(*s);
      continue;
    }
    for (const auto& s : record::all_cipher_suites())
      if (in_family(s, n)) add(s);
  }
  return out;
}

engine::ClientConfig client_config(const PeerSettings& settings, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed,
                                   const std::optional<session::ClientSession>& previous) {
  const PeerSettings p = merge(env.persona_client, settings);
  engine::ClientConfig c;
  set_common(c, p, env, seed);
  if (p.tickets) c.offer_tickets = *p.tickets;
  if (p.resume && previous) {
    c.resume = previous;
    c.resume_by_ticket = *p.resume == engine::ResumedBy::kTicket;
  }
  // RFC 5246 7.4.6: the certificate we answer a CertificateRequest with, where there is one.
  if (p.client_cert.value_or(env.answer_certificate_request)) c.credential = load(env.client_cert.value_or(env.pki.client_rsa));
  c.app_data = p.send ? Bytes(p.send->begin(), p.send->end()) : Bytes{'p', 'i', 'n', 'g', '\n'};
  c.server_name = "localhost";
  c.extension_order = p.extension_order;
  engine::apply(c.quirks, quirks);
  return c;
}

engine::ServerConfig server_config(const PeerSettings& settings, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed, std::shared_ptr<engine::ServerState> state) {
  const PeerSettings p = merge(env.persona_server, settings);
  engine::ServerConfig s;
  set_common(s, p, env, seed);
  s.rsa = load(env.pki.server_rsa);
  s.ecdsa = load(env.pki.server_ecdsa);
  if (p.dh_group) {
    if (const crypto::DhGroup* g = engine::parse_dh_group_name(*p.dh_group)) s.dh_group = *g;
  }
  if (p.tickets) s.issue_tickets = *p.tickets;
  s.request_client_cert = p.request_client_cert.value_or(false);
  s.require_client_cert = p.require_client_cert.value_or(false);
  s.allow_legacy_resumption = p.allow_legacy_resumption.value_or(false);
  s.state = std::move(state);
  engine::apply(s.quirks, quirks);
  return s;
}

}  // namespace tlsc::scenarios
