// The FTPS layer's switchboards (peers/ftps/quirks.h) by name, for scenario files and the
// `tlsconform peer ftps-*` options: every quirk there is a switch (true/false).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "peers/ftps/quirks.h"

namespace tlsc::scenarios {

// Sets quirk `name` to `value` ("", "true", "1": on; "false", "0": off). False, with `why` (one
// line naming the quirk), for an unknown name or a bad value.
bool set_ftps_quirk(ftps::FtpsClientQuirks& q, std::string_view name, std::string_view value, std::string* why);
bool set_ftps_quirk(ftps::FtpsServerQuirks& q, std::string_view name, std::string_view value, std::string* why);

std::vector<std::string> ftps_client_quirk_names();
std::vector<std::string> ftps_server_quirk_names();

}  // namespace tlsc::scenarios
