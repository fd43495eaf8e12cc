// Issue 14: every TLS profile whose programs are installed reports the IUT's version (results
// carry it as iut_version); nss and bssl-tool ask dpkg-query, their tools print none.
#include <gtest/gtest.h>

#include "harness/iut_runner.h"
#include "iut/profile.h"

namespace tlsc::harness {
namespace {

TEST(ProfileVersions, EveryInstalledTlsProfileHasOne) {
  int checked = 0;
  for (const auto& p : iut::load_profiles(std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "profiles")) {
    if (p.protocol != "tls" || !missing_program(p).empty()) continue;
    // {tlsconform} is the running binary: this test's, not tlsconform (checked by the CLI tests).
    if (!p.version_argv.empty() && p.version_argv[0] == "{tlsconform}") continue;
    EXPECT_FALSE(p.version_argv.empty()) << p.name << ": no version command";
    EXPECT_NE(iut_version(p), "") << p.name;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace tlsc::harness
