// The readable trace of one connection: what our engine logged (its message list), then every
// record in exchange order with direction, content type, version, length and handshake types.
#pragma once

#include <string>
#include <vector>

#include "results/transcript/record_order.h"

namespace tlsc::results {

struct TraceInput {
  std::string our_role;               // "client" or "server": the side our engine played
  std::vector<std::string> messages;  // "> client_hello", "< server_hello", ... (">" = we sent)
  const std::vector<uint8_t>* client_to_server = nullptr;
  const std::vector<uint8_t>* server_to_client = nullptr;
  const std::vector<Segment>* order = nullptr;
};

std::string text_trace(const TraceInput& in);

}  // namespace tlsc::results
