// The FTP text protocol's parsers and formatters: bounded, hostile input refused with a reason.
#include <gtest/gtest.h>

#include <string>

#include "peers/ftps/command.h"
#include "peers/ftps/control.h"
#include "peers/ftps/line_reader.h"
#include "peers/ftps/passive.h"
#include "peers/ftps/reply.h"

namespace tlsc::ftps {
namespace {

LineReader fed(const std::string& s) {
  LineReader r;
  EXPECT_TRUE(r.feed(view(s)));
  return r;
}

TEST(LineReader, SplitsCrlfLinesAcrossFeeds) {
  LineReader r;
  ASSERT_TRUE(r.feed(view(std::string("220 hel"))));
  EXPECT_FALSE(r.next());
  ASSERT_TRUE(r.feed(view(std::string("lo\r"))));
  EXPECT_FALSE(r.next());  // CR alone: waits for the LF
  ASSERT_TRUE(r.feed(view(std::string("\n331 x\r\nrest"))));
  EXPECT_EQ(r.next(), "220 hello");
  EXPECT_EQ(r.next(), "331 x");
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.take_buffered(), Bytes({'r', 'e', 's', 't'}));
}

TEST(LineReader, RefusesBareLfBareCrAndNul) {
  auto a = fed("220 x\n");
  EXPECT_FALSE(a.next());
  EXPECT_NE(a.error().find("bare LF"), std::string::npos) << a.error();
  auto b = fed("220 x\rY\r\n");
  EXPECT_FALSE(b.next());
  EXPECT_NE(b.error().find("CR not followed by LF"), std::string::npos) << b.error();
  auto c = fed(std::string("220 \0x\r\n", 8));
  EXPECT_FALSE(c.next());
  EXPECT_NE(c.error().find("NUL"), std::string::npos) << c.error();
  EXPECT_FALSE(c.feed(view(std::string("200 ok\r\n"))));  // stays failed
}

TEST(LineReader, BoundsLineLengthWithoutBufferingForever) {
  LineReader r(16);
  ASSERT_TRUE(r.feed(view(std::string(16, 'a'))));
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.failed());  // exactly the limit, no end yet
  ASSERT_TRUE(r.feed(view(std::string("b"))));
  EXPECT_FALSE(r.next());
  EXPECT_TRUE(r.failed());
  EXPECT_NE(r.error().find("longer than 16"), std::string::npos);
  // A long line that arrives all at once with its CRLF is refused too.
  LineReader s(16);
  ASSERT_TRUE(s.feed(view(std::string(40, 'x') + "\r\n")));
  EXPECT_FALSE(s.next());
  EXPECT_TRUE(s.failed());
}

// Regression (found while fuzzing): lines that straddle feeds kept every consumed line in the
// buffer, so a peer sending an endless stream of short commands grew our memory without bound.
TEST(LineReader, DropsConsumedLinesWhenLinesStraddleFeeds) {
  LineReader r(64);
  ASSERT_TRUE(r.feed(view(std::string("NO"))));
  size_t lines = 0;
  for (int i = 0; i < 10000; ++i) {
    ASSERT_TRUE(r.feed(view(std::string("OP\r\nNO"))));
    while (auto l = r.next()) {
      EXPECT_EQ(*l, "NOOP");
      ++lines;
    }
    ASSERT_FALSE(r.failed()) << r.error();
    ASSERT_LE(r.held(), 64u + 1 + 6) << "after " << lines << " lines";
  }
  EXPECT_EQ(lines, 10000u);
  EXPECT_EQ(r.buffered(), 2u);
}

ReplyParser::Status add_all(ReplyParser& p, std::initializer_list<const char*> lines) {
  ReplyParser::Status st = ReplyParser::Status::kMore;
  for (const char* l : lines) st = p.add(l);
  return st;
}

