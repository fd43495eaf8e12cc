#include "harness/app_data_option.h"

namespace tlsc::harness {

void add_app_data_option(CLI::App& run, std::string& text) {
  run.add_option("--app-data", text,
                 "Remote mode: what our peer does after each handshake: none (the default: send nothing), echo "
                 "(send a line, await it back), http (GET / and read the response; as a server, answer a "
                 "request with a small response); then always close_notify")
      ->check(CLI::IsMember({"none", "echo", "http"}));
}

engine::AppData remote_app_data(const std::string& option) {
  return engine::parse_app_data(option).value_or(engine::AppData::kNone);
}

}  // namespace tlsc::harness
