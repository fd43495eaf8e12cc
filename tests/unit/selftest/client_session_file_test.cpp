// The client session file of `tlsconform peer client --session-out/--session-in`: exact round
// trip, strict parsing (every truncation, trailing bytes, a bad magic or format, an over-long
// session_id, a corrupt state), and the one-line CLI error for a malformed file.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/client_session_file.h"
#include "harness/process/child_process.h"
#include "tests/unit/selftest/catalog_run.h"

namespace tlsc::harness {
namespace {

session::ClientSession sample() {
  session::ClientSession s;
  s.state.version = 0x0303;
  s.state.cipher_suite = 0xc02f;
  for (size_t i = 0; i < s.state.master_secret.size(); ++i) s.state.master_secret[i] = static_cast<uint8_t>(i * 7);
  s.state.extended_master_secret = true;
  s.state.peer_certificates = {Bytes{1, 2, 3}, Bytes{4}};
  s.state.server_name = "localhost";
  s.state.created_at = 1700000000;
  s.state.lifetime = 7200;
  s.state.session_id = Bytes(32, 0xab);
  s.session_id = Bytes(32, 0xab);
  s.ticket = Bytes(100, 0x5c);
  s.ticket_lifetime_hint = 300;
  return s;
}

TEST(ClientSessionFile, RoundTripsExactly) {
  const auto s = sample();
  auto back = decode_client_session(encode_client_session(s));
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, s);

  session::ClientSession no_ticket = s;
  no_ticket.ticket.clear();
  no_ticket.ticket_lifetime_hint = 0;
  no_ticket.session_id.clear();
  auto back2 = decode_client_session(encode_client_session(no_ticket));
  ASSERT_TRUE(back2) << back2.error();
  EXPECT_EQ(*back2, no_ticket);
}

TEST(ClientSessionFile, EveryTruncationIsRejected) {
  const Bytes data = encode_client_session(sample());
  for (size_t n = 0; n < data.size(); ++n) {
    auto r = decode_client_session(ByteView(data.data(), n));
    EXPECT_FALSE(r) << "accepted a prefix of " << n << " of " << data.size() << " bytes";
    if (!r) {
      EXPECT_EQ(r.error().find('\n'), std::string::npos);
    }
  }
}

TEST(ClientSessionFile, RejectsTrailingBytesBadMagicFormatAndSessionId) {
  Bytes data = encode_client_session(sample());
  Bytes trailing = data;
  trailing.push_back(0);
  auto r = decode_client_session(trailing);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("1 trailing bytes"), std::string::npos) << r.error();

  Bytes magic = data;
  magic[0] = 'X';
  r = decode_client_session(magic);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("wrong magic"), std::string::npos) << r.error();

  Bytes format = data;
  format[9] = 2;  // the format follows the 8-byte magic
  r = decode_client_session(format);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("format 2"), std::string::npos) << r.error();

  // A session_id of 33 bytes (RFC 5246 7.4.1.2: at most 32).
  session::ClientSession s = sample();
  s.session_id = Bytes(33, 1);
  r = decode_client_session(encode_client_session(s));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("at most 32"), std::string::npos) << r.error();

  // A corrupt session state: its own strict parser names it.
  Bytes state = data;
  state[8 + 2 + 3 + 1] ^= 0xff;  // the state's format field (first byte of the state)
  r = decode_client_session(state);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("session_state_malformed"), std::string::npos) << r.error();
}

TEST(ClientSessionFile, SavesAndLoadsAFile) {
  const auto dir = selftest::fresh_dir("session-file");
  const auto file = dir / "s.bin";
  ASSERT_EQ(save_client_session(file, sample()), "");
  auto back = load_client_session(file);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, sample());
  auto missing = load_client_session(dir / "none");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("none': cannot open"), std::string::npos) << missing.error();
}

// The CLI: a malformed --session-in file is a usage error (exit 2) with one line naming the option.
TEST(ClientSessionFile, PeerClientRejectsAMalformedFileInOneLine) {
  const auto dir = selftest::fresh_dir("session-cli");
  std::ofstream(dir / "bad.bin") << "TLSCSESS\x00\x01garbage";
  SpawnOptions opts;
  opts.argv = {TLSC_CLI_PATH, "peer", "client", "--connect", "127.0.0.1:9", "--session-in", (dir / "bad.bin").string()};
  opts.stderr_path = dir / "err";
  auto spawned = ChildProcess::spawn(opts);
  ASSERT_TRUE(spawned.process) << spawned.error;
  auto status = spawned.process->wait_for(std::chrono::seconds(20));
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->exited && status->code == 2) << status->describe();
  const std::string err = spawned.process->read_stderr();
  EXPECT_EQ(err.rfind("tlsconform peer client: --session-in: '", 0), 0u) << err;
  EXPECT_NE(err.find("not a tlsconform client session file"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

}  // namespace
}  // namespace tlsc::harness
