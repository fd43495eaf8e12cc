// `--format junit`: JUnit XML for CI systems. One <testsuite> per matrix column, one <testcase>
// per result (classname always "IUT.configuration.role", so it does not change with what else a
// report merges; the version is a property of the suite; name = scenario id; time = duration).
// fail and xpass -> <failure>, error -> <error>, skip -> <skipped>; pass, xfail and warn pass (a
// warn's reason goes to <system-out>). Each failure/error/warn body starts with the command that
// reruns that unit; its transcripts are [[ATTACHMENT|path]] lines in <system-out>.
#pragma once

#include <string>
#include <vector>

#include "results/report/rerun.h"
#include "results/result.h"

namespace tlsc::results {

// `runs`: the runs the results came from, for each problem's rerun command.
std::string render_junit(const std::vector<Result>& results, const RunIndex& runs = {});

// "<iut>.<config>.<role>", whatever else is merged into the report.
std::string junit_classname(const Result& r);

}  // namespace tlsc::results
