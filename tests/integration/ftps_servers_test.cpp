// Our FTPS client (peers/ftps) against real FTP servers — vsftpd, proftpd (mod_tls) and
// pure-ftpd — unpacked by scripts/setup-ftp-servers into build/ftp-servers/<name>/ (never
// installed system-wide, no service started). Each runs in the foreground under ChildProcess
// (own process group, killed and reaped on every path) with a configuration generated here:
// 127.0.0.1 only, a passive port range, the run's PKI certificate, an upload folder. Checked end
// to end: login, LIST, RETR (SHA-256 against the file on disk), STOR (SHA-256 of the file the
// server wrote), and what each data connection's TLS handshake did (resumption of the control
// session and by which mechanism, EMS on control and data).
#include <sys/stat.h>

#include <fstream>
#include <thread>

#include "scenarios/ftps_payload.h"
#include "peers/ftps/client.h"
#include "peers/ftps/control.h"
#include "tests/integration/interop_fixture.h"

namespace tlsc::interop {
namespace {

using ftps::DataResume;
using ftps::FtpsClientConfig;
using ftps::FtpsClientReport;
using ftps::Transfer;

const fs::path kPrefix = fs::path(TLSC_SOURCE_DIR) / "build" / "ftp-servers";

Bytes file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

using scenarios::ftps_payload::pattern;

void write_file(const fs::path& p, const std::string& text, mode_t mode = 0644) {
  std::ofstream(p, std::ios::binary) << text;
  ::chmod(p.c_str(), mode);
}

// A server's files: root/ (0755, not writable: vsftpd refuses a writable chroot), root/a.bin,
// root/pub/ (0777, uploads go there).
struct Tree {
  fs::path root, pub;
  Bytes a;
};

Tree make_tree(const fs::path& dir) {
  Tree t;
  t.root = dir / "root";
  t.pub = t.root / "pub";
  fs::create_directories(t.pub);
  ::chmod(dir.c_str(), 0711);  // the test folder (mkdtemp: 0700) must be traversable by the FTP user
  ::chmod(t.root.c_str(), 0755);
  ::chmod(t.pub.c_str(), 0777);
  t.a = pattern(300000, 7);
  std::ofstream(t.root / "a.bin", std::ios::binary).write(reinterpret_cast<const char*>(t.a.data()),
                                                           static_cast<std::streamsize>(t.a.size()));
  ::chmod((t.root / "a.bin").c_str(), 0644);
  return t;
}

struct Started {
  std::unique_ptr<ChildProcess> process;
  uint16_t port = 0;
  std::string error;
};

// Spawns argv (with "{port}", "{pasv_min}", "{pasv_max}" and "{conf}" filled in) after writing the
// config `conf_text` (same placeholders) and waits until the port listens. Retries with other
// ports if the server exits at once (a port taken in between).
Started start_server(const fs::path& dir, const std::string& name, const std::vector<std::string>& argv_template,
                     const std::string& conf_text, std::vector<std::pair<std::string, std::string>> env_vars = {}) {
  Started out;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const uint16_t port = harness::pick_free_port();
    const uint16_t pasv = harness::pick_free_port();
    const uint16_t pasv_min = pasv > 65000 ? 50000 : pasv;
    auto fill = [&](std::string s) {
      const std::pair<std::string, std::string> subst[] = {{"{port}", std::to_string(port)},
                                                           {"{pasv_min}", std::to_string(pasv_min)},
                                                           {"{pasv_max}", std::to_string(pasv_min + 20)},
                                                           {"{conf}", (dir / (name + ".conf")).string()},
                                                           {"{dir}", dir.string()}};
      for (const auto& [k, v] : subst)
        for (size_t pos; (pos = s.find(k)) != std::string::npos;) s.replace(pos, k.size(), v);
      return s;
    };
    write_file(dir / (name + ".conf"), fill(conf_text), 0600);
    SpawnOptions o;
    for (const auto& a : argv_template) o.argv.push_back(fill(a));
    o.stdout_path = dir / (name + ".out");
    o.stderr_path = dir / (name + ".err");
    o.env = env_vars;
    auto s = ChildProcess::spawn(o);
    if (!s.process) {
      out.error = s.error;
      return out;
    }
    const auto until = std::chrono::steady_clock::now() + kReadyTimeout;
    while (std::chrono::steady_clock::now() < until && s.process->running() && !harness::port_listening(port))
      std::this_thread::sleep_for(20ms);
    if (s.process->running() && harness::port_listening(port)) {
      out.process = std::move(s.process);
      out.port = port;
      return out;
    }
    std::string why = s.process->read_stderr() + s.process->read_stdout();
    s.process->stop();
    out.error = name + " did not listen on 127.0.0.1:" + std::to_string(port) + ": " + why;
  }
  return out;
}

// With DataResume::kSessionId the control connection does not offer session tickets: an OpenSSL
// server that issues a ticket sends an empty session ID (RFC 5077 3.4 allows it), leaving nothing
// to resume by ID.
FtpsClientConfig client_config(uint16_t port, const std::string& user, const std::string& password,
                               DataResume resume = DataResume::kSessionId) {
  FtpsClientConfig c;
  c.port = port;
  c.user = user;
  c.password = password;
  c.control_tls = engine_client_config();
  c.data_tls = engine_client_config();
  c.reply_timeout = 6000ms;
  c.data_resume = resume;
  c.control_tls.offer_tickets = resume == DataResume::kTicket;
  c.data_tls.offer_tickets = resume == DataResume::kTicket;
  return c;
}

// The standard session: LIST, RETR a.bin, STOR pub/up.bin, RETR pub/up.bin.
void add_standard_transfers(FtpsClientConfig& c, const Tree& t, const Bytes& upload) {
  c.transfers = {{Transfer::Kind::kList, "", {}, {}, {}, {}},
                 {Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), {}, {}},
                 {Transfer::Kind::kStor, "pub/up.bin", upload, {}, {}, {}},
                 {Transfer::Kind::kRetr, "pub/up.bin", {}, ftps::sha256_hex(upload), {}, {}}};
}

