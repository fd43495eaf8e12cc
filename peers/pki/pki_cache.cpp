#include "peers/pki/pki_cache.h"

#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <vector>

namespace tlsc::pki {
namespace fs = std::filesystem;
namespace {

// What generate() (test_pki.cpp) makes, in words: change it with the generator.
constexpr const char* kSpec =
    "tlsconform test PKI v1: CA RSA-2048 'tlsconform test CA' CA:TRUE keyCertSign,cRLSign; "
    "server RSA-2048 CN=localhost SAN DNS:localhost,IP:127.0.0.1 serverAuth digitalSignature,keyEncipherment; "
    "server ECDSA P-256 same names digitalSignature; client RSA-2048 CN='tlsconform client' clientAuth; "
    "PEM certs, PKCS#8 keys, PKCS#12 with the CA; validity as generate()";

std::vector<fs::path> files_of(const TestPki& p) {
  std::vector<fs::path> out = {p.ca_cert, p.ca_key};
  for (const KeyPair* kp : {&p.server_rsa, &p.server_ecdsa, &p.client_rsa})
    out.insert(out.end(), {kp->cert, kp->key, kp->p12});
  return out;
}

// The cache root made or checked: a directory (not a symlink) this user owns, mode 0700.
std::string private_dir_problem(const fs::path& root) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return "cannot create it: " + ec.message();
  struct stat st {};
  if (::lstat(root.c_str(), &st) != 0) return "cannot read it";
  if (!S_ISDIR(st.st_mode)) return "not a directory";  // a symlink included: never followed
  if (st.st_uid != ::geteuid()) return "owned by another user";
  // Ours (e.g. just made under the umask): made private.
  if ((st.st_mode & 077) != 0 && (::chmod(root.c_str(), 0700) != 0 || ::lstat(root.c_str(), &st) != 0 ||
                                  (st.st_mode & 077) != 0))
    return "readable by other users";
  return "";
}

// Generates into a temporary sibling and renames it into place, so a concurrent run sees either
// no cache or a whole one.
std::optional<TestPki> fill_cache(const fs::path& dir, std::string* error) {
  const fs::path tmp = dir.string() + ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(tmp, ec);
  if (!ensure(tmp, error)) return std::nullopt;
  // Another run may have made a whole one meanwhile: keep it. Only a broken one is removed.
  if (TestPki theirs = layout(dir); usable(theirs)) {
    fs::remove_all(tmp, ec);
    return theirs;
  }
  fs::remove_all(dir, ec);
  fs::rename(tmp, dir, ec);
  if (ec) {  // another run got there first: use its PKI if it is whole
    fs::remove_all(tmp, ec);
    if (TestPki theirs = layout(dir); usable(theirs)) return theirs;
    if (error) *error = "cannot put the test PKI in " + dir.string();
    return std::nullopt;
  }
  return layout(dir);
}

bool copy_into(const TestPki& from, const fs::path& run_dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(run_dir, ec);
  const TestPki to = layout(run_dir);
  const auto src = files_of(from), dst = files_of(to);
  for (size_t i = 0; i < src.size(); ++i) {
    fs::copy_file(src[i], dst[i], fs::copy_options::overwrite_existing, ec);
    if (!ec && dst[i].extension() != ".pem") fs::permissions(dst[i], fs::perms::owner_read | fs::perms::owner_write, ec);
    if (ec) {
      if (error) *error = "cannot copy " + src[i].string() + " to " + dst[i].string() + ": " + ec.message();
      return false;
    }
  }
  return true;
}

void write_source(const fs::path& run_dir, const std::string& line) {
  std::ofstream(run_dir / "source", std::ios::trunc) << line << "\n";
}

}  // namespace

std::string spec_key() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  const std::string spec = kSpec;
  EVP_Digest(spec.data(), spec.size(), md, &n, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < 8 && i < n; ++i) out += {kHex[md[i] >> 4], kHex[md[i] & 15]};
  return out;
}

fs::path default_cache_root() {
  if (const char* env = std::getenv("TLSC_PKI_CACHE")) {
    const std::string v = env;
    return v == "off" ? fs::path() : fs::path(v);
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "tlsconform";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "tlsconform";
  return {};
}

std::optional<CachedPki> ensure_cached(const fs::path& run_dir, const fs::path& cache_root, std::string* error,
                                       const std::string& key) {
  CachedPki out;
  // A run folder that holds a whole PKI keeps it (--resume; a PKI the user's IUT was set up with).
  if (usable(layout(run_dir))) {
    out.pki = layout(run_dir);
    out.source = "the run folder's own, reused";
    write_source(run_dir, out.source);
    return out;
  }
  if (!cache_root.empty()) {
    if (auto problem = private_dir_problem(cache_root); !problem.empty()) {
      out.notice = "the test PKI cache " + cache_root.string() + " is not used: " + problem;
    } else {
      const fs::path dir = cache_root / ("pki-" + key);
      const bool was_there = fs::exists(dir);
      std::optional<TestPki> cached = layout(dir);
      out.generated = !usable(*cached);
      if (out.generated) {
        if (was_there) out.notice = "the cached test PKI in " + dir.string() + " did not read back whole: made a new one";
        cached = fill_cache(dir, error);
        if (!cached) return std::nullopt;
      }
      if (!copy_into(*cached, run_dir, error)) return std::nullopt;
      out.pki = layout(run_dir);
      out.source = "cache " + dir.string() + " (spec " + key + "), " + (out.generated ? "generated" : "reused");
      write_source(run_dir, out.source);
      return out;
    }
  }
  auto made = ensure(run_dir, error);
  if (!made) return std::nullopt;
  out.pki = *made;
  out.generated = true;
  out.source = "generated in the run folder (no cache)";
  write_source(run_dir, out.source);
  return out;
}

}  // namespace tlsc::pki
