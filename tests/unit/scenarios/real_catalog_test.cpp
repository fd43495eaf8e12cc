// The real catalog (scenarios/catalog/*.json) loads, is well formed, and covers every row of the
// reference catalog (../shared/catalog.md, beside the clone; skipped with a reason where absent).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

const std::vector<Scenario>& real_catalog() {
  static const std::vector<Scenario> all = load_catalog(std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "catalog");
  return all;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(RealCatalog, LoadsFromTheDefaultFolder) {
  // default_catalog_dir() honours $TLSC_CATALOG; without it, it is the source tree's folder.
  if (std::getenv("TLSC_CATALOG")) GTEST_SKIP() << "TLSC_CATALOG is set";
  EXPECT_EQ(default_catalog_dir(), std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "catalog");
  EXPECT_EQ(load_catalog(default_catalog_dir()).size(), real_catalog().size());
}

TEST(RealCatalog, HasEveryFamilyFile) {
  std::set<std::string> families;
  for (const auto& s : real_catalog()) families.insert(s.family);
  for (const char* f : {"ems", "dhe", "ecdhe", "certreq", "ftps"}) EXPECT_TRUE(families.count(f)) << f;
}

TEST(RealCatalog, IdsAreUniqueAndNamedByFamilyAndRole) {
  ASSERT_FALSE(real_catalog().empty());
  std::set<std::string> seen;
  for (const auto& s : real_catalog()) {
    EXPECT_TRUE(seen.insert(s.id).second) << "duplicate " << s.id;
    EXPECT_EQ(s.id.rfind(s.family + ".", 0), 0u) << s.id;
    EXPECT_TRUE(ends_with(s.id, s.role == Role::server ? ".srv" : ".cli")) << s.id;
    EXPECT_EQ(s.id.find('{'), std::string::npos) << s.id;
    EXPECT_FALSE(s.title.empty()) << s.id;
    EXPECT_FALSE(s.connections.empty()) << s.id;
  }
}

TEST(RealCatalog, EveryScenarioCitesAnRfcClause) {
  for (const auto& s : real_catalog()) {
    ASSERT_FALSE(s.rfc.empty()) << s.id;
    for (const auto& r : s.rfc) {
      EXPECT_FALSE(r.rfc.empty()) << s.id;
      EXPECT_FALSE(r.section.empty()) << s.id;
      EXPECT_FALSE(r.requirement.empty()) << s.id;
      EXPECT_TRUE(std::all_of(r.rfc.begin(), r.rfc.end(), [](char c) { return c >= '0' && c <= '9'; })) << s.id << ": RFC " << r.rfc;
    }
  }
}

// ---------------------------------------------------------------- the reference catalog

// Expands one id cell of catalog.md: "a.{x,y}.srv / .cli" -> a.x.srv a.y.srv a.x.cli a.y.cli.
// `previous_group` is the last brace group seen, for a "{...}" that means "the same values".
std::vector<std::string> expand_cell(std::string cell, std::string& previous_group) {
  cell.erase(std::remove(cell.begin(), cell.end(), '`'), cell.end());
  // Role alternation: " / .cli" repeats the id with another role suffix.
  std::vector<std::string> forms;
  std::stringstream parts(cell);
  std::string part;
  std::string first;
  while (std::getline(parts, part, '/')) {
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (first.empty()) {
      first = part;
      forms.push_back(part);
    } else {
      forms.push_back(first.substr(0, first.rfind('.')) + part);
    }
  }
  std::vector<std::string> out;
  for (auto form : forms) {
    std::vector<std::string> done = {""};
    for (size_t at = 0; at < form.size();) {
      size_t open = form.find('{', at);
      if (open == std::string::npos) {
        for (auto& d : done) d += form.substr(at);
        break;
      }
      size_t close = form.find('}', open);
      std::string group = form.substr(open + 1, close - open - 1);
      if (group == "...") group = previous_group;
      previous_group = group;
      std::vector<std::string> next;
      for (const auto& d : done) {
        std::stringstream alts(group);
        std::string alt;
        while (std::getline(alts, alt, ',')) next.push_back(d + form.substr(at, open - at) + alt);
      }
      done = next;
      at = close + 1;
    }
    out.insert(out.end(), done.begin(), done.end());
  }
  return out;
}

// Every id of every "| id | ... |" table in catalog.md, expanded.
std::vector<std::string> reference_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::stringstream in(text);
  std::string line, group;
  bool in_id_table = false;
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) != 0) {
      in_id_table = false;
      continue;
    }
    std::string cell = line.substr(1, line.find('|', 1) - 1);
    cell.erase(0, cell.find_first_not_of(' '));
    cell.erase(cell.find_last_not_of(' ') + 1);
    if (cell == "id") {
      in_id_table = true;
      continue;
    }
    if (!in_id_table || cell.rfind("---", 0) == 0) continue;
    for (auto& id : expand_cell(cell, group)) ids.push_back(id);
  }
  return ids;
}

