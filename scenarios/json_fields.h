// Reading the project's JSON data files (catalog, personas, incidents) field by field, with
// one-line errors that name the file, the entry and the field:
//   scenarios/personas/windows-2019.json: client.peer.emz: unknown field
#pragma once

#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace tlsc::scenarios {

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace fields {

using json = nlohmann::ordered_json;

// Where we are, for one-line messages: "FILE: ID: path".
struct Where {
  std::string file;
  std::string id;
  std::string path;
  Where at(const std::string& field) const;
  Where index(size_t i) const;
  // Throws LoadError with the message on one line (control characters as \xNN).
  [[noreturn]] void fail(const std::string& what) const;
};

// `j` is an object with no key outside `allowed`.
void only_fields(const json& j, const Where& w, std::initializer_list<const char*> allowed);
const json& required(const json& j, const Where& w, const char* field);
std::string str(const json& j, const Where& w);
// true/false, or "on"/"off".
bool boolean(const json& j, const Where& w);
std::vector<std::string> strings(const json& j, const Where& w);
std::string one_of(const json& j, const Where& w, std::initializer_list<const char*> values);
// The *.json files of a data folder, sorted by name; LoadError "<dir>: cannot read the <what>
// folder: ..." when it cannot be listed.
std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir, const std::string& what);
// Parses a whole data file; a file over `max_bytes` is refused before it is read.
json read_file(const std::string& path, size_t max_bytes = size_t{1} << 20);
json parse_text(const std::string& text, const std::string& file);

}  // namespace fields
}  // namespace tlsc::scenarios
