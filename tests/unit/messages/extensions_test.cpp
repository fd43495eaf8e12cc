#include <gtest/gtest.h>

#include "peers/messages/extensions.h"
#include "test_util.h"

using namespace tlsc;
using namespace tlsc::msg;
using tlsc::msg::testing::expect_round_trip;

TEST(MessagesExtensions, TypedBodiesRoundTrip) {
  expect_round_trip(ServerNameList::host("example.com"));
  expect_round_trip(SupportedGroups{{NamedGroup::kX25519, NamedGroup::kSecp256r1, NamedGroup{0x1a1a}}});
  expect_round_trip(EcPointFormats{{ECPointFormat::kUncompressed, ECPointFormat{7}}});
  expect_round_trip(SignatureAlgorithms{{SignatureScheme::kRsaPssRsaeSha256, SignatureScheme{0x0102}}});
  expect_round_trip(ExtendedMasterSecret{});
  expect_round_trip(SessionTicketExt{});
  expect_round_trip(SessionTicketExt{hex("0102030405")});
  expect_round_trip(RenegotiationInfo{});
  expect_round_trip(RenegotiationInfo{hex("00112233445566778899aabb")});
  expect_round_trip(Alpn{{Bytes{'h', '2'}, Bytes{'h', 't', 't', 'p', '/', '1', '.', '1'}}});
}

TEST(MessagesExtensions, KnownEncodings) {
  EXPECT_EQ(to_hex(ServerNameList::host("localhost").encode()), "000c0000096c6f63616c686f7374");
  EXPECT_EQ(to_hex(SupportedGroups{{NamedGroup::kX25519, NamedGroup::kSecp256r1}}.encode()), "0004001d0017");
  EXPECT_EQ(to_hex(EcPointFormats{{ECPointFormat::kUncompressed}}.encode()), "0100");
  EXPECT_EQ(to_hex(RenegotiationInfo{}.encode()), "00");
  Extension e = ExtendedMasterSecret{}.to_extension();
  EXPECT_EQ(e.type, ExtensionType::kExtendedMasterSecret);
  EXPECT_TRUE(e.body.empty());
}

TEST(MessagesExtensions, EmsWithBodyRejectedByTypedParserButKeptByList) {
  // RFC 7627, 5.1: extension_data is empty.
  ExtendedMasterSecret ems;
  ParseError why;
  EXPECT_FALSE(parse(hex("00"), ems, &why));
  EXPECT_NE(why.detail.find("RFC 7627"), std::string::npos) << why.detail;
  EXPECT_NE(why.detail.find("extended_master_secret"), std::string::npos) << why.detail;

  Extensions list{{ExtensionType::kExtendedMasterSecret, hex("00")}};
  wire::Writer w;
  write_extensions(w, list);
  EXPECT_EQ(to_hex(w.data()), "0005" "0017" "0001" "00");
  Extensions back;
  ASSERT_TRUE(parse_extension_block(w.data(), back, &why)) << why.detail;
  EXPECT_EQ(back, list);
}

TEST(MessagesExtensions, ListKeepsOrderDuplicatesAndUnknownTypes) {
  Extensions list{{ExtensionType{0x1234}, hex("abcd")},
                  {ExtensionType::kServerName, hex("")},
                  {ExtensionType::kServerName, hex("ff")},
                  {ExtensionType::kRenegotiationInfo, hex("00")}};
  wire::Writer w;
  write_extensions(w, list);
  Extensions back;
  ParseError why;
  ASSERT_TRUE(parse_extension_block(w.data(), back, &why)) << why.detail;
  EXPECT_EQ(back, list);
  EXPECT_EQ(count_extensions(back, ExtensionType::kServerName), 2u);
  EXPECT_EQ(count_extensions(back, ExtensionType::kAlpn), 0u);
  ASSERT_NE(find_extension(back, ExtensionType::kServerName), nullptr);
  EXPECT_TRUE(find_extension(back, ExtensionType::kServerName)->body.empty()) << "first one wins";
  EXPECT_EQ(find_extension(back, ExtensionType::kAlpn), nullptr);
  EXPECT_EQ(first_duplicate(back), ExtensionType::kServerName);
  EXPECT_EQ(first_duplicate(Extensions{}), std::nullopt);
  EXPECT_EQ(describe_extensions(back), "{0x1234(2), server_name(0), server_name(1), renegotiation_info(1)}");
}

TEST(MessagesExtensions, MalformedListsFailWithReason) {
  Extensions out;
  ParseError why;
  EXPECT_FALSE(parse_extension_block(hex("000100"), out, &why));  // half a header
  EXPECT_NE(why.detail.find("truncated extension_type"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse_extension_block(hex("000400170005"), out, &why));  // body overruns block
  EXPECT_NE(why.detail.find("extended_master_secret"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse_extension_block(hex("0000ff"), out, &why));  // trailing
  EXPECT_NE(why.detail.find("trailing"), std::string::npos) << why.detail;
  EXPECT_TRUE(parse_extension_block(hex("0000"), out, &why));
  EXPECT_TRUE(out.empty());
}

TEST(MessagesExtensions, TypedParsersRejectBadBodies) {
  ParseError why;
  SupportedGroups g;
  EXPECT_FALSE(parse(hex("0003001d00"), g, &why));
  EXPECT_EQ(why.detail, "supported_groups.named_group_list: odd length 3");
  EXPECT_FALSE(parse(hex("0000"), g, &why));
  EXPECT_FALSE(parse(hex("0002001d00"), g, &why));  // trailing byte
  EXPECT_NE(why.detail.find("trailing"), std::string::npos);
  SignatureAlgorithms s;
  EXPECT_FALSE(parse(hex("000104"), s, &why));
  EXPECT_NE(why.detail.find("odd length 1"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("0000"), s, &why));
  EcPointFormats f;
  EXPECT_FALSE(parse(hex("00"), f, &why));
  EXPECT_FALSE(parse(hex("010000"), f, &why));  // trailing
  ServerNameList sni;
  EXPECT_FALSE(parse(hex(""), sni, &why)) << "the server's empty acknowledgement is not a list";
  EXPECT_FALSE(parse(hex("0000"), sni, &why));
  EXPECT_FALSE(parse(hex("0003000000"), sni, &why)) << "empty HostName";
  EXPECT_FALSE(parse(hex("000400000261"), sni, &why)) << "name overruns list";
  RenegotiationInfo ri;
  EXPECT_FALSE(parse(hex(""), ri, &why));
  EXPECT_FALSE(parse(hex("01"), ri, &why)) << "length 1, no data";
  EXPECT_FALSE(parse(hex("0000"), ri, &why)) << "trailing";
  Alpn a;
  EXPECT_FALSE(parse(hex("000100"), a, &why)) << "empty protocol name";
  EXPECT_FALSE(parse(hex("0000"), a, &why));
}

TEST(MessagesExtensions, ServerNameHelpersAndUnknownNameTypes) {
  ServerNameList l;
  ParseError why;
  EXPECT_FALSE(parse(hex("000c0100026162000003646566"), l, &why)) << "list length one too long";
  ASSERT_TRUE(parse(hex("000b0100026162000003646566"), l, &why)) << why.detail;
  ASSERT_EQ(l.names.size(), 2u);
  EXPECT_EQ(l.names[0].name_type, 1);
  EXPECT_EQ(l.host_name(), "def");
  EXPECT_EQ(l.describe(), "server_name{type1=[2] 6162, host_name=\"def\"}");
  expect_round_trip(l);
}
