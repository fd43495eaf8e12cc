// prepare_unit for FTPS profiles (harness/iut_runner.h): the served tree, the upload file, the
// FTP placeholders, templates written now or at start, the passive range lease, the traversal
// check, and CommandIutClient::read_file.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "harness/iut_runner.h"
#include "harness/passive_range.h"
#include "scenarios/ftps_payload.h"

namespace tlsc::harness {
namespace {

namespace fs = std::filesystem;
namespace payload = scenarios::ftps_payload;

class FtpUnit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tlsc-ftpunit-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::chmod(dir_.c_str(), 0755);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static iut::Profile load(const std::string& text) { return iut::load_profile_text(text, "p.json"); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  static mode_t mode(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
  }
  fs::path dir_;
};

const char* kServer = R"({"name": "ftpd", "title": "t", "protocol": "ftps", "capabilities": [],
  "ftp": {"user": "tlsc", "password": "pw", "upload_dir": "in/coming"},
  "server": {"argv": ["ftpd", "{workdir}/ftpd.conf"]},
  "configs": {"default": {"templates": {"ftpd.conf": "port={port} root={ftproot} pasv={pasv_min}:{pasv_max} cert={cert}",
                                        "users": "{ftp_user}:{ftp_password}:{ftproot}/./"}},
              "other": {"files": {"x.txt": "{kept as is}"}}}})";

TEST_F(FtpUnit, ServerTreeAndPlaceholders) {
  auto p = load(kServer);
  auto u = prepare_unit(p, {"other"}, dir_ / "unit", {{"cert", "/pki/cert.pem"}});
  const fs::path root = dir_ / "unit" / "ftproot";
  EXPECT_EQ(u.vars.at("ftproot"), root.string());
  EXPECT_EQ(u.vars.at("ftp_user"), "tlsc");
  EXPECT_EQ(u.vars.at("ftp_password"), "pw");
  EXPECT_EQ(u.vars.at("ftp_servers"), iut::ftp_servers_dir().string());
  EXPECT_EQ(mode(root), 0755u);
  const auto d = payload::download();
  EXPECT_EQ(read(root / payload::kDownloadName), std::string(d.begin(), d.end()));
  EXPECT_EQ(mode(root / payload::kDownloadName), 0644u);
  EXPECT_EQ(mode(root / "in"), 0755u);
  EXPECT_EQ(mode(root / "in" / "coming"), 0777u);  // the server's unprivileged user writes there
  EXPECT_EQ(mode(dir_ / "unit") & 0001, 0001u);    // it walks through the unit folder
  EXPECT_FALSE(fs::exists(dir_ / "unit" / payload::kUploadName));  // a server profile: nothing to upload
  // The passive range, leased while the unit lives.
  ASSERT_TRUE(u.passive);
  EXPECT_EQ(u.vars.at("pasv_min"), std::to_string(u.passive->min()));
  EXPECT_EQ(u.vars.at("pasv_max"), std::to_string(u.passive->max()));
  // A template without {port} is written now, filled; one with {port} waits for the server start.
  EXPECT_EQ(read(dir_ / "unit" / "users"), "tlsc:pw:" + root.string() + "/./");
  EXPECT_FALSE(fs::exists(dir_ / "unit" / "ftpd.conf"));
  // files are not templates.
  EXPECT_EQ(read(dir_ / "unit" / "x.txt"), "{kept as is}");
}

TEST_F(FtpUnit, PortTemplateWrittenAtStart) {
  auto p = load(R"({"name": "ftpd", "title": "t", "protocol": "ftps", "capabilities": [],
    "server": {"argv": ["/bin/true"], "ready_timeout_ms": 300},
    "configs": {"default": {"templates": {"ftpd.conf": "port={port} pasv={pasv_min}"}}}})");
  auto u = prepare_unit(p, {}, dir_ / "unit", {});
  CommandIutServer s(p, {}, u);
  EXPECT_NE(s.start(), "");  // /bin/true exits: never listening
  EXPECT_EQ(read(dir_ / "unit" / "ftpd.conf"), "port=" + std::to_string(s.port()) + " pasv=" + u.vars.at("pasv_min"));
}