void expect_standard_session(const FtpsClientReport& r, const Tree& t, const Bytes& upload, engine::ResumedBy by,
                             const std::string& log) {
  ASSERT_TRUE(r.completed) << r.describe() << log;
  EXPECT_FALSE(r.plaintext_on_tls_control) << r.plaintext_line;
  EXPECT_EQ(r.code_of("PBSZ"), 200);
  EXPECT_EQ(r.code_of("PROT"), 200);
  EXPECT_EQ(r.quit_code, 221);
  ASSERT_EQ(r.transfers.size(), 4u) << r.describe();
  for (const auto& d : r.transfers) {
    EXPECT_EQ(d.final_code, 226) << d.command << "\n" << r.describe() << log;
    EXPECT_EQ(d.resumed, by) << d.command << "\n" << r.describe();
    EXPECT_TRUE(d.same_master_secret_as_control) << d.command;
    EXPECT_TRUE(d.ems_control) << d.command;
    EXPECT_TRUE(d.ems_data) << d.command;
  }
  const std::string listing(r.transfers[0].data.begin(), r.transfers[0].data.end());
  EXPECT_NE(listing.find("a.bin"), std::string::npos) << listing;
  EXPECT_NE(listing.find("300000"), std::string::npos) << listing;
  EXPECT_TRUE(r.transfers[1].checksum_match) << r.transfers[1].sha256;
  EXPECT_EQ(ftps::sha256_hex(file_bytes(t.pub / "up.bin")), ftps::sha256_hex(upload));  // what the server wrote
  EXPECT_TRUE(r.transfers[3].checksum_match);
}

// ------------------------------------------------------------------ vsftpd

