#include "peers/crypto/ecdh.h"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>

#include <algorithm>

#include "peers/wire/name_table.h"

namespace tlsc::crypto {
namespace {

int curve_nid(NamedGroup group) {
  switch (group) {
    case NamedGroup::secp256r1: return NID_X9_62_prime256v1;
    case NamedGroup::secp384r1: return NID_secp384r1;
    case NamedGroup::secp521r1: return NID_secp521r1;
    default: return NID_undef;
  }
}

// OpenSSL's group names of the NIST curves: one table for both directions.
constexpr Named<NamedGroup> kOsslCurveNames[] = {
    {NamedGroup::secp256r1, "prime256v1"}, {NamedGroup::secp384r1, "secp384r1"}, {NamedGroup::secp521r1, "secp521r1"}};
static_assert(distinct_rows(kOsslCurveNames));

const char* ossl_curve_name(NamedGroup group) { return name_of(kOsslCurveNames, group, "").data(); }

Result<ossl::Pkey> nist_pkey(NamedGroup group, const BIGNUM* priv, ByteView pub) {
  ossl::ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, ossl_curve_name(group), 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size()) != 1 ||
      (priv != nullptr && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1))
    return Err{"ec_alloc: out of memory"};
  ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  const int selection = priv != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1)
    return Err{ossl::error_string("ec_key_build")};
  return ossl::Pkey(raw);
}

}  // namespace

std::optional<NamedGroup> nist_group_from_ossl_name(std::string_view name) { return parse_name(kOsslCurveNames, name); }

namespace detail {

ossl::EcGroup nist_group(NamedGroup group) {
  const int nid = curve_nid(group);
  if (nid == NID_undef) return {};
  return ossl::EcGroup(EC_GROUP_new_by_curve_name(nid));
}

ossl::EcPoint decode_point(const EC_GROUP* g, NamedGroup group, ByteView pub, std::string* reason) {
  // RFC 8422, 5.4.1 / 5.1.2: the point is sent uncompressed: 0x04 || X || Y, X and Y of field size.
  if (pub.size() != ec_public_len(group)) {
    *reason = "ec_point_wrong_length: " + std::to_string(pub.size()) + " bytes, expected " +
              std::to_string(ec_public_len(group));
    return {};
  }
  if (pub[0] != 0x04) {
    *reason = "ec_point_not_uncompressed: first byte is not 0x04 (RFC 8422, 5.1.2)";
    return {};
  }
  ossl::EcPoint pt(EC_POINT_new(g));
  ossl::BnCtx ctx(BN_CTX_new());
  if (!pt || !ctx) {
    *reason = "ec_alloc: out of memory";
    return {};
  }
  // oct2point rejects coordinates >= field prime and points not on the curve.
  if (EC_POINT_oct2point(g, pt.get(), pub.data(), pub.size(), ctx.get()) != 1 ||
      EC_POINT_is_on_curve(g, pt.get(), ctx.get()) != 1) {
    ossl::clear_errors();
    *reason = "ec_point_not_on_curve: peer point is not on the curve (RFC 8422, 5.4.1)";
    return {};
  }
  if (EC_POINT_is_at_infinity(g, pt.get()) == 1) {
    *reason = "ec_point_at_infinity";
    return {};
  }
  return pt;
}

}  // namespace detail

std::optional<NamedGroup> ec_group_from_codepoint(uint16_t codepoint) {
  switch (codepoint) {
    case 23: return NamedGroup::secp256r1;
    case 24: return NamedGroup::secp384r1;
    case 25: return NamedGroup::secp521r1;
    case 29: return NamedGroup::x25519;
    default: return std::nullopt;
  }
}

bool is_ec_group(NamedGroup group) {
  return group == NamedGroup::secp256r1 || group == NamedGroup::secp384r1 ||
         group == NamedGroup::secp521r1 || group == NamedGroup::x25519;
}

const char* group_name(NamedGroup group) {
  switch (group) {
    case NamedGroup::secp256r1: return "secp256r1";
    case NamedGroup::secp384r1: return "secp384r1";
    case NamedGroup::secp521r1: return "secp521r1";
    case NamedGroup::x25519: return "x25519";
    case NamedGroup::ffdhe2048: return "ffdhe2048";
    case NamedGroup::ffdhe3072: return "ffdhe3072";
  }
  return "unknown";
}

size_t ec_shared_len(NamedGroup group) {
  switch (group) {
    case NamedGroup::secp256r1: return 32;
    case NamedGroup::secp384r1: return 48;
    case NamedGroup::secp521r1: return 66;
    case NamedGroup::x25519: return 32;
    default: return 0;
  }
}

size_t ec_public_len(NamedGroup group) {
  if (group == NamedGroup::x25519) return 32;  // RFC 8422, 5.4.1 / RFC 7748, 5
  const size_t f = ec_shared_len(group);
  return f == 0 ? 0 : 1 + 2 * f;
}

Status check_ec_public(NamedGroup group, ByteView pub) {
  if (!is_ec_group(group)) return Err{"ec_unsupported_group"};
  if (group == NamedGroup::x25519) {
    if (pub.size() != 32) return Err{"ec_point_wrong_length: x25519 public must be 32 bytes"};
    return {};  // every 32-byte string is a u-coordinate; low-order ones show as a zero secret
  }
  ossl::EcGroup g = detail::nist_group(group);
  std::string reason;
  if (!detail::decode_point(g.get(), group, pub, &reason)) return Err{reason};
  return {};
}

