// IUT profiles (iut/profile.h): each bad file gives one line naming the file and the field path;
// expand() and capabilities_in(); the real profiles folder loads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "iut/profile.h"

namespace tlsc::iut {
namespace {

using json = nlohmann::ordered_json;

json minimal() {
  return json::parse(R"({"name": "lib", "title": "A library", "capabilities": ["ems"],
                         "server": {"argv": ["lib-server", "--port", "{port}"]}})");
}

std::string error_of(const std::string& text) {
  try {
    load_profile_text(text, "p.json");
    return "loaded";
  } catch (const ProfileError& e) {
    return e.what();
  }
}
std::string error_of(const json& j) { return error_of(j.dump()); }

TEST(ProfileErrors, InvalidJson) {
  EXPECT_EQ(error_of(std::string(R"({"name": })")), "p.json: byte 10: not valid JSON");
  EXPECT_EQ(error_of(std::string("[]")), "p.json: must be an object");
}

TEST(ProfileErrors, UnknownField) {
  json p = minimal();
  p["capability"] = json::array();
  EXPECT_EQ(error_of(p), "p.json: capability: unknown field");
  p = minimal();
  p["server"]["ready"] = "x";
  EXPECT_EQ(error_of(p), "p.json: server.ready: unknown field");
  p = minimal();
  p["configs"] = json::parse(R"({"ems-off": {"args": []}})");
  EXPECT_EQ(error_of(p), "p.json: configs.ems-off.args: unknown field");
}

TEST(ProfileErrors, MissingNameTitleCapabilities) {
  for (const char* f : {"name", "title", "capabilities"}) {
    json p = minimal();
    p.erase(f);
    EXPECT_EQ(error_of(p), std::string("p.json: ") + f + ": missing field") << f;
  }
  json p = minimal();
  p["server"].erase("argv");
  EXPECT_EQ(error_of(p), "p.json: server.argv: missing field");
}

TEST(ProfileErrors, BadName) {
  for (const char* n : {"OpenSSL", "open ssl", "", "a/b"}) {
    json p = minimal();
    p["name"] = n;
    EXPECT_EQ(error_of(p), "p.json: name: must be lower-case letters, digits, '-', '_' or '.'") << n;
  }
  json p = minimal();
  p["name"] = 3;
  EXPECT_EQ(error_of(p), "p.json: name: must be a string");
  for (const char* n : {"openssl-3.0", "gnu_tls2"}) {
    p["name"] = n;
    EXPECT_EQ(load_profile_text(p.dump(), "p.json").name, n);
  }
}

TEST(ProfileErrors, UnknownPlaceholder) {
  json p = minimal();
  p["server"]["argv"][2] = "{prot}";
  EXPECT_EQ(error_of(p), "p.json: server.argv[2]: unknown placeholder {prot}");
  p = minimal();
  p["client"] = json::parse(R"({"argv": ["c"], "resume_args": ["-sess_in", "{sesion}"]})");
  EXPECT_EQ(error_of(p), "p.json: client.resume_args[1]: unknown placeholder {sesion}");
  p = minimal();
  p["configs"] = json::parse(R"({"ems-off": {"env": {"OPENSSL_CONF": "{work_dir}/no-ems.cnf"}}})");
  EXPECT_EQ(error_of(p), "p.json: configs.ems-off.env.OPENSSL_CONF: unknown placeholder {work_dir}");
  p = minimal();
  p["configs"] = json::parse(R"({"cc": {"client_args": ["-cert", "{client_crt}"]}})");
  EXPECT_EQ(error_of(p), "p.json: configs.cc.client_args[1]: unknown placeholder {client_crt}");
}

TEST(ProfileErrors, UnterminatedPlaceholder) {
  json p = minimal();
  p["server"]["argv"][2] = "127.0.0.1:{port";
  EXPECT_EQ(error_of(p), "p.json: server.argv[2]: unterminated placeholder in '127.0.0.1:{port'");
}

TEST(ProfileErrors, FileNamesMustBePlain) {
  for (const char* f : {"sub/x.cnf", "../x.cnf", ".hidden"}) {
    json p = minimal();
    p["configs"] = {{"c", {{"files", {{f, "content {not checked}"}}}}}};
    EXPECT_EQ(error_of(p), std::string("p.json: configs.c.files.") + f + ": must be a plain file name") << f;
  }
  // A file's content may hold braces: it is not a template.
  json p = minimal();
  p["configs"] = {{"c", {{"files", {{"x.cnf", "a = {b}"}}}}}};
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").configs.at("c").files.at("x.cnf"), "a = {b}");
}

TEST(ProfileErrors, NeitherServerNorClient) {
  json p = minimal();
  p.erase("server");
  EXPECT_EQ(error_of(p), "p.json: a profile needs a server or a client (or both)");
}

TEST(ProfileErrors, BadValues) {
  json p = minimal();
  p["server"]["argv"] = json::array();
  EXPECT_EQ(error_of(p), "p.json: server.argv: must be a non-empty array of strings");
  p = minimal();
  p["server"]["ready_timeout_ms"] = 50;
  EXPECT_EQ(error_of(p), "p.json: server.ready_timeout_ms: must be an integer from 100 to 120000");
  p = minimal();
  p["client"] = json::parse(R"({"argv": ["c"], "timeout_ms": "10"})");
  EXPECT_EQ(error_of(p), "p.json: client.timeout_ms: must be an integer from 100 to 120000");
  p = minimal();
  p["capabilities"] = json::parse(R"(["ems", 1])");
  EXPECT_EQ(error_of(p), "p.json: capabilities[1]: must be a string");
  p = minimal();
  p["configs"] = json::array();
  EXPECT_EQ(error_of(p), "p.json: configs: must be an object");
  p = minimal();
  p["app_data"] = "ping";
  EXPECT_EQ(error_of(p), "p.json: app_data: must be one of none, echo, http");
}

// One table of capability names (iut/capabilities.h): a typo is an error naming the place and
// listing the known names, in the base list and in a configuration's lists.
TEST(ProfileErrors, UnknownCapabilityNamesItAndListsTheKnownOnes) {
  json p = minimal();
  p["capabilities"] = json::parse(R"(["ems", "resume-tiket"])");
  const std::string e = error_of(p);
  EXPECT_EQ(e.rfind("p.json: capabilities[1]: unknown capability 'resume-tiket' (known: ems, ems-off, dhe, ", 0), 0u) << e;
  EXPECT_NE(e.find("resume-ticket"), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  p = minimal();
  p["configs"] = json::parse(R"({"x": {"add_capabilities": ["dhe", "DHE"]}})");
  EXPECT_EQ(error_of(p).rfind("p.json: configs.x.add_capabilities[1]: unknown capability 'DHE' (known: ", 0), 0u) << error_of(p);
}

TEST(Profile, AppDataDefaultsToEchoAndIsParsedOnce) {
  json p = minimal();
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").app_data, engine::AppData::kEcho);
  p["app_data"] = "http";
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").app_data, engine::AppData::kHttp);
  p["app_data"] = "none";
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").app_data, engine::AppData::kNone);
}

TEST(Profile, EveryField) {
  auto p = load_profile_text(R"({
    "name": "lib", "title": "A library", "version": ["lib", "--version"], "programs": ["lib-server", "lib-client"],
    "capabilities": ["ems", "dhe", "resume-id"],
    "server": {"argv": ["lib-server", "{port}"], "ready_line": "READY", "ready_timeout_ms": 2000},
    "client": {"argv": ["lib-client", "{host}:{port}"], "resume_args": ["--resume", "{session}"], "stdin": "hi\n",
               "timeout_ms": 3000},
    "configs": {"ems-off": {"description": "no EMS", "server_args": ["--no-ems"], "client_args": ["--no-ems"],
                            "env": {"LIB_CONF": "{workdir}/lib.conf"}, "files": {"lib.conf": "ems=off"},
                            "remove_capabilities": ["ems"], "add_capabilities": ["ems-off"]}}
  })", "dir/lib.json");
  EXPECT_EQ(p.name, "lib");
  EXPECT_EQ(p.title, "A library");
  EXPECT_EQ(p.file, "dir/lib.json");
  EXPECT_EQ(p.version_argv, (std::vector<std::string>{"lib", "--version"}));
  EXPECT_EQ(p.programs, (std::vector<std::string>{"lib-server", "lib-client"}));
  EXPECT_EQ(p.capabilities, (std::set<std::string>{"dhe", "ems", "resume-id"}));
  ASSERT_TRUE(p.server);
  EXPECT_EQ(p.server->argv, (std::vector<std::string>{"lib-server", "{port}"}));
  EXPECT_EQ(p.server->ready_line, "READY");
  EXPECT_EQ(p.server->ready_timeout_ms, 2000);
  ASSERT_TRUE(p.client);
  EXPECT_EQ(p.client->resume_args, (std::vector<std::string>{"--resume", "{session}"}));
  EXPECT_EQ(p.client->stdin_text, "hi\n");
  EXPECT_EQ(p.client->timeout_ms, 3000);
  ASSERT_EQ(p.configs.size(), 2u);  // "default" always exists
  EXPECT_TRUE(p.configs.count("default"));
  const auto& c = p.configs.at("ems-off");
  EXPECT_EQ(c.description, "no EMS");
  EXPECT_EQ(c.server_args, (std::vector<std::string>{"--no-ems"}));
  EXPECT_EQ(c.env, (std::map<std::string, std::string>{{"LIB_CONF", "{workdir}/lib.conf"}}));
  EXPECT_EQ(c.files, (std::map<std::string, std::string>{{"lib.conf", "ems=off"}}));
}

TEST(Profile, Defaults) {
  json p = minimal();
  p.erase("server");
  p["client"] = json::parse(R"({"argv": ["c", "{port}"]})");
  auto x = load_profile_text(p.dump(), "p.json");
  EXPECT_FALSE(x.server);
  ASSERT_TRUE(x.client);
  EXPECT_EQ(x.client->timeout_ms, 10000);
  EXPECT_TRUE(x.client->resume_args.empty());
  auto s = load_profile_text(minimal().dump(), "p.json");
  EXPECT_EQ(s.server->ready_timeout_ms, 10000);
  EXPECT_EQ(s.server->ready_line, "");
  EXPECT_EQ(s.configs.size(), 1u);
}

// ---------------------------------------------------------------- expand

TEST(Expand, ReplacesEveryPlaceholder) {
  EXPECT_EQ(expand("{host}:{port}", {{"host", "127.0.0.1"}, {"port", "4433"}}), "127.0.0.1:4433");
  EXPECT_EQ(expand("no placeholders", {}), "no placeholders");
  // A value is not expanded again.
  EXPECT_EQ(expand("{workdir}/x", {{"workdir", "/tmp/{port}"}}), "/tmp/{port}/x");
}

TEST(Expand, MissingValueOrUnterminated) {
  try {
    expand("-accept 127.0.0.1:{port}", {{"host", "h"}});
    FAIL();
  } catch (const ProfileError& e) {
    EXPECT_STREQ(e.what(), "no value for placeholder {port}");
  }
  try {
    expand("a{port", {{"port", "1"}});
    FAIL();
  } catch (const ProfileError& e) {
    EXPECT_STREQ(e.what(), "unterminated placeholder in 'a{port'");
  }
}

TEST(Expand, DocumentedPlaceholdersAreKnown) {
  // docs/iut-profiles.md lists these; the harness fills each of them per unit.
  for (const char* name : {"port", "host", "cert", "key", "ecdsa_cert", "ecdsa_key", "ca", "client_cert", "client_key",
                           "p12", "dhparams", "workdir", "session", "connection", "connections"})
    EXPECT_TRUE(placeholders().count(name)) << name;
  EXPECT_FALSE(placeholders().count("prot"));
}

// ---------------------------------------------------------------- capabilities_in

TEST(Capabilities, ConfigsAddAndRemoveInOrder) {
  auto p = load_profile_text(R"({"name": "lib", "title": "t", "capabilities": ["ems", "dhe"],
    "server": {"argv": ["s"]},
    "configs": {"ems-off": {"remove_capabilities": ["ems"], "add_capabilities": ["ems-off"]},
                "ems-on": {"remove_capabilities": ["ems-off"], "add_capabilities": ["ems"]},
                "no-dhe": {"remove_capabilities": ["dhe", "renegotiation"]}}})", "p.json");
  EXPECT_EQ(p.capabilities_in({}), (std::set<std::string>{"dhe", "ems"}));
  EXPECT_EQ(p.capabilities_in({"default"}), (std::set<std::string>{"dhe", "ems"}));
  EXPECT_EQ(p.capabilities_in({"ems-off"}), (std::set<std::string>{"dhe", "ems-off"}));
  EXPECT_EQ(p.capabilities_in({"ems-off", "no-dhe"}), (std::set<std::string>{"ems-off"}));
  EXPECT_EQ(p.capabilities_in({"ems-off", "ems-on"}), (std::set<std::string>{"dhe", "ems"}));
  EXPECT_EQ(p.capabilities_in({"unknown-config"}), (std::set<std::string>{"dhe", "ems"}));
  // The profile's own set is unchanged.
  EXPECT_EQ(p.capabilities, (std::set<std::string>{"dhe", "ems"}));
}

