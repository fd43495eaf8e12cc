// Exit 89, the shim contract's "not supported" (docs/iut-adapters.md): a server that exits 89
// before it is ready is not started again, and start() says so (exited_unsupported()); another exit is not that.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "harness/iut_runner.h"

namespace tlsc::harness {
namespace {

namespace fs = std::filesystem;

// A server profile that runs `script` with /bin/sh and never gets ready; its unit folder.
struct ShellServer {
  fs::path dir;
  iut::Profile profile;
  explicit ShellServer(const std::string& name, const std::string& script)
      : dir(fs::temp_directory_path() / ("tlsc-unsupported-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    nlohmann::json j = {{"name", "u"}, {"title", "t"}, {"capabilities", nlohmann::json::array()},
                        {"server", {{"argv", {"/bin/sh", "-c", script}}, {"ready_line", "ACCEPT"}, {"ready_timeout_ms", 5000}}}};
    profile = iut::load_profile_text(j.dump(), "u.json");
  }
  ~ShellServer() { fs::remove_all(dir); }
  UnitFiles files() { return prepare_unit(profile, {}, dir / "unit", {}); }
};

TEST(UnsupportedExit, ServerStartSaysUnsupportedAtOnce) {
  ShellServer sh("89", "echo 'tlsc-shim: unsupported: --ems off' >&2; exit 89");
  CommandIutServer s(sh.profile, {}, sh.files());
  const auto t0 = std::chrono::steady_clock::now();
  const std::string err = s.start();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(err, "the IUT server does not support this unit's settings (exit 89): tlsc-shim: unsupported: --ems off");
  EXPECT_TRUE(s.exited_unsupported());
  EXPECT_LT(seconds, 1.0);
  EXPECT_FALSE(fs::exists(sh.dir / "unit" / "server-1.out")) << "started again after exit 89";
}

TEST(UnsupportedExit, ReasonWithoutTheLine) {
  EXPECT_EQ(unsupported_reason("the IUT client", "something else\n"),
            "the IUT client does not support this unit's settings (exit 89): (no reason given)");
}

TEST(UnsupportedExit, AnotherExitBeforeReadyIsNotUnsupported) {
  ShellServer sh("3", "echo 'tlsc-shim: unsupported: a lie' >&2; exit 3");
  CommandIutServer s(sh.profile, {}, sh.files());
  const std::string err = s.start();
  EXPECT_NE(err.find("exited before it was ready (exit 3)"), std::string::npos) << err;
  EXPECT_FALSE(s.exited_unsupported());
}

}  // namespace
}  // namespace tlsc::harness

namespace tlsc::harness {
namespace {

// Issue 14: a shim that is merely unbuilt says so and names its build target.
TEST(MissingProgram, UnbuiltShimIsNotBuiltAndNamesItsTarget) {
  auto shim = iut::load_profile_text(R"({"name": "s", "title": "t", "capabilities": [],
    "programs": ["{bindir}/tlsc-shim-nosuch"], "server": {"argv": ["x"]}})", "s.json");
  EXPECT_EQ(missing_program_reason(shim),
            "tlsc-shim-nosuch is not built: cmake --build --preset default --target tlsc-shim-nosuch");
  auto jar = iut::load_profile_text(R"({"name": "j", "title": "t", "capabilities": [],
    "programs": ["java", "{bindir}/tlsc-shim-nosuch.jar"], "server": {"argv": ["x"]}})", "j.json");
  if (missing_program(jar) != "java") {
    EXPECT_EQ(missing_program_reason(jar),
              "tlsc-shim-nosuch is not built: cmake --build --preset default --target tlsc-shim-nosuch");
  }
  auto pkg = iut::load_profile_text(R"({"name": "p", "title": "t", "capabilities": [],
    "programs": ["tlsc-no-such-package-tool"], "server": {"argv": ["x"]}})", "p.json");
  EXPECT_EQ(missing_program_reason(pkg), "tlsc-no-such-package-tool is not installed");
  auto ok = iut::load_profile_text(R"({"name": "o", "title": "t", "capabilities": [], "programs": ["true"],
    "server": {"argv": ["x"]}})", "o.json");
  EXPECT_EQ(missing_program_reason(ok), "");
}

}  // namespace
}  // namespace tlsc::harness
