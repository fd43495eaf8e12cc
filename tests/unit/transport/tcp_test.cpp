#include <gtest/gtest.h>

#include <cerrno>
#include <thread>

#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"

using namespace std::chrono_literals;
using namespace tlsc;
using namespace tlsc::transport;

namespace {

struct Connection {
  std::unique_ptr<TcpListener> listener;
  std::unique_ptr<TcpStream> client, server;
};

Connection connect_pair() {
  Connection c;
  auto l = TcpListener::listen();
  EXPECT_TRUE(l.result.ok()) << l.result.detail;
  c.listener = std::move(l.listener);
  EXPECT_NE(c.listener->port(), 0);
  auto conn = TcpStream::connect("127.0.0.1", c.listener->port(), deadline_after(2s));
  EXPECT_TRUE(conn.result.ok()) << conn.result.detail;
  c.client = std::move(conn.stream);
  auto acc = c.listener->accept(deadline_after(2s));
  EXPECT_TRUE(acc.result.ok()) << acc.result.detail;
  c.server = std::move(acc.stream);
  return c;
}

IoResult read_exactly(Stream& s, size_t n, Bytes& out, Deadline deadline) {
  out.assign(n, 0);
  size_t got = 0;
  while (got < n) {
    IoResult r = s.read_some(std::span<uint8_t>(out).subspan(got), deadline);
    if (!r.ok()) {
      out.resize(got);
      return r;
    }
    got += r.bytes;
  }
  return {IoStatus::ok, got, 0, {}};
}

}  // namespace

TEST(Tcp, EchoOnLoopback) {
  auto l = TcpListener::listen();
  ASSERT_TRUE(l.result.ok()) << l.result.detail;
  const uint16_t port = l.listener->port();
  std::thread echo([&] {
    auto acc = l.listener->accept(deadline_after(5s));
    ASSERT_TRUE(acc.result.ok()) << acc.result.detail;
    uint8_t buf[4096];
    for (;;) {
      IoResult r = acc.stream->read_some(buf, deadline_after(5s));
      if (r.status == IoStatus::eof) break;
      ASSERT_TRUE(r.ok()) << r.detail;
      ASSERT_TRUE(acc.stream->write_all(ByteView(buf, r.bytes), deadline_after(5s)).ok());
    }
    EXPECT_TRUE(acc.stream->shutdown_write().ok());
  });
  auto conn = TcpStream::connect("localhost", port, deadline_after(2s));
  ASSERT_TRUE(conn.result.ok()) << conn.result.detail;
  Bytes big(300000);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 31);
  // Write from a second thread: 300 KB exceeds the socket buffers, so the echo must drain.
  std::thread writer([&] { EXPECT_TRUE(conn.stream->write_all(big, deadline_after(5s)).ok()); });
  Bytes back;
  EXPECT_TRUE(read_exactly(*conn.stream, big.size(), back, deadline_after(5s)).ok());
  writer.join();
  EXPECT_EQ(back, big);
  EXPECT_TRUE(conn.stream->shutdown_write().ok());
  uint8_t b;
  EXPECT_EQ(conn.stream->read_some(std::span<uint8_t>(&b, 1), deadline_after(2s)).status, IoStatus::eof);
  echo.join();
}

TEST(Tcp, SilentPeerTimesOut) {
  Connection c = connect_pair();
  uint8_t buf[16];
  const auto start = Clock::now();
  IoResult r = c.client->read_some(buf, deadline_after(100ms));
  const auto took = Clock::now() - start;
  EXPECT_EQ(r.status, IoStatus::timeout);
  EXPECT_GE(took, 95ms);
  EXPECT_LT(took, 1s);
  // A deadline already in the past still times out cleanly (and still returns ready data).
  EXPECT_EQ(c.client->read_some(buf, Clock::now() - 1s).status, IoStatus::timeout);
  ASSERT_TRUE(c.server->write_all(hex("01"), deadline_after(1s)).ok());
  Bytes one;
  EXPECT_TRUE(read_exactly(*c.client, 1, one, deadline_after(1s)).ok());
}

TEST(Tcp, WriteToPeerThatDoesNotReadTimesOut) {
  Connection c = connect_pair();
  Bytes chunk(1 << 20, 0x55);
  IoResult r;
  for (int i = 0; i < 64 && r.ok(); ++i) r = c.client->write_all(chunk, deadline_after(100ms));
  EXPECT_EQ(r.status, IoStatus::timeout);
  EXPECT_LT(r.bytes, chunk.size());
}

