// The one table of capability names: what a profile's `capabilities` (and its configurations'
// add/remove lists), `tlsconform run --capability` and the catalog's `requires` may say. A name
// outside it is a one-line error naming it and listing these (a typo would otherwise make the
// scenarios that need the real name skip in silence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsc::iut {

struct Capability {
  std::string_view name;
  std::string_view meaning;  // "the IUT ..."
};

const std::vector<Capability>& known_capabilities();
bool is_known_capability(std::string_view name);
// "unknown capability 'resume-tiket' (known: ems, ems-off, ...)"
std::string unknown_capability(std::string_view name);

}  // namespace tlsc::iut
