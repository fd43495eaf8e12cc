#include "scenarios/peer_setup.h"

#include <stdexcept>

#include "peers/record/cipher_suite.h"

namespace tlsc::scenarios {
namespace {

ProtocolVersion version_of(const std::optional<std::string>& v) {
  if (v == "tls1.0") return ProtocolVersion::kTls10;
  if (v == "tls1.1") return ProtocolVersion::kTls11;
  return ProtocolVersion::kTls12;
}

NamedGroup group_of(const std::string& name) {
  if (name == "x25519") return NamedGroup::kX25519;
  if (name == "secp256r1") return NamedGroup::kSecp256r1;
  if (name == "secp384r1") return NamedGroup::kSecp384r1;
  if (name == "secp521r1") return NamedGroup::kSecp521r1;
  if (name == "ffdhe2048") return NamedGroup::kFfdhe2048;
  return NamedGroup::kFfdhe3072;
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

engine::ClientConfig client_config(const PeerSettings& p, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed,
                                   const std::optional<session::ClientSession>& previous) {
  engine::ClientConfig c;
  c.max_version = version_of(p.version);
  c.suites = resolve_suites(p.suites, c.max_version);
  if (!p.groups.empty()) {
    c.groups.clear();
    for (const auto& g : p.groups) c.groups.push_back(group_of(g));
  }
  if (p.ems == false) c.quirks.OmitEms = true;
  if (p.tickets) c.offer_tickets = *p.tickets;
  if (p.resume && previous) {
    c.resume = previous;
    c.resume_by_ticket = *p.resume == "ticket";
  }
  // RFC 5246 7.4.6: the certificate we answer a CertificateRequest with, where there is one.
  if (p.client_cert.value_or(env.answer_certificate_request)) c.credential = load(env.client_cert.value_or(env.pki.client_rsa));
  c.app_mode = env.app_data;
  c.app_data = p.send ? Bytes(p.send->begin(), p.send->end()) : Bytes{'p', 'i', 'n', 'g', '\n'};
  c.server_name = "localhost";
  c.timeouts.io = env.io_timeout;
  c.timeouts.deadline = env.deadline;
  c.timeouts.stop = env.stop;
  c.seed = seed;
  engine::apply(c.quirks, quirks);
  return c;
}

engine::ServerConfig server_config(const PeerSettings& p, const engine::QuirkChanges& quirks,
                                   const PeerEnv& env, uint64_t seed, std::shared_ptr<engine::ServerState> state) {
  engine::ServerConfig s;
  s.max_version = version_of(p.version);
  s.suites = resolve_suites(p.suites, s.max_version);
  if (!p.groups.empty()) {
    s.groups.clear();
    for (const auto& g : p.groups) s.groups.push_back(group_of(g));
  }
  s.rsa = load(env.pki.server_rsa);
  s.ecdsa = load(env.pki.server_ecdsa);
  if (p.dh_group == "ffdhe3072") s.dh_group = crypto::ffdhe3072();
  if (p.dh_group == "sparse2049") s.dh_group = crypto::sparse2049();
  if (p.ems == false) s.quirks.OmitEms = true;
  if (p.tickets) s.issue_tickets = *p.tickets;
  s.request_client_cert = p.request_client_cert.value_or(false);
  s.require_client_cert = p.require_client_cert.value_or(false);
  s.allow_legacy_resumption = p.allow_legacy_resumption.value_or(false);
  s.app_mode = env.app_data;
  s.state = std::move(state);
  s.timeouts.io = env.io_timeout;
  s.timeouts.deadline = env.deadline;
  s.timeouts.stop = env.stop;
  s.seed = seed;
  engine::apply(s.quirks, quirks);
  return s;
}

}  // namespace tlsc::scenarios