TEST(ReferenceCatalog, CellExpansion) {
  std::string g;
  EXPECT_EQ(expand_cell("`ems.full.malformed.srv / .cli`", g),
            (std::vector<std::string>{"ems.full.malformed.srv", "ems.full.malformed.cli"}));
  EXPECT_EQ(expand_cell("ems.resume.yes-yes.{id,ticket}.srv", g),
            (std::vector<std::string>{"ems.resume.yes-yes.id.srv", "ems.resume.yes-yes.ticket.srv"}));
  EXPECT_EQ(expand_cell("dhe.natural-rate.{srv,cli}", g),
            (std::vector<std::string>{"dhe.natural-rate.srv", "dhe.natural-rate.cli"}));
  EXPECT_EQ(expand_cell("e.x.{p256,x25519}.srv", g), (std::vector<std::string>{"e.x.p256.srv", "e.x.x25519.srv"}));
  EXPECT_EQ(expand_cell("e.x.{...}.cli", g), (std::vector<std::string>{"e.x.p256.cli", "e.x.x25519.cli"}));
}

std::optional<std::string> reference_text() {
  const std::filesystem::path path = std::filesystem::path(TLSC_SHARED_DIR) / "catalog.md";
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Our ids for a reference id. dhe.public-value-invalid.{srv,cli} is one row in catalog.md for the
// four invalid values 0, 1, p-1 and p; our catalog runs each value as its own scenario
// (dhe.public-value-invalid.{zero,one,p-1,p}.{srv,cli}), so that row maps to four ids.
std::vector<std::string> our_ids_for(const std::string& ref) {
  for (const char* role : {".srv", ".cli"}) {
    if (ref == std::string("dhe.public-value-invalid") + role) {
      std::vector<std::string> out;
      for (const char* v : {"zero", "one", "p-1", "p"}) out.push_back(std::string("dhe.public-value-invalid.") + v + role);
      return out;
    }
  }
  return {ref};
}

// Families of catalog.md not in our catalog yet: while a family has no scenario at all, its rows
// are not required; once it has one, every row of it is (and it must leave this set).
const std::set<std::string> kFamiliesNotYetWritten = {};

TEST(ReferenceCatalog, EveryRowIsInOurCatalog) {
  auto text = reference_text();
  if (!text) GTEST_SKIP() << "no ../shared/catalog.md beside the source tree (CI has a copy beside the clone)";
  std::set<std::string> ours, families;
  for (const auto& s : real_catalog()) {
    ours.insert(s.id);
    families.insert(s.family);
  }
  const auto refs = reference_ids(*text);
  ASSERT_GT(refs.size(), 50u) << "catalog.md's tables did not parse";
  size_t checked = 0;
  for (const auto& ref : refs) {
    const std::string family = ref.substr(0, ref.find('.'));
    if (kFamiliesNotYetWritten.count(family) && !families.count(family)) continue;
    for (const auto& id : our_ids_for(ref)) {
      EXPECT_TRUE(ours.count(id)) << "catalog.md row " << ref << ": no scenario " << id;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50u);
}

TEST(ReferenceCatalog, EveryFamilyIsInOurCatalogOrListedAsNotYetWritten) {
  auto text = reference_text();
  if (!text) GTEST_SKIP() << "no ../shared/catalog.md beside the source tree";
  std::set<std::string> ours, reference;
  for (const auto& s : real_catalog()) ours.insert(s.family);
  for (const auto& ref : reference_ids(*text)) reference.insert(ref.substr(0, ref.find('.')));
  ASSERT_FALSE(reference.empty()) << "catalog.md's tables did not parse";
  for (const auto& family : reference) {
    if (!kFamiliesNotYetWritten.count(family)) {
      EXPECT_TRUE(ours.count(family)) << "catalog.md family " << family << " has no scenario in scenarios/catalog";
    }
  }
  for (const auto& family : kFamiliesNotYetWritten) {
    EXPECT_TRUE(reference.count(family)) << family << " is not a family of catalog.md: drop it from kFamiliesNotYetWritten";
    EXPECT_FALSE(ours.count(family)) << family << " has scenarios now: drop it from kFamiliesNotYetWritten";
  }
}

}  // namespace
}  // namespace tlsc::scenarios
