// Remote mode of `tlsconform run` (harness/remote.h): --target against an `openssl s_server` the
// test starts itself, --listen with `openssl s_client` started when the prompt asks for it
// (including a resumption, so the second prompt must say so), the loopback-only rule, and the
// clean error when nobody connects.
#include <nlohmann/json.hpp>

#include <fstream>

#include "harness/remote.h"
#include "peers/pki/test_pki.h"
#include "tests/unit/harness/run_test_util.h"

namespace tlsc::testutil {
namespace {

using json = nlohmann::json;

std::vector<json> results_of(const fs::path& out) {
  const std::string text = slurp(out / "results.json");
  if (text.empty()) return {};
  auto j = json::parse(text);
  return {j["results"].begin(), j["results"].end()};
}

std::unique_ptr<harness::ChildProcess> start(const std::vector<std::string>& argv, const fs::path& log,
                                             const std::string& stdin_text = "") {
  harness::SpawnOptions so;
  so.argv = argv;
  so.stdout_path = log;
  so.stderr_path = log;
  so.stdin_pipe = !stdin_text.empty();
  auto spawned = harness::ChildProcess::spawn(so);
  EXPECT_TRUE(spawned.process) << spawned.error;
  if (spawned.process && !stdin_text.empty()) {
    spawned.process->write_stdin(stdin_text);
    spawned.process->close_stdin();
  }
  return std::move(spawned.process);
}

TEST(RemoteEndpoint, OnlyLoopbackIsAccepted) {
  harness::Endpoint e;
  std::string err;
  ASSERT_TRUE(harness::parse_loopback_endpoint("127.0.0.1:4433", &e, &err)) << err;
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, 4433);
  ASSERT_TRUE(harness::parse_loopback_endpoint("localhost:1", &e, &err)) << err;
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, 1);
  EXPECT_FALSE(harness::parse_loopback_endpoint("10.1.2.3:443", &e, &err));
  EXPECT_EQ(err, "10.1.2.3 is not a loopback address: tlsconform only sends traffic on 127.0.0.1 or [::1]");
  EXPECT_FALSE(harness::parse_loopback_endpoint("example.com:443", &e, &err));
  EXPECT_NE(err.find("not a loopback address"), std::string::npos) << err;
  EXPECT_FALSE(harness::parse_loopback_endpoint("127.0.0.2:443", &e, &err));
  EXPECT_NE(err.find("only 127.0.0.1"), std::string::npos) << err;
  EXPECT_FALSE(harness::parse_loopback_endpoint("127.0.0.1:0", &e, &err));
  EXPECT_FALSE(harness::parse_loopback_endpoint("127.0.0.1:70000", &e, &err));
  EXPECT_FALSE(harness::parse_loopback_endpoint("127.0.0.1", &e, &err));
  // IPv6 loopback, bracketed (RFC 3986 3.2.2).
  ASSERT_TRUE(harness::parse_loopback_endpoint("[::1]:4433", &e, &err)) << err;
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, 4433);
  EXPECT_EQ(e.text(), "[::1]:4433");
  EXPECT_FALSE(harness::parse_loopback_endpoint("::1:4433", &e, &err));
  EXPECT_EQ(err, "'::1:4433': write an IPv6 address in brackets, [::1]:PORT");
  EXPECT_FALSE(harness::parse_loopback_endpoint("[2001:db8::1]:443", &e, &err));
  EXPECT_EQ(err, "2001:db8::1 is not a loopback address: tlsconform only sends traffic on 127.0.0.1 or [::1]");
  EXPECT_FALSE(harness::parse_loopback_endpoint("[127.0.0.1]:443", &e, &err));
}

TEST(RemoteMode, NonLoopbackTargetIsRefusedInOneLine) {
  const fs::path dir = fresh_dir("remote-refused");
  auto r = run_cli({"run", "--target", "10.1.2.3:443", "--out", (dir / "out").string(), "--quiet"}, dir / "log",
                   std::chrono::seconds(30));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output,
            "tlsconform run: --target: 10.1.2.3 is not a loopback address: tlsconform only sends traffic on 127.0.0.1 or "
            "[::1]\n");
  EXPECT_FALSE(fs::exists(dir / "out" / "results.json"));
  auto l = run_cli({"run", "--listen", "192.168.0.1:8443", "--out", (dir / "out").string(), "--quiet"}, dir / "log2",
                   std::chrono::seconds(30));
  EXPECT_EQ(l.exit_code, 2) << l.output;
  EXPECT_NE(l.output.find("--listen: 192.168.0.1 is not a loopback address"), std::string::npos) << l.output;
}

