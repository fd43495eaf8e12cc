// The CTest registration (harness/ctest_catalog.h) pairs scenarios and profiles of the same
// protocol: the ftps family with the FTPS profiles, the TLS families with the TLS profiles.
#include <gtest/gtest.h>

#include "harness/ctest_catalog.h"
#include "iut/profile.h"
#include "scenarios/loader.h"

namespace tlsc {
namespace {

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(CtestProtocol, FtpsScenariosOnlyForFtpsProfiles) {
  auto catalog = scenarios::load_catalog(scenarios::default_catalog_dir());
  size_t ftps_srv = 0, ftps_cli = 0, tls_srv = 0;
  for (const auto& s : catalog) {
    if (s.protocol == "ftps") (s.role == results::Role::server ? ftps_srv : ftps_cli)++;
    if (s.protocol == "tls" && s.role == results::Role::server) ++tls_srv;
  }
  ASSERT_GT(ftps_srv, 0u);
  ASSERT_GT(ftps_cli, 0u);
  auto ftpd = iut::load_profile_text(R"({"name": "ftpd", "title": "t", "protocol": "ftps", "capabilities": [],
      "server": {"argv": ["ftpd", "{port}"]}})", "ftpd.json");
  auto ftpc = iut::load_profile_text(R"({"name": "ftpc", "title": "t", "protocol": "ftps", "capabilities": [],
      "client": {"argv": ["ftpc", "{port}"]}})", "ftpc.json");
  auto lib = iut::load_profile_text(R"({"name": "lib", "title": "t", "capabilities": [],
      "server": {"argv": ["lib", "{port}"]}})", "lib.json");
  harness::CatalogCtestOptions o;
  o.tlsconform = "/bin/tlsconform";
  o.work = "/w";
  const std::string script = harness::catalog_ctest_script(catalog, {ftpd, ftpc, lib}, o);
  EXPECT_EQ(count(script, "add_test([=[catalog/ftpd/"), ftps_srv);
  EXPECT_EQ(count(script, "add_test([=[catalog/ftpc/"), ftps_cli);
  EXPECT_EQ(count(script, "add_test([=[catalog/lib/"), tls_srv);
  EXPECT_EQ(count(script, "add_test([=[catalog/lib/ftps."), 0u);
  EXPECT_EQ(count(script, "add_test([=[catalog/ftpd/ems."), 0u);
  EXPECT_NE(script.find("LABELS [=[catalog;family:ftps;iut:ftpd;"), std::string::npos) << script.substr(0, 2000);
}

}  // namespace
}  // namespace tlsc
