#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "peers/pki/test_pki.h"

namespace fs = std::filesystem;
using tlsc::pki::TestPki;

namespace {

X509* load_cert(const fs::path& p) {
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (!f) return nullptr;
  X509* c = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  return c;
}

EVP_PKEY* load_key(const fs::path& p) {
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (!f) return nullptr;
  EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  return k;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Verifies `leaf` against the CA for `purpose`, optionally checking a host name and an IP.
int verify(const TestPki& pki, X509* leaf, int purpose, const char* host, const char* ip) {
  X509* ca = load_cert(pki.ca_cert);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, nullptr);
  X509_STORE_CTX_set_purpose(ctx, purpose);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  if (host) X509_VERIFY_PARAM_set1_host(param, host, 0);
  if (ip) X509_VERIFY_PARAM_set1_ip_asc(param, ip);
  int ok = X509_verify_cert(ctx);
  int err = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx);
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  X509_free(ca);
  return err;
}

class TestPkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("tlsc-pki-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    std::string error;
    auto p = tlsc::pki::ensure(dir_, &error);
    ASSERT_TRUE(p) << error;
    pki_ = new TestPki(*p);
  }
  static void TearDownTestSuite() {
    fs::remove_all(dir_);
    delete pki_;
  }
  static inline fs::path dir_;
  static inline TestPki* pki_ = nullptr;
};

TEST_F(TestPkiTest, RsaServerCertificateVerifiesForLocalhostAndLoopbackIp) {
  X509* leaf = load_cert(pki_->server_rsa.cert);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(verify(*pki_, leaf, X509_PURPOSE_SSL_SERVER, "localhost", nullptr), X509_V_OK);
  EXPECT_EQ(verify(*pki_, leaf, X509_PURPOSE_SSL_SERVER, nullptr, "127.0.0.1"), X509_V_OK);
  EXPECT_NE(verify(*pki_, leaf, X509_PURPOSE_SSL_SERVER, "example.com", nullptr), X509_V_OK)
      << "the SAN must name only localhost";
  EXPECT_NE(verify(*pki_, leaf, X509_PURPOSE_SSL_CLIENT, nullptr, nullptr), X509_V_OK)
      << "a server certificate is not for client authentication";
  X509_free(leaf);
}

TEST_F(TestPkiTest, RsaServerKeyIs2048BitsWithSignAndEncipherUsage) {
  X509* leaf = load_cert(pki_->server_rsa.cert);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(leaf)), 2048);
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(leaf)), EVP_PKEY_RSA);
  uint32_t ku = X509_get_key_usage(leaf);
  EXPECT_TRUE(ku & KU_DIGITAL_SIGNATURE);
  EXPECT_TRUE(ku & KU_KEY_ENCIPHERMENT);
  EXPECT_FALSE(ku & KU_KEY_CERT_SIGN);
  EXPECT_TRUE(X509_get_extended_key_usage(leaf) & XKU_SSL_SERVER);
  X509_free(leaf);
}

TEST_F(TestPkiTest, EcdsaServerCertificateIsP256AndVerifies) {
  X509* leaf = load_cert(pki_->server_ecdsa.cert);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(verify(*pki_, leaf, X509_PURPOSE_SSL_SERVER, "localhost", nullptr), X509_V_OK);
  char group[64] = "";
  size_t len = 0;
  ASSERT_EQ(EVP_PKEY_get_group_name(X509_get0_pubkey(leaf), group, sizeof group, &len), 1);
  EXPECT_STREQ(group, "prime256v1");
  EXPECT_TRUE(X509_get_key_usage(leaf) & KU_DIGITAL_SIGNATURE);
  EXPECT_FALSE(X509_get_key_usage(leaf) & KU_KEY_ENCIPHERMENT) << "ECDSA keys do not encipher";
  X509_free(leaf);
}

TEST_F(TestPkiTest, ClientCertificateVerifiesForClientAuthOnly) {
  X509* leaf = load_cert(pki_->client_rsa.cert);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(verify(*pki_, leaf, X509_PURPOSE_SSL_CLIENT, nullptr, nullptr), X509_V_OK);
  EXPECT_NE(verify(*pki_, leaf, X509_PURPOSE_SSL_SERVER, nullptr, nullptr), X509_V_OK);
  X509_free(leaf);
}

TEST_F(TestPkiTest, PrivateKeysMatchCertificatesAndAreMode0600) {
  for (const auto* kp : {&pki_->server_rsa, &pki_->server_ecdsa, &pki_->client_rsa}) {
    struct stat st {};
    ASSERT_EQ(::stat(kp->key.c_str(), &st), 0) << kp->key;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << kp->key;
    ASSERT_EQ(::stat(kp->p12.c_str(), &st), 0) << kp->p12;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << kp->p12;
    EVP_PKEY* key = load_key(kp->key);
    X509* cert = load_cert(kp->cert);
    ASSERT_TRUE(key && cert) << kp->key;
    EXPECT_EQ(X509_check_private_key(cert, key), 1) << kp->key << " does not match " << kp->cert;
    EVP_PKEY_free(key);
    X509_free(cert);
  }
  struct stat st {};
  ASSERT_EQ(::stat(pki_->ca_key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(TestPkiTest, Pkcs12OpensWithThePasswordAndHoldsKeyAndCertificate) {
  std::FILE* f = std::fopen(pki_->server_rsa.p12.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  PKCS12* p12 = d2i_PKCS12_fp(f, nullptr);
  std::fclose(f);
  ASSERT_NE(p12, nullptr);
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  EXPECT_EQ(PKCS12_parse(p12, "wrong", &key, &cert, &ca), 0);
  ASSERT_EQ(PKCS12_parse(p12, tlsc::pki::kPkcs12Password, &key, &cert, &ca), 1);
  EXPECT_EQ(X509_check_private_key(cert, key), 1);
  EXPECT_EQ(sk_X509_num(ca), 1);
  EVP_PKEY_free(key);
  X509_free(cert);
  sk_X509_pop_free(ca, X509_free);
  PKCS12_free(p12);
}

TEST_F(TestPkiTest, SecondEnsureReusesTheSameFiles) {
  const std::string before = slurp(pki_->server_rsa.cert);
  std::string error;
  auto again = tlsc::pki::ensure(dir_, &error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(slurp(again->server_rsa.cert), before);
}

TEST(TestPki, MissingFileRegeneratesTheSet) {
  fs::path dir = fs::temp_directory_path() / ("tlsc-pki-regen-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string error;
  auto first = tlsc::pki::ensure(dir, &error);
  ASSERT_TRUE(first) << error;
  const std::string ca_before = slurp(first->ca_cert);
  fs::remove(first->client_rsa.key);
  auto second = tlsc::pki::ensure(dir, &error);
  ASSERT_TRUE(second) << error;
  EXPECT_TRUE(fs::exists(second->client_rsa.key));
  EXPECT_NE(slurp(second->ca_cert), ca_before) << "a partial set is regenerated whole";
  fs::remove_all(dir);
}

TEST(TestPki, UnwritableFolderGivesOneLineNamingIt) {
  std::string error;
  auto p = tlsc::pki::ensure("/proc/tlsconform-cannot-be-here", &error);
  EXPECT_FALSE(p);
  EXPECT_NE(error.find("/proc/tlsconform-cannot-be-here"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

}  // namespace
