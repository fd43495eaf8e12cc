#include "iut/profile.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iut/capabilities.h"

namespace tlsc::iut {
namespace {

using json = nlohmann::ordered_json;

struct Where {
  std::string file, path;
  bool ftps = false;  // the profile's protocol is "ftps": the FTP placeholders are allowed
  Where at(const std::string& f) const { return {file, path.empty() ? f : path + "." + f, ftps}; }
  Where index(size_t i) const { return {file, path + "[" + std::to_string(i) + "]", ftps}; }
  [[noreturn]] void fail(const std::string& what) const {
    throw ProfileError(file + ": " + (path.empty() ? "" : path + ": ") + what);
  }
};

void only(const json& j, const Where& w, std::initializer_list<const char*> allowed) {
  if (!j.is_object()) w.fail("must be an object");
  for (const auto& [k, v] : j.items()) {
    (void)v;
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) w.at(k).fail("unknown field");
  }
}

const json& need(const json& j, const Where& w, const char* f) {
  if (!j.contains(f)) w.at(f).fail("missing field");
  return j[f];
}

std::string str(const json& j, const Where& w) {
  if (!j.is_string()) w.fail("must be a string");
  return j.get<std::string>();
}

int integer(const json& j, const Where& w, int lo, int hi) {
  if (!j.is_number_integer() || j.get<long long>() < lo || j.get<long long>() > hi)
    w.fail("must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return j.get<int>();
}

// Checks that every {placeholder} in `s` is a known one.
void check_placeholders(const std::string& s, const Where& w) {
  for (size_t at = s.find('{'); at != std::string::npos; at = s.find('{', at + 1)) {
    size_t end = s.find('}', at);
    if (end == std::string::npos) w.fail("unterminated placeholder in '" + s + "'");
    const std::string name = s.substr(at + 1, end - at - 1);
    if (!placeholders().count(name)) w.fail("unknown placeholder {" + name + "}");
    if (!w.ftps && ftp_placeholders().count(name)) w.fail("placeholder {" + name + "} is only for protocol \"ftps\"");
  }
}

std::vector<std::string> argv(const json& j, const Where& w, bool allow_empty = false) {
  if (!j.is_array() || (!allow_empty && j.empty())) w.fail(allow_empty ? "must be an array of strings" : "must be a non-empty array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    out.push_back(str(j[i], w.index(i)));
    check_placeholders(out.back(), w.index(i));
  }
  return out;
}

// A list of capability names (iut/capabilities.h); one that is not in the table is an error
// naming its place. A name with a placeholder (allowed in a configuration's lists) is not checked.
std::vector<std::string> capability_list(const json& j, const Where& w) {
  auto names = argv(j, w, true);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i].find('{') == std::string::npos && !is_known_capability(names[i]))
      w.index(i).fail(unknown_capability(names[i]));
  return names;
}

std::map<std::string, std::string> string_map(const json& j, const Where& w, bool placeholders_ok) {
  if (!j.is_object()) w.fail("must be an object of strings");
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    out[k] = str(v, w.at(k));
    if (placeholders_ok) check_placeholders(out[k], w.at(k));
  }
  return out;
}

}  // namespace

const std::set<std::string>& placeholders() {
  static const std::set<std::string> names = {"port", "host", "cert", "key", "ecdsa_cert", "ecdsa_key", "ca",
                                              "client_cert", "client_key", "p12", "dhparams", "workdir", "session",
                                              "connection", "connections", "tlsconform", "bindir", "ftproot", "upload_file",
                                              "downloaded", "pasv_min", "pasv_max", "ftp_user", "ftp_password",
                                              "ftp_servers"};
  return names;
}

const std::set<std::string>& ftp_placeholders() {
  static const std::set<std::string> names = {"ftproot",  "upload_file", "downloaded",   "pasv_min",
                                              "pasv_max", "ftp_user",    "ftp_password", "ftp_servers"};
  return names;
}

std::filesystem::path ftp_servers_dir() {
  if (const char* env = std::getenv("TLSC_FTP_PREFIX"); env && *env) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "build" / "ftp-servers";
}

std::string expand(const std::string& text, const std::map<std::string, std::string>& vars) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '{') {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = text.find('}', i);
    if (end == std::string::npos) throw ProfileError("unterminated placeholder in '" + text + "'");
    const std::string name = text.substr(i + 1, end - i - 1);
    auto it = vars.find(name);
    if (it == vars.end()) throw ProfileError("no value for placeholder {" + name + "}");
    out += it->second;
    i = end + 1;
  }
  return out;
}

