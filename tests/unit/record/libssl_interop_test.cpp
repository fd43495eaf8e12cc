// Byte-compatibility proof: an in-process OpenSSL libssl client and server complete a real
// TLS handshake over memory BIOs with one fixed suite and version; we derive the key block from
// the exported master secret (TLS1-PRF), then
//  - open every encrypted record libssl wrote (Finished, application data) with our
//    RecordProtection, and
//  - seal records with our RecordProtection and have libssl's SSL_read accept them.
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "peers/record/protection.h"
#include "peers/record/record_reader.h"
#include "peers/record/record_writer.h"

using namespace tlsc;
using namespace tlsc::record;

namespace {

template <auto Fn>
struct Deleter {
  template <class T>
  void operator()(T* p) const { Fn(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using CtxPtr = std::unique_ptr<SSL_CTX, Deleter<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Deleter<SSL_free>>;
using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;

X509Ptr self_signed(EVP_PKEY* key) {
  X509Ptr x(X509_new());
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 86400);
  X509_set_pubkey(x.get(), key);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("tlsc-record-test"), -1,
                             -1, 0);
  X509_set_issuer_name(x.get(), name);
  if (X509_sign(x.get(), key, EVP_sha256()) <= 0) return nullptr;
  return x;
}

struct Credentials {
  PkeyPtr key;
  X509Ptr cert;
};

const Credentials& rsa_credentials() {
  static const Credentials c = [] {
    Credentials out;
    out.key.reset(EVP_RSA_gen(1024));  // small on purpose: test speed; SECLEVEL=0 below
    out.cert = self_signed(out.key.get());
    return out;
  }();
  return c;
}

const Credentials& ecdsa_credentials() {
  static const Credentials c = [] {
    Credentials out;
    out.key.reset(EVP_EC_gen("P-256"));
    out.cert = self_signed(out.key.get());
    return out;
  }();
  return c;
}

Bytes drain(BIO* bio) {
  Bytes out(static_cast<size_t>(BIO_ctrl_pending(bio)));
  if (!out.empty()) {
    EXPECT_EQ(BIO_read(bio, out.data(), static_cast<int>(out.size())), static_cast<int>(out.size()));
  }
  return out;
}

void put(BIO* bio, ByteView data) {
  if (!data.empty()) {
    EXPECT_EQ(BIO_write(bio, data.data(), static_cast<int>(data.size())), static_cast<int>(data.size()));
  }
}

// RFC 5246, 6.3 (TLS 1.2 PRF with the suite hash) / RFC 2246, 6.3 (MD5+SHA-1 PRF for 1.0, 1.1).
Bytes key_block(const CipherSuite& suite, uint16_t version, ByteView master, ByteView client_random,
                ByteView server_random) {
  const char* digest = version < kTls12 ? "MD5-SHA1" : suite.prf_hash == PrfHash::sha384 ? "SHA384" : "SHA256";
  std::string label = "key expansion";
  Bytes seed(label.begin(), label.end());
  seed.insert(seed.end(), server_random.begin(), server_random.end());
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr));
  KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, const_cast<uint8_t*>(master.data()), master.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, seed.data(), seed.size()),
      OSSL_PARAM_construct_end(),
  };
  Bytes out(suite.key_block_length(version));
  EXPECT_EQ(EVP_KDF_derive(ctx.get(), out.data(), out.size(), params), 1);
  return out;
}

std::string ssl_errors() {
  std::string s;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    s += buf;
    s += "; ";
  }
  return s;
}

struct Case {
  uint16_t code;
  uint16_t version;
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n(find_cipher_suite(info.param.code)->short_name);
  for (auto& c : n)
    if (c == '-') c = '_';
  return n + "_tls1" + std::to_string((info.param.version & 0xff) - 1);
}

// One libssl client + server pair over memory BIOs, with everything each side wrote recorded.
class LibsslPair {
 public:
  LibsslPair(const CipherSuite& suite, uint16_t version) {
    cctx_.reset(SSL_CTX_new(TLS_client_method()));
    sctx_.reset(SSL_CTX_new(TLS_server_method()));
    const std::string ciphers = std::string(suite.short_name) + ":@SECLEVEL=0";
    for (SSL_CTX* ctx : {cctx_.get(), sctx_.get()}) {
      SSL_CTX_set_security_level(ctx, 0);
      SSL_CTX_set_min_proto_version(ctx, version);
      SSL_CTX_set_max_proto_version(ctx, version);
      EXPECT_EQ(SSL_CTX_set_cipher_list(ctx, ciphers.c_str()), 1) << ciphers;
      // RFC 7366 would change the CBC record format; tickets would add a record we do not need.
      SSL_CTX_set_options(ctx, SSL_OP_NO_ENCRYPT_THEN_MAC | SSL_OP_NO_TICKET);
    }
    const Credentials& cred =
        suite.key_exchange == KeyExchange::ecdhe_ecdsa ? ecdsa_credentials() : rsa_credentials();
    EXPECT_EQ(SSL_CTX_use_certificate(sctx_.get(), cred.cert.get()), 1);
    EXPECT_EQ(SSL_CTX_use_PrivateKey(sctx_.get(), cred.key.get()), 1);
    SSL_CTX_set_dh_auto(sctx_.get(), 1);

    client_.reset(SSL_new(cctx_.get()));
    server_.reset(SSL_new(sctx_.get()));
    c_in_ = BIO_new(BIO_s_mem());
    c_out_ = BIO_new(BIO_s_mem());
    s_in_ = BIO_new(BIO_s_mem());
    s_out_ = BIO_new(BIO_s_mem());
    SSL_set_bio(client_.get(), c_in_, c_out_);  // the SSLs own the BIOs
    SSL_set_bio(server_.get(), s_in_, s_out_);
    SSL_set_connect_state(client_.get());
    SSL_set_accept_state(server_.get());
  }

