// Remote mode of `tlsconform run`: the IUT is started by the user, not by us.
//   --target HOST:PORT  server-role scenarios connect to an IUT server already listening there
//                       (restarts between scenarios are the user's business);
//   --listen HOST:PORT  client-role scenarios wait there for the user's IUT client: for each
//                       connection a prompt says what to do, and the connection is relayed to
//                       the scenario's own server (which listens on an ephemeral port).
// HOST must be loopback: all traffic of tlsconform stays on 127.0.0.1 (or ::1).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "scenarios/interpreter.h"

namespace tlsc::harness {

struct Endpoint {
  std::string host;  // "127.0.0.1" or "::1"
  uint16_t port = 0;
  std::string text() const;  // "127.0.0.1:4433", "[::1]:4433"
};

// Parses "HOST:PORT" where HOST is 127.0.0.1, localhost or [::1] and PORT is 1..65535. On failure
// returns false and sets `error` to one line ("10.0.0.1 is not a loopback address: ...").
bool parse_loopback_endpoint(const std::string& text, Endpoint* out, std::string* error);

// The IUT server someone else started.
class RemoteIutServer : public scenarios::IutServer {
 public:
  explicit RemoteIutServer(Endpoint target) : target_(std::move(target)) {}
  uint16_t port() override { return target_.port; }
  std::string host() override { return target_.host; }

 private:
  Endpoint target_;
};

// The user's IUT client: it connects to `listen`; we relay the connection to our server.
class RemoteIutClient : public scenarios::IutClient {
 public:
  // `connections`: how many the scenario has; `most`: how many it may need in all (fallback
  // attempts and probes repeat them; see most_connections), both for the prompt; `prompt` prints
  // one line.
  RemoteIutClient(Endpoint listen, std::chrono::milliseconds timeout, size_t connections, size_t most,
                  std::function<void(const std::string&)> prompt);
  ~RemoteIutClient() override;
  // Prompts, waits up to the timeout for the user's client, then relays it to 127.0.0.1:`port`
  // until both sides are done. Returns "" or why no client came.
  std::string connect(uint16_t port, size_t index, bool resume) override;

 private:
  Endpoint listen_;
  std::chrono::milliseconds timeout_;
  size_t connections_;
  size_t most_;
  size_t made_ = 0;  // connections prompted for so far in this scenario
  std::function<void(const std::string&)> prompt_;
  int listen_fd_ = -1;
};

// The most client connections scenario `s` can ask for: its connections, again for each fallback
// attempt (a search that waits for luck, e.g. a leading zero byte of the IUT's ECDHE secret) and
// for each diagnostic probe. `per_run`: connections one pass makes (an FTPS session is one).
size_t most_connections(const scenarios::Scenario& s, size_t per_run);

// A --listen run leaves out the client-role scenarios whose fallback repeats connections until
// luck gives the case (hundreds of prompts for a person), unless `with_retries` (--listen-retries).
bool left_out_of_listen(const scenarios::Scenario& s, bool listening, bool with_retries);
// The one line that says so: "--listen: left out 5 scenarios that repeat ... (ids); ...".
std::string listen_left_out_note(const std::vector<const scenarios::Scenario*>& left_out);

}  // namespace tlsc::harness