// Every new error path of remote mode: one line naming the option, exit 2, no run.
TEST(RemoteMode, OptionErrorsAreOneLine) {
  const fs::path dir = fresh_dir("remote-option-errors");
  const std::string out = (dir / "out").string();
  auto line = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "run");
    args.insert(args.end(), {"--out", out, "--quiet"});
    auto r = run_cli(args, dir / "log", std::chrono::seconds(30));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    return r.output;
  };
  const std::string typo = line({"--target", "127.0.0.1:4433", "--capability", "ems", "--capability", "resume-tiket"});
  EXPECT_EQ(typo.rfind("tlsconform run: --capability: unknown capability 'resume-tiket' (known: ems, ems-off, dhe, ", 0), 0u)
      << typo;
  EXPECT_NE(typo.find(", resume-ticket, "), std::string::npos) << typo;
  EXPECT_EQ(std::count(typo.begin(), typo.end(), '\n'), 1) << typo;
  EXPECT_EQ(line({"--app-data", "http"}),
            "tlsconform run: --protocol/--app-data/--ftp-user/--ftp-password/--ftp-upload-dir: only with --target or "
            "--listen (a profile's IUT has them in its profile)\n");
  EXPECT_NE(line({"--target", "127.0.0.1:4433", "--app-data", "ping"}).find("--app-data"), std::string::npos);
  EXPECT_EQ(line({"--client-cert", "/nonexistent.pem", "--client-key", "/nonexistent.key"}),
            "tlsconform run: --client-cert/--client-key/--no-client-cert: only with --target or --listen\n");
  EXPECT_EQ(line({"--target", "127.0.0.1:4433", "--client-cert", "/nonexistent.pem"}),
            "tlsconform run: --client-cert: needs --client-key\n");
  EXPECT_EQ(line({"--target", "127.0.0.1:4433", "--client-cert", "/nonexistent.pem", "--client-key", "/nonexistent.key"}),
            "tlsconform run: --client-cert: no such file '/nonexistent.pem'\n");
  EXPECT_EQ(line({"--target", "127.0.0.1:4433", "--no-client-cert", "--client-cert", "a", "--client-key", "b"}),
            "tlsconform run: --no-client-cert: not with --client-cert/--client-key\n");
  EXPECT_EQ(line({"--target", "::1:4433"}), "tlsconform run: --target: '::1:4433': write an IPv6 address in brackets, [::1]:PORT\n");
  // --capabilities FILE (written by tlsconform probe).
  EXPECT_EQ(line({"--target", "127.0.0.1:4433", "--capabilities", "/nonexistent.json"}),
            "tlsconform run: --capabilities: cannot read '/nonexistent.json'\n");
  const std::string caps = (dir / "caps.json").string();
  std::ofstream(caps) << R"({"capabilities": ["ems", "resume-tiket"], "app_data": "none"})";
  const std::string bad = line({"--target", "127.0.0.1:4433", "--capabilities", caps});
  EXPECT_EQ(bad.rfind("tlsconform run: --capabilities: " + caps + ": capabilities: unknown capability 'resume-tiket' (known: ", 0), 0u)
      << bad;
  EXPECT_EQ(line({"--target", "127.0.0.1:4433", "--capabilities", caps, "--iut", "openssl"}),
            "tlsconform run: --capabilities: only with --target or --listen, and not with --capability or --iut\n");
  EXPECT_FALSE(fs::exists(dir / "out" / "results.json"));
}

