#include <gtest/gtest.h>

#include "peers/record/record_reader.h"
#include "peers/record/record_writer.h"
#include "test_keys.h"

using namespace tlsc;
using namespace tlsc::record;
using tlsc::record::testing::make;

namespace {

// Feeds `stream` to a reader in chunks of `chunk` bytes, opening every record with `in`.
Bytes reassemble(ByteView stream, size_t chunk, RecordProtection& in, size_t* records = nullptr) {
  RecordReader reader;
  Bytes out;
  size_t count = 0;
  for (size_t at = 0; at < stream.size(); at += chunk) {
    EXPECT_TRUE(reader.feed(stream.subspan(at, std::min(chunk, stream.size() - at))));
    for (;;) {
      RecordReader::Next n = reader.next();
      if (n.status == RecordReader::Status::need_more) break;
      EXPECT_EQ(n.status, RecordReader::Status::record);
      if (n.status != RecordReader::Status::record) return out;
      OpenResult o = in.open(n.header, n.fragment);
      EXPECT_TRUE(o.ok()) << o.detail;
      out.insert(out.end(), o.plaintext.begin(), o.plaintext.end());
      ++count;
    }
  }
  EXPECT_EQ(reader.buffered(), 0u);
  if (records) *records = count;
  return out;
}

Bytes payload(size_t n) {
  Bytes p(n);
  for (size_t i = 0; i < n; ++i) p[i] = static_cast<uint8_t>(i ^ (i >> 8));
  return p;
}

}  // namespace

TEST(RecordReader, ParsesHeaderAndWaitsForFragment) {
  RecordReader r;
  EXPECT_EQ(r.wanted(), 5u);
  ASSERT_TRUE(r.feed(hex("160301")));
  EXPECT_EQ(r.next().status, RecordReader::Status::need_more);
  EXPECT_EQ(r.wanted(), 2u);
  ASSERT_TRUE(r.feed(hex("0003aa")));
  EXPECT_EQ(r.wanted(), 2u);
  EXPECT_EQ(r.next().status, RecordReader::Status::need_more);
  ASSERT_TRUE(r.feed(hex("bbcc17")));
  RecordReader::Next n = r.next();
  ASSERT_EQ(n.status, RecordReader::Status::record);
  EXPECT_EQ(n.header.type, 22);
  EXPECT_EQ(n.header.version, 0x0301);
  EXPECT_EQ(to_hex(n.fragment), "aabbcc");
  EXPECT_EQ(r.buffered(), 1u);
  EXPECT_EQ(r.next().status, RecordReader::Status::need_more);
}

TEST(RecordReader, ZeroLengthRecord) {
  RecordReader r;
  ASSERT_TRUE(r.feed(hex("1703030000")));
  RecordReader::Next n = r.next();
  ASSERT_EQ(n.status, RecordReader::Status::record);
  EXPECT_TRUE(n.fragment.empty());
}

TEST(RecordReader, OverlongHeaderIsOverflowBeforeTheBodyArrives) {
  RecordReader r;  // default limit 2^14 + 2048 (RFC 5246, 6.2.3)
  ASSERT_TRUE(r.feed(hex("1703034801")));  // 0x4801 = 18433
  RecordReader::Next n = r.next();
  EXPECT_EQ(n.status, RecordReader::Status::overflow);
  EXPECT_EQ(n.header.length, 0x4801);
  EXPECT_EQ(r.next().status, RecordReader::Status::overflow);  // sticky

  RecordReader exact;
  ASSERT_TRUE(exact.feed(hex("1703034800")));
  EXPECT_EQ(exact.next().status, RecordReader::Status::need_more);
  EXPECT_EQ(exact.wanted(), 0x4800u);

  RecordReader plain(kMaxPlaintext);
  ASSERT_TRUE(plain.feed(hex("1603034001")));
  EXPECT_EQ(plain.next().status, RecordReader::Status::overflow);
}

TEST(RecordReader, BufferIsBounded) {
  RecordReader r;
  Bytes chunk(RecordReader::buffer_cap(), 0);
  ASSERT_TRUE(r.feed(chunk));
  EXPECT_FALSE(r.feed(hex("00")));
  EXPECT_EQ(r.buffered(), RecordReader::buffer_cap());
}

TEST(RecordWriter, FragmentsAndReassemblesExactly) {
  for (uint16_t code : {uint16_t{0xC02F}, uint16_t{0xCCA8}, uint16_t{0x002F}}) {
    for (uint16_t version : {kTls10, kTls12}) {
      if (!find_cipher_suite(code)->allowed_in(version)) continue;
      for (size_t max : {size_t{1}, size_t{7}, size_t{1000}, kMaxPlaintext}) {
        auto out = make(code, version), in = make(code, version);
        RecordWriter w(max);
        const Bytes data = payload(max < 1000 ? 3000 : 40000);
        SealResult r = w.write(*out, kApplicationData, version, data);
        ASSERT_TRUE(r.ok()) << r.detail;
        const size_t expected_records = (data.size() + max - 1) / max;
        EXPECT_EQ(out->sequence(), expected_records);
        // Feeds of 1 byte, a typical socket read, and the most the reader buffers at once.
        for (size_t chunk : {size_t{1}, size_t{4096}, RecordReader::buffer_cap() / 2}) {
          auto fresh_in = make(code, version);
          size_t records = 0;
          EXPECT_EQ(reassemble(r.record, chunk, *fresh_in, &records), data) << code << " max " << max;
          EXPECT_EQ(records, expected_records);
        }
        (void)in;
      }
    }
  }
}

TEST(RecordWriter, EmptyPayloadIsOneEmptyRecord) {
  auto out = make_null_protection();
  RecordWriter w;
  SealResult r = w.write(*out, kApplicationData, kTls12, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_hex(r.record), "1703030000");
}

TEST(RecordWriter, NullProtectionFragmentsHandshakeBytes) {
  auto out = make_null_protection();
  RecordWriter w(2);
  SealResult r = w.write(*out, kHandshake, kTls10, hex("0102030405"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_hex(r.record), "16030100020102" "16030100020304" "160301000105");
}

TEST(RecordWriter, LargerThanLimitIsADeliberateViolation) {
  auto out = make_null_protection();
  RecordWriter w(kMaxPlaintext + 100);
  SealResult r = w.write(*out, kApplicationData, kTls12, payload(kMaxPlaintext + 50));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.record.size(), kHeaderLength + kMaxPlaintext + 50);
  RecordReader reader(kMaxPlaintext);
  ASSERT_TRUE(reader.feed(r.record));
  EXPECT_EQ(reader.next().status, RecordReader::Status::overflow);
}
