// A peer that sends more data than we accept (kMaxTransferBytes, configurable): the receiver stops
// reading and the transfer fails with a reason (client) or 552 (server, RFC 959 4.2.1).
#include <gtest/gtest.h>

#include "tests/unit/ftps/ftps_fixture.h"

namespace tlsc::ftps {
namespace {

using testing::client_config;
using testing::pattern;
using testing::run;
using testing::server_config;

TEST(TransferLimits, ClientStopsReadingPastItsLimit) {
  auto c = client_config(0);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, {}, {}, {}}};  // a.bin: 100000 bytes
  c.max_transfer_bytes = 1000;
  auto r = run(server_config(), c);
  ASSERT_EQ(r.client.transfers.size(), 1u) << r.client.describe();
  const auto& d = r.client.transfers[0];
  EXPECT_LE(d.data.size(), 1000u);
  EXPECT_NE(d.error.find("more than 1000 bytes"), std::string::npos) << d.error;
  EXPECT_EQ(r.client.quit_code, 221) << r.client.describe();  // the control connection goes on
}

TEST(TransferLimits, ClientAcceptsATransferOfExactlyItsLimit) {
  auto c = client_config(0);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, {}, {}, {}}};
  c.max_transfer_bytes = 100000;
  auto r = run(server_config(), c);
  ASSERT_TRUE(r.client.completed) << r.client.describe();
  EXPECT_EQ(r.client.transfers[0].data.size(), 100000u);
  EXPECT_TRUE(r.client.transfers[0].error.empty()) << r.client.transfers[0].error;
}

TEST(TransferLimits, ServerRefusesAStorPastItsLimitWith552) {
  auto s = server_config();
  auto files = s.files;
  s.max_transfer_bytes = 1000;
  auto c = client_config(0);
  c.transfers = {{Transfer::Kind::kStor, "up.bin", pattern(70001, 2), {}, {}, {}}};
  auto r = run(s, c);
  ASSERT_EQ(r.server.data.size(), 1u) << r.server.describe();
  EXPECT_TRUE(r.server.data[0].too_large);
  EXPECT_LE(r.server.data[0].data.size(), 1000u);
  EXPECT_EQ(r.server.data[0].final_code, 552);
  ASSERT_EQ(r.client.transfers.size(), 1u) << r.client.describe();
  EXPECT_EQ(r.client.transfers[0].final_code, 552) << r.client.describe();
  EXPECT_FALSE(files->get("up.bin"));  // nothing stored
}

}  // namespace
}  // namespace tlsc::ftps
