// `tlsconform list`: the catalog's scenario ids with their RFC clauses.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tlsc::harness {

struct ListOptions {
  bool json = false;
  std::vector<std::string> families;  // --family (repeatable)
  std::vector<std::string> rfcs;      // --rfc 7627 or 7627:5.3
  std::string role;                   // --role server|client
  std::string catalog;                // --catalog DIR (default: the built-in catalog)
};

// Adds the options of `list` to its subcommand.
void add_list_options(CLI::App& list, ListOptions& opts);

// Prints the list; returns the exit code (2 with one line on a bad catalog).
int run_list(const ListOptions& opts);

}  // namespace tlsc::harness