// The --listen plan leaves out the scenarios that wait for luck, says so once, and the prompts
// of a scenario that may repeat say how many connections may come.
TEST(RemoteMode, ListenLeavesOutLuckDrivenScenariosAndSaysSoOnce) {
  const fs::path dir = fresh_dir("remote-listen-luck");
  const uint16_t port = harness::pick_free_port();
  auto r = run_cli({"run", "--listen", "127.0.0.1:" + std::to_string(port), "--family", "ecdhe", "--out",
                    (dir / "out").string(), "--quiet", "--remote-timeout-ms", "300"},
                   dir / "log", std::chrono::seconds(60));
  EXPECT_EQ(r.exit_code, 2) << r.output;  // nothing left to run
  const std::string note = "--listen: left out 4 scenario(s) that repeat the client connection until chance gives their "
                           "case (up to ~2000 connections each): ecdhe.x-leading-zero.p256.cli, ";
  EXPECT_NE(r.output.find(note), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("; run them with --listen-retries\n"), std::string::npos) << r.output;
  auto with = run_cli({"run", "--listen", "127.0.0.1:" + std::to_string(port), "--scenario", "ecdhe.x-leading-zero.p256.cli",
                       "--listen-retries", "--out", (dir / "out2").string(), "--remote-timeout-ms", "300"},
                      dir / "log2", std::chrono::seconds(60));
  EXPECT_NE(with.output.find("now (connection 1, up to ~2000 for this scenario: a new session)"), std::string::npos)
      << with.output;
  EXPECT_EQ(with.output.find("left out"), std::string::npos) << with.output;
}

