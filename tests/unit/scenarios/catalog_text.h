// Small catalog files built in memory for the loader tests: a minimal valid scenario that each
// test changes in one place, and the one-line error the loader gives for a text.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/loader.h"

namespace tlsc::scenarios::testing {

using json = nlohmann::ordered_json;

// The smallest valid scenario of family "ems" with the IUT as server (our peer is the client).
inline json server_scenario(const std::string& id = "ems.t.srv") {
  return json::parse(R"({
    "id": ")" + id + R"(",
    "title": "a test scenario",
    "role": "server",
    "rfc": [{"rfc": "7627", "section": "5.2", "level": "MUST", "requirement": "the requirement"}],
    "connections": [{"expect": {"outcome": "complete"}}]
  })");
}

// The same with the IUT as client (our peer is the server).
inline json client_scenario(const std::string& id = "ems.t.cli") {
  json s = server_scenario(id);
  s["role"] = "client";
  return s;
}

inline std::string catalog(const json& scenarios, const std::string& family = "ems") {
  json doc;
  doc["family"] = family;
  doc["title"] = "test family";
  doc["scenarios"] = scenarios.is_array() ? scenarios : json::array({scenarios});
  return doc.dump();
}

// The loader's message for `text` as file x.json, or "loaded" when it loads.
inline std::string load_error(const std::string& text) {
  try {
    load_catalog_text(text, "x.json");
    return "loaded";
  } catch (const LoadError& e) {
    return e.what();
  }
}

inline std::string load_error(const json& scenario) { return load_error(catalog(scenario)); }

}  // namespace tlsc::scenarios::testing
