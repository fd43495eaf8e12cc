#include "peers/engine/key_exchange.h"

#include "peers/crypto/key_search.h"
#include "peers/crypto/octets.h"
#include "peers/crypto/rsa_kx.h"
#include "peers/engine/errors.h"

namespace tlsc::engine {
namespace {

// AvoidLeadingZeroBytes: draws before giving up (a key whose secret has a leading zero is then used).
constexpr uint64_t kMaxAvoidTries = 64;


// The premaster from a shared secret written at its full length (`full_form`), or stripped of
// its leading zero bytes; the form not used is the alternative where the two differ.
Premaster premaster_of(const Bytes& full, bool strip, const char* full_form, const std::string& group) {
  Premaster p;
  const Bytes stripped = crypto::strip_leading_zeros(full);
  p.leading_zeros = crypto::leading_zero_bytes(full);
  p.group = group;
  p.used = strip ? stripped : full;
  p.form = strip ? "stripped" : full_form;
  if (full != stripped) {
    p.alternative = strip ? full : stripped;
    p.alternative_form = strip ? full_form : "stripped";
  }
  return p;
}

// The premaster from a DH shared secret written at |p| length, per the quirk.
Premaster dh_premaster(const Bytes& z_padded, bool pad, const std::string& group) {
  // RFC 5246 8.1.2: "Leading bytes of Z that contain all zero bits are stripped before it is
  // used as the pre_master_secret." Padding is the bug some implementations have.
  return premaster_of(z_padded, !pad, "padded", group);
}

// The premaster from an ECDH shared secret at its fixed length, per the quirk.
Premaster ec_premaster(const Bytes& fixed, bool strip, const std::string& group) {
  // RFC 8422 5.10 / RFC 7748 6.1: the premaster is the x-coordinate (X25519 output) as an octet
  // string of the field size, leading zeros kept.
  return premaster_of(fixed, strip, "fixed", group);
}

[[noreturn]] void fail(Error e, const std::string& what) { throw EngineError(e, what); }

// A key search that was stopped is not exhausted: it was asked to end (our caller is stopping).
Error search_error(const std::string& reason) {
  return reason.rfind(crypto::kKeySearchStopped, 0) == 0 ? Error::kStopped : Error::kKeySearchExhausted;
}

crypto::NamedGroup ec_group_or_fail(NamedGroup g) {
  auto group = crypto::ec_group_from_codepoint(g.value);
  if (!group) fail(Error::kIllegalParameter, "ServerKeyExchange names group " + g.name() + ", which we did not offer");
  return *group;
}

// A DH key whose public value is shorter than p (about 256 draws per try of one byte), so a
// minimal encoding is shorter than |p| and a padded one starts with a zero byte.
crypto::DhKey short_dh_key(const crypto::DhGroup& group, crypto::Drbg& drbg) {
  for (int tries = 0; tries < 1 << 16; ++tries) {
    auto key = crypto::DhKey::generate(group, drbg);
    if (!key) fail(Error::kInternalError, "DH key: " + key.error());
    if (key->public_value().size() < group.p_len()) return std::move(*key);
  }
  fail(Error::kKeySearchExhausted, "no DH public value shorter than p in 65536 draws");
}

}  // namespace

msg::KeyExchange kx_family(record::KeyExchange kx) {
  switch (kx) {
    case record::KeyExchange::rsa: return msg::KeyExchange::kRsa;
    case record::KeyExchange::dhe_rsa: return msg::KeyExchange::kDhe;
    case record::KeyExchange::ecdhe_rsa:
    case record::KeyExchange::ecdhe_ecdsa: return msg::KeyExchange::kEcdhe;
  }
  return msg::KeyExchange::kEcdhe;
}

std::string dh_group_label(const crypto::DhGroup& g) {
  if (g.p == crypto::ffdhe2048().p) return "ffdhe2048";
  if (g.p == crypto::ffdhe3072().p) return "ffdhe3072";
  if (g.p == crypto::sparse2049().p) return "sparse2049";
  size_t bits = g.p.empty() ? 0 : 8 * g.p.size();
  for (uint8_t top = g.p.empty() ? 0 : g.p[0]; top != 0 && !(top & 0x80); top <<= 1) --bits;
  return "dh-" + std::to_string(bits);
}

Bytes encode_dh_public(const crypto::DhKey& key, PublicValueForm form) {
  const Bytes& p = key.group().p;
  switch (form) {
    case PublicValueForm::kMinimal: return key.public_value();
    case PublicValueForm::kPadded: return crypto::pad_to(key.public_value(), p.size());
    case PublicValueForm::kZero: return Bytes{0};
    case PublicValueForm::kOne: return Bytes{1};
    case PublicValueForm::kPMinusOne: {
      Bytes v = p;  // p is odd, so p - 1 only clears the lowest bit
      v.back() &= 0xfe;
      return v;
    }
    case PublicValueForm::kP: return p;
  }
  return key.public_value();
}

ClientKeyShare client_dhe(const msg::ServerKeyExchange& ske, const ClientQuirks& q, crypto::Drbg& drbg,
                          const crypto::StopCheck& stop) {
  crypto::DhGroup group{"peer", crypto::strip_leading_zeros(ske.dh_p), crypto::strip_leading_zeros(ske.dh_g)};
  if (auto st = crypto::check_dh_group(group); !st)
    fail(Error::kIllegalParameter, "server DH group: " + st.error());
  // RFC 7919 3: the client MUST verify 1 < Ys < p-1, else handshake_failure.
  if (auto st = crypto::check_dh_public(group, ske.dh_ys); !st) fail(Error::kBadDhPublic, "server Ys: " + st.error());
  const std::string label = dh_group_label(group);
  ClientKeyShare out;
  if (q.ForceLeadingZeroBytes > 0) {
    auto found = crypto::search_dh_private(group, ske.dh_ys, static_cast<size_t>(q.ForceLeadingZeroBytes), drbg,
                                           q.MaxKeySearchTries, stop);
    if (!found) fail(search_error(found.error()), found.error());
    out.premaster = dh_premaster(found->z_padded, q.PadDhePremaster, label);
    out.premaster.tries = found->tries;
    out.exchange = encode_dh_public(found->key, q.DhePublicValue);
    return out;
  }
  for (uint64_t tries = 1;; ++tries) {
    auto key = q.ForceShortDhePublicValue ? crypto::Result<crypto::DhKey>(short_dh_key(group, drbg))
                                          : crypto::DhKey::generate(group, drbg);
    if (!key) fail(Error::kInternalError, "DH key: " + key.error());
    auto z = key->compute_padded(ske.dh_ys);
    if (!z) fail(Error::kBadDhPublic, "server Ys: " + z.error());
    // A leading zero byte comes once in 256 draws here: the bound is never reached in practice.
    if (q.AvoidLeadingZeroBytes && !z->empty() && z->front() == 0 && tries < kMaxAvoidTries) continue;
    out.premaster = dh_premaster(*z, q.PadDhePremaster, label);
    out.premaster.tries = tries;
    out.exchange = encode_dh_public(*key, q.DhePublicValue);
    return out;
  }
}

ClientKeyShare client_ecdhe(const msg::ServerKeyExchange& ske, const ClientQuirks& q, crypto::Drbg& drbg,
                            const crypto::StopCheck& stop) {
  // RFC 8422 5.4: only named curves are used.
  if (ske.curve_type != msg::kNamedCurve)
    fail(Error::kIllegalParameter, "ECParameters curve_type " + std::to_string(ske.curve_type));
  const crypto::NamedGroup group = ec_group_or_fail(ske.group);
  if (auto st = crypto::check_ec_public(group, ske.point); !st) fail(Error::kBadEcPoint, "server point: " + st.error());
  ClientKeyShare out;
  if (q.ForceLeadingZeroBytes > 0) {
    auto found = crypto::search_ec_private(group, ske.point, static_cast<size_t>(q.ForceLeadingZeroBytes), drbg,
                                           q.MaxKeySearchTries, stop);
    if (!found) fail(search_error(found.error()), found.error());
    out.premaster = ec_premaster(found->shared, q.StripEcdhePremaster, crypto::group_name(group));
    out.premaster.tries = found->tries;
    out.exchange = found->key.public_value();
    return out;
  }
  for (uint64_t tries = 1;; ++tries) {
    auto key = crypto::EcdhKey::generate(group, drbg);
    if (!key) fail(Error::kInternalError, "EC key: " + key.error());
    auto shared = key->compute(ske.point);
    if (!shared) fail(Error::kBadEcPoint, "server point: " + shared.error());
    // P-521's top byte is zero about every other draw: kMaxAvoidTries makes a miss ~2^-64.
    if (q.AvoidLeadingZeroBytes && !shared->empty() && shared->front() == 0 && tries < kMaxAvoidTries) continue;
    out.premaster = ec_premaster(*shared, q.StripEcdhePremaster, crypto::group_name(group));
    out.premaster.tries = tries;
    out.exchange = key->public_value();
    return out;
  }
}

ClientKeyShare client_rsa(const crypto::PublicKey& server_key, ProtocolVersion client_version, crypto::Drbg& drbg) {
  ClientKeyShare out;
  // RFC 5246 7.4.7.1: client_version is the version offered in ClientHello, not the negotiated one.
  out.premaster.used = crypto::make_rsa_premaster(client_version.value, drbg);
  out.premaster.form = "rsa";
  out.premaster.group = "rsa";
  auto enc = crypto::rsa_encrypt_premaster(server_key, out.premaster.used);
  if (!enc) fail(Error::kBadCertificate, "RSA encryption to the server key: " + enc.error());
  out.exchange = std::move(*enc);
  return out;
}

ServerKeyShare ServerKeyShare::dhe(const crypto::DhGroup& group, const ServerQuirks& q, crypto::Drbg& drbg) {
  ServerKeyShare s;
  auto key = q.ForceShortDhePublicValue ? crypto::Result<crypto::DhKey>(short_dh_key(group, drbg))
                                        : crypto::DhKey::generate(group, drbg);
  if (!key) fail(Error::kInternalError, "DH key: " + key.error());
  s.ske_.kx = msg::KeyExchange::kDhe;
  s.ske_.dh_p = group.p;
  s.ske_.dh_g = group.g;
  s.ske_.dh_ys = encode_dh_public(*key, q.DhePublicValue);
  s.group_ = dh_group_label(group);
  s.dh_.emplace(std::move(*key));
  return s;
}

ServerKeyShare ServerKeyShare::ecdhe(NamedGroup group, crypto::Drbg& drbg) {
  ServerKeyShare s;
  auto g = crypto::ec_group_from_codepoint(group.value);
  if (!g) fail(Error::kInternalError, "no EC implementation for " + group.name());
  auto key = crypto::EcdhKey::generate(*g, drbg);
  if (!key) fail(Error::kInternalError, "EC key: " + key.error());
  s.ske_.kx = msg::KeyExchange::kEcdhe;
  s.ske_.curve_type = msg::kNamedCurve;
  s.ske_.group = group;
  s.ske_.point = key->public_value();
  s.group_ = crypto::group_name(*g);
  s.ec_.emplace(std::move(*key));
  return s;
}

Premaster ServerKeyShare::finish(const msg::ClientKeyExchange& cke, const ServerQuirks& q) const {
  if (!dh_ && !ec_) fail(Error::kInternalError, "no server key share");
  Premaster p;
  if (dh_) {
    // RFC 7919 4: the server MUST verify 1 < Yc < p-1, else handshake_failure.
    if (auto st = crypto::check_dh_public(dh_->group(), cke.exchange); !st)
      fail(Error::kBadDhPublic, "client Yc: " + st.error());
    auto z = dh_->compute_padded(cke.exchange);
    if (!z) fail(Error::kBadDhPublic, "client Yc: " + z.error());
    p = dh_premaster(*z, q.PadDhePremaster, group_);
  } else {
    // RFC 8422 5.11: the point the client sent must be on the curve, else illegal_parameter.
    if (auto st = crypto::check_ec_public(ec_->group(), cke.exchange); !st)
      fail(Error::kBadEcPoint, "client point: " + st.error());
    auto shared = ec_->compute(cke.exchange);
    if (!shared) fail(Error::kBadEcPoint, "client point: " + shared.error());
    p = ec_premaster(*shared, q.StripEcdhePremaster, group_);
  }
  p.tries = 1;  // the server computes its share once
  return p;
}

Premaster server_rsa(const msg::ClientKeyExchange& cke, const crypto::PrivateKey& key, ProtocolVersion client_version,
                     crypto::Drbg& drbg, std::string* observation) {
  auto outcome = crypto::rsa_decrypt_premaster(key, cke.exchange, client_version.value, drbg);
  if (observation) *observation = outcome.well_formed() ? "" : outcome.detail;
  Premaster p;
  p.used = std::move(outcome.premaster);
  p.form = "rsa";
  p.group = "rsa";
  return p;
}

}  // namespace tlsc::engine
