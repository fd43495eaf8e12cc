// --seed, one spelling for every subcommand: 0 to 2^64-1, and a negative value is refused with
// one line (CLI11 would otherwise wrap -1 to 2^64-1).
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace tlsc::harness {

inline CLI::Option* add_seed_option(CLI::App& app, uint64_t& seed, const std::string& help) {
  return app.add_option("--seed", seed, help)
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& v) { return v.find('-') == std::string::npos ? "" : "a seed is not negative: " + v; },
          "UINT64"));
}

}  // namespace tlsc::harness
