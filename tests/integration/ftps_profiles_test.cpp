// The FTPS IUT profiles (iut/profiles/{vsftpd,proftpd,pure-ftpd,curl,lftp}.json) run the way
// `tlsconform run` runs them: prepare_unit builds the unit folder (served tree, upload file,
// generated configuration, passive range), CommandIutServer / CommandIutClient start the program
// from the profile. Against each server, our FTPS client (peers/ftps) does LIST, RETR, STOR, RETR
// with SHA-256 checks against scenarios/ftps_payload.h, and a data connection that does not resume
// the control session is refused or not as the configuration says. Each client does its whole
// session against our FTPS server, and what it uploaded and downloaded is checked. Nothing may be
// left running. Servers need root (chroot, user switch) and skip otherwise.
#include <sys/stat.h>

#include "harness/iut_runner.h"
#include "peers/ftps/client.h"
#include "peers/ftps/control.h"
#include "peers/ftps/server.h"
#include "scenarios/ftps_payload.h"
#include "tests/integration/interop_fixture.h"

namespace tlsc::interop {
namespace {

namespace payload = scenarios::ftps_payload;
using ftps::DataResume;
using ftps::Transfer;

const iut::Profile& profile(const std::string& name) {
  static const std::vector<iut::Profile> all = iut::load_profiles(iut::default_profiles_dir());
  for (const auto& p : all)
    if (p.name == name) return p;
  throw std::runtime_error("no profile " + name);
}

std::map<std::string, std::string> pki_vars() {
  const auto& k = env().pki;
  return {{"cert", k.server_rsa.cert.string()},      {"key", k.server_rsa.key.string()},
          {"ecdsa_cert", k.server_ecdsa.cert.string()}, {"ecdsa_key", k.server_ecdsa.key.string()},
          {"ca", k.ca_cert.string()},                {"client_cert", k.client_rsa.cert.string()},
          {"client_key", k.client_rsa.key.string()}, {"p12", k.server_rsa.p12.string()},
          {"dhparams", env().dhparam.string()}};
}

Bytes file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Processes whose working folder or root is inside `dir` (an FTP server chroots into the tree):
// what the unit left running.
std::vector<std::string> processes_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string pid = e.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    for (const char* link : {"cwd", "root"}) {
      std::error_code lec;
      const auto target = fs::read_symlink(e.path() / link, lec).string();
      if (!lec && target.rfind(dir.string(), 0) == 0) {
        std::ifstream comm(e.path() / "comm");
        std::string name;
        std::getline(comm, name);
        out.push_back(pid + " (" + name + ", " + link + " " + target + ")");
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> processes_gone_within(const fs::path& dir, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  auto left = processes_under(dir);
  while (!left.empty() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(50ms);
    left = processes_under(dir);
  }
  return left;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "; ";
  return s;
}

std::string tail_of(const fs::path& dir, const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    const Bytes b = file_bytes(dir / n);
    const std::string t(b.begin(), b.end());
    out += "\n" + n + " (end):\n" + t.substr(t.size() > 3000 ? t.size() - 3000 : 0);
  }
  return out;
}

// ------------------------------------------------------------------ servers

struct ServerCase {
  std::string profile;
  std::vector<std::string> logs;  // in the unit folder, shown when something fails
  int refused_code = 0;           // its reply to a transfer whose data TLS did not resume (reuse required)
};
void PrintTo(const ServerCase& c, std::ostream* os) { *os << c.profile; }

class FtpsServerProfile : public ::testing::TestWithParam<ServerCase> {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_ENV();
    p_ = &profile(GetParam().profile);
    if (auto missing = harness::missing_program(*p_); !missing.empty())
      GTEST_SKIP() << missing << " is not installed: run scripts/setup (scripts/setup-ftp-servers)";
    if (::geteuid() != 0) GTEST_SKIP() << p_->name << " needs root (chroot, user switch)";
    ASSERT_FALSE(dir_.path().empty());
    ::chmod(dir_.path().c_str(), 0711);  // mkdtemp's 0700: the server's unprivileged user walks through
  }
  void TearDown() override {
    if (p_ && !dir_.path().empty()) {
      const auto left = processes_gone_within(dir_.path(), 3000ms);
      EXPECT_TRUE(left.empty()) << "left running: " << join(left);
    }
  }
  // The unit folder prepared and the server started in configuration `config`.
  std::unique_ptr<harness::CommandIutServer> start(const std::string& config) {
    unit_ = dir_.path() / config;
    std::vector<std::string> configs;
    if (config != "default") configs.push_back(config);
    auto files = harness::prepare_unit(*p_, configs, unit_, pki_vars());
    auto s = std::make_unique<harness::CommandIutServer>(*p_, configs, files);
    const std::string err = s->start();
    EXPECT_EQ(err, "") << tail_of(unit_, GetParam().logs);
    if (!err.empty()) return nullptr;
    return s;
  }
  ftps::FtpsClientConfig client(uint16_t port, DataResume resume) const {
    ftps::FtpsClientConfig c;
    c.port = port;
    c.user = p_->ftp.user;
    c.password = p_->ftp.password;
    c.control_tls = engine_client_config();
    c.data_tls = engine_client_config();
    c.reply_timeout = 6000ms;
    c.data_resume = resume;
    // Resumption by session ID needs a control connection without tickets (docs/ftps.md).
    c.control_tls.offer_tickets = false;
    c.data_tls.offer_tickets = false;
    return c;
  }
  std::string logs() const { return tail_of(unit_, GetParam().logs); }

  const iut::Profile* p_ = nullptr;
  TempDir dir_{"tlsc_ftps_profile"};
  fs::path unit_;
};

TEST_P(FtpsServerProfile, ListRetrStorRetrWithChecksums) {
  auto server = start("default");
  ASSERT_TRUE(server);
  auto c = client(server->port(), DataResume::kSessionId);
  const std::string up = p_->ftp.upload_dir + "/" + std::string(payload::kUploadName);
  const Bytes download = payload::download(), upload = payload::upload();
  c.transfers = {{Transfer::Kind::kList, "", {}, {}, {}, {}},
                 {Transfer::Kind::kRetr, std::string(payload::kDownloadName), {}, ftps::sha256_hex(download), {}, {}},
                 {Transfer::Kind::kStor, up, upload, {}, {}, {}},
                 {Transfer::Kind::kRetr, up, {}, ftps::sha256_hex(upload), {}, {}}};
  auto r = ftps::run_ftps_client(c);
  EXPECT_EQ(server->health(), "");
  ASSERT_TRUE(r.completed) << r.describe() << logs();
  EXPECT_FALSE(r.plaintext_on_tls_control) << r.plaintext_line;
  EXPECT_EQ(r.code_of("PBSZ"), 200);
  EXPECT_EQ(r.code_of("PROT"), 200);
  ASSERT_EQ(r.transfers.size(), 4u);
  for (const auto& d : r.transfers) {
    EXPECT_EQ(d.final_code, 226) << d.command << "\n" << r.describe() << logs();
    EXPECT_EQ(d.resumed, engine::ResumedBy::kSessionId) << d.command;
    EXPECT_TRUE(d.ems_control && d.ems_data) << d.command;
  }
  const std::string listing(r.transfers[0].data.begin(), r.transfers[0].data.end());
  EXPECT_NE(listing.find(std::string(payload::kDownloadName)), std::string::npos) << listing;
  EXPECT_NE(listing.find(std::to_string(download.size())), std::string::npos) << listing;
  EXPECT_TRUE(r.transfers[1].checksum_match) << r.transfers[1].sha256;
  // What the server wrote into the served tree, as its unprivileged user.
  EXPECT_EQ(ftps::sha256_hex(file_bytes(unit_ / "ftproot" / up)), ftps::sha256_hex(upload));
  EXPECT_TRUE(r.transfers[3].checksum_match);
  // The leftover check (TearDown) sees the running server, so it can see one left behind.
  EXPECT_FALSE(processes_under(dir_.path()).empty());
  const auto fate = server->finish();
  EXPECT_FALSE(fate.crashed) << fate.status;
}

// A data connection whose TLS handshake does not offer the control session: refused when the
// configuration requires reuse, transferred when it does not (both configurations are run where
// the profile has them).
TEST_P(FtpsServerProfile, DataReuseAsConfigured) {
  int ran = 0;
  for (const std::string config : {"reuse-required", "reuse-not-required"}) {
    if (!p_->configs.count(config)) continue;
    ++ran;
    SCOPED_TRACE(config);
    const bool required = p_->capabilities_in({config}).count("reuse-required") > 0;
    auto server = start(config);
    ASSERT_TRUE(server);
    auto c = client(server->port(), DataResume::kNone);
    c.transfers = {{Transfer::Kind::kRetr, std::string(payload::kDownloadName), {},
                    ftps::sha256_hex(payload::download()), {}, {}}};
    auto r = ftps::run_ftps_client(c);
    ASSERT_EQ(r.transfers.size(), 1u) << r.describe() << logs();
    const auto& d = r.transfers[0];
    EXPECT_EQ(d.resumed, engine::ResumedBy::kNone) << r.describe();
    if (required) {
      EXPECT_EQ(d.final_code, GetParam().refused_code) << r.describe() << logs();
      EXPECT_TRUE(d.data.empty());
      EXPECT_FALSE(d.checksum_match);
    } else {
      EXPECT_EQ(d.final_code, 226) << r.describe() << logs();
      EXPECT_TRUE(d.checksum_match) << r.describe();
    }
    server->finish();
  }
  EXPECT_GT(ran, 0) << "the profile has neither reuse configuration";
}

// tls1.2-only: a control connection offering at most TLS 1.1 is refused; TLS 1.2 logs in.
TEST_P(FtpsServerProfile, Tls12OnlyRefusesTls11) {
  if (!p_->configs.count("tls1.2-only")) GTEST_SKIP() << "no tls1.2-only configuration";
  for (const std::string config : {"default", "tls1.2-only"}) {
    SCOPED_TRACE(config);
    auto server = start(config);
    ASSERT_TRUE(server);
    for (auto max : {ProtocolVersion::kTls11, ProtocolVersion::kTls12}) {
      auto c = client(server->port(), DataResume::kSessionId);
      c.control_tls.max_version = max;
      auto r = ftps::run_ftps_client(c);
      EXPECT_TRUE(r.auth_accepted) << r.describe();
      if (max == ProtocolVersion::kTls12) {
        EXPECT_TRUE(r.logged_in) << r.describe() << logs();
      } else {
        std::cout << p_->name << " " << config << ": TLS 1.1 control handshake "
                  << (r.control.handshake_complete ? "completed" : "refused") << "\n";
        if (config == "tls1.2-only") {
          EXPECT_FALSE(r.control.handshake_complete) << r.describe();
          EXPECT_EQ(r.control.peer_alert(), AlertDescription::kProtocolVersion) << r.describe();
          EXPECT_FALSE(r.logged_in);
        }
      }
    }
    server->finish();
  }
  // OpenSSL 3.0 (vsftpd, pure-ftpd, mod_tls) refuses TLS 1.0/1.1 at its default security level
  // already: the default configuration was observed refusing TLS 1.1 too.
}

INSTANTIATE_TEST_SUITE_P(Profiles, FtpsServerProfile,
                         // vsftpd: "522 SSL connection failed: session reuse required"; mod_tls: "425
                         // Unable to build data connection: Operation not permitted"; pure-ftpd never
                         // requires reuse.
                         ::testing::Values(ServerCase{"vsftpd", {"vsftpd.log", "server-0.out"}, 522},
                                           ServerCase{"proftpd", {"proftpd.syslog", "proftpd.tls", "server-0.out"}, 425},
                                           ServerCase{"pure-ftpd", {"server-0.out"}, 0}),
                         [](const auto& info) {
                           std::string n = info.param.profile;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// ------------------------------------------------------------------ clients

class FtpsClientProfile : public ::testing::TestWithParam<std::string> {};

TEST_P(FtpsClientProfile, WholeSessionAgainstOurServer) {
  TLSC_REQUIRE_ENV();
  const auto& p = profile(GetParam());
  if (auto missing = harness::missing_program(p); !missing.empty()) GTEST_SKIP() << missing << " is not installed";
  TempDir dir("tlsc_ftps_client_profile");
  ftps::FtpsServerConfig cfg;
  cfg.control_tls = engine_server_config();
  cfg.data_tls = cfg.control_tls;  // one ServerState: data connections can resume the control session
  cfg.require_reuse = true;
  cfg.files->put(std::string(payload::kDownloadName), payload::download());
  auto files = cfg.files;
  ftps::FtpsLoopbackServer server(cfg, 16);
  ASSERT_TRUE(server.error().empty()) << server.error();

  const fs::path unit = dir.path() / "unit";
  harness::CommandIutClient client(p, {}, harness::prepare_unit(p, {}, unit, pki_vars()));
  EXPECT_EQ(client.connect(server.port(), 0, false), "");
  auto reports = server.stop();
  std::string described;
  for (const auto& r : reports) described += r.describe();
  const std::string out = tail_of(unit, {"client-0.out"});
  ASSERT_EQ(client.runs().size(), 1u);
  EXPECT_EQ(client.runs()[0], "exit 0") << out << described;
  auto stored = files->get(std::string(payload::kUploadName));
  ASSERT_TRUE(stored) << out << described;
  EXPECT_EQ(ftps::sha256_hex(*stored), ftps::sha256_hex(payload::upload()));
  auto downloaded = client.read_file(std::string(payload::kDownloadedName));
  ASSERT_TRUE(downloaded) << out;
  EXPECT_EQ(ftps::sha256_hex(*downloaded), ftps::sha256_hex(payload::download()));
  EXPECT_FALSE(client.read_file("../unit/" + std::string(payload::kDownloadedName)));  // plain names only
  // LIST, RETR and STOR each on a data connection that resumed the control session (our server
  // requires it), over TLS with EMS.
  size_t data = 0;
  for (const auto& r : reports)
    for (const auto& d : r.data) {
      ++data;
      EXPECT_EQ(d.final_code, 226) << d.command << "\n" << described;
      EXPECT_TRUE(d.resumed_control_session) << d.command;
      EXPECT_TRUE(d.ems_control && d.ems_data) << d.command;
    }
  EXPECT_EQ(data, 3u) << described;
  EXPECT_TRUE(processes_under(dir.path()).empty()) << join(processes_under(dir.path()));
}

INSTANTIATE_TEST_SUITE_P(Profiles, FtpsClientProfile, ::testing::Values("curl", "lftp"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tlsc::interop
