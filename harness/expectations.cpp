#include "harness/expectations.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tlsc::harness {
namespace {

bool matches(const std::string& pattern, const std::string& id) {
  if (!pattern.empty() && pattern.back() == '*') return id.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == id;
}

}  // namespace

bool expectation_matches(const Expectation& x, const std::string& iut, const std::string& scenario,
                         const std::string& config) {
  return x.iut == iut && matches(x.scenario, scenario) && (x.config.empty() || x.config == config);
}

std::vector<Expectation> load_expectations(const std::string& path, const std::string& shown) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path + ": byte " + std::to_string(e.byte) + ": not valid JSON");
  }
  auto fail = [&](const std::string& where, const std::string& what) -> void {
    throw std::runtime_error(path + ": " + where + ": " + what);
  };
  if (!j.is_object() || !j.contains("iut") || !j["iut"].is_string()) fail("iut", "missing or not a string");
  if (!j.contains("expectations") || !j["expectations"].is_array()) fail("expectations", "missing or not an array");
  for (const auto& [k, v] : j.items()) {
    (void)v;
    if (k != "iut" && k != "expectations") fail(k, "unknown field");
  }
  std::vector<Expectation> out;
  for (size_t i = 0; i < j["expectations"].size(); ++i) {
    const auto& e = j["expectations"][i];
    const std::string where = "expectations[" + std::to_string(i) + "]";
    if (!e.is_object()) fail(where, "must be an object");
    for (const auto& [k, v] : e.items()) {
      (void)v;
      if (k != "scenario" && k != "verdict" && k != "reason" && k != "config") fail(where + "." + k, "unknown field");
    }
    Expectation x;
    x.file = shown.empty() ? path : shown;
    x.iut = j["iut"].get<std::string>();
    for (const char* f : {"scenario", "verdict", "reason"})
      if (!e.contains(f) || !e[f].is_string()) fail(where + "." + f, "missing or not a string");
    x.scenario = e["scenario"].get<std::string>();
    auto v = results::parse_verdict(e["verdict"].get<std::string>());
    if (!v || (*v != results::Verdict::fail && *v != results::Verdict::warn && *v != results::Verdict::error))
      fail(where + ".verdict", "must be fail, warn or error");
    x.verdict = *v;
    x.reason = e["reason"].get<std::string>();
    // Every known deviation carries its reason: an expectation without one hides a bug.
    if (x.reason.find_first_not_of(" \t\r\n") == std::string::npos) fail(where + ".reason", "must not be empty");
    if (e.contains("config")) {
      if (!e["config"].is_string()) fail(where + ".config", "must be a string");
      x.config = e["config"].get<std::string>();
    }
    out.push_back(std::move(x));
  }
  return out;
}

void apply_expectations(const std::vector<Expectation>& all, results::Result& r) {
  for (const auto& x : all) {
    if (!expectation_matches(x, r.iut, r.scenario, r.iut_config)) continue;
    if (r.verdict == x.verdict) {
      r.verdict = results::Verdict::xfail;
      r.reason += " [expected: " + x.reason + "]";
      r.observations["expected_by"] = x.file;
    } else if (r.verdict == results::Verdict::pass) {
      r.verdict = results::Verdict::xpass;
      r.reason += " [expected " + std::string(results::to_string(x.verdict)) + ": " + x.reason + "]";
      r.observations["expected_by"] = x.file;
    }
    return;
  }
}

}  // namespace tlsc::harness
