// A hostile peer cannot keep a connection (or our memory) busy: the per-connection caps of Limits
// and the overall deadline / stop request of Timeouts end it with their own named errors.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine_fixture.h"
#include "peers/crypto/key_search.h"

namespace tlsc::engine {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// TLSPlaintext records: warning(1) user_canceled(90); a record of `n` empty HelloRequests.
const Bytes kWarning = {21, 3, 3, 0, 2, 1, 90};
Bytes hello_requests(size_t n) {
  Bytes body(n * 4, 0);
  Bytes rec = {22, 3, 3, static_cast<uint8_t>(body.size() >> 8), static_cast<uint8_t>(body.size())};
  rec.insert(rec.end(), body.begin(), body.end());
  return rec;
}

// The IUT's side of the pipe: writes `record` every `interval` (0: as fast as it can), at most
// `count` times, until a write fails (our side closed).
std::thread stream_records(transport::Stream& s, Bytes record, size_t count, std::chrono::milliseconds interval,
                           std::atomic<size_t>* sent) {
  return std::thread([&s, record, count, interval, sent] {
    for (size_t i = 0; i < count; ++i) {
      if (!s.write_all(record, transport::deadline_after(5000ms)).ok()) return;
      ++*sent;
      if (interval.count()) std::this_thread::sleep_for(interval);
    }
  });
}

struct Flood {
  ConnectionReport report;
  size_t sent = 0;
  double seconds = 0;
};

Flood flood(ClientConfig c, Bytes record, size_t count, std::chrono::milliseconds interval = 0ms) {
  auto pipe = transport::make_memory_pipe();
  std::atomic<size_t> sent{0};
  auto iut = stream_records(*pipe.b, record, count, interval, &sent);
  const auto t0 = Clock::now();
  Flood out;
  out.report = run_client(*pipe.a, c);
  out.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  pipe.b->close();
  iut.join();
  out.sent = sent.load();
  return out;
}

size_t received_alerts(const ConnectionReport& r) {
  size_t n = 0;
  for (const auto& a : r.alerts) n += !a.sent;
  return n;
}

TEST(Bounds, AStreamOfWarningAlertsEndsAtTheCapWithBoundedRecords) {
  auto f = flood(testing::client_config(), kWarning, 200000);
  EXPECT_EQ(f.report.error, Error::kTooManyWarningAlerts) << f.report.describe();
  EXPECT_NE(f.report.error_detail.find("the peer sent more than 16 warning alerts (the last: user_canceled)"),
            std::string::npos)
      << f.report.error_detail;
  EXPECT_EQ(received_alerts(f.report), 17u);
  EXPECT_LT(f.report.messages.size(), 40u);
  // Our answer to an attack: unexpected_message, as for any flood (RFC 5246 7.2).
  ASSERT_TRUE(f.report.our_alert());
  EXPECT_EQ(*f.report.our_alert(), AlertDescription::kUnexpectedMessage);
  EXPECT_LT(f.sent, 200000u) << "the IUT's flood was not cut short";
}

TEST(Bounds, ADripOfWarningAlertsEndsAtTheOverallDeadline) {
  auto c = testing::client_config();
  c.timeouts.io = 1000ms;  // each alert comes well within it
  c.timeouts.deadline = Clock::now() + 1500ms;
  auto f = flood(c, kWarning, 100, 200ms);
  EXPECT_EQ(f.report.error, Error::kUnitDeadline) << f.report.describe();
  EXPECT_EQ(f.report.closure, Closure::kLocalError);
  EXPECT_GE(received_alerts(f.report), 3u);
  EXPECT_LT(f.seconds, 2.5) << "not ended at the deadline (1.5 s)";
}

TEST(Bounds, RecordCapEndsTheConnection) {
  auto c = testing::client_config();
  c.limits.max_warning_alerts = 1000000;
  c.limits.max_records = 50;
  auto f = flood(c, kWarning, 10000);
  EXPECT_EQ(f.report.error, Error::kTooManyRecords) << f.report.describe();
  EXPECT_EQ(received_alerts(f.report), 50u);
}

TEST(Bounds, MessageCapBoundsTheRecordedMessages) {
  auto c = testing::client_config();
  c.limits.max_warning_alerts = 1000000;
  c.limits.max_messages = 10;
  auto f = flood(c, kWarning, 10000);
  EXPECT_EQ(f.report.error, Error::kTranscriptTooLarge) << f.report.describe();
  EXPECT_LE(f.report.messages.size(), 10u);
}

TEST(Bounds, RecordedBytesCapBoundsTheTranscript) {
  auto c = testing::client_config();
  c.limits.max_warning_alerts = 1000000;
  c.limits.max_recorded_bytes = 4096;
  auto f = flood(c, kWarning, 10000);
  EXPECT_EQ(f.report.error, Error::kTranscriptTooLarge) << f.report.describe();
  EXPECT_LE(f.report.bytes_received.size(), 4096u);
}

TEST(Bounds, HandshakeBytesCapEndsTheConnection) {
  auto c = testing::client_config();
  c.limits.max_handshake_bytes = 1000;
  auto f = flood(c, hello_requests(300), 10);  // 1200 bytes of HelloRequest in one record
  EXPECT_EQ(f.report.error, Error::kHandshakeTooLarge) << f.report.describe();
  ASSERT_TRUE(f.report.our_alert());
  EXPECT_EQ(*f.report.our_alert(), AlertDescription::kHandshakeFailure);
}

TEST(Bounds, AStopRequestEndsASilentWaitBeforeItsTimeout) {
  auto c = testing::client_config();
  c.timeouts.io = 30000ms;
  std::atomic<bool> stop{false};
  c.timeouts.stop = [&stop] { return stop.load(); };
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(200ms);
    stop = true;
  });
  auto f = flood(c, kWarning, 0);  // a peer that says nothing
  stopper.join();
  EXPECT_EQ(f.report.error, Error::kStopped) << f.report.describe();
  EXPECT_FALSE(f.report.our_alert()) << "no alert on a stop: we do not wait for a write";
}

TEST(Bounds, AStopRequestEndsTheLeadingZeroKeySearch) {
  // Four leading zero bytes of a DH secret take about 2^32 tries: only the stop can end this.
  const auto& group = crypto::ffdhe2048();
  crypto::Drbg drbg(5, "peer");
  auto peer = crypto::DhKey::generate(group, drbg);
  ASSERT_TRUE(peer);
  int polls = 0;
  auto found = crypto::search_dh_private(group, peer->public_value(), 4, drbg, uint64_t{1} << 40,
                                         [&polls] { return ++polls == 3; });
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().rfind("key_search_stopped", 0), 0u) << found.error();
  EXPECT_EQ(polls, 3);
}

}  // namespace
}  // namespace tlsc::engine
