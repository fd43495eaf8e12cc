#include <gtest/gtest.h>

#include "peers/messages/handshake.h"
#include "peers/messages/hello.h"

using namespace tlsc;
using namespace tlsc::msg;

TEST(MessagesFraming, EncodeAndParseOneMessage) {
  HandshakeMessage m{HandshakeType::kFinished, hex("0102")};
  EXPECT_EQ(to_hex(m.encode()), "140000020102");
  HandshakeMessage back;
  ParseError why;
  ASSERT_TRUE(parse(m.encode(), back, &why)) << why.detail;
  EXPECT_EQ(back, m);
  EXPECT_FALSE(parse(hex("14000002"), back, &why));
  EXPECT_NE(why.detail.find("overruns"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("1400000001"), back, &why));
  EXPECT_EQ(why.detail, "Handshake: 1 trailing bytes");
  EXPECT_FALSE(parse(hex("1400"), back, &why));
  EXPECT_EQ(m.describe(), "finished [2]");
}

TEST(MessagesReassembler, SeveralMessagesInOneRecord) {
  const Bytes a = HandshakeMessage{HandshakeType::kServerHello, hex("aabbcc")}.encode();
  const Bytes b = encode_handshake(ServerHelloDone{});
  Bytes record = a;
  record.insert(record.end(), b.begin(), b.end());
  HandshakeReassembler r;
  ASSERT_TRUE(r.add(record));
  auto m1 = r.next();
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->message.type, HandshakeType::kServerHello);
  EXPECT_EQ(to_hex(m1->raw), to_hex(a)) << "raw keeps the header for the transcript";
  auto m2 = r.next();
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->message.type, HandshakeType::kServerHelloDone);
  EXPECT_EQ(to_hex(m2->raw), "0e000000");
  EXPECT_FALSE(r.next());
  EXPECT_EQ(r.buffered_bytes(), 0u);
  EXPECT_FALSE(r.has_partial_message());
}

TEST(MessagesReassembler, MessageSplitAcrossRecordsAtEveryPoint) {
  const Bytes a = HandshakeMessage{HandshakeType::kCertificate, Bytes(300, 0x5a)}.encode();
  const Bytes b = HandshakeMessage{HandshakeType::kServerHelloDone, {}}.encode();
  Bytes stream = a;
  stream.insert(stream.end(), b.begin(), b.end());
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    HandshakeReassembler r;
    std::vector<ReassembledMessage> got;
    ASSERT_TRUE(r.add(ByteView(stream).first(cut)));
    while (auto m = r.next()) got.push_back(*m);
    const bool partial_expected = cut != 0 && cut != a.size() && cut != stream.size();
    EXPECT_EQ(r.has_partial_message(), partial_expected) << "cut " << cut;
    ASSERT_TRUE(r.add(ByteView(stream).subspan(cut)));
    while (auto m = r.next()) got.push_back(*m);
    ASSERT_EQ(got.size(), 2u) << "cut " << cut;
    EXPECT_EQ(got[0].raw, a);
    EXPECT_EQ(got[0].message.body, Bytes(300, 0x5a));
    EXPECT_EQ(got[1].raw, b);
    EXPECT_FALSE(r.has_partial_message());
  }
}

TEST(MessagesReassembler, ByteAtATime) {
  const Bytes a = HandshakeMessage{HandshakeType::kClientHello, Bytes(70, 1)}.encode();
  HandshakeReassembler r;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_FALSE(r.next()) << i;
    ASSERT_TRUE(r.add(ByteView(a).subspan(i, 1)));
    EXPECT_EQ(r.has_partial_message(), i + 1 < a.size());
  }
  auto m = r.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->raw, a);
}

TEST(MessagesReassembler, OversizeMessageRejectedFromItsHeader) {
  HandshakeReassembler r(1000);
  ParseError why;
  ASSERT_TRUE(r.add(HandshakeMessage{HandshakeType::kCertificate, Bytes(1000, 1)}.encode(), &why)) << why.detail;
  ASSERT_TRUE(r.next());
  EXPECT_FALSE(r.add(hex("0b0003e9"), &why)) << "1001 > 1000, known from the header alone";
  EXPECT_EQ(why.detail, "Handshake.length: certificate announces 1001 bytes, over the limit of 1000");
  EXPECT_TRUE(r.failed());
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.add(hex("0e000000"))) << "sticky";

  HandshakeReassembler def;
  EXPECT_EQ(def.max_body(), 64u * 1024);
  EXPECT_FALSE(def.add(hex("01ffffff")));
  HandshakeReassembler ok;
  EXPECT_TRUE(ok.add(hex("01010000")));
  EXPECT_TRUE(ok.has_partial_message());
}

TEST(MessagesReassembler, OversizeSecondMessageInSameRecord) {
  HandshakeReassembler r(16);
  Bytes rec = hex("0e000000" "0b000011");
  EXPECT_FALSE(r.add(rec));
}

TEST(MessagesReassembler, EmptyFragmentsAreNoOps) {
  HandshakeReassembler r;
  EXPECT_TRUE(r.add({}));
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.has_partial_message());
  EXPECT_TRUE(r.add(hex("0e00")));
  EXPECT_TRUE(r.add({}));
  EXPECT_TRUE(r.has_partial_message());
  EXPECT_EQ(r.buffered_bytes(), 2u);
}
