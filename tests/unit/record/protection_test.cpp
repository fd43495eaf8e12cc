#include <gtest/gtest.h>

#include "peers/record/protection.h"
#include "peers/record/record_reader.h"
#include "peers/wire/reader.h"
#include "test_keys.h"

using namespace tlsc;
using namespace tlsc::record;
using tlsc::record::testing::make;

namespace {

struct Split {
  RecordHeader header;
  Bytes fragment;
};

Split split(const Bytes& record) {
  wire::Reader in(record);
  Split s;
  EXPECT_TRUE(parse_header(in, s.header));
  EXPECT_TRUE(in.bytes(s.header.length, s.fragment));
  EXPECT_TRUE(in.done());
  return s;
}

struct SuiteVersion {
  uint16_t code;
  uint16_t version;
};

std::vector<SuiteVersion> every_suite_and_version() {
  std::vector<SuiteVersion> out;
  for (const auto& s : all_cipher_suites())
    for (uint16_t v : {kTls10, kTls11, kTls12})
      if (s.allowed_in(v)) out.push_back({s.code, v});
  return out;
}

std::string name_of(const ::testing::TestParamInfo<SuiteVersion>& info) {
  const CipherSuite* s = find_cipher_suite(info.param.code);
  std::string n(s->short_name);
  for (auto& c : n)
    if (c == '-') c = '_';
  return n + "_v" + std::to_string(info.param.version & 0xff);
}

class EverySuite : public ::testing::TestWithParam<SuiteVersion> {};

}  // namespace

TEST(NullProtection, PassesPlaintextThroughAndChecksLength) {
  auto p = make_null_protection();
  SealResult r = p->seal(kHandshake, kTls12, hex("0102"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_hex(r.record), "16030300020102");
  auto in = make_null_protection();
  Split s = split(r.record);
  OpenResult o = in->open(s.header, s.fragment);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.type, kHandshake);
  EXPECT_EQ(to_hex(o.plaintext), "0102");

  // RFC 5246, 6.2.1: a plaintext record over 2^14 is a record_overflow.
  Bytes big(kMaxPlaintext + 1, 0);
  EXPECT_EQ(in->open({kHandshake, kTls12, static_cast<uint16_t>(big.size())}, big).error, RecordError::record_overflow);
  EXPECT_EQ(p->seal(kHandshake, kTls12, big).error, RecordError::record_overflow);
  SealTweaks t;
  t.allow_oversize = true;
  EXPECT_TRUE(p->seal(kHandshake, kTls12, big, t).ok());
}

TEST_P(EverySuite, RoundTripsAndAdvancesSequence) {
  const auto [code, version] = GetParam();
  auto out = make(code, version), in = make(code, version);
  ASSERT_TRUE(out && in);
  for (size_t len : {size_t{0}, size_t{1}, size_t{15}, size_t{16}, size_t{17}, size_t{100}, kMaxPlaintext}) {
    Bytes pt(len);
    for (size_t i = 0; i < len; ++i) pt[i] = static_cast<uint8_t>(i * 7 + len);
    SealResult r = out->seal(kApplicationData, version, pt);
    ASSERT_TRUE(r.ok()) << r.detail;
    Split s = split(r.record);
    EXPECT_EQ(s.header.type, kApplicationData);
    EXPECT_EQ(s.header.version, version);
    EXPECT_LE(s.fragment.size(), len + out->max_expansion());
    OpenResult o = in->open(s.header, s.fragment);
    ASSERT_TRUE(o.ok()) << o.detail;
    EXPECT_EQ(o.plaintext, pt);
  }
  EXPECT_EQ(out->sequence(), 7u);
  EXPECT_EQ(in->sequence(), 7u);
}

TEST_P(EverySuite, ReorderedOrReplayedRecordFailsMac) {
  const auto [code, version] = GetParam();
  auto out = make(code, version), in = make(code, version);
  Split first = split(out->seal(kApplicationData, version, hex("aa")).record);
  Split second = split(out->seal(kApplicationData, version, hex("bb")).record);
  // The second record opened at sequence number 0: the MAC/AAD (and for TLS 1.0 the IV chain)
  // no longer match (RFC 5246, 6.2.3.1: the MAC covers seq_num).
  OpenResult o = in->open(second.header, second.fragment);
  EXPECT_EQ(o.error, RecordError::bad_record_mac);
  EXPECT_EQ(in->sequence(), 0u);
  (void)first;
}

TEST_P(EverySuite, TamperedFragmentOrHeaderFailsMac) {
  const auto [code, version] = GetParam();
  auto out = make(code, version);
  Split s = split(out->seal(kApplicationData, version, Bytes(40, 0x42)).record);
  for (size_t i = 0; i < s.fragment.size(); ++i) {
    auto in = make(code, version);
    Bytes bad = s.fragment;
    bad[i] ^= 0x01;
    OpenResult o = in->open(s.header, bad);
    // GCM's explicit nonce, a CBC explicit IV or the ciphertext: any flipped bit must fail.
    EXPECT_EQ(o.error, RecordError::bad_record_mac) << "byte " << i;
  }
  auto in = make(code, version);
  RecordHeader wrong_type = s.header;
  wrong_type.type = kHandshake;  // the type is authenticated (RFC 5246, 6.2.3.1 / 6.2.3.3)
  EXPECT_EQ(in->open(wrong_type, s.fragment).error, RecordError::bad_record_mac);
}

