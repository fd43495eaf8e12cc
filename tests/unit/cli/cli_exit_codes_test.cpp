// Runs the real tlsconform binary and checks exit codes and the one-line errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string drain(int fd) {
  std::string s;
  std::array<char, 4096> buf{};
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0) s.append(buf.data(), static_cast<size_t>(n));
  ::close(fd);
  return s;
}

// Runs tlsconform with `args` (no shell), capturing stdout and stderr.
Outcome run(std::vector<std::string> args) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    std::vector<char*> argv;
    std::string prog = TLSC_CLI_PATH;
    argv.push_back(prog.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(prog.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  Outcome o;
  o.out = drain(out_pipe[0]);  // outputs here are small: no deadlock between the two pipes
  o.err = drain(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return o;
}

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(CliExitCodes, VersionExitsZero) {
  Outcome o = run({"--version"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out.rfind("tlsconform ", 0), 0u) << o.out;
}

TEST(CliExitCodes, HelpDocumentsTheExitCodes) {
  Outcome o = run({"--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* needle : {"0  every result as expected", "1  unexpected results", "2  usage or configuration error",
                             "3  harness or infrastructure error"})
    EXPECT_NE(o.out.find(needle), std::string::npos) << needle;
}

TEST(CliExitCodes, OutOfRangeValueIsOneLineNamingTheOption) {
  Outcome o = run({"run", "--jobs", "0"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--jobs"), std::string::npos) << o.err;
}

TEST(CliExitCodes, UnknownOptionIsOneLineNamingIt) {
  Outcome o = run({"run", "--jobz", "3"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--jobz"), std::string::npos) << o.err;
}

TEST(CliExitCodes, BadEnumValueNamesOptionAndValue) {
  Outcome o = run({"report", "results.json", "--format", "pdf"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--format"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("pdf"), std::string::npos) << o.err;
}

TEST(CliExitCodes, UnknownSubcommandIsNamed) {
  Outcome o = run({"bogus"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("bogus"), std::string::npos) << o.err;
}

TEST(CliExitCodes, MissingSubcommandSaysWhichExist) {
  Outcome o = run({});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("list, run, report or peer"), std::string::npos) << o.err;
}

}  // namespace