  bool handshake() {
    for (int round = 0; round < 20; ++round) {
      const int c = SSL_do_handshake(client_.get());
      Bytes c2s = drain(c_out_);
      client_wrote_.insert(client_wrote_.end(), c2s.begin(), c2s.end());
      put(s_in_, c2s);
      const int s = SSL_do_handshake(server_.get());
      Bytes s2c = drain(s_out_);
      server_wrote_.insert(server_wrote_.end(), s2c.begin(), s2c.end());
      put(c_in_, s2c);
      if (c == 1 && s == 1 && BIO_ctrl_pending(s_in_) == 0 && BIO_ctrl_pending(c_in_) == 0) return true;
    }
    ADD_FAILURE() << "handshake did not finish: " << ssl_errors();
    return false;
  }

  KeyBlockSplit keys(const CipherSuite& suite, uint16_t version) {
    Bytes master(SSL_MAX_MASTER_KEY_LENGTH), cr(SSL3_RANDOM_SIZE), sr(SSL3_RANDOM_SIZE);
    master.resize(SSL_SESSION_get_master_key(SSL_get_session(client_.get()), master.data(), master.size()));
    EXPECT_EQ(master.size(), 48u);
    EXPECT_EQ(SSL_get_client_random(client_.get(), cr.data(), cr.size()), cr.size());
    EXPECT_EQ(SSL_get_server_random(client_.get(), sr.data(), sr.size()), sr.size());
    auto split = split_key_block(suite, version, key_block(suite, version, master, cr, sr));
    EXPECT_TRUE(split);
    return split ? *split : KeyBlockSplit{};
  }

  SSL* client() { return client_.get(); }
  SSL* server() { return server_.get(); }
  BIO* client_out() { return c_out_; }
  BIO* server_out() { return s_out_; }
  BIO* client_in() { return c_in_; }
  BIO* server_in() { return s_in_; }
  const Bytes& client_wrote() const { return client_wrote_; }
  const Bytes& server_wrote() const { return server_wrote_; }

 private:
  CtxPtr cctx_, sctx_;
  SslPtr client_, server_;
  BIO *c_in_ = nullptr, *c_out_ = nullptr, *s_in_ = nullptr, *s_out_ = nullptr;
  Bytes client_wrote_, server_wrote_;
};

// Opens everything after the ChangeCipherSpec in a handshake flight: exactly one record, the
// encrypted Finished (RFC 5246, 7.4.9: HandshakeType 20, 12 bytes of verify_data).
void expect_finished(ByteView flight, RecordProtection& in, const char* who) {
  RecordReader reader;
  ASSERT_TRUE(reader.feed(flight));
  bool after_ccs = false;
  int finished = 0;
  for (RecordReader::Next n = reader.next(); n.status == RecordReader::Status::record; n = reader.next()) {
    if (!after_ccs) {
      after_ccs = n.header.type == kChangeCipherSpec;
      continue;
    }
    OpenResult o = in.open(n.header, n.fragment);
    ASSERT_TRUE(o.ok()) << who << ": " << o.detail;
    EXPECT_EQ(o.type, kHandshake);
    ASSERT_EQ(o.plaintext.size(), 16u) << who;
    EXPECT_EQ(to_hex(ByteView(o.plaintext).first(4)), "1400000c") << who;
    ++finished;
  }
  EXPECT_EQ(finished, 1) << who;
  EXPECT_EQ(reader.buffered(), 0u) << who;
}