std::string vsftpd_conf(const Tree& t, const fs::path& dir, bool reuse) {
  fs::create_directories(dir / "empty");
  ::chmod((dir / "empty").c_str(), 0755);
  const auto& pki = env().pki.server_rsa;
  return "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\nbackground=NO\n"
         "anonymous_enable=YES\nlocal_enable=NO\nwrite_enable=YES\nanon_upload_enable=YES\nanon_umask=022\n"
         "anon_root=" + t.root.string() + "\n"
         // anonymous sessions run as this user; vsftpd needs its home folder to exist (daemon: /usr/sbin)
         "ftp_username=daemon\nnopriv_user=nobody\nsecure_chroot_dir=" + (dir / "empty").string() + "\n"
         "pasv_enable=YES\npasv_address=127.0.0.1\npasv_min_port={pasv_min}\npasv_max_port={pasv_max}\n"
         "ssl_enable=YES\nallow_anon_ssl=YES\nforce_anon_logins_ssl=YES\nforce_anon_data_ssl=YES\n"
         "require_ssl_reuse=" + std::string(reuse ? "YES" : "NO") + "\n"
         "rsa_cert_file=" + pki.cert.string() + "\nrsa_private_key_file=" + pki.key.string() + "\n"
         "ssl_tlsv1=YES\nssl_sslv2=NO\nssl_sslv3=NO\nseccomp_sandbox=NO\ntcp_wrappers=NO\n"
         "xferlog_enable=YES\nvsftpd_log_file=" + (dir / "vsftpd.log").string() + "\nlog_ftp_protocol=YES\ndebug_ssl=YES\n";
}

class Vsftpd : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_ENV();
    bin_ = kPrefix / "vsftpd/usr/sbin/vsftpd";
    if (!fs::exists(bin_)) GTEST_SKIP() << bin_ << " missing: run scripts/setup-ftp-servers";
    if (::geteuid() != 0) GTEST_SKIP() << "vsftpd needs root (chroot, user switch)";
  }
  Started start(const Tree& t, bool reuse) {
    return start_server(dir_.path(), "vsftpd", {bin_.string(), "{conf}"}, vsftpd_conf(t, dir_.path(), reuse));
  }
  std::string log() const {
    std::ifstream in(dir_.path() / "vsftpd.log");
    return "\nvsftpd.log:\n" + std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  fs::path bin_;
  TempDir dir_{"tlsc_vsftpd"};
};

TEST_F(Vsftpd, RequiresReuseAndResumesBySessionId) {
  Tree t = make_tree(dir_.path());
  auto s = start(t, true);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org");
  const Bytes upload = pattern(123457, 9);
  add_standard_transfers(c, t, upload);
  auto r = ftps::run_ftps_client(c);
  expect_standard_session(r, t, upload, engine::ResumedBy::kSessionId, log());
  s.process->stop();
  EXPECT_TRUE(s.process->group_gone());
}

TEST_F(Vsftpd, ResumesByTicket) {
  Tree t = make_tree(dir_.path());
  auto s = start(t, true);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org", DataResume::kTicket);
  c.passive = ftps::PassiveMode::kEpsv;
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), {}, {}}};
  auto r = ftps::run_ftps_client(c);
  ASSERT_TRUE(r.completed) << r.describe() << log();
  ASSERT_EQ(r.transfers.size(), 1u);
  EXPECT_EQ(r.transfers[0].resumption_offered_by, "ticket");
  EXPECT_EQ(r.transfers[0].resumed, engine::ResumedBy::kTicket) << r.describe();
  EXPECT_TRUE(r.transfers[0].checksum_match);
  EXPECT_EQ(r.transfers[0].final_code, 226);
}

TEST_F(Vsftpd, RefusesADataConnectionThatDoesNotResume) {
  Tree t = make_tree(dir_.path());
  auto s = start(t, true);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org", DataResume::kNone);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), {}, {}}};
  auto r = ftps::run_ftps_client(c);
  ASSERT_EQ(r.transfers.size(), 1u) << r.describe() << log();
  EXPECT_EQ(r.transfers[0].resumed, engine::ResumedBy::kNone);
  EXPECT_EQ(r.transfers[0].final_code, 522) << r.describe() << log();  // "session reuse required"
  EXPECT_FALSE(r.transfers[0].checksum_match);
}

