// IUT profiles (iut/profiles/*.json): how to run one implementation under test — its version
// command, its server and client command templates (argv, never a shell), how server readiness
// shows, its capabilities, and named configurations that change arguments, environment and
// capabilities. Validated at load; every problem is one line naming the file and the field.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "peers/engine/app_data.h"

namespace tlsc::iut {

struct ServerSpec {
  std::vector<std::string> argv;  // placeholders: see placeholders()
  std::string ready_line;         // a stdout line containing this means "accepting"; empty: poll the port
  int ready_timeout_ms = 10000;
  // Run in a fresh network namespace with only `lo` (for servers that cannot bind to 127.0.0.1
  // only); our client for that unit runs in the same namespace.
  bool netns = false;
  // Commands run once per unit, in order, before the server starts (e.g. building an NSS
  // certificate database); each must exit 0.
  std::vector<std::vector<std::string>> setup;
};

struct ClientSpec {
  std::vector<std::string> argv;         // one connection
  std::vector<std::string> resume_args;  // appended when the connection resumes the previous session
  std::string stdin_text;                // written to the client's stdin, which is then closed
  int timeout_ms = 10000;                // the client is killed after this
  std::vector<std::vector<std::string>> setup;  // run once per unit before the first connection
  // For clients that cannot carry a session from one process to the next (gnutls-cli --resume,
  // tstclnt -L N): a scenario with more than one connection runs ONE process that makes all of
  // them, the first full and the later ones resuming. Absent: one process per connection.
  struct OneProcess {
    std::vector<std::string> args;  // appended to argv; {connections} = the scenario's connection count
    int max_connections = 0;        // the most one process makes (gnutls-cli --resume: 2); 0: no limit
  };
  std::optional<OneProcess> one_process;
};

struct ConfigSpec {
  std::string description;
  std::vector<std::string> server_args;  // appended to the server argv
  std::vector<std::string> client_args;  // appended to the client argv
  std::map<std::string, std::string> env;    // for the IUT processes only
  std::map<std::string, std::string> files;  // written to the unit folder first: name -> content
  // Like files, but the content is a template: its placeholders are filled per unit (a template
  // using {port} is written again before each server start / client connection).
  std::map<std::string, std::string> templates;
  std::vector<std::string> add_capabilities;
  std::vector<std::string> remove_capabilities;
};

// FTPS IUTs (protocol "ftps"): the login our FTPS client uses against the IUT server, and the
// folder (relative to the login's root) where uploads may go. The harness serves the IUT server
// a tree under {ftproot}: ftps_payload::kDownloadName (readable) and the upload folder (writable).
struct FtpSpec {
  std::string user = "anonymous";
  std::string password = "tlsconform@example.org";
  std::string upload_dir = "pub";
};

struct Profile {
  std::string name;
  // "tls" (default): a TLS endpoint, runs the TLS families; "ftps": an explicit-FTPS server or
  // client (RFC 4217), runs the scenarios whose protocol is "ftps" and skips the others.
  std::string protocol = "tls";
  FtpSpec ftp;
  std::string title;
  std::vector<std::string> version_argv;  // prints the version on stdout (first line used)
  std::vector<std::string> programs;      // must all be installed, else the profile is skipped
  std::set<std::string> capabilities;
  // What our peer does with application data after each handshake with this IUT: "echo" (the
  // default: the IUT echoes, as s_server -rev or our shims), "http" (an HTTPS server or client),
  // "none" (send and answer nothing). Then it always sends close_notify.
  engine::AppData app_data = engine::AppData::kEcho;
  std::optional<ServerSpec> server;
  std::optional<ClientSpec> client;
  std::map<std::string, ConfigSpec> configs;  // "default" always exists
  std::filesystem::path file;

  // Capabilities in a configuration (the base set, changed by each named config in order).
  std::set<std::string> capabilities_in(const std::vector<std::string>& configs) const;
};

struct ProfileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The placeholders a template may use. {tlsconform} is the absolute path of the running tlsconform
// binary (so a profile can run our own engine as the IUT: `{tlsconform} peer server ...`).
// {bindir} is the folder of the running tlsconform binary, where the shims (tlsc-shim-*) are built.
const std::set<std::string>& placeholders();

Profile load_profile_text(const std::string& text, const std::string& file);
std::vector<Profile> load_profiles(const std::filesystem::path& dir);
std::filesystem::path default_profiles_dir();
// The built-in expectations files (known deviations), one per IUT: <iut>.json. TLSC_EXPECTATIONS
// overrides the folder.
std::filesystem::path default_expectations_dir();

// The placeholders only an FTPS profile (protocol "ftps") may use: {ftproot}, {upload_file},
// {downloaded}, {pasv_min}, {pasv_max}, {ftp_user}, {ftp_password}, {ftp_servers}.
const std::set<std::string>& ftp_placeholders();

// {ftp_servers}: where scripts/setup-ftp-servers unpacked vsftpd, proftpd and pure-ftpd
// ($TLSC_FTP_PREFIX, else <source>/build/ftp-servers).
std::filesystem::path ftp_servers_dir();

// Replaces {name} by vars[name]; a placeholder without a value throws ProfileError naming it.
std::string expand(const std::string& text, const std::map<std::string, std::string>& vars);

}  // namespace tlsc::iut
