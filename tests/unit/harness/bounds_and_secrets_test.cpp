// The unit deadline's default (harness/unit_deadline.h), and files holding secrets (key logs,
// saved sessions) are 0600 whatever the umask (harness/private_file.h and its users).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "harness/iut_runner.h"
#include "harness/private_file.h"
#include "harness/transcript_files.h"
#include "harness/unit_deadline.h"
#include "iut/profile.h"
#include "run_test_util.h"

namespace tlsc::harness {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;

TEST(UnitTimeout, FourIoTimeoutsPerConnectionItMayRun) {
  scenarios::Scenario s;
  s.role = results::Role::server;
  s.connections.resize(2);
  EXPECT_EQ(unit_timeout(s, milliseconds(1000), milliseconds(5000), 0), milliseconds(8000));
  s.probes.resize(1);  // each probe re-runs the connections
  EXPECT_EQ(unit_timeout(s, milliseconds(1000), milliseconds(5000), 0), milliseconds(16000));
  s.role = results::Role::client;  // and the IUT client must start and connect each time
  EXPECT_EQ(unit_timeout(s, milliseconds(1000), milliseconds(5000), 0), milliseconds(4 * 9000));
  s.probes.clear();
  s.fallback = scenarios::Fallback{};
  s.fallback->max_attempts = 100;  // each attempt at least 1 s
  EXPECT_EQ(unit_timeout(s, milliseconds(1000), milliseconds(5000), 0), milliseconds(2 * 9000 + 100 * 1000));
  s.fallback.reset();
  s.statistical = true;
  EXPECT_EQ(unit_timeout(s, milliseconds(1000), milliseconds(5000), 10), milliseconds(12 * 9000));
}

// Runs `body` with umask 000 (everything readable by all unless we say otherwise).
template <class F>
void with_open_umask(F body) {
  const mode_t old = ::umask(0);
  body();
  ::umask(old);
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST(PrivateFiles, CreatedAndRewritten0600WhateverTheUmask) {
  const fs::path dir = testutil::fresh_dir("private");
  with_open_umask([&] {
    std::string error;
    ASSERT_TRUE(write_private_file(dir / "a.keys", "CLIENT_RANDOM 00 11\n", &error)) << error;
    EXPECT_EQ(mode_of(dir / "a.keys"), 0600u);
    std::ofstream(dir / "open.keys") << "old\n";  // someone's world-readable file
    ASSERT_EQ(mode_of(dir / "open.keys"), 0666u);
    std::FILE* f = open_private_append(dir / "open.keys");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
    EXPECT_EQ(mode_of(dir / "open.keys"), 0600u);
    make_private(dir / "session.pem");
    EXPECT_EQ(mode_of(dir / "session.pem"), 0600u);
  });
  fs::remove_all(dir);
}

TEST(PrivateFiles, TranscriptKeyLogIs0600) {
  const fs::path dir = testutil::fresh_dir("keys");
  engine::ConnectionReport rep;
  rep.keylog = {"CLIENT_RANDOM 0011 2233"};
  with_open_umask([&] {
    std::string error;
    auto files = write_transcript(dir, "conn1", rep, &error);
    ASSERT_EQ(files.size(), 3u) << error;
    EXPECT_EQ(mode_of(dir / "conn1.keys"), 0600u);
  });
  fs::remove_all(dir);
}

TEST(PrivateFiles, TheIutClientsSessionFileIs0600) {
  const fs::path dir = testutil::fresh_dir("session");
  const iut::Profile p = iut::load_profile_text(
      R"({"name": "c", "title": "a client", "capabilities": [],
          "client": {"argv": ["true", "{session}"]}})",
      (dir / "c.json").string());
  with_open_umask([&] {
    (void)prepare_unit(p, {}, dir / "unit", {});
    EXPECT_EQ(mode_of(dir / "unit" / "session.pem"), 0600u);
  });
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc::harness
