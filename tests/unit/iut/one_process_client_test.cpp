// CommandIutClient in one-process mode (client.one_process, harness/iut_runner.h): one process
// makes every connection of a scenario; connect(port, 0) starts it and returns at once, the last
// connect waits for it; a process left by an ended pass or by the client's end is killed and
// reaped; max_connections and a process that ended early are reported.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "harness/iut_runner.h"

namespace tlsc::harness {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Live (not zombie) processes whose command line contains `needle`.
int processes_with(const std::string& needle) {
  int n = 0;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos || std::stoi(name) == ::getpid()) continue;
    const std::string stat = slurp(e.path() / "stat");
    const auto rp = stat.rfind(')');
    if (rp == std::string::npos || rp + 2 >= stat.size() || stat[rp + 2] == 'Z') continue;
    std::string cmd = slurp(e.path() / "cmdline");
    for (auto& c : cmd)
      if (c == '\0') c = ' ';
    n += cmd.find(needle) != std::string::npos;
  }
  return n;
}

// processes_with(needle) once it equals `want`, or its last count after 2 s (a loaded machine may
// show a just-spawned process late in /proc).
int settled_count(const std::string& needle, int want) {
  int n = processes_with(needle);
  for (int i = 0; i < 200 && n != want; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    n = processes_with(needle);
  }
  return n;
}

// A loopback listener that accepts connections and closes them at once.
struct Listener {
  int fd = -1;
  uint16_t port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd, 8);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Listener() { ::close(fd); }
  // Accepts one connection within `ms` (false if none came) and closes it.
  bool accept_one(int ms) {
    const auto until = Clock::now() + std::chrono::milliseconds(ms);
    timeval tv{0, 20000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (Clock::now() < until) {
      int c = ::accept(fd, nullptr, nullptr);
      if (c >= 0) {
        ::close(c);
        return true;
      }
    }
    return false;
  }
};

class OneProcessClient : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tlsc-oneproc-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  iut::Profile profile(const std::string& client) {
    return iut::load_profile_text(R"({"name": "p", "title": "p", "capabilities": [], "client": )" + client + "}", "p.json");
  }
  UnitFiles files(const iut::Profile& p) { return prepare_unit(p, {}, dir_, {}); }
  fs::path dir_;
};

TEST_F(OneProcessClient, OneProcessMakesBothConnections) {
  // Our own engine as the IUT client: `peer client --resume 1` connects twice in one process.
  const auto p = profile(R"({"argv": [")" + std::string(TLSC_CLI_PATH) +
                         R"(", "peer", "client", "--connect", "127.0.0.1:{port}", "--timeout-ms", "2000"],
                             "timeout_ms": 5000, "one_process": {"args": ["--resume", "1"], "max_connections": 2}})");
  Listener l;
  CommandIutClient client(p, {}, files(p), 2);
  const auto t0 = Clock::now();
  EXPECT_EQ(client.connect(l.port, 0, false), "");
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(2000));  // started, not waited for
  EXPECT_TRUE(client.runs().empty());
  ASSERT_TRUE(l.accept_one(5000));
  std::string problem = "unset";
  std::thread second([&] { problem = client.connect(l.port, 1, true); });
  EXPECT_TRUE(l.accept_one(5000));  // made by the same process, not a new one
  second.join();
  EXPECT_EQ(problem, "");
  ASSERT_EQ(client.runs().size(), 1u);  // one process, reaped by the last connect
  EXPECT_NE(client.runs()[0], "killed at the deadline");
  EXPECT_FALSE(client.hung());
  EXPECT_TRUE(fs::exists(dir_ / "client-0.out"));
  EXPECT_FALSE(fs::exists(dir_ / "client-1.out"));
}

TEST_F(OneProcessClient, OneConnectionScenarioRunsWithoutTheOneProcessArgs) {
  // `test -z ""` exits 0; with the one-process argument appended it has too many operands (exit 2).
  const auto p = profile(R"({"argv": ["test", "-z", ""], "one_process": {"args": ["--resume"]}})");
  Listener l;
  {
    CommandIutClient client(p, {}, files(p), 1);
    EXPECT_EQ(client.connect(l.port, 0, false), "");
    EXPECT_EQ(client.runs(), std::vector<std::string>{"exit 0"});
  }
  CommandIutClient client(p, {}, files(p), 2);
  EXPECT_EQ(client.connect(l.port, 0, false), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // `test` is long gone by then
  EXPECT_EQ(client.connect(l.port, 1, true), "the IUT client process (one for every connection) ended (exit 2) before connection 2 of 2");
  EXPECT_EQ(client.runs(), std::vector<std::string>{"exit 2"});
}

TEST_F(OneProcessClient, LeftoverProcessesAreKilledAndReaped) {
  const std::string marker = "1000." + std::to_string(::getpid());
  const auto p = profile(R"({"argv": ["sleep", ")" + marker + R"("], "timeout_ms": 300,
                             "one_process": {"args": ["1"]}})");
  Listener l;
  {
    CommandIutClient client(p, {}, files(p), 2);
    EXPECT_EQ(client.connect(l.port, 0, false), "");
    EXPECT_EQ(settled_count(marker, 1), 1);
    // A new pass (e.g. a diagnostic probe) starts: the first process goes.
    EXPECT_EQ(client.connect(l.port, 0, false), "");
    EXPECT_EQ(settled_count(marker, 1), 1);
    ASSERT_EQ(client.runs().size(), 1u);
    EXPECT_EQ(client.runs()[0], "stopped: the scenario's pass ended before its last connection");
    // The last connection: waited for until the deadline (300 ms per connection), then killed.
    const auto t0 = Clock::now();
    EXPECT_EQ(client.connect(l.port, 1, true), "");
    EXPECT_GE(Clock::now() - t0, std::chrono::milliseconds(400));
    EXPECT_EQ(client.runs().back(), "killed at the deadline");
    EXPECT_TRUE(client.hung());
    EXPECT_EQ(processes_with(marker), 0);
    // A pass that ends after its first connection leaves the process to the destructor.
    EXPECT_EQ(client.connect(l.port, 0, false), "");
    EXPECT_EQ(processes_with(marker), 1);
  }
  EXPECT_EQ(processes_with(marker), 0);
}

TEST_F(OneProcessClient, MoreConnectionsThanTheProcessMakes) {
  const auto p = profile(R"({"argv": ["sleep", "5"], "timeout_ms": 300, "one_process": {"args": ["1"], "max_connections": 2}})");
  Listener l;
  CommandIutClient client(p, {}, files(p), 3);
  EXPECT_EQ(client.connect(l.port, 0, false), "");
  EXPECT_EQ(client.connect(l.port, 1, true), "");  // not the last: the process makes it by itself
  EXPECT_EQ(client.connect(l.port, 2, true),
            "the IUT client makes at most 2 connections in one process (p.json: client.one_process.max_connections); "
            "the scenario needs 3");
}

}  // namespace
}  // namespace tlsc::harness