// IPv6 loopback works end to end: --target [::1]:PORT against s_server listening on ::1.
TEST(RemoteMode, TargetOnIpv6Loopback) {
  const fs::path dir = fresh_dir("remote-ipv6");
  std::string err;
  auto pki = pki::ensure(dir / "out" / "pki", &err);
  ASSERT_TRUE(pki) << err;
  const uint16_t port = harness::pick_free_port();
  auto server = start({"openssl", "s_server", "-accept", "[::1]:" + std::to_string(port), "-cert",
                       pki->server_rsa.cert.string(), "-key", pki->server_rsa.key.string(), "-www"},
                      dir / "s_server.log");
  ASSERT_TRUE(server);
  if (server->wait_for_line("ACCEPT", std::chrono::seconds(10)) != harness::ChildProcess::LineWait::kFound)
    GTEST_SKIP() << "no IPv6 loopback here: " << slurp(dir / "s_server.log");
  auto r = run_cli({"run", "--target", "[::1]:" + std::to_string(port), "--scenario", "ems.resume.yes-no.id.srv",
                    "--out", (dir / "out").string(), "--quiet"},
                   dir / "log", std::chrono::seconds(60));
  server->stop(std::chrono::milliseconds(500));
  EXPECT_NE(r.output.find("connect to [::1]:" + std::to_string(port)), std::string::npos) << r.output;
  auto results = results_of(dir / "out");
  ASSERT_EQ(results.size(), 1u) << r.output;
  EXPECT_EQ(results[0]["verdict"], "pass") << results[0].dump();
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(RemoteMode, TargetRunsServerScenariosAgainstAServerWeDidNotStart) {
  const fs::path dir = fresh_dir("remote-target");
  std::string err;
  auto pki = pki::ensure(dir / "out" / "pki", &err);  // the run reuses it, so s_server's certificate chains to its CA
  ASSERT_TRUE(pki) << err;
  const uint16_t port = harness::pick_free_port();
  auto server = start({"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
                       pki->server_rsa.cert.string(), "-key", pki->server_rsa.key.string(), "-rev"},
                      dir / "s_server.log");
  ASSERT_TRUE(server);
  ASSERT_EQ(server->wait_for_line("ACCEPT", std::chrono::seconds(10)), harness::ChildProcess::LineWait::kFound);
  auto r = run_cli({"run", "--target", "127.0.0.1:" + std::to_string(port), "--iut", "openssl", "--iut-name",
                    "my-openssl", "--scenario", "ems.full", "--out", (dir / "out").string(), "--quiet"},
                   dir / "log", std::chrono::seconds(120));
  server->stop(std::chrono::milliseconds(500));
  EXPECT_NE(r.output.find("restarting it between scenarios (if it needs that) is up to you"), std::string::npos)
      << r.output;
  auto results = results_of(dir / "out");
  ASSERT_FALSE(results.empty()) << r.output;
  int pass = 0;
  for (const auto& x : results) {
    EXPECT_EQ(x["iut"], "my-openssl");
    EXPECT_EQ(x["role"], "server") << x["scenario"] << ": --target alone runs server-role scenarios only";
    EXPECT_NE(x["verdict"], "error") << x["scenario"] << ": " << x["reason"];
    pass += x["verdict"] == "pass";
  }
  EXPECT_GE(pass, 3) << r.output;
  // Our client really talked to that s_server: it accepted connections.
  EXPECT_NE(slurp(dir / "s_server.log").find("CONNECTION ESTABLISHED"), std::string::npos) << slurp(dir / "s_server.log");
}

TEST(RemoteMode, ListenPromptsForEachConnectionAndRelaysTheUsersClient) {
  const fs::path dir = fresh_dir("remote-listen");
  std::string err;
  auto pki = pki::ensure(dir / "out" / "pki", &err);
  ASSERT_TRUE(pki) << err;
  const uint16_t port = harness::pick_free_port();
  const std::string where = "127.0.0.1:" + std::to_string(port);
  auto cli = start_cli({"run", "--listen", where, "--scenario", "ems.resume.yes-yes.id.cli", "--out",
                        (dir / "out").string(), "--remote-timeout-ms", "20000"},
                       dir / "log");
  ASSERT_TRUE(cli);
  const std::string session = (dir / "sess.pem").string();
  const std::vector<std::string> prompts = {
      "connect your client to " + where + " now (connection 1 of 2: a new session)",
      "connect your client to " + where + " now (connection 2 of 2: resume the previous session)"};
  for (size_t i = 0; i < prompts.size(); ++i) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (slurp(dir / "log").find(prompts[i]) == std::string::npos && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_NE(slurp(dir / "log").find(prompts[i]), std::string::npos) << slurp(dir / "log");
    std::vector<std::string> argv = {"openssl", "s_client", "-connect", where, "-CAfile", pki->ca_cert.string(),
                                     "-no_ticket", i == 0 ? "-sess_out" : "-sess_in", session};
    auto client = start(argv, dir / ("s_client" + std::to_string(i) + ".log"), "ping\n");
    ASSERT_TRUE(client);
    auto st = client->wait_for(std::chrono::seconds(20));
    EXPECT_TRUE(st && st->exited) << slurp(dir / ("s_client" + std::to_string(i) + ".log"));
  }
  auto st = cli->wait_for(std::chrono::seconds(60));
  ASSERT_TRUE(st) << slurp(dir / "log");
  auto results = results_of(dir / "out");
  ASSERT_EQ(results.size(), 1u) << slurp(dir / "log");
  EXPECT_EQ(results[0]["iut"], "remote");
  EXPECT_EQ(results[0]["verdict"], "pass") << results[0]["reason"];
  EXPECT_EQ(results[0]["observations"]["connections"][1]["resumed"], "session-id") << results[0].dump();
  EXPECT_NE(slurp(dir / "s_client1.log").find("Reused"), std::string::npos) << slurp(dir / "s_client1.log");
}

TEST(RemoteMode, NoClientWithinTheTimeoutIsACleanError) {
  const fs::path dir = fresh_dir("remote-timeout");
  const uint16_t port = harness::pick_free_port();
  auto r = run_cli({"run", "--listen", "127.0.0.1:" + std::to_string(port), "--scenario", "ems.full.negotiated.cli",
                    "--out", (dir / "out").string(), "--quiet", "--remote-timeout-ms", "300"},
                   dir / "log", std::chrono::seconds(60));
  EXPECT_EQ(r.exit_code, 3) << r.output;  // an error verdict: infrastructure
  EXPECT_LT(r.seconds, 15) << "the timeout must end the unit";
  auto results = results_of(dir / "out");
  ASSERT_EQ(results.size(), 1u) << r.output;
  EXPECT_EQ(results[0]["verdict"], "error");
  EXPECT_NE(results[0]["reason"].get<std::string>().find("no client connected to 127.0.0.1:" + std::to_string(port) +
                                                         " within 300 ms"),
            std::string::npos)
      << results[0]["reason"];
}

}  // namespace
}  // namespace tlsc::testutil
