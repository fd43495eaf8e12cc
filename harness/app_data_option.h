// `tlsconform run --app-data none|echo|http`: what our peer does with application data after the
// handshake with a remote IUT (peers/engine/app_data.h). Parsed once here; the units carry the
// enum. A profile's IUT uses the profile's `app_data` field instead.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "peers/engine/app_data.h"

namespace tlsc::harness {

void add_app_data_option(CLI::App& run, std::string& text);

// The mode of a remote IUT: --app-data if given, else kNone, even with --iut (the profile's
// `app_data` says what the server *it* starts does, not what the user started). Against an
// endpoint we know nothing about, sending nothing cannot make a verdict false (an echo that
// never comes looks like a hang, an HTTP request to a device of another protocol like a fault);
// close_notify follows the handshake at once, so the session stays resumable.
engine::AppData remote_app_data(const std::string& option);

}  // namespace tlsc::harness
