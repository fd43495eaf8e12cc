#include "scenarios/peer_json.h"

#include "peers/engine/names.h"
#include "peers/record/cipher_suite.h"
#include "peers/wire/name_table.h"

namespace tlsc::scenarios {
namespace {

using namespace fields;  // the data-file readers (json_fields.h)

// A string that `parse` (one of engine/names.h) takes, in one_of's words when it does not.
template <class Parse>
std::string named(const json& j, const Where& w, Parse parse, const std::string& names) {
  std::string s = str(j, w);
  if (!parse(s)) w.fail("'" + s + "' is not one of " + names);
  return s;
}

// How a ClientHello offers the previous session, as catalog files say it.
constexpr Named<engine::ResumedBy> kResumeNames[] = {
    {engine::ResumedBy::kSessionId, "id"}, {engine::ResumedBy::kTicket, "ticket"}, {engine::ResumedBy::kNone, "none"}};
static_assert(distinct_rows(kResumeNames));

// Registry names of extension types (RFC 5246 7.4.1.4 and the IANA registry), each once.
std::vector<ExtensionType> extension_order(const json& j, const Where& w) {
  const auto names = strings(j, w);
  std::vector<ExtensionType> out;
  for (size_t i = 0; i < names.size(); ++i) {
    const auto t = ExtensionType::parse(names[i]);
    if (!t) w.index(i).fail("unknown extension type '" + names[i] + "' (IANA registry name, e.g. extended_master_secret)");
    for (auto seen : out)
      if (seen == *t) w.index(i).fail("'" + names[i] + "' stands twice");
    out.push_back(*t);
  }
  return out;
}

}  // namespace

PeerSettings parse_peer(const json& j, const Where& w, Role iut_role, bool ftps_data) {
  only_fields(j, w, {"version", "suites", "groups", "ems", "tickets", "resume", "client_cert", "request_client_cert",
                     "require_client_cert", "dh_group", "allow_legacy_resumption", "send", "extension_order"});
  if (ftps_data)
    for (const auto& [key, value] : j.items())
      if (key != "ems" && key != "resume")
        w.at(key).fail("applies to the FTPS control connection only (a data connection takes ems and resume)");
  // Our peer is the client when the IUT is the server, and the other way round.
  const bool we_are_client = iut_role == Role::server;
  auto client_only = [&](const char* f) {
    if (!we_are_client && j.contains(f)) w.at(f).fail("applies to a client peer only (the IUT is the client here)");
  };
  auto server_only = [&](const char* f) {
    if (we_are_client && j.contains(f)) w.at(f).fail("applies to a server peer only (the IUT is the server here)");
  };
  for (const char* f : {"resume", "client_cert", "send", "extension_order"}) client_only(f);
  for (const char* f : {"request_client_cert", "require_client_cert", "dh_group", "allow_legacy_resumption"}) server_only(f);

  PeerSettings p;
  if (j.contains("version"))
    p.version = named(j["version"], w.at("version"), engine::parse_version_name, engine::version_names());
  if (j.contains("suites")) {
    p.suites = strings(j["suites"], w.at("suites"));
    for (size_t i = 0; i < p.suites.size(); ++i) {
      const auto& s = p.suites[i];
      if (s == "dhe" || s == "ecdhe" || s == "rsa" || s == "ecdsa" || s == "gcm" || s == "cbc") continue;
      if (!record::find_cipher_suite(s)) w.at("suites").index(i).fail("unknown cipher suite '" + s + "'");
    }
  }
  if (j.contains("groups")) {
    p.groups = strings(j["groups"], w.at("groups"));
    for (size_t i = 0; i < p.groups.size(); ++i)
      if (!engine::parse_group_name(p.groups[i])) w.at("groups").index(i).fail("unknown group '" + p.groups[i] + "'");
  }
  if (j.contains("ems")) p.ems = boolean(j["ems"], w.at("ems"));
  if (j.contains("tickets")) p.tickets = boolean(j["tickets"], w.at("tickets"));
  if (j.contains("resume")) {
    const std::string how = ftps_data ? one_of(j["resume"], w.at("resume"), {"id", "ticket", "none"})
                                      : one_of(j["resume"], w.at("resume"), {"id", "ticket"});
    p.resume = parse_name(kResumeNames, how);
  }
  if (j.contains("client_cert")) p.client_cert = boolean(j["client_cert"], w.at("client_cert"));
  if (j.contains("request_client_cert")) p.request_client_cert = boolean(j["request_client_cert"], w.at("request_client_cert"));
  if (j.contains("require_client_cert")) p.require_client_cert = boolean(j["require_client_cert"], w.at("require_client_cert"));
  if (j.contains("dh_group"))
    p.dh_group = named(j["dh_group"], w.at("dh_group"), engine::parse_dh_group_name, engine::dh_group_names());
  if (j.contains("allow_legacy_resumption"))
    p.allow_legacy_resumption = boolean(j["allow_legacy_resumption"], w.at("allow_legacy_resumption"));
  if (j.contains("send")) p.send = str(j["send"], w.at("send"));
  if (j.contains("extension_order")) p.extension_order = extension_order(j["extension_order"], w.at("extension_order"));
  return p;
}

engine::QuirkChanges parse_quirks(const json& j, const Where& w, Role iut_role) {
  if (!j.is_object()) w.fail("must be an object of quirk names to values");
  engine::QuirkChanges out;
  for (const auto& [name, value] : j.items()) {
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    std::string why;
    const bool ok = iut_role == Role::server ? engine::parse_quirk(name, text, out.client, &why)
                                             : engine::parse_quirk(name, text, out.server, &why);
    if (!ok) w.at(name).fail(why);
  }
  return out;
}

}  // namespace tlsc::scenarios