Result<EcdhKey> EcdhKey::generate(NamedGroup group, Drbg& drbg) {
  if (!is_ec_group(group)) return Err{"ec_unsupported_group"};
  if (group == NamedGroup::x25519) return from_private(group, drbg.generate(32));
  ossl::EcGroup g = detail::nist_group(group);
  const BIGNUM* order = EC_GROUP_get0_order(g.get());
  ossl::BnCtx ctx(BN_CTX_new());
  ossl::Bignum d = ossl::bn_new();
  if (!ctx || !d) return Err{"ec_alloc: out of memory"};
  const size_t nbytes = static_cast<size_t>(BN_num_bytes(order)) + 8;  // bias < 2^-64
  for (;;) {
    ossl::Bignum r = ossl::bn_from(drbg.generate(nbytes));
    if (!r || BN_nnmod(d.get(), r.get(), order, ctx.get()) != 1) return Err{"ec_alloc: out of memory"};
    if (!BN_is_zero(d.get())) break;
  }
  return from_private(group, ossl::bn_bytes_padded(d.get(), static_cast<size_t>(BN_num_bytes(order))));
}

Result<EcdhKey> EcdhKey::from_private(NamedGroup group, ByteView priv) {
  if (!is_ec_group(group)) return Err{"ec_unsupported_group"};
  Bytes priv_copy(priv.begin(), priv.end());
  if (group == NamedGroup::x25519) {
    if (priv.size() != 32) return Err{"ec_private_wrong_length: x25519 private must be 32 bytes"};
    ossl::Pkey pkey(EVP_PKEY_new_raw_private_key_ex(nullptr, "X25519", nullptr, priv.data(), priv.size()));
    if (!pkey) return Err{ossl::error_string("ec_key_build")};
    Bytes pub(32);
    size_t len = pub.size();
    if (EVP_PKEY_get_raw_public_key(pkey.get(), pub.data(), &len) != 1 || len != 32)
      return Err{ossl::error_string("ec_key_public")};
    return EcdhKey(group, std::move(pkey), std::move(priv_copy), std::move(pub));
  }
  ossl::EcGroup g = detail::nist_group(group);
  ossl::Bignum d = ossl::bn_from(priv);
  ossl::BnCtx ctx(BN_CTX_new());
  if (!g || !d || !ctx) return Err{"ec_alloc: out of memory"};
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(g.get())) >= 0)
    return Err{"ec_private_out_of_range: scalar not in [1, order)"};
  ossl::EcPoint q(EC_POINT_new(g.get()));
  if (!q || EC_POINT_mul(g.get(), q.get(), d.get(), nullptr, nullptr, ctx.get()) != 1)
    return Err{ossl::error_string("ec_point_mul")};
  Bytes pub(ec_public_len(group));
  if (EC_POINT_point2oct(g.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED, pub.data(), pub.size(),
                         ctx.get()) != pub.size())
    return Err{ossl::error_string("ec_point_encode")};
  Result<ossl::Pkey> pkey = nist_pkey(group, d.get(), pub);
  if (!pkey) return Err{pkey.error()};
  return EcdhKey(group, std::move(*pkey), std::move(priv_copy), std::move(pub));
}

Result<Bytes> EcdhKey::compute(ByteView peer_public) const {
  if (Status s = check_ec_public(group_, peer_public); !s) return Err{s.error()};
  ossl::Pkey peer;
  if (group_ == NamedGroup::x25519) {
    peer.reset(EVP_PKEY_new_raw_public_key_ex(nullptr, "X25519", nullptr, peer_public.data(),
                                              peer_public.size()));
    if (!peer) return Err{ossl::error_string("ec_key_build")};
  } else {
    Result<ossl::Pkey> p = nist_pkey(group_, nullptr, peer_public);
    if (!p) return Err{p.error()};
    peer = std::move(*p);
  }
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer_ex(ctx.get(), peer.get(), 1) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
    return Err{ossl::error_string("ec_derive")};
  Bytes out(len);
  if (EVP_PKEY_derive(ctx.get(), out.data(), &len) != 1) {
    if (group_ == NamedGroup::x25519) {
      // OpenSSL's X25519 refuses an all-zero result (low-order peer point).
      ossl::clear_errors();
      return Err{"ec_x25519_zero_shared: all-zero X25519 output (RFC 7748, 6.1)"};
    }
    return Err{ossl::error_string("ec_derive")};
  }
  out.resize(len);
  // RFC 7748, 6.1: check that the shared secret is not all zeros.
  if (group_ == NamedGroup::x25519 && std::all_of(out.begin(), out.end(), [](uint8_t b) { return b == 0; }))
    return Err{"ec_x25519_zero_shared: all-zero X25519 output (RFC 7748, 6.1)"};
  // RFC 8422, 5.10: the premaster is the x-coordinate at field length; OpenSSL pads it already.
  if (out.size() != ec_shared_len(group_)) return Err{"ec_derive: unexpected shared secret length"};
  return out;
}

}  // namespace tlsc::crypto
