#include "peers/engine/names.h"

#include <array>
#include <cctype>

#include "peers/engine/config.h"
#include "peers/wire/name_table.h"

namespace tlsc::engine {
namespace {

// The versions our peer speaks (RFC 2246, RFC 4346, RFC 5246).
constexpr std::array kVersions = {ProtocolVersion::kTls10, ProtocolVersion::kTls11, ProtocolVersion::kTls12};

std::string lower_name(ProtocolVersion v) {
  std::string n = v.name();
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}

constexpr std::array kDhGroups = {&crypto::ffdhe2048, &crypto::ffdhe3072, &crypto::sparse2049};

}  // namespace

std::optional<ProtocolVersion> parse_version_name(std::string_view text) {
  for (ProtocolVersion v : kVersions)
    if (lower_name(v) == text) return v;
  return std::nullopt;
}

std::string version_names(std::string_view last) { return join_names(kVersions, lower_name, last); }

std::optional<NamedGroup> parse_group_name(std::string_view text) {
  for (NamedGroup g : default_groups())
    if (g.name() == text) return g;
  return std::nullopt;
}

std::string group_names() {
  return join_names(default_groups(), [](NamedGroup g) { return g.name(); });
}

const crypto::DhGroup* parse_dh_group_name(std::string_view text) {
  for (auto group : kDhGroups)
    if (group().name == text) return &group();
  return nullptr;
}

std::string dh_group_names() {
  return join_names(kDhGroups, [](auto group) { return group().name; });
}

}  // namespace tlsc::engine