TEST_F(Vsftpd, AbortsADataResumptionWithoutEms) {
  Tree t = make_tree(dir_.path());
  auto s = start(t, true);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org");
  engine::ClientQuirks no_ems;
  no_ems.OmitEms = true;
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), DataResume::kSessionId, no_ems}};
  auto r = ftps::run_ftps_client(c);
  ASSERT_EQ(r.transfers.size(), 1u) << r.describe() << log();
  const auto& d = r.transfers[0];
  EXPECT_TRUE(d.ems_control);
  EXPECT_EQ(d.resumption_offered_by, "session-id");
  // RFC 7627 5.3: a server MUST NOT resume an EMS session for a ClientHello without EMS.
  // OpenSSL 3 (inside vsftpd) aborts the data handshake with handshake_failure ("inconsistent
  // extms") ...
  EXPECT_FALSE(d.tls.handshake_complete) << r.describe();
  EXPECT_EQ(d.tls.peer_alert(), AlertDescription::kHandshakeFailure) << r.describe();
  EXPECT_EQ(d.resumed, engine::ResumedBy::kNone);
  EXPECT_TRUE(d.data.empty());
  EXPECT_FALSE(d.checksum_match);
  // ... and vsftpd then writes its "500 OOPS" in the clear on the TLS-protected control
  // connection (RFC 4217 4), which ends the session without a parsable reply.
  EXPECT_TRUE(r.plaintext_on_tls_control) << r.describe() << log();
  EXPECT_EQ(r.plaintext_line.rfind("500 OOPS", 0), 0u) << r.plaintext_line;
  EXPECT_EQ(d.final_code, 0) << r.describe();
  EXPECT_FALSE(r.completed);
}

// ------------------------------------------------------------------ proftpd

std::string proftpd_conf(const Tree& t, const fs::path& dir) {
  const auto& pki = env().pki.server_rsa;
  const std::string d = dir.string();
  return "ServerType standalone\nServerName \"tlsconform proftpd\"\nDefaultAddress 127.0.0.1\nSocketBindTight on\n"
         "UseIPv6 off\nPort {port}\nPassivePorts {pasv_min} {pasv_max}\nUser nobody\nGroup nogroup\nUmask 022\n"
         "MaxInstances 10\nUseReverseDNS off\nWtmpLog off\nRequireValidShell off\n"
         "PidFile " + d + "/proftpd.pid\nScoreboardFile " + d + "/proftpd.scoreboard\nDelayTable none\n"
         "SystemLog " + d + "/proftpd.syslog\nTransferLog " + d + "/proftpd.xfer\nDebugLevel 5\n"
         "ModulePath " + (kPrefix / "proftpd/usr/lib/proftpd").string() + "\n"
         "ModuleControlsACLs insmod,rmmod allow user root\nLoadModule mod_tls.c\n"
         "<IfModule mod_tls.c>\nTLSEngine on\nTLSLog " + d + "/proftpd.tls\nTLSProtocol TLSv1 TLSv1.1 TLSv1.2\n"
         "TLSRSACertificateFile " + pki.cert.string() + "\nTLSRSACertificateKeyFile " + pki.key.string() + "\n"
         "TLSRequired on\nTLSVerifyClient off\n</IfModule>\n"
         "<Anonymous " + t.root.string() + ">\n  User daemon\n  Group daemon\n  UserAlias anonymous daemon\n"
         "  RequireValidShell off\n  <Directory pub>\n    <Limit WRITE>\n      AllowAll\n    </Limit>\n  </Directory>\n"
         "</Anonymous>\n";
}

