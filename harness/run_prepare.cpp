#include "harness/run_prepare.h"

#include <fmt/core.h>

#include <fstream>

#include "harness/cli.h"
#include "peers/crypto/dh.h"
#include "peers/pki/pki_cache.h"
#include "scenarios/ftps_payload.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

namespace {

void load_resumed(const RunCommandOptions& o, const RunSetup& setup, RunFolder& f) {
  if (o.resume.empty()) return;
  std::string rerr;
  f.resumed = load_resume_state(f.out, &rerr);
  if (!f.resumed) throw RunStop{kExitUsage, "--resume: " + rerr};
  for (const auto& problem : f.resumed->problems) fmt::print(stderr, "tlsconform run: --resume: dropped {}\n", problem);
  std::vector<std::string> iut_names;
  for (const auto* p : setup.chosen) iut_names.push_back(p->name);
  if (auto other = check_resumed_iuts(*f.resumed, iut_names); !other.empty())
    throw RunStop{kExitUsage, "--resume " + f.out.string() + ": " + other};
}

void make_pki(RunFolder& f) {
  std::string error;
  if (!prepare_pki(f.out / "pki", f.pki, f.pki_vars, &error)) throw RunStop{kExitInfra, error};
}

// Remote FTPS: the files the scenarios transfer are checked by SHA-256, so the user's server
// must serve, and the user's client must upload, exactly these bytes.
void write_remote_ftps_files(const RunCommandOptions& o, const RunSetup& setup, const fs::path& out) {
  if (!setup.remote || setup.chosen.front()->protocol != "ftps") return;
  namespace payload = scenarios::ftps_payload;
  const fs::path files_dir = out / "ftps-files";
  std::error_code ec;
  fs::create_directories(files_dir, ec);
  auto write = [&](std::string_view name, const std::vector<uint8_t>& bytes) {
    std::ofstream(files_dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return (files_dir / name).string();
  };
  const std::string down = write(payload::kDownloadName, payload::download());
  const std::string up = write(payload::kUploadName, payload::upload());
  const auto& ftp = setup.chosen.front()->ftp;
  if (!o.target.empty())
    fmt::print(stderr, "remote FTPS server: serve {} as {} in the root of user '{}'; each scenario uploads its own "
                       "file into '{}' and fetches it back\n",
               down, payload::kDownloadName, ftp.user, ftp.upload_dir);
  if (!o.listen.empty())
    fmt::print(stderr, "remote FTPS client: at each prompt, log in (any user), LIST, RETR {} and STOR {} as {}\n",
               payload::kDownloadName, up, payload::kUploadName);
}

// A resumed run is the same run: its id and seed come from the results already recorded.
void start_record(const RunCommandOptions& o, RunFolder& f) {
  std::string error;
  std::error_code ec;
  if (!f.resumed) fs::remove(f.out / "results.jsonl", ec);  // a new run starts a new file
  if (!f.jsonl.open(f.out / "results.jsonl", &error)) throw RunStop{kExitInfra, error};
  f.info.run_id = "run-" + results::utc_now() + "-" + std::to_string(o.seed);
  f.info.tool_version = TLSC_VERSION;
  f.info.started = results::utc_now();
  f.info.seed = o.seed;
  f.info.argv = o.argv;
  f.info.host = results::host_name();
  f.run_seed = o.seed;
  if (f.resumed && !f.resumed->results.empty()) {
    f.run_seed = run_seed_of(f.resumed->results.front());
    f.info.run_id = f.resumed->run_id;
    f.info.seed = f.run_seed;
  }
}

}  // namespace

bool prepare_pki(const fs::path& dir, pki::TestPki& pki, std::map<std::string, std::string>& vars, std::string* error) {
  // Keys are generated once per user (peers/pki/pki_cache.h); pki/source says where they came from.
  auto made = pki::ensure_cached(dir, pki::default_cache_root(), error);
  if (!made) return false;
  if (!made->notice.empty()) fmt::print(stderr, "tlsconform: {}\n", made->notice);
  pki = made->pki;
  const fs::path dhparams = dir / "ffdhe2048.pem";
  if (auto pem = crypto::dh_group_to_pem(crypto::ffdhe2048()); pem) std::ofstream(dhparams) << *pem;
  vars = {{"cert", pki.server_rsa.cert.string()},      {"key", pki.server_rsa.key.string()},
          {"ecdsa_cert", pki.server_ecdsa.cert.string()}, {"ecdsa_key", pki.server_ecdsa.key.string()},
          {"ca", pki.ca_cert.string()},                {"client_cert", pki.client_rsa.cert.string()},
          {"client_key", pki.client_rsa.key.string()}, {"p12", pki.server_rsa.p12.string()},
          {"dhparams", dhparams.string()}};
  return true;
}

void prepare_run(const RunCommandOptions& o, const RunSetup& setup, RunFolder& folder) {
  folder.out = fs::absolute(o.resume.empty() ? o.out : o.resume);
  load_resumed(o, setup, folder);
  std::error_code ec;
  fs::create_directories(folder.out, ec);
  make_pki(folder);
  write_remote_ftps_files(o, setup, folder.out);
  start_record(o, folder);
}

}  // namespace tlsc::harness