TEST_P(EverySuite, TruncatedFragmentsFailCleanly) {
  const auto [code, version] = GetParam();
  auto out = make(code, version);
  Split s = split(out->seal(kApplicationData, version, Bytes(33, 1)).record);
  for (size_t n = 0; n < s.fragment.size(); ++n) {
    auto in = make(code, version);
    ByteView cut = ByteView(s.fragment).first(n);
    OpenResult o = in->open({s.header.type, s.header.version, static_cast<uint16_t>(n)}, cut);
    EXPECT_EQ(o.error, RecordError::bad_record_mac) << n;
  }
}

TEST_P(EverySuite, OversizeCiphertextIsRecordOverflow) {
  const auto [code, version] = GetParam();
  auto in = make(code, version);
  Bytes big(kMaxCiphertext + 1, 0);
  OpenResult o = in->open({kApplicationData, version, static_cast<uint16_t>(big.size())}, big);
  EXPECT_EQ(o.error, RecordError::record_overflow);
  Bytes limit(kMaxCiphertext, 0);  // at the limit: not an overflow, just garbage
  EXPECT_EQ(in->open({kApplicationData, version, static_cast<uint16_t>(limit.size())}, limit).error,
            RecordError::bad_record_mac);
}

TEST_P(EverySuite, OversizePlaintextIsRefusedUnlessAskedAndOverflowsOnReceipt) {
  const auto [code, version] = GetParam();
  auto out = make(code, version), in = make(code, version);
  Bytes big(kMaxPlaintext + 1, 3);
  EXPECT_EQ(out->seal(kApplicationData, version, big).error, RecordError::record_overflow);
  EXPECT_EQ(out->sequence(), 0u);
  SealTweaks t;
  t.allow_oversize = true;
  SealResult r = out->seal(kApplicationData, version, big, t);
  ASSERT_TRUE(r.ok());
  Split s = split(r.record);
  // RFC 5246, 7.2.2: decrypts to more than the limit -> record_overflow.
  EXPECT_EQ(in->open(s.header, s.fragment).error, RecordError::record_overflow);
}

TEST_P(EverySuite, CorruptMacTweakIsDetected) {
  const auto [code, version] = GetParam();
  auto out = make(code, version), in = make(code, version);
  SealTweaks t;
  t.corrupt_mac = true;
  Split s = split(out->seal(kApplicationData, version, hex("00112233"), t).record);
  OpenResult o = in->open(s.header, s.fragment);
  EXPECT_EQ(o.error, RecordError::bad_record_mac);
}

TEST_P(EverySuite, SequenceNumberOverflowIsFatal) {
  const auto [code, version] = GetParam();
  auto out = make(code, version), in = make(code, version);
  out->set_sequence(UINT64_MAX);
  in->set_sequence(UINT64_MAX);
  Split s = split(out->seal(kApplicationData, version, hex("01")).record);
  ASSERT_TRUE(in->open(s.header, s.fragment).ok());  // 2^64 - 1 itself is usable
  // RFC 5246, 6.1: sequence numbers must not wrap.
  EXPECT_EQ(out->seal(kApplicationData, version, hex("02")).error, RecordError::sequence_overflow);
  EXPECT_EQ(in->open(s.header, s.fragment).error, RecordError::sequence_overflow);
}

INSTANTIATE_TEST_SUITE_P(Record, EverySuite, ::testing::ValuesIn(every_suite_and_version()), name_of);

TEST(AeadProtection, GcmCarriesSequenceAsExplicitNonce) {
  auto out = make(0xC02F, kTls12);
  out->set_sequence(0x0102030405060708);
  Split s = split(out->seal(kApplicationData, kTls12, hex("00")).record);
  // RFC 5288, 3: nonce_explicit leads the fragment; 1 byte + 16-byte tag follow.
  EXPECT_EQ(to_hex(ByteView(s.fragment).first(8)), "0102030405060708");
  EXPECT_EQ(s.fragment.size(), 8u + 1 + 16);
}

TEST(AeadProtection, ChaChaHasNoExplicitNonce) {
  auto out = make(0xCCA8, kTls12);
  Split s = split(out->seal(kApplicationData, kTls12, hex("00")).record);
  EXPECT_EQ(s.fragment.size(), 1u + 16);  // RFC 7905, 2
}

TEST(CbcProtection, BadPaddingIsBadRecordMacWithObservableCause) {
  for (uint16_t version : {kTls10, kTls11, kTls12}) {
    auto out = make(0x002F, version), in = make(0x002F, version);
    SealTweaks t;
    t.corrupt_padding = true;
    Split s = split(out->seal(kApplicationData, version, hex("0102030405"), t).record);
    OpenResult o = in->open(s.header, s.fragment);
    EXPECT_EQ(o.error, RecordError::bad_record_mac);
    EXPECT_NE(o.detail.find("padding"), std::string::npos) << o.detail;
  }
}

