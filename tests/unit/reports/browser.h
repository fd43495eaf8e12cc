// Headless Chromium for the HTML report tests: run a page, save a screenshot under
// <build dir>/report-screens/.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/unit/reports/report_fixture.h"

namespace tlsc::reports_test {

namespace fs = std::filesystem;

inline std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(p, X_OK) == 0) return p;
  return "";
}

struct Browser {
  std::string exe;
  fs::path profile;
  Outcome run(const std::vector<std::string>& extra, const std::string& url) {
    std::vector<std::string> argv = {exe,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-dev-shm-usage",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--disable-extensions",
                                     "--disable-crash-reporter",
                                     "--no-first-run",
                                     "--user-data-dir=" + profile.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(url);
    return run_process(argv, std::chrono::seconds(60));
  }
};

// Saves a screenshot of `url` under <build dir>/report-screens/NAME.png and checks it is a PNG.
inline void screenshot(Browser& b, const std::string& url, const std::string& name, const std::string& size) {
  const fs::path shots = fs::path(TLSC_BINARY_DIR) / "report-screens";
  fs::create_directories(shots);
  const fs::path shot = shots / (name + ".png");
  fs::remove(shot);
  const Outcome o = b.run({"--screenshot=" + shot.string(), "--window-size=" + size, "--hide-scrollbars"}, url);
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string png = read_file(shot);
  ASSERT_GT(png.size(), 1000u) << shot;
  EXPECT_EQ(png.substr(1, 3), "PNG");
  std::printf("screenshot: %s (%zu bytes)\n", shot.c_str(), png.size());
}

}  // namespace tlsc::reports_test
