#include "peers/engine/config.h"

#include <fstream>
#include <sstream>

#include "peers/record/cipher_suite.h"

namespace tlsc::engine {

crypto::Result<Credential> Credential::from_pem_files(const std::string& cert, const std::string& key) {
  std::ifstream in(cert, std::ios::binary);
  if (!in) return crypto::Err{"cannot read certificate file " + cert};
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string pem = ss.str();
  Credential c;
  // Every PEM CERTIFICATE block in order: leaf first, then intermediates.
  const std::string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
  for (size_t at = pem.find(begin); at != std::string::npos; at = pem.find(begin, at + 1)) {
    size_t stop = pem.find(end, at);
    if (stop == std::string::npos) return crypto::Err{cert + ": unterminated CERTIFICATE block"};
    auto parsed = crypto::Certificate::from_pem(std::string_view(pem).substr(at, stop + end.size() - at));
    if (!parsed) return crypto::Err{cert + ": " + parsed.error()};
    c.chain.push_back(parsed->der());
  }
  if (c.chain.empty()) return crypto::Err{cert + ": no CERTIFICATE block"};
  auto k = crypto::PrivateKey::from_pem_file(key);
  if (!k) return crypto::Err{key + ": " + k.error()};
  c.key = std::make_shared<crypto::PrivateKey>(std::move(*k));
  return c;
}

std::vector<CipherSuite> default_suites() {
  std::vector<CipherSuite> out;
  for (const auto& s : record::all_cipher_suites()) out.push_back(CipherSuite{s.code});
  return out;
}

std::vector<NamedGroup> default_groups() {
  return {NamedGroup::kX25519, NamedGroup::kSecp256r1, NamedGroup::kSecp384r1, NamedGroup::kSecp521r1,
          NamedGroup::kFfdhe2048, NamedGroup::kFfdhe3072};
}

std::vector<SignatureScheme> default_signature_schemes() {
  return {SignatureScheme::kRsaPssRsaeSha256, SignatureScheme::kRsaPkcs1Sha256, SignatureScheme::kEcdsaSecp256r1Sha256,
          SignatureScheme::kRsaPssRsaeSha384, SignatureScheme::kRsaPkcs1Sha384, SignatureScheme::kEcdsaSecp384r1Sha384,
          SignatureScheme::kRsaPssRsaeSha512, SignatureScheme::kRsaPkcs1Sha512, SignatureScheme::kEcdsaSecp521r1Sha512,
          SignatureScheme::kRsaPkcs1Sha1,     SignatureScheme::kEcdsaSha1};
}

ServerState::ServerState(uint64_t seed) : ticket_key_source(seed, "server-ticket-keys"), tickets(ticket_key_source) {}

}  // namespace tlsc::engine