// ---------------------------------------------------------------- folders

class ProfileDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tlsc-profiles-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(ProfileDir, DuplicateNamesAcrossFiles) {
  write("a.json", minimal().dump());
  json other = minimal();
  other["title"] = "another";
  write("b.json", other.dump());
  try {
    load_profiles(dir_);
    FAIL();
  } catch (const ProfileError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "b.json").string() + ": name: 'lib' is also the name of " + (dir_ / "a.json").string());
  }
}

TEST_F(ProfileDir, ErrorNamesThePath) {
  json p = minimal();
  p.erase("title");
  write("lib.json", p.dump());
  write("README.txt", "not a profile");
  try {
    load_profiles(dir_);
    FAIL();
  } catch (const ProfileError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_ / "lib.json").string() + ": title: missing field");
  }
}

TEST_F(ProfileDir, MissingFolder) {
  try {
    load_profiles(dir_ / "none");
    FAIL();
  } catch (const ProfileError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "none").string() + ": cannot read the profiles folder: No such file or directory");
  }
}

TEST(RealProfiles, Load) {
  auto all = load_profiles(std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "profiles");
  ASSERT_FALSE(all.empty());
  const Profile* openssl = nullptr;
  for (const auto& p : all)
    if (p.name == "openssl") openssl = &p;
  ASSERT_NE(openssl, nullptr);
  EXPECT_TRUE(openssl->server);
  EXPECT_TRUE(openssl->client);
  EXPECT_TRUE(openssl->configs.count("ems-off"));
  EXPECT_TRUE(openssl->capabilities_in({"ems-off"}).count("ems-off"));
  EXPECT_FALSE(openssl->capabilities_in({"ems-off"}).count("ems"));
  if (!std::getenv("TLSC_PROFILES")) {
    EXPECT_EQ(default_profiles_dir(), std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "profiles");
  }
}

}  // namespace
}  // namespace tlsc::iut

