#include "peers/crypto/signature.h"

#include <gtest/gtest.h>
#include <openssl/rsa.h>

#include <cstdio>
#include <fstream>

#include "test_keys.h"

namespace tlsc::crypto {
namespace {

using testing::ec_key;
using testing::public_of;
using testing::rsa2048;

const SignatureScheme kAll[] = {
    SignatureScheme::rsa_pkcs1_sha1,         SignatureScheme::rsa_pkcs1_sha256,
    SignatureScheme::rsa_pkcs1_sha384,       SignatureScheme::rsa_pkcs1_sha512,
    SignatureScheme::rsa_pss_rsae_sha256,    SignatureScheme::rsa_pss_rsae_sha384,
    SignatureScheme::rsa_pss_rsae_sha512,    SignatureScheme::ecdsa_secp256r1_sha256,
    SignatureScheme::ecdsa_secp384r1_sha384, SignatureScheme::ecdsa_secp521r1_sha512,
    SignatureScheme::ecdsa_sha1,
};

const PrivateKey& key_for(SignatureScheme s) {
  SchemeInfo si = scheme_info(s);
  if (si.alg != SigAlg::ecdsa) return rsa2048();
  return ec_key(si.curve.value_or(NamedGroup::secp256r1));
}

class Signatures : public ::testing::TestWithParam<SignatureScheme> {};

TEST_P(Signatures, SignVerifyAndFlippedBitFails) {
  const SignatureScheme s = GetParam();
  const PrivateKey& key = key_for(s);
  const PublicKey pub = public_of(key);
  const std::string msg = "client_random + server_random + params";
  auto sig = sign(key, s, view(msg));
  ASSERT_TRUE(sig.ok()) << scheme_name(s) << ": " << sig.error();
  EXPECT_TRUE(verify(pub, s, view(msg), *sig).ok()) << scheme_name(s);

  Bytes bad = *sig;
  bad[bad.size() / 2] ^= 0x04;
  Status st = verify(pub, s, view(msg), bad);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.error().rfind("sig_invalid", 0), 0u);
  std::string msg2 = msg;
  msg2[0] ^= 1;
  EXPECT_FALSE(verify(pub, s, view(msg2), *sig).ok());
  EXPECT_FALSE(verify(pub, s, view(msg), {}).ok());
  EXPECT_FALSE(verify(pub, s, view(msg), Bytes(sig->begin(), sig->end() - 1)).ok());
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, Signatures, ::testing::ValuesIn(kAll),
                         [](const auto& info) { return std::string(scheme_name(info.param)); });

TEST(Signature, HashAndPaddingAreBoundToScheme) {
  const std::string msg = "m";
  const PublicKey pub = public_of(rsa2048());
  auto pkcs = sign(rsa2048(), SignatureScheme::rsa_pkcs1_sha256, view(msg));
  EXPECT_FALSE(verify(pub, SignatureScheme::rsa_pkcs1_sha384, view(msg), *pkcs).ok());
  EXPECT_FALSE(verify(pub, SignatureScheme::rsa_pss_rsae_sha256, view(msg), *pkcs).ok());
  auto pss = sign(rsa2048(), SignatureScheme::rsa_pss_rsae_sha256, view(msg));
  EXPECT_FALSE(verify(pub, SignatureScheme::rsa_pkcs1_sha256, view(msg), *pss).ok());
  EXPECT_NE(*pss, *sign(rsa2048(), SignatureScheme::rsa_pss_rsae_sha256, view(msg)));  // random salt
}

TEST(Signature, KeyTypeMismatchIsAnError) {
  const std::string msg = "m";
  auto r = sign(rsa2048(), SignatureScheme::ecdsa_secp256r1_sha256, view(msg));
  EXPECT_EQ(r.error().rfind("sig_key_mismatch", 0), 0u);
  auto e = sign(ec_key(NamedGroup::secp256r1), SignatureScheme::rsa_pkcs1_sha256, view(msg));
  EXPECT_EQ(e.error().rfind("sig_key_mismatch", 0), 0u);
  EXPECT_FALSE(verify(public_of(rsa2048()), SignatureScheme::ecdsa_sha1, view(msg), Bytes(70, 1)).ok());
}

TEST(Signature, Codepoints) {
  EXPECT_EQ(scheme_from_codepoint(0x0804), SignatureScheme::rsa_pss_rsae_sha256);
  EXPECT_EQ(scheme_from_codepoint(0x0203), SignatureScheme::ecdsa_sha1);
  EXPECT_FALSE(scheme_from_codepoint(0x0809).has_value());  // rsa_pss_pss_sha256: not implemented
  EXPECT_FALSE(scheme_from_codepoint(0x0807).has_value());  // ed25519
}

// RFC 2246, 7.4.3: the RSA block carries MD5||SHA1 directly, no DigestInfo.
TEST(Signature, LegacyRsaSignsRawMd5Sha1) {
  const std::string msg = "tls10 server params";
  auto sig = sign_legacy(rsa2048(), view(msg));
  ASSERT_TRUE(sig.ok()) << sig.error();
  const PublicKey pub = public_of(rsa2048());
  EXPECT_TRUE(verify_legacy(pub, view(msg), *sig).ok());
  Bytes bad = *sig;
  bad[5] ^= 0x80;
  EXPECT_FALSE(verify_legacy(pub, view(msg), bad).ok());

  // Recover the block with the public key and check its layout: 00 01 FF..FF 00 || 36 bytes.
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pub.get(), nullptr));
  ASSERT_EQ(EVP_PKEY_verify_recover_init(ctx.get()), 1);
  ASSERT_EQ(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING), 1);
  Bytes em(256);
  size_t len = em.size();
  ASSERT_EQ(EVP_PKEY_verify_recover(ctx.get(), em.data(), &len, sig->data(), sig->size()), 1);
  ASSERT_EQ(len, 256u);
  EXPECT_EQ(em[0], 0x00);
  EXPECT_EQ(em[1], 0x01);
  EXPECT_EQ(em[256 - 37], 0x00);
  for (size_t i = 2; i < 256 - 37; ++i) ASSERT_EQ(em[i], 0xff) << i;
  EXPECT_EQ(Bytes(em.end() - 36, em.end()), md5_sha1(view(msg)));
}

