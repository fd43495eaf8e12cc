// Application data after the handshake (peers/engine/app_data.h): none, echo, http, in both
// roles, and close_notify at the end whatever the other side did (RFC 5246 7.2.1).
#include <chrono>

#include "tests/unit/engine/engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

std::string text(const Bytes& b) { return {b.begin(), b.end()}; }
Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

bool sent_close_notify(const ConnectionReport& r) {
  for (const auto& a : r.alerts)
    if (a.sent && a.description == AlertDescription::kCloseNotify) return true;
  return false;
}

TEST(AppDataMode, ParsesTheThreeNamesOnly) {
  EXPECT_EQ(parse_app_data("none"), AppData::kNone);
  EXPECT_EQ(parse_app_data("echo"), AppData::kEcho);
  EXPECT_EQ(parse_app_data("http"), AppData::kHttp);
  EXPECT_FALSE(parse_app_data("HTTP"));
  EXPECT_FALSE(parse_app_data(""));
  EXPECT_FALSE(parse_app_data("ping"));
  EXPECT_EQ(app_data_names(), "none, echo, http");
}

TEST(AppDataHttp, ResponseCompletenessFollowsItsFraming) {
  EXPECT_FALSE(http_response_complete(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc")));
  EXPECT_TRUE(http_response_complete(bytes("HTTP/1.1 200 OK\r\ncontent-length:  5 \r\n\r\nabcde")));
  EXPECT_FALSE(http_response_complete(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")));
  EXPECT_FALSE(http_response_complete(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")));
  EXPECT_TRUE(http_response_complete(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")));
  EXPECT_TRUE(http_response_complete(bytes("HTTP/1.1 204 No Content\r\n\r\n")));
  // No framing (HTTP/1.0 style): only the server's close ends it.
  EXPECT_FALSE(http_response_complete(bytes("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n<html>")));
  EXPECT_TRUE(http_request_complete(http_request("localhost")));
  EXPECT_FALSE(http_request_complete(bytes("GET / HTTP/1.1\r\nHost: x\r\n")));
  EXPECT_TRUE(http_response_complete(http_response()));
  // Our client stops at once on an answer that is not HTTP (an echo server's), not at its deadline.
  EXPECT_FALSE(http_reading_done(bytes("")));
  EXPECT_FALSE(http_reading_done(bytes("HTT")));
  EXPECT_FALSE(http_reading_done(bytes("HTTP/1.1 200 OK\r\n")));
  EXPECT_TRUE(http_reading_done(bytes("1.1/PTTH / TEG\n")));
  EXPECT_TRUE(http_reading_done(bytes("gnip")));
  EXPECT_TRUE(http_reading_done(http_response()));
}

TEST(AppDataExchange, HttpClientAgainstAnEchoServerEndsWithoutWaiting) {
  auto c = client_config();
  c.app_mode = AppData::kHttp;
  auto s = server_config();  // echo: the request comes back, which is no HTTP response
  const auto start = std::chrono::steady_clock::now();
  auto p = run_pair(c, s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_NE(p.client.closure, Closure::kTimeout) << p.client.describe();
  EXPECT_TRUE(sent_close_notify(p.client));
}

TEST(AppDataExchange, HttpClientAgainstHttpServer) {
  auto c = client_config();
  c.app_mode = AppData::kHttp;
  auto s = server_config();
  s.app_mode = AppData::kHttp;
  const auto start = std::chrono::steady_clock::now();
  auto p = run_pair(c, s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000)) << "nobody waits for a deadline";
  EXPECT_EQ(p.client.handshakes, 1) << p.client.describe();
  EXPECT_EQ(text(p.server.app_data_received).rfind("GET / HTTP/1.1\r\nHost: localhost\r\n", 0), 0u)
      << text(p.server.app_data_received);
  EXPECT_EQ(text(p.client.app_data_received), text(http_response()));
  EXPECT_TRUE(sent_close_notify(p.client));
  EXPECT_TRUE(sent_close_notify(p.server));
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify) << p.client.describe();
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
}

TEST(AppDataExchange, NoneSendsNothingAndClosesCleanly) {
  auto c = client_config();
  c.app_mode = AppData::kNone;
  auto s = server_config();  // echo: it waits for the client to end the connection
  const auto start = std::chrono::steady_clock::now();
  auto p = run_pair(c, s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  EXPECT_TRUE(p.server.app_data_received.empty());
  EXPECT_TRUE(sent_close_notify(p.client));
  EXPECT_EQ(p.server.closure, Closure::kCloseNotify) << p.server.describe();
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify) << p.client.describe();
}

TEST(AppDataExchange, OurServerInModeNoneEndsAtOnceSoAnEchoClientDoesNotWait) {
  auto c = client_config();  // echo: sends "ping", awaits it
  auto s = server_config();
  s.app_mode = AppData::kNone;
  const auto start = std::chrono::steady_clock::now();
  auto p = run_pair(c, s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  EXPECT_TRUE(sent_close_notify(p.server));
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify) << p.client.describe();
  EXPECT_TRUE(p.client.app_data_received.empty());
}

// A peer that answers nothing: our client waits its deadline, says so (closure timeout, the
// `hung` observation), and still ends with close_notify, which the server sees.
TEST(AppDataExchange, ASilentPeerIsAHangButStillGetsCloseNotify) {
  auto c = client_config();  // echo "ping": not an HTTP request, so the HTTP server never answers
  c.timeouts.io = std::chrono::milliseconds(300);
  auto s = server_config();
  s.app_mode = AppData::kHttp;
  auto p = run_pair(c, s);
  EXPECT_EQ(p.client.handshakes, 1) << p.client.describe();
  EXPECT_EQ(p.client.closure, Closure::kTimeout) << p.client.describe();
  EXPECT_EQ(p.client.error, Error::kTimeout) << p.client.describe();
  EXPECT_TRUE(sent_close_notify(p.client)) << p.client.describe();
  EXPECT_EQ(p.server.closure, Closure::kCloseNotify) << p.server.describe();
  EXPECT_EQ(text(p.server.app_data_received), "ping");
}

// The other way round: an IUT client that sends and never reads nor closes; our server (echo)
// waits its deadline, then sends close_notify rather than just dropping the connection.
TEST(AppDataExchange, OurServerSendsCloseNotifyAfterAClientThatHung) {
  auto c = client_config();  // echo: sends "ping", waits for it back
  c.timeouts.io = std::chrono::milliseconds(3000);
  auto s = server_config();
  s.app_mode = AppData::kHttp;  // "ping" is no complete request: it never answers, the client waits
  s.timeouts.io = std::chrono::milliseconds(300);
  auto p = run_pair(c, s);
  EXPECT_EQ(p.server.closure, Closure::kTimeout) << p.server.describe();
  EXPECT_TRUE(sent_close_notify(p.server)) << p.server.describe();
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify) << p.client.describe();
}

}  // namespace
}  // namespace tlsc::engine::testing
