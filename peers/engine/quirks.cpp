#include "peers/engine/quirks.h"

#include <charconv>

#include "peers/wire/name_table.h"

namespace tlsc::engine {
namespace {

constexpr Named<MasterSecretMode> kMsNames[] = {{MasterSecretMode::kNegotiated, "negotiated"},
                                                {MasterSecretMode::kStandard, "standard"},
                                                {MasterSecretMode::kExtended, "extended"}};
static_assert(distinct_rows(kMsNames));

constexpr Named<PublicValueForm> kFormNames[] = {
    {PublicValueForm::kMinimal, "minimal"}, {PublicValueForm::kPadded, "padded"},   {PublicValueForm::kZero, "zero"},
    {PublicValueForm::kOne, "one"},         {PublicValueForm::kPMinusOne, "p-1"}, {PublicValueForm::kP, "p"}};
static_assert(distinct_rows(kFormNames));

// Which values of a quirk make our peer break which RFC clauses (QuirkInfo::breaks); the rows of
// quirks.h name one of these.
struct Breaks {
  std::vector<std::string> values, clauses;
};
// A wrong key schedule shows where the other side checks it: Finished and record protection.
const std::vector<std::string> kShows = {"RFC 5246 7.4.9", "RFC 5246 6.2.3"};
std::vector<std::string> with_shows(std::vector<std::string> clauses) {
  clauses.insert(clauses.end(), kShows.begin(), kShows.end());
  return clauses;
}
const Breaks kLegal;  // drives a test or stays within the rules
const Breaks kMalformedEms{{"true"}, {"RFC 7627 5.1"}};
const Breaks kAcceptsMalformedEms{{"true"}, {"RFC 7627 5.1"}};
const Breaks kMasterSecret{{"standard", "extended"}, with_shows({"RFC 7627 4", "RFC 7627 5.2"})};
const Breaks kPadsDhe{{"true"}, with_shows({"RFC 5246 8.1.2"})};
const Breaks kStripsEcdhe{{"true"}, with_shows({"RFC 8422 5.10"})};
const Breaks kInvalidDhPublic{{"zero", "one", "p-1", "p"}, {"RFC 7919 3-4"}};
const Breaks kEmsOnResume{{"true"}, {"RFC 7627 5.3"}};
const Breaks kUnsolicited{{"true"}, {"RFC 5246 7.4.1.4", "RFC 7627 5.2"}};
const Breaks kAbbreviatedFlight{{"true"}, {"RFC 5246 7.3", "RFC 5246 7.4.4"}};
const Breaks kEmptyCertificate{{"true"}, {"RFC 5246 7.4.6"}};

// ---------------------------------------------------------------- values by field type
bool parse_value(std::string_view v, bool& out) { return parse_switch(v, out); }

// Digits only (no sign, nothing after them).
template <class T>
bool parse_digits(std::string_view v, T& out) {
  if (v.empty() || v.front() == '-') return false;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}
bool parse_value(std::string_view v, int& out) { return parse_digits(v, out); }
bool parse_value(std::string_view v, uint64_t& out) { return parse_digits(v, out); }

// An enum by the spelling of its name table.
template <class Table, class E>
bool parse_enum(const Table& table, std::string_view v, E& out) {
  auto parsed = parse_name(table, v);
  if (parsed) out = *parsed;
  return parsed.has_value();
}
bool parse_value(std::string_view v, MasterSecretMode& out) { return parse_enum(kMsNames, v, out); }
bool parse_value(std::string_view v, PublicValueForm& out) { return parse_enum(kFormNames, v, out); }

std::string kind_of(bool) { return "bool"; }
std::string kind_of(int) { return "int"; }
std::string kind_of(uint64_t) { return "int"; }
std::string kind_of(MasterSecretMode) { return "enum: negotiated|standard|extended"; }
std::string kind_of(PublicValueForm) { return "enum: minimal|padded|zero|one|p-1|p"; }

template <class T>
bool parse_as(std::string_view v, QuirkValue& out) {
  T parsed{};
  if (!parse_value(v, parsed)) return false;
  out = parsed;
  return true;
}

// ---------------------------------------------------------------- the registry, from quirks.h
template <class Field>
struct Entry {
  Field field;
  QuirkInfo info;
  bool (*parse)(std::string_view, QuirkValue&);  // false on a bad value
};

#define TLSC_ENTRY(T, Name, init, breaks, doc) \
  Entry<Field>{Field::Name, {#Name, doc, kind_of(T{}), breaks.values, breaks.clauses}, &parse_as<T>},

const std::vector<Entry<ClientQuirk>>& table(ClientQuirk) {
  using Field = ClientQuirk;
  static const std::vector<Entry<Field>> entries = {TLSC_CLIENT_QUIRKS(TLSC_ENTRY)};
  return entries;
}

const std::vector<Entry<ServerQuirk>>& table(ServerQuirk) {
  using Field = ServerQuirk;
  static const std::vector<Entry<Field>> entries = {TLSC_SERVER_QUIRKS(TLSC_ENTRY)};
  return entries;
}

#undef TLSC_ENTRY

const char* role_of(ClientQuirk) { return "client"; }
const char* role_of(ServerQuirk) { return "server"; }

template <class Field>
std::vector<QuirkInfo> infos() {
  std::vector<QuirkInfo> out;
  for (const auto& e : table(Field{})) out.push_back(e.info);
  return out;
}

template <class Field>
bool parse_in(std::string_view name, std::string_view value, std::vector<QuirkChange<Field>>& out, std::string* why) {
  for (const auto& e : table(Field{})) {
    if (e.info.name != name) continue;
    QuirkValue v;
    if (e.parse(value, v)) {
      out.push_back({e.field, v});
      return true;
    }
    if (why) *why = "quirk " + std::string(name) + ": bad value '" + std::string(value) + "' (" + e.info.kind + ")";
    return false;
  }
  if (why) *why = "unknown " + std::string(role_of(Field{})) + " quirk '" + std::string(name) + "'";
  return false;
}

template <class Q, class Field>
void apply_all(Q& q, const std::vector<QuirkChange<Field>>& changes) {
  for (const auto& c : changes) apply(q, c);
}

template <class Field, class Q>
bool set_by_name(Q& q, std::string_view name, std::string_view value, std::string* why) {
  std::vector<QuirkChange<Field>> one;
  if (!parse_in(name, value, one, why)) return false;
  apply_all(q, one);
  return true;
}

}  // namespace

QuirkChanges& QuirkChanges::operator+=(const QuirkChanges& later) {
  client.insert(client.end(), later.client.begin(), later.client.end());
  server.insert(server.end(), later.server.begin(), later.server.end());
  return *this;
}

const std::vector<QuirkInfo>& client_quirks() {
  static const auto list = infos<ClientQuirk>();
  return list;
}

const std::vector<QuirkInfo>& server_quirks() {
  static const auto list = infos<ServerQuirk>();
  return list;
}

bool parse_quirk(std::string_view name, std::string_view value, std::vector<ClientQuirkChange>& out, std::string* why) {
  return parse_in(name, value, out, why);
}

bool parse_quirk(std::string_view name, std::string_view value, std::vector<ServerQuirkChange>& out, std::string* why) {
  return parse_in(name, value, out, why);
}

// A change sets its field; the variant holds the field's type (parse_as above).
#define TLSC_SET(T, Name, init, breaks, doc) \
  case Field::Name: q.Name = std::get<T>(c.value); return;

void apply(ClientQuirks& q, const ClientQuirkChange& c) {
  using Field = ClientQuirk;
  switch (c.field) { TLSC_CLIENT_QUIRKS(TLSC_SET) }
}

void apply(ServerQuirks& q, const ServerQuirkChange& c) {
  using Field = ServerQuirk;
  switch (c.field) { TLSC_SERVER_QUIRKS(TLSC_SET) }
}

#undef TLSC_SET

void apply(ClientQuirks& q, const QuirkChanges& c) { apply_all(q, c.client); }
void apply(ServerQuirks& q, const QuirkChanges& c) { apply_all(q, c.server); }

bool set_quirk(ClientQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set_by_name<ClientQuirk>(q, name, value, why);
}

bool set_quirk(ServerQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set_by_name<ServerQuirk>(q, name, value, why);
}

bool parse_switch(std::string_view v, bool& out) {
  if (v.empty() || v == "true" || v == "1" || v == "on" || v == "yes") return out = true, true;
  if (v == "false" || v == "0" || v == "off" || v == "no") return out = false, true;
  return false;
}

std::string_view to_string(MasterSecretMode m) { return name_of(kMsNames, m, "negotiated"); }
std::string_view to_string(PublicValueForm f) { return name_of(kFormNames, f, "minimal"); }

}  // namespace tlsc::engine