TEST(Tcp, EofVersusReset) {
  {
    Connection c = connect_pair();
    c.server->close();  // FIN
    uint8_t b[8];
    IoResult r = c.client->read_some(b, deadline_after(1s));
    EXPECT_EQ(r.status, IoStatus::eof) << r.detail;
  }
  {
    Connection c = connect_pair();
    c.server->abort();  // SO_LINGER 0 -> RST
    uint8_t b[8];
    IoResult r = c.client->read_some(b, deadline_after(1s));
    EXPECT_EQ(r.status, IoStatus::reset) << r.detail;
    EXPECT_EQ(r.sys_errno, ECONNRESET);
  }
  {
    Connection c = connect_pair();
    c.server->abort();
    std::this_thread::sleep_for(20ms);
    // Writing into a reset connection: EPIPE/ECONNRESET, never SIGPIPE (MSG_NOSIGNAL).
    IoResult r;
    for (int i = 0; i < 10 && r.ok(); ++i) r = c.client->write_all(Bytes(1000, 1), deadline_after(1s));
    EXPECT_EQ(r.status, IoStatus::reset) << r.detail;
  }
}

TEST(Tcp, ConnectToClosedPortFailsFast) {
  uint16_t port = 0;
  {
    auto l = TcpListener::listen();
    ASSERT_TRUE(l.result.ok());
    port = l.listener->port();
  }  // closed: nobody listens there now
  const auto start = Clock::now();
  auto conn = TcpStream::connect("127.0.0.1", port, deadline_after(2s));
  EXPECT_LT(Clock::now() - start, 500ms);
  EXPECT_EQ(conn.stream, nullptr);
  EXPECT_EQ(conn.result.status, IoStatus::error);
  EXPECT_EQ(conn.result.sys_errno, ECONNREFUSED);
  EXPECT_NE(conn.result.detail.find("connect"), std::string::npos);
}

TEST(Tcp, NonLoopbackAddressesAreRefused) {
  for (const char* host : {"10.0.0.1", "0.0.0.0", "8.8.8.8", "::", "2001:db8::1", "example.com", "", "128.0.0.1"}) {
    auto conn = TcpStream::connect(host, 443, deadline_after(100ms));
    EXPECT_EQ(conn.result.status, IoStatus::error) << host;
    EXPECT_EQ(conn.stream, nullptr) << host;
    EXPECT_NE(conn.result.detail.find("refusing"), std::string::npos) << conn.result.detail;
    auto l = TcpListener::listen(host, 0);
    EXPECT_EQ(l.result.status, IoStatus::error) << host;
    EXPECT_EQ(l.listener, nullptr) << host;
  }
  auto other_loopback = TcpListener::listen("127.0.0.2", 0);
  EXPECT_TRUE(other_loopback.result.ok()) << other_loopback.result.detail;
}

TEST(Tcp, Ipv6LoopbackWhenAvailable) {
  auto l = TcpListener::listen("::1", 0);
  if (!l.result.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << l.result.detail;
  auto conn = TcpStream::connect("::1", l.listener->port(), deadline_after(2s));
  ASSERT_TRUE(conn.result.ok()) << conn.result.detail;
  auto acc = l.listener->accept(deadline_after(2s));
  ASSERT_TRUE(acc.result.ok());
  ASSERT_TRUE(conn.stream->write_all(hex("abcd"), deadline_after(1s)).ok());
  Bytes got;
  EXPECT_TRUE(read_exactly(*acc.stream, 2, got, deadline_after(1s)).ok());
  EXPECT_EQ(to_hex(got), "abcd");
}

TEST(Tcp, AcceptTimesOutAndClosedStreamsReportErrors) {
  auto l = TcpListener::listen();
  ASSERT_TRUE(l.result.ok());
  auto acc = l.listener->accept(deadline_after(50ms));
  EXPECT_EQ(acc.result.status, IoStatus::timeout);
  Connection c = connect_pair();
  c.client->close();
  c.client->close();  // idempotent
  uint8_t b[1];
  EXPECT_EQ(c.client->read_some(b, deadline_after(10ms)).status, IoStatus::error);
  EXPECT_EQ(c.client->write_all(hex("00"), deadline_after(10ms)).status, IoStatus::error);
}
