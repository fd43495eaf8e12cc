// FTPS profiles (iut/profile.h): "protocol", "ftp", configs' "templates", the FTP placeholders
// and the "default" configuration — every error is one line naming the file and the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iut/profile.h"

namespace tlsc::iut {
namespace {

using json = nlohmann::ordered_json;

json ftps_server() {
  return json::parse(R"({"name": "ftpd", "title": "An FTP server", "protocol": "ftps", "capabilities": ["ftps"],
                         "server": {"argv": ["ftpd", "{workdir}/ftpd.conf"]}})");
}

std::string error_of(const json& j) {
  try {
    load_profile_text(j.dump(), "p.json");
    return "loaded";
  } catch (const ProfileError& e) {
    return e.what();
  }
}

TEST(FtpProfileErrors, Protocol) {
  json p = ftps_server();
  p["protocol"] = "ftp";
  EXPECT_EQ(error_of(p), R"(p.json: protocol: must be "tls" or "ftps")");
  p["protocol"] = 1;
  EXPECT_EQ(error_of(p), "p.json: protocol: must be a string");
  p["protocol"] = "tls";
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").protocol, "tls");
  p.erase("protocol");
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").protocol, "tls");  // the default
}

TEST(FtpProfileErrors, FtpOnlyForFtps) {
  json p = ftps_server();
  p["protocol"] = "tls";
  p["ftp"] = {{"user", "u"}};
  EXPECT_EQ(error_of(p), R"(p.json: ftp: only for protocol "ftps")");
}

TEST(FtpProfileErrors, FtpFields) {
  json p = ftps_server();
  p["ftp"] = json::array();
  EXPECT_EQ(error_of(p), "p.json: ftp: must be an object");
  p["ftp"] = {{"home", "/srv"}};
  EXPECT_EQ(error_of(p), "p.json: ftp.home: unknown field");
  p["ftp"] = {{"user", 7}};
  EXPECT_EQ(error_of(p), "p.json: ftp.user: must be a string");
  for (const char* f : {"user", "password", "upload_dir"}) {
    for (const std::string& bad : {std::string(""), std::string("a\r\nDELE x"), std::string("a\0b", 3)}) {
      p["ftp"] = {{f, bad}};
      EXPECT_EQ(error_of(p), std::string("p.json: ftp.") + f + ": must be a non-empty string without CR, LF or NUL")
          << f;
    }
  }
}

TEST(FtpProfileErrors, UploadDirInsideTheTree) {
  json p = ftps_server();
  for (const char* bad : {"/pub", "../pub", "pub/../..", "pub/", "a//b", ".", "a/./b"}) {
    p["ftp"] = {{"upload_dir", bad}};
    EXPECT_EQ(error_of(p), "p.json: ftp.upload_dir: must be a relative folder without '.' or '..' parts ('pub', "
                           "'incoming/tlsc')")
        << bad;
  }
  p["ftp"] = {{"upload_dir", "incoming/tlsc"}};
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").ftp.upload_dir, "incoming/tlsc");
}

TEST(FtpProfileErrors, FtpPlaceholdersOnlyInFtpsProfiles) {
  for (const auto& name : ftp_placeholders()) {
    json p = ftps_server();
    p["protocol"] = "tls";
    p["server"]["argv"][1] = "{" + name + "}";
    EXPECT_EQ(error_of(p), "p.json: server.argv[1]: placeholder {" + name + R"(} is only for protocol "ftps")");
    p["protocol"] = "ftps";
    EXPECT_EQ(error_of(p), "loaded") << name;
  }
  json p = ftps_server();
  p["protocol"] = "tls";
  p["configs"] = {{"c", {{"templates", {{"x.conf", "root={ftproot}"}}}}}};
  EXPECT_EQ(error_of(p), R"(p.json: configs.c.templates.x.conf: placeholder {ftproot} is only for protocol "ftps")");
}

TEST(FtpProfileErrors, Templates) {
  json p = ftps_server();
  p["configs"] = {{"c", {{"templates", {{"x.conf", "port={prot}"}}}}}};
  EXPECT_EQ(error_of(p), "p.json: configs.c.templates.x.conf: unknown placeholder {prot}");
  p["configs"] = {{"c", {{"templates", {{"x.conf", "port={port"}}}}}};
  EXPECT_EQ(error_of(p), "p.json: configs.c.templates.x.conf: unterminated placeholder in 'port={port'");
  p["configs"] = {{"c", {{"templates", {{"x.conf", 1}}}}}};
  EXPECT_EQ(error_of(p), "p.json: configs.c.templates.x.conf: must be a string");
  p["configs"] = {{"c", {{"templates", json::array()}}}};
  EXPECT_EQ(error_of(p), "p.json: configs.c.templates: must be an object of strings");
  for (const char* f : {"sub/x.conf", "../x.conf", ".x.conf"}) {
    p["configs"] = {{"c", {{"templates", {{f, "a"}}}}}};
    EXPECT_EQ(error_of(p), std::string("p.json: configs.c.templates.") + f + ": must be a plain file name") << f;
  }
  p["configs"] = {{"c", {{"files", {{"x.conf", "a"}}}, {"templates", {{"x.conf", "b"}}}}}};
  EXPECT_EQ(error_of(p), "p.json: configs.c.templates.x.conf: also in files");
}

TEST(FtpProfile, EveryField) {
  json p = ftps_server();
  p["ftp"] = {{"user", "tlsc"}, {"password", "secret"}, {"upload_dir", "incoming"}};
  p["programs"] = {"{ftp_servers}/ftpd/usr/sbin/ftpd"};
  p["configs"] = {{"default", {{"templates", {{"ftpd.conf", "port={port}\nroot={ftproot}\npasv={pasv_min}-{pasv_max}\n"}}}}},
                  {"tls1.2-only", {{"server_args", {"-o", "tls=1.2"}}}}};
  auto x = load_profile_text(p.dump(), "p.json");
  EXPECT_EQ(x.protocol, "ftps");
  EXPECT_EQ(x.ftp.user, "tlsc");
  EXPECT_EQ(x.ftp.password, "secret");
  EXPECT_EQ(x.ftp.upload_dir, "incoming");
  EXPECT_EQ(x.programs, (std::vector<std::string>{"{ftp_servers}/ftpd/usr/sbin/ftpd"}));
  EXPECT_EQ(x.configs.at("default").templates.at("ftpd.conf"), "port={port}\nroot={ftproot}\npasv={pasv_min}-{pasv_max}\n");
  EXPECT_TRUE(x.configs.at("default").files.empty());
  // Without "ftp": the defaults of FtpSpec.
  auto y = load_profile_text(ftps_server().dump(), "p.json");
  EXPECT_EQ(y.ftp.user, "anonymous");
  EXPECT_EQ(y.ftp.upload_dir, "pub");
}

TEST(FtpProfile, DefaultConfigAppliesFirst) {
  json p = ftps_server();
  p["capabilities"] = {"ftps"};
  p["configs"] = {{"default", {{"add_capabilities", {"reuse-required"}}}},
                  {"reuse-not-required", {{"remove_capabilities", {"reuse-required"}}}}};
  auto x = load_profile_text(p.dump(), "p.json");
  EXPECT_EQ(x.capabilities_in({}), (std::set<std::string>{"ftps", "reuse-required"}));
  EXPECT_EQ(x.capabilities_in({"default"}), (std::set<std::string>{"ftps", "reuse-required"}));
  EXPECT_EQ(x.capabilities_in({"reuse-not-required"}), (std::set<std::string>{"ftps"}));
}

TEST(FtpProfile, ServersFolder) {
  // scripts/setup-ftp-servers's default prefix, or TLSC_FTP_PREFIX (the variable both read).
  const char* env = std::getenv("TLSC_FTP_PREFIX");
  if (env && *env)
    EXPECT_EQ(ftp_servers_dir(), std::filesystem::path(env));
  else
    EXPECT_EQ(ftp_servers_dir(), std::filesystem::path(TLSC_SOURCE_DIR) / "build" / "ftp-servers");
}

}  // namespace
}  // namespace tlsc::iut