TEST(CbcProtection, LongPaddingIsAcceptedAndMisalignedPaddingRefused) {
  auto out = make(0x002F, kTls12), in = make(0x002F, kTls12);
  // 11 bytes + 20 MAC + 1 length = 32: padding 0 is minimal; 16 + k*16 up to 255 are also legal.
  for (int pad : {0, 16, 240}) {
    SealTweaks t;
    t.cbc_padding_length = static_cast<uint8_t>(pad);
    SealResult r = out->seal(kApplicationData, kTls12, Bytes(11, 9), t);
    ASSERT_TRUE(r.ok()) << r.detail;
    Split s = split(r.record);
    EXPECT_EQ(s.fragment.size(), 16u + 32 + static_cast<size_t>(pad));
    OpenResult o = in->open(s.header, s.fragment);
    ASSERT_TRUE(o.ok()) << o.detail;
    EXPECT_EQ(o.plaintext, Bytes(11, 9));
  }
  SealTweaks t;
  t.cbc_padding_length = 3;
  EXPECT_EQ(out->seal(kApplicationData, kTls12, Bytes(11, 9), t).error, RecordError::internal_error);
}

TEST(CbcProtection, Tls11UsesTheRandomSourceForExplicitIv) {
  auto out = make(0x002F, kTls11);  // counter_random: 00 01 02 .. 0f
  Split s = split(out->seal(kApplicationData, kTls11, hex("00")).record);
  EXPECT_EQ(to_hex(ByteView(s.fragment).first(16)), "000102030405060708090a0b0c0d0e0f");
  Split s2 = split(out->seal(kApplicationData, kTls11, hex("00")).record);
  EXPECT_EQ(to_hex(ByteView(s2.fragment).first(16)), "101112131415161718191a1b1c1d1e1f");
}

TEST(CbcProtection, Tls10ChainsIvFromPreviousCiphertext) {
  auto out = make(0x002F, kTls10);
  Split a = split(out->seal(kApplicationData, kTls10, hex("00")).record);
  Split b = split(out->seal(kApplicationData, kTls10, hex("00")).record);
  EXPECT_EQ(a.fragment.size(), 32u);  // 1 + 20 + 11 padding: no IV in the record
  EXPECT_NE(a.fragment, b.fragment);  // same plaintext, different IV
  // Opening `b` needs `a` first: a receiver that skipped `a` has the wrong IV.
  auto fresh = make(0x002F, kTls10);
  fresh->set_sequence(1);
  EXPECT_EQ(fresh->open(b.header, b.fragment).error, RecordError::bad_record_mac);
  auto in = make(0x002F, kTls10);
  EXPECT_TRUE(in->open(a.header, a.fragment).ok());
  EXPECT_TRUE(in->open(b.header, b.fragment).ok());
}

TEST(CbcProtection, FragmentNotWholeBlocksIsBadRecordMac) {
  auto in = make(0x0067, kTls12);
  Bytes frag(16 + 48 + 1, 0);
  OpenResult o = in->open({kApplicationData, kTls12, static_cast<uint16_t>(frag.size())}, frag);
  EXPECT_EQ(o.error, RecordError::bad_record_mac);
  EXPECT_NE(o.detail.find("block"), std::string::npos);
}

TEST(Protection, FactoryRejectsWrongKeySizes) {
  const CipherSuite& s = *find_cipher_suite(uint16_t{0xC02F});
  DirectionKeys k = tlsc::record::testing::fixed_keys(s, kTls12);
  k.fixed_iv.push_back(0);
  EXPECT_EQ(make_protection(s, kTls12, k), nullptr);
  const CipherSuite& cbc = *find_cipher_suite(uint16_t{0x002F});
  EXPECT_EQ(make_protection(cbc, kTls10, tlsc::record::testing::fixed_keys(cbc, kTls11)), nullptr);
}

TEST(Protection, HeaderFragmentMismatchIsDecodeError) {
  auto in = make(0xC02F, kTls12);
  EXPECT_EQ(in->open({kApplicationData, kTls12, 30}, Bytes(29, 0)).error, RecordError::decode_error);
}

TEST(Protection, SplitKeyBlockFollowsRfc5246Order) {
  const CipherSuite& cbc = *find_cipher_suite(uint16_t{0x002F});
  Bytes block(cbc.key_block_length(kTls10));
  for (size_t i = 0; i < block.size(); ++i) block[i] = static_cast<uint8_t>(i);
  auto split_keys = split_key_block(cbc, kTls10, block);
  ASSERT_TRUE(split_keys);
  EXPECT_EQ(split_keys->client_write.mac_key.front(), 0);
  EXPECT_EQ(split_keys->server_write.mac_key.front(), 20);
  EXPECT_EQ(split_keys->client_write.enc_key.front(), 40);
  EXPECT_EQ(split_keys->server_write.enc_key.front(), 56);
  EXPECT_EQ(split_keys->client_write.fixed_iv.front(), 72);
  EXPECT_EQ(split_keys->server_write.fixed_iv.front(), 88);
  block.pop_back();
  EXPECT_FALSE(split_key_block(cbc, kTls10, block));
}