TEST(ReplyParser, SingleAndMultiLine) {
  ReplyParser p;
  ASSERT_EQ(p.add("226 Transfer complete"), ReplyParser::Status::kComplete);
  auto r = p.take();
  EXPECT_EQ(r.code, 226);
  EXPECT_EQ(r.text(), "Transfer complete");
  EXPECT_TRUE(r.completion());

  // RFC 959 4.2: a middle line starting with another code, or the same code with '-', does not end it.
  ASSERT_EQ(add_all(p, {"211-Features:", " AUTH TLS", "200 not the end", "211-still not", "211 End"}),
            ReplyParser::Status::kComplete);
  r = p.take();
  EXPECT_EQ(r.code, 211);
  EXPECT_EQ(r.lines.size(), 5u);
  EXPECT_EQ(r.lines.back(), "211 End");

  ASSERT_EQ(p.add("200"), ReplyParser::Status::kComplete);  // code alone
  EXPECT_EQ(p.take().code, 200);
}

TEST(ReplyParser, RefusesMalformedCodes) {
  for (const char* bad : {"", "22", "abc text", "620 six hundred", "260 second digit six", "2x0 x", "220x", "-220 x"}) {
    ReplyParser p;
    EXPECT_EQ(p.add(bad), ReplyParser::Status::kError) << bad;
    EXPECT_NE(p.error().find("RFC 959 4.2"), std::string::npos) << p.error();
  }
}

TEST(ReplyParser, BoundsMultiLineReplies) {
  ReplyParser p(4);
  EXPECT_EQ(add_all(p, {"211-a", "b", "c", "d"}), ReplyParser::Status::kMore);
  EXPECT_EQ(p.add("e"), ReplyParser::Status::kError);
  EXPECT_NE(p.error().find("longer than 4 lines"), std::string::npos) << p.error();
  EXPECT_EQ(p.add("211 End"), ReplyParser::Status::kError);  // stays failed
}

TEST(ReplyFormat, OneLineMultiLineAndRefusals) {
  EXPECT_EQ(format_reply(200, {"ok"}), "200 ok\r\n");
  EXPECT_EQ(format_reply(211, {"Features:", "AUTH TLS", "230 looks like a code", "End"}),
            "211-Features:\r\nAUTH TLS\r\n 230 looks like a code\r\n211 End\r\n");
  EXPECT_FALSE(format_reply(200, {"two\r\nlines"}));
  EXPECT_FALSE(format_reply(99, {"x"}));
  // What we format parses back to the same reply.
  ReplyParser p;
  LineReader lr;
  ASSERT_TRUE(lr.feed(view(*format_reply(211, {"a", "211 b", "c"}))));
  ReplyParser::Status st = ReplyParser::Status::kMore;
  while (auto l = lr.next()) st = p.add(*l);
  ASSERT_EQ(st, ReplyParser::Status::kComplete);
  EXPECT_EQ(p.take().lines.size(), 3u);
}

TEST(Command, FormatsAndRefusesInjection) {
  EXPECT_EQ(format_command("retr", "a b.bin"), "RETR a b.bin\r\n");
  EXPECT_EQ(format_command("PASV", ""), "PASV\r\n");
  std::string why;
  EXPECT_FALSE(format_command("RETR", "x\r\nDELE y", &why));
  EXPECT_NE(why.find("RFC 959 4.1.3"), std::string::npos) << why;
  EXPECT_FALSE(format_command("RETR", std::string("x\0y", 3), &why));
  EXPECT_FALSE(format_command("RE", "x", &why));
  EXPECT_FALSE(format_command("RETRX", "x", &why));
  EXPECT_FALSE(format_command("RE7R", "x", &why));
  EXPECT_NE(why.find("RFC 959 5.3.1"), std::string::npos) << why;
}

