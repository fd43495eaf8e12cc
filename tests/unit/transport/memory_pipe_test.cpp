#include <gtest/gtest.h>

#include <thread>

#include "peers/transport/memory_pipe.h"

using namespace std::chrono_literals;
using namespace tlsc;
using namespace tlsc::transport;

namespace {

Bytes read_all_until_eof(Stream& s, Deadline deadline, IoStatus* last = nullptr) {
  Bytes out;
  uint8_t buf[777];
  for (;;) {
    IoResult r = s.read_some(buf, deadline);
    if (!r.ok()) {
      if (last) *last = r.status;
      return out;
    }
    out.insert(out.end(), buf, buf + r.bytes);
  }
}

}  // namespace

TEST(MemoryPipe, BothWaysAcrossThreadsWithBackpressure) {
  MemoryPipe p = make_memory_pipe(1000);  // small capacity: writers must wait for readers
  Bytes a_to_b(50000), b_to_a(30000);
  for (size_t i = 0; i < a_to_b.size(); ++i) a_to_b[i] = static_cast<uint8_t>(i);
  for (size_t i = 0; i < b_to_a.size(); ++i) b_to_a[i] = static_cast<uint8_t>(i * 3);
  Bytes got_at_b, got_at_a;
  std::thread tb([&] {
    std::thread reader([&] { got_at_b = read_all_until_eof(*p.b, deadline_after(5s)); });
    EXPECT_TRUE(p.b->write_all(b_to_a, deadline_after(5s)).ok());
    EXPECT_TRUE(p.b->shutdown_write().ok());
    reader.join();
  });
  std::thread reader_a([&] { got_at_a = read_all_until_eof(*p.a, deadline_after(5s)); });
  EXPECT_TRUE(p.a->write_all(a_to_b, deadline_after(5s)).ok());
  EXPECT_TRUE(p.a->shutdown_write().ok());
  reader_a.join();
  tb.join();
  EXPECT_EQ(got_at_b, a_to_b);
  EXPECT_EQ(got_at_a, b_to_a);
}

TEST(MemoryPipe, CloseGivesEofAfterDrainAndResetToWriters) {
  MemoryPipe p = make_memory_pipe();
  ASSERT_TRUE(p.a->write_all(hex("010203"), deadline_after(1s)).ok());
  p.a->close();
  IoStatus last = IoStatus::ok;
  EXPECT_EQ(to_hex(read_all_until_eof(*p.b, deadline_after(1s), &last)), "010203");
  EXPECT_EQ(last, IoStatus::eof);
  EXPECT_EQ(p.b->write_all(hex("00"), deadline_after(1s)).status, IoStatus::reset);
  uint8_t b[1];
  EXPECT_EQ(p.a->read_some(b, deadline_after(10ms)).status, IoStatus::error);  // own side closed
}

TEST(MemoryPipe, CloseWakesABlockedReaderInAnotherThread) {
  MemoryPipe p = make_memory_pipe();
  IoStatus seen = IoStatus::ok;
  std::thread reader([&] {
    uint8_t b[4];
    seen = p.b->read_some(b, deadline_after(5s)).status;
  });
  std::this_thread::sleep_for(30ms);
  p.a.reset();  // destructor closes
  reader.join();
  EXPECT_EQ(seen, IoStatus::eof);
}

TEST(MemoryPipe, AbortIsResetForThePeer) {
  MemoryPipe p = make_memory_pipe();
  ASSERT_TRUE(p.a->write_all(hex("0102"), deadline_after(1s)).ok());
  p.a->abort();
  uint8_t b[4];
  EXPECT_EQ(p.b->read_some(b, deadline_after(1s)).status, IoStatus::reset);  // unread data dropped
  EXPECT_EQ(p.b->write_all(hex("00"), deadline_after(1s)).status, IoStatus::reset);
}

TEST(MemoryPipe, DeadlinesAreHonoured) {
  MemoryPipe p = make_memory_pipe(4);
  uint8_t b[4];
  const auto start = Clock::now();
  EXPECT_EQ(p.a->read_some(b, deadline_after(100ms)).status, IoStatus::timeout);
  EXPECT_GE(Clock::now() - start, 95ms);
  IoResult w = p.a->write_all(hex("0102030405060708"), deadline_after(50ms));
  EXPECT_EQ(w.status, IoStatus::timeout);
  EXPECT_EQ(w.bytes, 4u);  // the capacity went out; the rest waited for a reader
}

TEST(MemoryPipe, HalfCloseKeepsTheOtherDirectionOpen) {
  MemoryPipe p = make_memory_pipe();
  ASSERT_TRUE(p.a->shutdown_write().ok());
  EXPECT_EQ(p.a->write_all(hex("00"), deadline_after(10ms)).status, IoStatus::error);
  uint8_t b[4];
  EXPECT_EQ(p.b->read_some(b, deadline_after(1s)).status, IoStatus::eof);
  ASSERT_TRUE(p.b->write_all(hex("aa"), deadline_after(1s)).ok());
  IoResult r = p.a->read_some(b, deadline_after(1s));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.bytes, 1u);
  EXPECT_EQ(b[0], 0xaa);
}
