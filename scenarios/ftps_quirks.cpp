#include "scenarios/ftps_quirks.h"

#include <utility>

#include "peers/engine/quirks.h"

namespace tlsc::scenarios {
namespace {

template <class Q>
using Table = std::vector<std::pair<const char*, bool Q::*>>;

const Table<ftps::FtpsClientQuirks>& client_table() {
  static const Table<ftps::FtpsClientQuirks> t = {{"SkipPbsz", &ftps::FtpsClientQuirks::SkipPbsz}};
  return t;
}

const Table<ftps::FtpsServerQuirks>& server_table() {
  static const Table<ftps::FtpsServerQuirks> t = {
      {"SendPlaintextReplyAfterAuth", &ftps::FtpsServerQuirks::SendPlaintextReplyAfterAuth},
      {"AcceptProtWithoutPbsz", &ftps::FtpsServerQuirks::AcceptProtWithoutPbsz}};
  return t;
}

template <class Q>
bool set(const Table<Q>& table, Q& q, std::string_view name, std::string_view value, std::string* why) {
  for (const auto& [n, member] : table) {
    if (name != n) continue;
    if (engine::parse_switch(value, q.*member)) return true;
    if (why) *why = "FTPS quirk " + std::string(name) + ": bad value '" + std::string(value) + "' (bool)";
    return false;
  }
  if (why) {
    std::string known;
    for (const auto& [n, member] : table) known += (known.empty() ? "" : ", ") + std::string(n);
    *why = "unknown FTPS quirk '" + std::string(name) + "' (known: " + known + ")";
  }
  return false;
}

template <class Q>
std::vector<std::string> names(const Table<Q>& table) {
  std::vector<std::string> out;
  for (const auto& [n, member] : table) out.emplace_back(n);
  return out;
}

}  // namespace

bool set_ftps_quirk(ftps::FtpsClientQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set(client_table(), q, name, value, why);
}
bool set_ftps_quirk(ftps::FtpsServerQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set(server_table(), q, name, value, why);
}
std::vector<std::string> ftps_client_quirk_names() { return names(client_table()); }
std::vector<std::string> ftps_server_quirk_names() { return names(server_table()); }

}  // namespace tlsc::scenarios
