#include "peers/crypto/dh.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

// The groups are compile-time facts; failing to build them is a broken OpenSSL install.
[[noreturn]] void fatal() { std::abort(); }

DhGroup from_openssl_named(const char* name) {
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  if (!ctx || EVP_PKEY_paramgen_init(ctx.get()) != 1) fatal();
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(name), 0),
      OSSL_PARAM_construct_end()};
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_CTX_set_params(ctx.get(), params) != 1 || EVP_PKEY_paramgen(ctx.get(), &raw) != 1)
    fatal();
  ossl::Pkey pkey(raw);
  BIGNUM* p = nullptr;
  BIGNUM* g = nullptr;
  if (EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_P, &p) != 1 ||
      EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_G, &g) != 1)
    fatal();
  ossl::Bignum pp(p), gg(g);
  return DhGroup{name, ossl::bn_bytes(pp.get()), ossl::bn_bytes(gg.get())};
}

struct Nums {
  ossl::Bignum p, g;
};

Nums nums(const DhGroup& group) { return {ossl::bn_from(group.p), ossl::bn_from(group.g)}; }

// (p-1)/2
ossl::Bignum half_order(const BIGNUM* p) {
  ossl::Bignum q(BN_dup(p));
  BN_sub_word(q.get(), 1);
  BN_rshift1(q.get(), q.get());
  return q;
}

ossl::Bignum mod_exp(const BIGNUM* base, const BIGNUM* exp, const BIGNUM* p) {
  ossl::BnCtx ctx(BN_CTX_new());
  ossl::Bignum r = ossl::bn_new();
  if (!ctx || !r || BN_mod_exp_mont(r.get(), base, exp, p, ctx.get(), nullptr) != 1) return {};
  return r;
}

}  // namespace

const DhGroup& ffdhe2048() {
  static const DhGroup g = from_openssl_named("ffdhe2048");
  return g;
}

const DhGroup& ffdhe3072() {
  static const DhGroup g = from_openssl_named("ffdhe3072");
  return g;
}

const DhGroup& sparse2049() {
  static const DhGroup group = [] {
    ossl::Bignum p = ossl::bn_new();
    if (!p || BN_set_bit(p.get(), 2048) != 1 || BN_add_word(p.get(), 10029811) != 1) fatal();
    return DhGroup{"sparse2049", ossl::bn_bytes(p.get()), Bytes{0x02}};
  }();
  return group;
}

const DhGroup* ffdhe_by_codepoint(uint16_t codepoint) {
  switch (codepoint) {
    case 256: return &ffdhe2048();  // RFC 7919, 2
    case 257: return &ffdhe3072();
    default: return nullptr;
  }
}

Status check_dh_group(const DhGroup& group) {
  Nums n = nums(group);
  if (!n.p || !n.g) return Err{"dh_group_alloc: out of memory"};
  const int bits = BN_num_bits(n.p.get());
  if (bits < kDhMinBits)
    return Err{"dh_group_p_too_small: p has " + std::to_string(bits) + " bits (< 512)"};
  if (bits > kDhMaxBits)
    return Err{"dh_group_p_too_large: p has " + std::to_string(bits) + " bits (> 8192)"};
  if (!BN_is_odd(n.p.get())) return Err{"dh_group_p_even: p is even"};
  // g must lie in [2, p-2]: 0, 1 and p-1 generate trivial subgroups, g >= p is not reduced.
  ossl::Bignum pm1(BN_dup(n.p.get()));
  BN_sub_word(pm1.get(), 1);
  if (BN_cmp(n.g.get(), BN_value_one()) <= 0 || BN_cmp(n.g.get(), pm1.get()) >= 0)
    return Err{"dh_group_g_out_of_range: g not in [2, p-2]"};
  return {};
}

bool dh_group_p_is_prime(const DhGroup& group) {
  ossl::Bignum p = ossl::bn_from(group.p);
  ossl::BnCtx ctx(BN_CTX_new());
  return p && ctx && BN_check_prime(p.get(), ctx.get(), nullptr) == 1;
}

bool dh_group_is_safe_prime(const DhGroup& group) {
  if (!dh_group_p_is_prime(group)) return false;
  ossl::Bignum p = ossl::bn_from(group.p);
  ossl::Bignum q = half_order(p.get());
  ossl::BnCtx ctx(BN_CTX_new());
  return q && ctx && BN_check_prime(q.get(), ctx.get(), nullptr) == 1;
}

Status check_dh_public(const DhGroup& group, ByteView y_bytes) {
  // RFC 7919, 3: "the peer MUST verify that 1 < Y < p-1"; also RFC 2631-style range check.
  ossl::Bignum y = ossl::bn_from(y_bytes);
  ossl::Bignum p = ossl::bn_from(group.p);
  if (!y || !p) return Err{"dh_peer_alloc: out of memory"};
  if (BN_is_zero(y.get())) return Err{"dh_peer_zero: Y = 0 (RFC 7919, 3)"};
  if (BN_is_one(y.get())) return Err{"dh_peer_one: Y = 1 (RFC 7919, 3)"};
  if (BN_cmp(y.get(), p.get()) >= 0) return Err{"dh_peer_not_less_than_p: Y >= p (RFC 7919, 3)"};
  ossl::Bignum pm1(BN_dup(p.get()));
  BN_sub_word(pm1.get(), 1);
  if (BN_cmp(y.get(), pm1.get()) == 0) return Err{"dh_peer_p_minus_one: Y = p-1 (RFC 7919, 3)"};
  return {};
}

