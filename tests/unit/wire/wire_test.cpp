#include <gtest/gtest.h>

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

using namespace tlsc;
using tlsc::wire::Reader;
using tlsc::wire::Writer;

TEST(Wire, IntegersRoundTripBigEndian) {
  Writer w;
  w.u8(0x01);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0x0708090a);
  EXPECT_EQ(to_hex(w.data()), "0102030405060708090a");
  Reader r(w.data());
  uint8_t a;
  uint16_t b;
  uint32_t c, d;
  ASSERT_TRUE(r.u8(a) && r.u16(b) && r.u24(c) && r.u32(d));
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0203);
  EXPECT_EQ(c, 0x040506u);
  EXPECT_EQ(d, 0x0708090au);
  EXPECT_TRUE(r.done());
}

TEST(Wire, ShortReadFailsAndConsumesNothing) {
  Bytes in = hex("0001");
  Reader r(in);
  uint32_t v;
  EXPECT_FALSE(r.u24(v));
  EXPECT_EQ(r.remaining(), 2u);
}

TEST(Wire, PrefixLongerThanInputIsRejected) {
  Bytes in = hex("0005aabbcc");
  Reader r(in);
  Reader body;
  EXPECT_FALSE(r.prefixed16(body));
  EXPECT_EQ(r.remaining(), 5u) << "a failed prefixed read must not consume the prefix";
}

TEST(Wire, PrefixedSubReaderIsBounded) {
  Bytes in = hex("0002aabbcc");
  Reader r(in);
  Reader body;
  ASSERT_TRUE(r.prefixed16(body));
  uint16_t v;
  uint8_t extra;
  ASSERT_TRUE(body.u16(v));
  EXPECT_EQ(v, 0xaabb);
  EXPECT_FALSE(body.u8(extra)) << "the sub-reader must end at its prefix";
  EXPECT_FALSE(r.done()) << "the trailing byte is still there";
}

TEST(Wire, WriterPatchesNestedPrefixes) {
  Writer w;
  w.prefixed16([](Writer& a) {
    a.u8(7);
    a.prefixed8([](Writer& b) { b.bytes(hex("aabb")); });
  });
  EXPECT_EQ(to_hex(w.data()), "00040702aabb");
}

TEST(Wire, WriterRejectsOverflowingPrefix) {
  Writer w;
  Bytes big(256, 0);
  EXPECT_THROW(w.vec8(big), wire::WireError);
  EXPECT_THROW(w.u24(1u << 24), wire::WireError);
}

TEST(Wire, HexParsing) {
  Bytes out;
  EXPECT_TRUE(from_hex("00fFa1", out));
  EXPECT_EQ(out, (Bytes{0x00, 0xff, 0xa1}));
  EXPECT_FALSE(from_hex("abc", out));
  EXPECT_FALSE(from_hex("zz", out));
}
