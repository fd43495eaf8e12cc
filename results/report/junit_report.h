// `--format junit`: JUnit XML for CI systems. One <testsuite> per matrix column, one <testcase>
// per result (classname "IUT.role", plus ".version"/".configuration" where the matrix column needs
// them; name = scenario id; time = duration). fail and xpass -> <failure>, error -> <error>,
// skip -> <skipped>; pass, xfail and warn pass (a warn's reason goes to <system-out>).
#pragma once

#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

std::string render_junit(const std::vector<Result>& results);

}  // namespace tlsc::results
