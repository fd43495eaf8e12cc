// Our FTPS server against a client that never stops talking: the session and its report stay
// bounded (kMaxCommandsPerConnection), the limit ends the connection with 421 (RFC 959 4.2.1).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "peers/ftps/control.h"
#include "peers/ftps/server.h"
#include "peers/transport/memory_pipe.h"

namespace tlsc::ftps {
namespace {

struct Session {
  FtpsServerReport report;
  std::vector<Reply> replies;  // what the client read
  std::string read_error;
};

// Sends `n` NOOPs in the clear (before AUTH) and closes; the server answers each with 530.
Session flood(size_t n) {
  auto pipe = transport::make_memory_pipe();
  std::string text;
  for (size_t i = 0; i < n; ++i) text += "NOOP\r\n";
  EXPECT_TRUE(pipe.b->write_all(view(text), transport::deadline_after(std::chrono::seconds(5))).ok());
  EXPECT_TRUE(pipe.b->shutdown_write().ok());
  Session s;
  s.report = serve_ftps(*pipe.a, FtpsServerConfig{});  // returns at EOF or at the limit
  PlainControl client(*pipe.b);
  for (;;) {
    auto r = client.read_reply(std::chrono::milliseconds(2000));
    if (!r.reply) {
      s.read_error = r.error;
      break;
    }
    s.replies.push_back(*r.reply);
  }
  return s;
}

TEST(ServerLimits, AnswersEveryCommandUpToTheLimit) {
  auto s = flood(kMaxCommandsPerConnection);
  EXPECT_EQ(s.report.commands.size(), kMaxCommandsPerConnection);
  ASSERT_EQ(s.replies.size(), kMaxCommandsPerConnection + 1);  // 220 + one 530 each
  EXPECT_EQ(s.replies.front().code, 220);
  EXPECT_EQ(s.replies.back().code, 530);
  EXPECT_EQ(s.report.error.find("more than"), std::string::npos) << s.report.error;
}

TEST(ServerLimits, EndsTheConnectionWith421PastTheLimit) {
  auto s = flood(kMaxCommandsPerConnection + 50);
  EXPECT_EQ(s.report.commands.size(), kMaxCommandsPerConnection);
  ASSERT_EQ(s.replies.size(), kMaxCommandsPerConnection + 2);  // 220, 530 each, 421
  EXPECT_EQ(s.replies.back().code, 421);
  EXPECT_EQ(s.report.reply_codes.back(), 421);
  EXPECT_NE(s.report.error.find("more than " + std::to_string(kMaxCommandsPerConnection) + " commands"), std::string::npos)
      << s.report.error;
  EXPECT_FALSE(s.read_error.empty());  // and nothing after the 421: the server closed
}

}  // namespace
}  // namespace tlsc::ftps