namespace tlsc::iut {
namespace {

// client.one_process: one process makes all of a scenario's connections (gnutls-cli --resume).
TEST(ProfileOneProcess, Parsed) {
  json p = minimal();
  p["client"] = json::parse(R"({"argv": ["cli", "{port}"], "one_process": {"args": ["-L", "{connections}"], "max_connections": 2}})");
  const Profile x = load_profile_text(p.dump(), "p.json");
  ASSERT_TRUE(x.client->one_process);
  EXPECT_EQ(x.client->one_process->args, (std::vector<std::string>{"-L", "{connections}"}));
  EXPECT_EQ(x.client->one_process->max_connections, 2);
  p["client"]["one_process"].erase("max_connections");
  EXPECT_EQ(load_profile_text(p.dump(), "p.json").client->one_process->max_connections, 0);
  p["client"].erase("one_process");
  EXPECT_FALSE(load_profile_text(p.dump(), "p.json").client->one_process);
}

TEST(ProfileOneProcess, Errors) {
  auto with = [](const char* one_process) {
    json p = minimal();
    p["client"] = json::parse(R"({"argv": ["cli"]})");
    p["client"]["one_process"] = json::parse(one_process);
    return error_of(p);
  };
  EXPECT_EQ(with(R"(["--resume"])"), "p.json: client.one_process: must be an object");
  EXPECT_EQ(with(R"({})"), "p.json: client.one_process.args: missing field");
  EXPECT_EQ(with(R"({"args": []})"), "p.json: client.one_process.args: must be a non-empty array of strings");
  EXPECT_EQ(with(R"({"args": ["-L", "{conections}"]})"), "p.json: client.one_process.args[1]: unknown placeholder {conections}");
  EXPECT_EQ(with(R"({"args": ["-r"], "max": 2})"), "p.json: client.one_process.max: unknown field");
  for (const char* bad : {"1", "101", "\"2\"", "2.5"})
    EXPECT_EQ(with((std::string(R"({"args": ["-r"], "max_connections": )") + bad + "}").c_str()),
              "p.json: client.one_process.max_connections: must be an integer from 2 to 100")
        << bad;
  json p = minimal();
  p["client"] = json::parse(R"({"argv": ["cli"], "resume_args": ["-sess_in", "{session}"], "one_process": {"args": ["-r"]}})");
  EXPECT_EQ(error_of(p), "p.json: client.one_process: cannot be combined with client.resume_args");
}

TEST(ProfileErrors, AProfileOverOneMebibyteIsRefusedWithoutReadingIt) {
  char tmpl[] = "/tmp/tlsc_profile_big_XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::filesystem::path dir = tmpl;
  json p = minimal();
  p["title"] = std::string(size_t{1} << 20, 'x');
  std::ofstream(dir / "big.json") << p.dump();
  const auto size = std::filesystem::file_size(dir / "big.json");
  try {
    load_profiles(dir);
    ADD_FAILURE() << "loaded";
  } catch (const ProfileError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "big.json").string() + ": " + std::to_string(size) + " bytes, over the 1 MiB limit of a profile: not read");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tlsc::iut