std::set<std::string> Profile::capabilities_in(const std::vector<std::string>& names) const {
  std::set<std::string> caps = capabilities;
  // A "default" configuration the file defines applies first, always.
  std::vector<std::string> all;
  if (std::find(names.begin(), names.end(), "default") == names.end()) all.push_back("default");
  all.insert(all.end(), names.begin(), names.end());
  for (const auto& n : all) {
    auto it = configs.find(n);
    if (it == configs.end()) continue;
    for (const auto& c : it->second.remove_capabilities) caps.erase(c);
    for (const auto& c : it->second.add_capabilities) caps.insert(c);
  }
  return caps;
}

Profile load_profile_text(const std::string& text, const std::string& file) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ProfileError(file + ": byte " + std::to_string(e.byte) + ": not valid JSON");
  }
  Where w{file, "", false};
  only(j, w, {"name", "title", "protocol", "ftp", "version", "programs", "capabilities", "app_data", "server", "client",
              "configs"});
  Profile p;
  p.file = file;
  if (j.contains("protocol")) {
    p.protocol = str(j["protocol"], w.at("protocol"));
    if (p.protocol != "tls" && p.protocol != "ftps") w.at("protocol").fail("must be \"tls\" or \"ftps\"");
  }
  w.ftps = p.protocol == "ftps";
  if (j.contains("ftp")) {
    const Where wf = w.at("ftp");
    if (!w.ftps) wf.fail("only for protocol \"ftps\"");
    only(j["ftp"], wf, {"user", "password", "upload_dir"});
    auto field = [&](const char* f, std::string& out) {
      if (!j["ftp"].contains(f)) return;
      out = str(j["ftp"][f], wf.at(f));
      if (out.empty() || out.find_first_of(std::string("\r\n\0", 3)) != std::string::npos)
        wf.at(f).fail("must be a non-empty string without CR, LF or NUL");
    };
    field("user", p.ftp.user);
    field("password", p.ftp.password);
    field("upload_dir", p.ftp.upload_dir);
    // A folder inside the served tree: relative, no '..', no empty part.
    const std::string& d = p.ftp.upload_dir;
    bool bad = d.front() == '/' || d.back() == '/' || d.find("//") != std::string::npos;
    for (size_t at = 0; !bad && at <= d.size();) {
      size_t end = d.find('/', at);
      if (end == std::string::npos) end = d.size();
      const std::string part = d.substr(at, end - at);
      bad = part == "." || part == "..";
      at = end + 1;
    }
    if (bad) wf.at("upload_dir").fail("must be a relative folder without '.' or '..' parts ('pub', 'incoming/tlsc')");
  }
  p.name = str(need(j, w, "name"), w.at("name"));
  if (p.name.empty() || p.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos)
    w.at("name").fail("must be lower-case letters, digits, '-', '_' or '.'");
  p.title = str(need(j, w, "title"), w.at("title"));
  if (j.contains("version")) p.version_argv = argv(j["version"], w.at("version"));
  if (j.contains("programs")) p.programs = argv(j["programs"], w.at("programs"));
  for (const auto& c : capability_list(need(j, w, "capabilities"), w.at("capabilities"))) p.capabilities.insert(c);
  if (j.contains("app_data")) {
    auto mode = engine::parse_app_data(str(j["app_data"], w.at("app_data")));
    if (!mode) w.at("app_data").fail("must be one of " + std::string(engine::app_data_names()));
    p.app_data = *mode;
  }
  if (j.contains("server")) {
    const Where ws = w.at("server");
    only(j["server"], ws, {"argv", "ready_line", "ready_timeout_ms", "netns", "setup"});
    ServerSpec s;
    s.argv = argv(need(j["server"], ws, "argv"), ws.at("argv"));
    if (j["server"].contains("ready_line")) s.ready_line = str(j["server"]["ready_line"], ws.at("ready_line"));
    if (j["server"].contains("ready_timeout_ms")) s.ready_timeout_ms = integer(j["server"]["ready_timeout_ms"], ws.at("ready_timeout_ms"), 100, 120000);
    if (j["server"].contains("netns")) {
      if (!j["server"]["netns"].is_boolean()) ws.at("netns").fail("must be true or false");
      s.netns = j["server"]["netns"].get<bool>();
    }
    if (j["server"].contains("setup")) {
      const json& su = j["server"]["setup"];
      if (!su.is_array()) ws.at("setup").fail("must be an array of argv arrays");
      for (size_t i = 0; i < su.size(); ++i) s.setup.push_back(argv(su[i], ws.at("setup").index(i)));
    }
    p.server = s;
  }
  if (j.contains("client")) {
    const Where wc = w.at("client");
    only(j["client"], wc, {"argv", "resume_args", "stdin", "timeout_ms", "setup", "one_process"});
    ClientSpec c;
    c.argv = argv(need(j["client"], wc, "argv"), wc.at("argv"));
    if (j["client"].contains("resume_args")) c.resume_args = argv(j["client"]["resume_args"], wc.at("resume_args"), true);
    if (j["client"].contains("stdin")) c.stdin_text = str(j["client"]["stdin"], wc.at("stdin"));
    if (j["client"].contains("timeout_ms")) c.timeout_ms = integer(j["client"]["timeout_ms"], wc.at("timeout_ms"), 100, 120000);
    if (j["client"].contains("setup")) {
      const json& su = j["client"]["setup"];
      if (!su.is_array()) wc.at("setup").fail("must be an array of argv arrays");
      for (size_t i = 0; i < su.size(); ++i) c.setup.push_back(argv(su[i], wc.at("setup").index(i)));
    }
    if (j["client"].contains("one_process")) {
      const json& op = j["client"]["one_process"];
      const Where wo = wc.at("one_process");
      only(op, wo, {"args", "max_connections"});
      ClientSpec::OneProcess one;
      one.args = argv(need(op, wo, "args"), wo.at("args"));
      if (op.contains("max_connections")) one.max_connections = integer(op["max_connections"], wo.at("max_connections"), 2, 100);
      // One process resumes by itself; per-connection resume arguments would never be used.
      if (j["client"].contains("resume_args")) wo.fail("cannot be combined with client.resume_args");
      c.one_process = one;
    }
    p.client = c;
  }
  if (!p.server && !p.client) w.fail("a profile needs a server or a client (or both)");
  p.configs["default"] = {};
  if (j.contains("configs")) {
    const Where wcs = w.at("configs");
    if (!j["configs"].is_object()) wcs.fail("must be an object");
    for (const auto& [name, spec] : j["configs"].items()) {
      const Where wn = wcs.at(name);
      only(spec, wn, {"description", "server_args", "client_args", "env", "files", "templates", "add_capabilities",
                      "remove_capabilities"});
      ConfigSpec c;
      if (spec.contains("description")) c.description = str(spec["description"], wn.at("description"));
      if (spec.contains("server_args")) c.server_args = argv(spec["server_args"], wn.at("server_args"), true);
      if (spec.contains("client_args")) c.client_args = argv(spec["client_args"], wn.at("client_args"), true);
      if (spec.contains("env")) c.env = string_map(spec["env"], wn.at("env"), true);
      for (const char* kind : {"files", "templates"}) {
        if (!spec.contains(kind)) continue;
        auto& m = std::string(kind) == "files" ? c.files : c.templates;
        m = string_map(spec[kind], wn.at(kind), std::string(kind) == "templates");
        for (const auto& [f, content] : m) {
          (void)content;
          if (f.empty() || f.find('/') != std::string::npos || f[0] == '.') wn.at(kind).at(f).fail("must be a plain file name");
        }
      }
      for (const auto& [f, content] : c.files) {
        (void)content;
        if (c.templates.count(f)) wn.at("templates").at(f).fail("also in files");
      }
      if (spec.contains("add_capabilities")) c.add_capabilities = capability_list(spec["add_capabilities"], wn.at("add_capabilities"));
      if (spec.contains("remove_capabilities")) c.remove_capabilities = capability_list(spec["remove_capabilities"], wn.at("remove_capabilities"));
      p.configs[name] = std::move(c);
    }
  }
  return p;
}

std::vector<Profile> load_profiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  if (ec) throw ProfileError(dir.string() + ": cannot read the profiles folder: " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Profile> out;
  for (const auto& f : files) {
    // A profile is a few KiB: one over 1 MiB is refused before it is read (bounded input).
    constexpr uintmax_t kMaxFileBytes = uintmax_t{1} << 20;
    if (const auto size = std::filesystem::file_size(f, ec); !ec && size > kMaxFileBytes)
      throw ProfileError(f.string() + ": " + std::to_string(size) + " bytes, over the 1 MiB limit of a profile: not read");
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Profile p = load_profile_text(ss.str(), f.string());
    for (const auto& q : out)
      if (q.name == p.name) throw ProfileError(f.string() + ": name: '" + p.name + "' is also the name of " + q.file.string());
    out.push_back(std::move(p));
  }
  return out;
}

std::filesystem::path default_profiles_dir() {
  if (const char* env = std::getenv("TLSC_PROFILES")) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "profiles";
}

std::filesystem::path default_expectations_dir() {
  if (const char* env = std::getenv("TLSC_EXPECTATIONS")) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "expectations";
}

}  // namespace tlsc::iut