TEST(Command, ParsesAndMasksPasswords) {
  auto c = parse_command("stor dir name.bin");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->verb, "STOR");
  EXPECT_EQ(c->arg, "dir name.bin");
  std::string why;
  EXPECT_FALSE(parse_command("\x16\x03\x01", &why));  // a TLS ClientHello where a command belongs
  EXPECT_FALSE(parse_command("", &why));
  EXPECT_EQ(describe_command("pass", "secret"), "PASS ****");
  EXPECT_EQ(describe_command("USER", "bob"), "USER bob");
}

Reply reply_of(int code, const std::string& line) { return Reply{code, {line}}; }

TEST(Passive, ParsesPasv) {
  auto a = parse_pasv_reply(reply_of(227, "227 Entering Passive Mode (127,0,0,1,195,80)."));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 195 * 256 + 80);
  // RFC 1123 4.1.2.6: no parentheses, numbers anywhere in the text.
  a = parse_pasv_reply(reply_of(227, "227 =127,0,0,1,4,1"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port, 1025);
  EXPECT_EQ(parse_pasv_reply(reply_of(227, pasv_text("127.0.0.1", 40001)))->port, 40001);
}

TEST(Passive, RefusesMalformedPasv) {
  std::string why;
  EXPECT_FALSE(parse_pasv_reply(reply_of(200, "200 (127,0,0,1,1,1)"), &why));
  EXPECT_NE(why.find("expected 227"), std::string::npos);
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227 (127,0,0,1,1)"), &why));
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227 (127,0,0,1,256,1)"), &why));
  EXPECT_NE(why.find("0-255"), std::string::npos) << why;
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227 (127,0,0,1,99999999999,1)"), &why));
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227 (127;0,0,1,1,1)"), &why));
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227 (127,0,0,1,0,0)"), &why));
  EXPECT_FALSE(parse_pasv_reply(reply_of(227, "227"), &why));
}

TEST(Passive, ParsesAndRefusesEpsv) {
  auto a = parse_epsv_reply(reply_of(229, "229 Entering Extended Passive Mode (|||6446|)"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port, 6446);
  EXPECT_TRUE(a->host.empty());
  EXPECT_EQ(parse_epsv_reply(reply_of(229, "229 ok (!!!1025!)"))->port, 1025);  // RFC 2428 3: any delimiter
  EXPECT_EQ(parse_epsv_reply(reply_of(229, "229 " + epsv_text(65535)))->port, 65535);
  std::string why;
  for (const char* bad : {"229 (|||65536|)", "229 (|||0|)", "229 (||6446|)", "229 (|||6446)", "229 (|!|6446|)",
                          "229 no parens", "229 (1116446|)", "229 (|||9999999|)", "229 (|||abc|)"}) {
    EXPECT_FALSE(parse_epsv_reply(reply_of(229, bad), &why)) << bad;
    EXPECT_NE(why.find("RFC 2428 3"), std::string::npos) << why;
  }
  EXPECT_FALSE(parse_epsv_reply(reply_of(227, "227 (|||6446|)"), &why));
}

TEST(PlaintextDetection, FindsAClearReplyAfterTlsRecords) {
  Bytes in = {23, 3, 3, 0, 2, 0xaa, 0xbb, 21, 3, 3, 0, 1, 0x01};  // two whole records
  EXPECT_FALSE(plaintext_after_records(in));
  const std::string clear = "200 PBSZ=0\r\n";
  Bytes with = in;
  with.insert(with.end(), clear.begin(), clear.end());
  auto line = plaintext_after_records(with);
  ASSERT_TRUE(line);
  EXPECT_EQ(*line, "200 PBSZ=0");
  // A record still arriving, or binary garbage, is not a clear-text reply.
  Bytes partial = {23, 3, 3, 0, 9, 1, 2};
  EXPECT_FALSE(plaintext_after_records(partial));
  Bytes garbage = {23, 3, 3, 0, 1, 0, 0x99, 0x98, 0x97, 0x96};
  EXPECT_FALSE(plaintext_after_records(garbage));
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex(view(std::string("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace tlsc::ftps