class Proftpd : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_ENV();
    bin_ = kPrefix / "proftpd/usr/sbin/proftpd";
    if (!fs::exists(bin_) || !fs::exists(kPrefix / "proftpd/usr/lib/proftpd/mod_tls.so"))
      GTEST_SKIP() << "proftpd or mod_tls missing under " << kPrefix << ": run scripts/setup-ftp-servers";
    if (::geteuid() != 0) GTEST_SKIP() << "proftpd needs root (chroot, user switch)";
  }
  Started start(const Tree& t) {
    // -n: foreground; -q: quiet startup; the config is ours.
    return start_server(dir_.path(), "proftpd", {bin_.string(), "-n", "-c", "{conf}"}, proftpd_conf(t, dir_.path()));
  }
  std::string log() const {
    std::string out;
    for (const char* f : {"proftpd.syslog", "proftpd.tls", "proftpd.err"}) {
      std::ifstream in(dir_.path() / f);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      out += std::string("\n") + f + " (end):\n" + text.substr(text.size() > 4000 ? text.size() - 4000 : 0);
    }
    return out;
  }
  fs::path bin_;
  TempDir dir_{"tlsc_proftpd"};
};

TEST_F(Proftpd, StandardSessionResumingBySessionId) {
  Tree t = make_tree(dir_.path());
  auto s = start(t);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org");
  const Bytes upload = pattern(98765, 3);
  add_standard_transfers(c, t, upload);
  auto r = ftps::run_ftps_client(c);
  expect_standard_session(r, t, upload, engine::ResumedBy::kSessionId, log());
}

TEST_F(Proftpd, RequiresReuseByDefault) {
  Tree t = make_tree(dir_.path());
  auto s = start(t);
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "anonymous", "tlsc@example.org", DataResume::kNone);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), {}, {}}};
  auto r = ftps::run_ftps_client(c);
  ASSERT_EQ(r.transfers.size(), 1u) << r.describe() << log();
  EXPECT_EQ(r.transfers[0].resumed, engine::ResumedBy::kNone);
  // mod_tls requires reuse unless TLSOptions NoSessionReuseRequired: 425, the session goes on.
  EXPECT_EQ(r.transfers[0].final_code, 425) << r.describe() << log();
  EXPECT_TRUE(r.transfers[0].data.empty());
  EXPECT_TRUE(r.completed) << r.describe();
  EXPECT_FALSE(r.transfers[0].checksum_match);
}

// ------------------------------------------------------------------ pure-ftpd

class PureFtpd : public ::testing::Test {
 protected:
  void SetUp() override {
    TLSC_REQUIRE_ENV();
    bin_ = kPrefix / "pure-ftpd/usr/sbin/pure-ftpd";
    pw_ = kPrefix / "pure-ftpd/usr/bin/pure-pw";
    if (!fs::exists(bin_) || !fs::exists(pw_)) GTEST_SKIP() << "pure-ftpd missing under " << kPrefix << ": run scripts/setup-ftp-servers";
    if (::geteuid() != 0) GTEST_SKIP() << "pure-ftpd needs root (chroot, user switch)";
  }
  // A virtual user (PureDB) mapped to the system user daemon (uid/gid 1), chrooted to the tree's
  // root (anonymous FTP would need a system user "ftp", which Debian does not have by default).
  // The password line is written with a SHA-512 crypt hash (password tlsconform-ftp, as in
  // iut/profiles/pure-ftpd.json): pure-pw useradd's default argon2id costs seconds of CPU per
  // login, which under CI load outlasts the client's reply timeout.
  std::string make_user(const Tree& t) {
    write_file(dir_.path() / "pureftpd.passwd",
               "tlsc:$6$tlsconform$dFTCcXSMddK/PCIOOnR9zfiFhCNIGWQfe9ZXgI/CtBzUOWe36jNAtVQtdZAMyA2VZI1C/"
               "nLhVLTfL.EfHr64k1:1:1::" + t.root.string() + "/./::::::::::::\n", 0600);
    SpawnOptions o;
    o.argv = {pw_.string(), "mkdb", (dir_.path() / "pureftpd.pdb").string(), "-f", (dir_.path() / "pureftpd.passwd").string()};
    o.stdout_path = dir_.path() / "pure-pw.out";
    o.stderr_path = dir_.path() / "pure-pw.err";
    auto p = ChildProcess::spawn(o);
    if (!p.process) return p.error;
    auto st = p.process->wait_for(kExitTimeout);
    if (!st || !st->success()) return "pure-pw: " + p.process->read_stderr() + p.process->read_stdout();
    return {};
  }
  Started start() {
    // A combined PEM (certificate then key) as --certfile wants it.
    const auto& pki = env().pki.server_rsa;
    std::ifstream cert(pki.cert), key(pki.key);
    std::string pem((std::istreambuf_iterator<char>(cert)), std::istreambuf_iterator<char>());
    pem += std::string((std::istreambuf_iterator<char>(key)), std::istreambuf_iterator<char>());
    write_file(dir_.path() / "pure-ftpd.pem", pem, 0600);
    return start_server(dir_.path(), "pure-ftpd",
                        {bin_.string(), "--bind", "127.0.0.1,{port}", "--passiveportrange", "{pasv_min}:{pasv_max}",
                         "--forcepassiveip", "127.0.0.1", "--tls", "2", "--certfile", (dir_.path() / "pure-ftpd.pem").string(),
                         "--login", "puredb:" + (dir_.path() / "pureftpd.pdb").string(), "--noanonymous",
                         "--createhomedir", "--verboselog", "--maxclientsperip", "10"},
                        "");
  }
  fs::path bin_, pw_;
  TempDir dir_{"tlsc_pureftpd"};
};

