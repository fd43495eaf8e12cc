// The fixed parts of the HTML report: its stylesheet and the script that renders the embedded
// results (plain JS, no library, nothing fetched).
#pragma once

#include <string_view>

namespace tlsc::results {

extern const std::string_view kHtmlReportCss;
extern const std::string_view kHtmlReportJs;

}  // namespace tlsc::results
