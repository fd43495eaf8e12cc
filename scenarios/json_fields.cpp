#include "scenarios/json_fields.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tlsc::scenarios::fields {
namespace {

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
      continue;
    }
    static const char* kHex = "0123456789abcdef";
    out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
  }
  return out;
}

}  // namespace

Where Where::at(const std::string& field) const { return {file, id, path.empty() ? field : path + "." + field}; }

Where Where::index(size_t i) const { return {file, id, path + "[" + std::to_string(i) + "]"}; }

void Where::fail(const std::string& what) const {
  std::string msg = file + ": ";
  if (!id.empty()) msg += id + ": ";
  if (!path.empty()) msg += path + ": ";
  throw LoadError(printable(msg + what));
}

void only_fields(const json& j, const Where& w, std::initializer_list<const char*> allowed) {
  if (!j.is_object()) w.fail("must be an object");
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      w.at(key).fail("unknown field");
  }
}

const json& required(const json& j, const Where& w, const char* field) {
  auto it = j.find(field);
  if (it == j.end()) w.at(field).fail("missing field");
  return *it;
}

std::string str(const json& j, const Where& w) {
  if (!j.is_string()) w.fail("must be a string");
  return j.get<std::string>();
}

bool boolean(const json& j, const Where& w) {
  if (j.is_boolean()) return j.get<bool>();
  if (j == "on") return true;
  if (j == "off") return false;
  w.fail("must be true or false (or \"on\"/\"off\")");
}

std::vector<std::string> strings(const json& j, const Where& w) {
  if (!j.is_array()) w.fail("must be an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(str(j[i], w.index(i)));
  return out;
}

std::string one_of(const json& j, const Where& w, std::initializer_list<const char*> values) {
  std::string s = str(j, w);
  for (const char* v : values)
    if (s == v) return s;
  std::string list;
  for (const char* v : values) list += (list.empty() ? "" : ", ") + std::string(v);
  w.fail("'" + s + "' is not one of " + list);
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir, const std::string& what) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  if (ec) throw LoadError(dir.string() + ": cannot read the " + what + " folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

json parse_text(const std::string& text, const std::string& file) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw LoadError(file + ": byte " + std::to_string(e.byte) + ": not valid JSON");
  }
}

json read_file(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw LoadError(path + ": cannot read: " + ec.message());
  if (size > max_bytes)
    throw LoadError(path + ": " + std::to_string(size) + " bytes, over the " + std::to_string(max_bytes >> 10) +
                    " KiB limit of a data file: not read");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) throw LoadError(path + ": cannot read");
  return parse_text(ss.str(), path);
}

}  // namespace tlsc::scenarios::fields
