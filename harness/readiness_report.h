// Readiness reports (results/report/readiness.h) from a run with --incident: one Markdown and one
// HTML file per IUT and configuration under <out>/readiness/, and `tlsconform readiness`, which is
// `tlsconform run` with --incident defaulting to windows-2019-ems (and so the incident's persona).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <vector>

#include "harness/run_plan.h"
#include "results/report/readiness.h"

namespace tlsc::harness {

// The report's input: the incident, its persona, which classes the catalog links in which role.
results::ReadinessInput readiness_input(const RunCommandOptions& o, const RunSetup& setup);

// With --incident: writes the reports of `all` and prints where they are. A file that cannot be
// written is one line on stderr (the run's results are already safe).
void write_readiness(const RunCommandOptions& o, const RunSetup& setup, const std::filesystem::path& out,
                     const std::vector<results::Result>& all);

// `tlsconform readiness`: the run options, with --incident windows-2019-ems and --out
// tlsconform-readiness by default.
CLI::App* add_readiness_command(CLI::App& app, RunCommandOptions& opts);

}  // namespace tlsc::harness