TEST_F(FtpUnit, ClientUploadFileAndReadFile) {
  auto p = load(R"({"name": "ftpc", "title": "t", "protocol": "ftps", "capabilities": [],
    "client": {"argv": ["ftpc", "{upload_file}", "{downloaded}"]}})");
  fs::create_directories(dir_ / "unit");
  std::ofstream(dir_ / "unit" / payload::kDownloadedName) << "left by an earlier run";
  auto u = prepare_unit(p, {}, dir_ / "unit", {});
  EXPECT_FALSE(fs::exists(dir_ / "unit" / payload::kDownloadedName));
  EXPECT_EQ(u.vars.at("upload_file"), (dir_ / "unit" / payload::kUploadName).string());
  EXPECT_EQ(u.vars.at("downloaded"), (dir_ / "unit" / payload::kDownloadedName).string());
  const auto up = payload::upload();
  EXPECT_EQ(read(dir_ / "unit" / payload::kUploadName), std::string(up.begin(), up.end()));
  EXPECT_FALSE(u.passive);  // no server
  EXPECT_FALSE(fs::exists(dir_ / "unit" / "ftproot"));
  CommandIutClient c(p, {}, u);
  EXPECT_FALSE(c.read_file(std::string(payload::kDownloadedName)));  // the client has not saved it
  std::ofstream(dir_ / "unit" / payload::kDownloadedName) << "abc";
  EXPECT_EQ(c.read_file(std::string(payload::kDownloadedName)), (std::vector<uint8_t>{'a', 'b', 'c'}));
  std::ofstream(dir_ / "secret") << "x";
  EXPECT_FALSE(c.read_file("../secret"));
  EXPECT_FALSE(c.read_file(""));
}

TEST_F(FtpUnit, FolderAboveNotSearchable) {
  auto p = load(kServer);
  fs::create_directories(dir_ / "closed");
  ::chmod((dir_ / "closed").c_str(), 0700);
  try {
    prepare_unit(p, {}, dir_ / "closed" / "unit", {{"cert", "c"}});
    FAIL();
  } catch (const iut::ProfileError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_ / "closed").string() +
                                         ": not searchable by other users; the FTP server's unprivileged user must "
                                         "reach " + (dir_ / "closed" / "unit" / "ftproot").string() +
                                         " (chmod o+x it, or choose another --out folder)");
  }
}

TEST_F(FtpUnit, TlsProfilesGetNoFtpTree) {
  auto p = load(R"({"name": "lib", "title": "t", "capabilities": [], "server": {"argv": ["s", "{port}"]}})");
  auto u = prepare_unit(p, {}, dir_ / "unit", {});
  EXPECT_FALSE(u.vars.count("ftproot"));
  EXPECT_FALSE(u.passive);
  EXPECT_FALSE(fs::exists(dir_ / "unit" / "ftproot"));
}

bool bindable(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

TEST(PassiveRangeLease, DisjointFreeAndBelowTheEphemeralRange) {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  unsigned lo = 32768, hi = 0;
  in >> lo >> hi;
  std::string error;
  std::vector<std::shared_ptr<PassiveRange>> leases;
  for (int i = 0; i < 8; ++i) {
    leases.push_back(PassiveRange::lease(&error));
    ASSERT_TRUE(leases.back()) << error;
  }
  for (size_t i = 0; i < leases.size(); ++i) {
    const auto& a = *leases[i];
    EXPECT_EQ(a.max() - a.min() + 1, PassiveRange::kSize);
    EXPECT_GE(a.min(), 10000);
    EXPECT_LT(a.max(), lo);
    for (uint16_t port = a.min(); port <= a.max(); ++port) EXPECT_TRUE(bindable(port)) << port;
    for (size_t j = i + 1; j < leases.size(); ++j)
      EXPECT_TRUE(a.max() < leases[j]->min() || leases[j]->max() < a.min()) << a.min() << " " << leases[j]->min();
  }
}

TEST(PassiveRangeLease, SkipsARangeInUse) {
  std::string error;
  auto first = PassiveRange::lease(&error);
  ASSERT_TRUE(first) << error;
  const uint16_t min = first->min();
  first.reset();  // released; now someone else listens on one of its ports
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(min + 3));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  std::vector<std::shared_ptr<PassiveRange>> all;
  for (int i = 0; i < 64; ++i) {
    all.push_back(PassiveRange::lease(&error));
    ASSERT_TRUE(all.back()) << error;
    EXPECT_NE(all.back()->min(), min);
  }
  ::close(fd);
}

}  // namespace
}  // namespace tlsc::harness
