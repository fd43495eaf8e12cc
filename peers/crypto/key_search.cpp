#include "peers/crypto/key_search.h"

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

Err exhausted(uint64_t max_tries, size_t zeros) {
  return Err{"key_search_exhausted: no key with " + std::to_string(zeros) + " leading zero bytes in " +
             std::to_string(max_tries) + " tries"};
}

// True every 256th try when `stop` asks for it.
bool stopping(const StopCheck& stop, uint64_t tries) { return stop && (tries & 0xff) == 0 && stop(); }

Err stopped(uint64_t tries) {
  return Err{std::string(kKeySearchStopped) + ": stopped after " + std::to_string(tries) + " tries"};
}

}  // namespace

Result<DhSearchResult> search_dh_private(const DhGroup& group, ByteView peer_y, size_t min_zero_bytes,
                                         Drbg& drbg, uint64_t max_tries, const StopCheck& stop) {
  if (Status s = check_dh_public(group, peer_y); !s) return Err{s.error()};
  Result<DhKey> start = DhKey::generate(group, drbg);
  if (!start) return Err{start.error()};
  Result<Bytes> z0 = start->compute(peer_y);
  if (!z0) return Err{z0.error()};

  ossl::BnCtx ctx(BN_CTX_new());
  ossl::BnMontCtx mont(BN_MONT_CTX_new());
  ossl::Bignum p = ossl::bn_from(group.p);
  ossl::Bignum y = ossl::bn_from(peer_y);
  ossl::Bignum x = ossl::bn_from(start->private_value());
  ossl::Bignum z = ossl::bn_from(*z0);
  ossl::Bignum pm1(p ? BN_dup(p.get()) : nullptr);
  if (!ctx || !mont || !p || !y || !x || !z || !pm1 || BN_MONT_CTX_set(mont.get(), p.get(), ctx.get()) != 1 ||
      BN_sub_word(pm1.get(), 1) != 1)
    return Err{"key_search_alloc: out of memory"};
  // Work in Montgomery form: z_m = z*R, y_m = y*R; mul_montgomery(z_m, y_m) = z*y*R.
  ossl::Bignum zm = ossl::bn_new(), ym = ossl::bn_new(), plain = ossl::bn_new();
  if (!zm || !ym || !plain || BN_to_montgomery(zm.get(), z.get(), mont.get(), ctx.get()) != 1 ||
      BN_to_montgomery(ym.get(), y.get(), mont.get(), ctx.get()) != 1)
    return Err{"key_search_alloc: out of memory"};

  const size_t plen = group.p_len();
  for (uint64_t tries = 1; tries <= max_tries; ++tries) {
    if (stopping(stop, tries)) return stopped(tries);
    if (BN_from_montgomery(plain.get(), zm.get(), mont.get(), ctx.get()) != 1)
      return Err{"key_search_bn: montgomery conversion failed"};
    Bytes zp = ossl::bn_bytes_padded(plain.get(), plen);
    if (leading_zero_bytes(zp) >= min_zero_bytes) {
      Result<DhKey> key = DhKey::from_private(group, ossl::bn_bytes(x.get()));
      if (!key) return Err{key.error()};
      return DhSearchResult{std::move(*key), std::move(zp), tries};
    }
    // x <- x+1, Z <- Z*Y mod p (so that Z = Y^x still holds).
    if (BN_add_word(x.get(), 1) != 1 || BN_mod_mul_montgomery(zm.get(), zm.get(), ym.get(), mont.get(), ctx.get()) != 1)
      return Err{"key_search_bn: arithmetic failed"};
    if (BN_cmp(x.get(), pm1.get()) >= 0) return Err{"key_search_exhausted: exponent range overflow"};
  }
  return exhausted(max_tries, min_zero_bytes);
}

Result<EcSearchResult> search_ec_private(NamedGroup group, ByteView peer_public, size_t min_zero_bytes,
                                         Drbg& drbg, uint64_t max_tries, const StopCheck& stop) {
  if (Status s = check_ec_public(group, peer_public); !s) return Err{s.error()};

  if (group == NamedGroup::x25519) {
    for (uint64_t tries = 1; tries <= max_tries; ++tries) {
      if (stopping(stop, tries)) return stopped(tries);
      Result<EcdhKey> key = EcdhKey::generate(group, drbg);
      if (!key) return Err{key.error()};
      Result<Bytes> shared = key->compute(peer_public);
      if (!shared) return Err{shared.error()};
      if (leading_zero_bytes(*shared) >= min_zero_bytes)
        return EcSearchResult{std::move(*key), std::move(*shared), tries};
    }
    return exhausted(max_tries, min_zero_bytes);
  }

  Result<EcdhKey> start = EcdhKey::generate(group, drbg);
  if (!start) return Err{start.error()};
  ossl::EcGroup g = detail::nist_group(group);
  std::string reason;
  ossl::EcPoint peer = detail::decode_point(g.get(), group, peer_public, &reason);
  if (!peer) return Err{reason};
  ossl::BnCtx ctx(BN_CTX_new());
  ossl::Bignum d = ossl::bn_from(start->private_value());
  ossl::EcPoint r(EC_POINT_new(g.get()));
  ossl::Bignum xc = ossl::bn_new();
  if (!ctx || !d || !r || !xc) return Err{"key_search_alloc: out of memory"};
  // R = d * Peer
  if (EC_POINT_mul(g.get(), r.get(), nullptr, peer.get(), d.get(), ctx.get()) != 1)
    return Err{ossl::error_string("key_search_ec_mul")};
  const BIGNUM* order = EC_GROUP_get0_order(g.get());
  const size_t flen = ec_shared_len(group);
  for (uint64_t tries = 1; tries <= max_tries; ++tries) {
    if (stopping(stop, tries)) return stopped(tries);
    if (EC_POINT_is_at_infinity(g.get(), r.get()) != 1) {
      if (EC_POINT_get_affine_coordinates(g.get(), r.get(), xc.get(), nullptr, ctx.get()) != 1)
        return Err{ossl::error_string("key_search_ec_affine")};
      Bytes shared = ossl::bn_bytes_padded(xc.get(), flen);
      if (leading_zero_bytes(shared) >= min_zero_bytes) {
        Result<EcdhKey> key = EcdhKey::from_private(
            group, ossl::bn_bytes_padded(d.get(), static_cast<size_t>(BN_num_bytes(order))));
        if (!key) return Err{key.error()};
        return EcSearchResult{std::move(*key), std::move(shared), tries};
      }
    }
    // d <- d+1 mod order (skipping 0), R <- R + Peer.
    if (BN_add_word(d.get(), 1) != 1 ||
        EC_POINT_add(g.get(), r.get(), r.get(), peer.get(), ctx.get()) != 1)
      return Err{ossl::error_string("key_search_ec_add")};
    if (BN_cmp(d.get(), order) >= 0) return Err{"key_search_exhausted: scalar range overflow"};
  }
  return exhausted(max_tries, min_zero_bytes);
}

}  // namespace tlsc::crypto