Result<DhGroup> dh_group_from_pem(std::string_view pem) {
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Err{"dh_pem_alloc: out of memory"};
  ossl::Pkey pkey(PEM_read_bio_Parameters_ex(bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) return Err{ossl::error_string("dh_pem_unreadable")};
  if (!EVP_PKEY_is_a(pkey.get(), "DH") && !EVP_PKEY_is_a(pkey.get(), "DHX"))
    return Err{"dh_pem_not_dh: parameters are not Diffie-Hellman"};
  BIGNUM* p = nullptr;
  BIGNUM* g = nullptr;
  const bool got = EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_P, &p) == 1 &&
                   EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_G, &g) == 1;
  ossl::Bignum pp(p), gg(g);
  if (!got) return Err{ossl::error_string("dh_pem_no_p_g")};
  return DhGroup{"pem", ossl::bn_bytes(pp.get()), ossl::bn_bytes(gg.get())};
}

Result<DhGroup> dh_group_from_pem_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err{"dh_pem_file: cannot open " + path};
  std::stringstream ss;
  ss << in.rdbuf();
  return dh_group_from_pem(ss.str());
}

Result<std::string> dh_group_to_pem(const DhGroup& group) {
  Nums n = nums(group);
  ossl::ParamBld bld(OSSL_PARAM_BLD_new());
  if (!n.p || !n.g || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, n.p.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, n.g.get()) != 1)
    return Err{"dh_pem_alloc: out of memory"};
  ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEY_PARAMETERS, params.get()) != 1)
    return Err{ossl::error_string("dh_pem_build")};
  ossl::Pkey pkey(raw);
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_Parameters(bio.get(), pkey.get()) != 1)
    return Err{ossl::error_string("dh_pem_write")};
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

Result<DhKey> DhKey::generate(const DhGroup& group, Drbg& drbg, int exponent_bits) {
  if (Status s = check_dh_group(group); !s) return Err{s.error()};
  ossl::Bignum p = ossl::bn_from(group.p);
  ossl::Bignum q = half_order(p.get());
  const int qbits = BN_num_bits(q.get());
  if (exponent_bits != 0 && (exponent_bits < 2 || exponent_bits >= qbits))
    return Err{"dh_exponent_bits: must be in [2, bits((p-1)/2))"};
  const int bits = exponent_bits != 0 ? exponent_bits : qbits;
  const size_t nbytes = static_cast<size_t>(bits + 7) / 8;
  for (;;) {
    Bytes raw = drbg.generate(nbytes);
    if (bits % 8 != 0) raw[0] &= static_cast<uint8_t>((1u << (bits % 8)) - 1);
    if (exponent_bits != 0) raw[0] |= static_cast<uint8_t>(1u << ((bits - 1) % 8));  // exact size
    ossl::Bignum x = ossl::bn_from(raw);
    if (!x) return Err{"dh_alloc: out of memory"};
    // Rejection sampling: uniform in [2, q).
    if (BN_cmp(x.get(), BN_value_one()) <= 0 || BN_cmp(x.get(), q.get()) >= 0) continue;
    return from_private(group, ossl::bn_bytes(x.get()));
  }
}

Result<DhKey> DhKey::from_private(const DhGroup& group, ByteView x_bytes) {
  if (Status s = check_dh_group(group); !s) return Err{s.error()};
  Nums n = nums(group);
  ossl::Bignum x = ossl::bn_from(x_bytes);
  if (!x) return Err{"dh_alloc: out of memory"};
  ossl::Bignum pm1(BN_dup(n.p.get()));
  BN_sub_word(pm1.get(), 1);
  if (BN_is_zero(x.get()) || BN_cmp(x.get(), pm1.get()) >= 0)
    return Err{"dh_private_out_of_range: x not in [1, p-1)"};
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);
  ossl::Bignum y = mod_exp(n.g.get(), x.get(), n.p.get());  // Y = g^x mod p
  if (!y) return Err{ossl::error_string("dh_mod_exp")};
  return DhKey(group, std::move(x), ossl::bn_bytes(y.get()));
}

Result<Bytes> DhKey::compute(ByteView peer_y) const {
  if (Status s = check_dh_public(group_, peer_y); !s) return Err{s.error()};
  ossl::Bignum y = ossl::bn_from(peer_y);
  ossl::Bignum p = ossl::bn_from(group_.p);
  ossl::Bignum z = mod_exp(y.get(), x_.get(), p.get());  // Z = Y^x mod p
  if (!z) return Err{ossl::error_string("dh_mod_exp")};
  // RFC 5246, 8.1.2: "Leading bytes of Z that contain all zero bits are stripped before it is
  // used as the pre_master_secret." bn_bytes is already minimal.
  return ossl::bn_bytes(z.get());
}

Result<Bytes> DhKey::compute_padded(ByteView peer_y) const {
  Result<Bytes> z = compute(peer_y);
  if (!z) return z;
  return pad_to(*z, group_.p_len());
}

}  // namespace tlsc::crypto