TEST_F(PureFtpd, StandardSession) {
  Tree t = make_tree(dir_.path());
  auto why = make_user(t);
  ASSERT_TRUE(why.empty()) << why;
  auto s = start();
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "tlsc", "tlsconform-ftp");
  const Bytes upload = pattern(77777, 5);
  add_standard_transfers(c, t, upload);
  auto r = ftps::run_ftps_client(c);
  const std::string log = s.process->read_stderr() + s.process->read_stdout();
  ASSERT_TRUE(r.completed) << r.describe() << log;
  ASSERT_EQ(r.transfers.size(), 4u);
  for (const auto& d : r.transfers) {
    EXPECT_EQ(d.final_code, 226) << d.command << "\n" << r.describe() << log;
    EXPECT_TRUE(d.ems_control);
    EXPECT_TRUE(d.ems_data) << d.command;
  }
  EXPECT_TRUE(r.transfers[1].checksum_match);
  EXPECT_EQ(ftps::sha256_hex(file_bytes(t.pub / "up.bin")), ftps::sha256_hex(upload));
  EXPECT_TRUE(r.transfers[3].checksum_match);
  // pure-ftpd does not require reuse, but resumes the offered control session.
  for (const auto& d : r.transfers) {
    EXPECT_EQ(d.resumed, engine::ResumedBy::kSessionId) << d.command << "\n" << r.describe();
    EXPECT_TRUE(d.same_master_secret_as_control) << d.command;
  }
  std::cout << "pure-ftpd data resumption (session ID offered): " << engine::to_string(r.transfers[1].resumed) << "\n";
}

TEST_F(PureFtpd, DataResumptionByTicket) {
  Tree t = make_tree(dir_.path());
  auto why = make_user(t);
  ASSERT_TRUE(why.empty()) << why;
  auto s = start();
  ASSERT_TRUE(s.process) << s.error;
  auto c = client_config(s.port, "tlsc", "tlsconform-ftp", DataResume::kTicket);
  c.transfers = {{Transfer::Kind::kRetr, "a.bin", {}, ftps::sha256_hex(t.a), {}, {}}};
  auto r = ftps::run_ftps_client(c);
  ASSERT_TRUE(r.completed) << r.describe();
  ASSERT_EQ(r.transfers.size(), 1u);
  EXPECT_EQ(r.transfers[0].final_code, 226);
  EXPECT_TRUE(r.transfers[0].checksum_match);
  EXPECT_EQ(r.transfers[0].resumed, engine::ResumedBy::kTicket) << r.describe();
  std::cout << "pure-ftpd data resumption (ticket offered: " << r.transfers[0].resumption_offered_by
            << "): " << engine::to_string(r.transfers[0].resumed) << "\n";
}

}  // namespace
}  // namespace tlsc::interop
