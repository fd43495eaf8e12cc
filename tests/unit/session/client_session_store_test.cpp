#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "peers/session/client_session_store.h"
#include "session_test_util.h"

using namespace tlsc;
using namespace tlsc::session;
using tlsc::session::testing::sample_state;

namespace {

ClientSession sample_client_session() {
  ClientSession cs;
  cs.state = sample_state();
  cs.session_id = Bytes(33, 0x5a);  // kept verbatim even though no valid server sends 33 bytes
  cs.ticket = hex("deadbeef");
  cs.ticket_lifetime_hint = 300;
  return cs;
}

}  // namespace

TEST(ClientSessionStore, PutThenGetReturnsEveryField) {
  ClientSessionStore store;
  const ClientSession cs = sample_client_session();
  store.put("127.0.0.1:4433", cs);
  auto got = store.get("127.0.0.1:4433");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, cs);
  EXPECT_EQ(got->session_id.size(), 33u);
  EXPECT_EQ(got->ticket, hex("deadbeef"));
  EXPECT_EQ(got->ticket_lifetime_hint, 300u);
}

TEST(ClientSessionStore, PeersAreSeparateAndPutReplaces) {
  ClientSessionStore store;
  ClientSession a = sample_client_session();
  ClientSession b = sample_client_session();
  b.ticket.clear();
  store.put("a.example", a);
  store.put("b.example", b);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.get("a.example")->ticket, hex("deadbeef"));
  EXPECT_TRUE(store.get("b.example")->ticket.empty());
  EXPECT_FALSE(store.get("c.example").has_value());

  a.ticket_lifetime_hint = 1;
  store.put("a.example", a);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.get("a.example")->ticket_lifetime_hint, 1u);
}

TEST(ClientSessionStore, EraseForgets) {
  ClientSessionStore store;
  store.put("p", sample_client_session());
  EXPECT_TRUE(store.erase("p"));
  EXPECT_FALSE(store.erase("p"));
  EXPECT_FALSE(store.get("p").has_value());
  EXPECT_EQ(store.size(), 0u);
}

TEST(ClientSessionStore, ConcurrentPutsAndGets) {
  ClientSessionStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (uint32_t i = 0; i < 200; ++i) {
        const std::string peer = "peer" + std::to_string(t) + ":" + std::to_string(i % 10);
        ClientSession cs = sample_client_session();
        cs.ticket_lifetime_hint = i;
        store.put(peer, cs);
        auto got = store.get(peer);
        ASSERT_TRUE(got.has_value());  // only this thread writes this peer, and never erases it
        ASSERT_EQ(got->ticket_lifetime_hint, i);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(store.size(), 40u);
}
