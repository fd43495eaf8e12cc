// A persona: our peer configured as a documented real TLS stack (e.g. Windows Server 2019
// Schannel), as data in scenarios/personas/<name>.json. `run --persona NAME` makes every
// scenario's peer start from it; each scenario then changes only what it tests (its own peer
// settings win, field by field: scenarios/peer_setup.h merge()).
//
// Every setting cites a source, or is marked as an assumption with what it rests on: the file
// says which facts are documented and which are not, and the readiness report prints both.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/json_fields.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// A document a data file rests on.
struct Source {
  std::string id;  // how notes refer to it, e.g. "ms-suites-1809"
  std::string title;
  std::string url;
};

// Where one setting comes from: a source (`source` = a Source id) or an `assumption` (what it
// rests on, in our words); exactly one of the two.
struct PersonaNote {
  std::string about;  // the setting, e.g. "suites", or a behaviour, e.g. "alerts"
  std::string source;
  std::string assumption;
  std::string detail;  // what the source says, or what the setting is, in our words
};

// Our peer in one role: its settings and where each comes from.
struct PersonaSide {
  PeerSettings peer;
  std::vector<PersonaNote> notes;
};

// What the real stack logs for a fatal alert; "{code}" and "{alert}" stand for the alert's number
// and name. Empty: not known.
struct PersonaLogs {
  std::string alert_received;  // the peer sent a fatal alert
  std::string alert_sent;      // the stack sent one
  std::string closed;          // the peer closed without an alert
  std::vector<std::pair<std::string, std::string>> error_codes;  // alert name -> error code text
  std::vector<PersonaNote> notes;
};

struct Persona {
  std::string name;     // the file's stem and `--persona` value
  std::string title;    // e.g. "Windows Server 2019 / Windows 10 1809 Schannel, October 2019 updates"
  std::vector<Source> sources;
  PersonaSide client;   // our peer as the client: the IUT is the server
  PersonaSide server;   // our peer as the server: the IUT is the client
  PersonaLogs logs;
  std::string file;

  // Our peer's settings opposite an IUT in `iut_role`.
  const PersonaSide& opposite(Role iut_role) const { return iut_role == Role::server ? client : server; }
};

// Throws LoadError (one line naming the file and field).
Persona load_persona(const std::filesystem::path& file);
Persona load_persona_text(const std::string& text, const std::string& file, const std::string& name);
// $TLSC_PERSONAS if set, else the source tree's scenarios/personas.
std::filesystem::path default_persona_dir();
// <dir>/<name>.json; an unknown name is one line that lists the known ones.
Persona find_persona(const std::string& name, const std::filesystem::path& dir = default_persona_dir());
std::vector<std::string> persona_names(const std::filesystem::path& dir = default_persona_dir());

// Sources as data files write them: [{"id", "title", "url"}], ids unique.
std::vector<Source> parse_sources(const fields::json& j, const fields::Where& w);
// A note's fields; its `source` must be one of `sources`.
PersonaNote parse_note(const fields::json& j, const fields::Where& w, const std::vector<Source>& sources);

}  // namespace tlsc::scenarios