TEST(Signature, LegacyEcdsaSignsSha1) {
  const std::string msg = "tls10 ecdhe params";
  const PrivateKey& key = ec_key(NamedGroup::secp256r1);
  auto sig = sign_legacy(key, view(msg));
  ASSERT_TRUE(sig.ok()) << sig.error();
  EXPECT_TRUE(verify_legacy(public_of(key), view(msg), *sig).ok());
  // Same as the TLS 1.2 ecdsa_sha1 scheme.
  EXPECT_TRUE(verify(public_of(key), SignatureScheme::ecdsa_sha1, view(msg), *sig).ok());
  EXPECT_FALSE(verify(public_of(key), SignatureScheme::ecdsa_secp256r1_sha256, view(msg), *sig).ok());
}

TEST(Keys, InfoPemAndCertificates) {
  EXPECT_EQ(rsa2048().info().kind, KeyKind::rsa);
  EXPECT_EQ(rsa2048().info().bits, 2048);
  KeyInfo ec = ec_key(NamedGroup::secp384r1).info();
  EXPECT_EQ(ec.kind, KeyKind::ec);
  EXPECT_EQ(ec.curve, NamedGroup::secp384r1);
  EXPECT_EQ(ec.curve_name, "secp384r1");
  EXPECT_EQ(ec_key(NamedGroup::secp256r1).info().curve_name, "prime256v1");

  // Private key PEM round trip (memory and file).
  auto pem = ec_key(NamedGroup::secp256r1).to_pem();
  ASSERT_TRUE(pem.ok());
  const std::string path = ::testing::TempDir() + "tlsc_crypto_key.pem";
  { std::ofstream(path) << *pem; }
  auto loaded = PrivateKey::from_pem_file(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(EVP_PKEY_eq(loaded->get(), ec_key(NamedGroup::secp256r1).get()), 1);
  EXPECT_FALSE(PrivateKey::from_pem("garbage").ok());

  // Self-signed certificate -> DER (as in a Certificate message) -> public key that verifies.
  for (const PrivateKey* k : {&rsa2048(), &ec_key(NamedGroup::secp256r1)}) {
    auto cert = Certificate::self_signed(*k, "tlsconform test");
    ASSERT_TRUE(cert.ok()) << cert.error();
    const Bytes der = cert->der();
    ASSERT_FALSE(der.empty());
    auto pub = PublicKey::from_der_certificate(der);
    ASSERT_TRUE(pub.ok()) << pub.error();
    EXPECT_EQ(pub->info().kind, k->info().kind);
    const SignatureScheme s = k->info().kind == KeyKind::rsa ? SignatureScheme::rsa_pss_rsae_sha256
                                                             : SignatureScheme::ecdsa_secp256r1_sha256;
    const std::string msg = "x";
    EXPECT_TRUE(verify(*pub, s, view(msg), *sign(*k, s, view(msg))).ok());
    auto cpem = cert->to_pem();
    ASSERT_TRUE(cpem.ok());
    auto back = Certificate::from_pem(*cpem);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->der(), der);
    // Trailing garbage and truncation are refused.
    Bytes trailing = der;
    trailing.push_back(0);
    EXPECT_FALSE(Certificate::from_der(trailing).ok());
    EXPECT_FALSE(PublicKey::from_der_certificate(Bytes(der.begin(), der.end() - 1)).ok());
  }
  EXPECT_FALSE(PublicKey::from_der_certificate({}).ok());
}

}  // namespace
}  // namespace tlsc::crypto