// libssl writes `messages`; we open them with `in` and get the same bytes back.
void libssl_to_us(SSL* writer, BIO* wire_out, RecordProtection& in, const char* who) {
  const std::string messages[] = {"hello from libssl", std::string(5000, 'x'), std::string(20000, 'y')};
  std::string expected, got;
  for (const auto& m : messages) {
    ASSERT_EQ(SSL_write(writer, m.data(), static_cast<int>(m.size())), static_cast<int>(m.size()));
    expected += m;
  }
  RecordReader reader;
  ASSERT_TRUE(reader.feed(drain(wire_out)));
  for (RecordReader::Next n = reader.next(); n.status == RecordReader::Status::record; n = reader.next()) {
    OpenResult o = in.open(n.header, n.fragment);
    ASSERT_TRUE(o.ok()) << who << " seq " << in.sequence() << ": " << o.detail;
    EXPECT_EQ(o.type, kApplicationData);
    got.append(o.plaintext.begin(), o.plaintext.end());
  }
  EXPECT_EQ(reader.buffered(), 0u);
  EXPECT_EQ(got, expected) << who;
}

// We seal records (several sizes, some fragmented to 1 and 7 bytes) and libssl reads them.
void us_to_libssl(RecordProtection& out, uint16_t version, BIO* wire_in, SSL* reader, const char* who) {
  std::string expected;
  const std::pair<size_t, size_t> plan[] = {{1, 1}, {17, 7}, {300, kMaxPlaintext}, {kMaxPlaintext + 5, kMaxPlaintext}};
  for (const auto& [length, max_fragment] : plan) {
    std::string m(length, static_cast<char>('a' + length % 26));
    RecordWriter w(max_fragment);
    SealResult r = w.write(out, kApplicationData, version, view(m));
    ASSERT_TRUE(r.ok()) << r.detail;
    put(wire_in, r.record);
    expected += m;
  }
  std::string got;
  std::string buf(kMaxPlaintext, '\0');
  while (got.size() < expected.size()) {
    const int n = SSL_read(reader, buf.data(), static_cast<int>(buf.size()));
    ASSERT_GT(n, 0) << who << ": SSL_read failed after " << got.size() << " bytes: " << ssl_errors();
    got.append(buf, 0, static_cast<size_t>(n));
  }
  EXPECT_EQ(got, expected) << who;
}

class LibsslInterop : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(LibsslInterop, RecordsAreByteCompatible) {
  const auto [code, version] = GetParam();
  const CipherSuite& suite = *find_cipher_suite(code);
  LibsslPair pair(suite, version);
  ASSERT_TRUE(pair.handshake());
  ASSERT_EQ(SSL_version(pair.client()), version);
  ASSERT_EQ(SSL_CIPHER_get_protocol_id(SSL_get_current_cipher(pair.client())), code);
  const KeyBlockSplit keys = pair.keys(suite, version);

  // Client -> server direction. `c_open` follows libssl's client writes; `c_seal` plays the
  // client towards libssl's server, continuing after the Finished both have seen.
  auto c_open = make_protection(suite, version, keys.client_write);
  auto c_seal = make_protection(suite, version, keys.client_write);
  auto s_open = make_protection(suite, version, keys.server_write);
  auto s_seal = make_protection(suite, version, keys.server_write);
  ASSERT_TRUE(c_open && c_seal && s_open && s_seal);

  expect_finished(pair.client_wrote(), *c_open, "client Finished");
  expect_finished(pair.client_wrote(), *c_seal, "client Finished");  // seq 1 and the TLS 1.0 IV chain
  expect_finished(pair.server_wrote(), *s_open, "server Finished");
  expect_finished(pair.server_wrote(), *s_seal, "server Finished");

  libssl_to_us(pair.client(), pair.client_out(), *c_open, "client->us");
  libssl_to_us(pair.server(), pair.server_out(), *s_open, "server->us");
  us_to_libssl(*c_seal, version, pair.server_in(), pair.server(), "us->server");
  us_to_libssl(*s_seal, version, pair.client_in(), pair.client(), "us->client");

  // And a tampered record is refused by libssl with bad_record_mac (RFC 5246, 7.2.2).
  SealResult r = c_seal->seal(kApplicationData, version, view(std::string("tampered")));
  ASSERT_TRUE(r.ok());
  r.record.back() ^= 0x01;
  put(pair.server_in(), r.record);
  char buf[64];
  EXPECT_LE(SSL_read(pair.server(), buf, sizeof buf), 0);
  const Bytes alert = drain(pair.server_out());
  ASSERT_GE(alert.size(), 5u);
  EXPECT_EQ(alert[0], kAlert);
  auto a_open = std::move(s_open);
  RecordReader reader;
  ASSERT_TRUE(reader.feed(alert));
  RecordReader::Next n = reader.next();
  ASSERT_EQ(n.status, RecordReader::Status::record);
  OpenResult o = a_open->open(n.header, n.fragment);
  ASSERT_TRUE(o.ok()) << o.detail;
  EXPECT_EQ(to_hex(o.plaintext), "0214");  // fatal, bad_record_mac
  ERR_clear_error();
}

namespace {

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto& s : all_cipher_suites())
    for (uint16_t v : {kTls10, kTls11, kTls12})
      if (s.allowed_in(v)) out.push_back({s.code, v});
  return out;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Record, LibsslInterop, ::testing::ValuesIn(all_cases()), case_name);
