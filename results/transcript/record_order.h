// Interleaving the two directions of one connection when only the two whole byte streams are
// known: one TLS record per step, following the handshake's flights.
//
// The client speaks first. A direction keeps the turn until it has sent a record that ends its
// flight: one completing a ClientHello, HelloRequest or ServerHelloDone, the first handshake
// record after its ChangeCipherSpec (its Finished), an alert, an application_data record, or
// bytes that are not a record. Then the other direction takes the turn; a direction with nothing
// left gives it up. This reproduces the real order of full and abbreviated handshakes (with or
// without client authentication and tickets) and of request/response application data; inside an
// encrypted renegotiation the flights cannot be told apart and the order is approximate. Each
// direction's own bytes always stay in order, so TCP reassembly and decryption are unaffected.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlsc::results {

enum class Direction { client_to_server, server_to_client };

struct Segment {
  Direction dir = Direction::client_to_server;
  size_t offset = 0;  // in that direction's stream
  size_t size = 0;
  std::string what;   // "handshake TLS1.2 len 74: client_hello"
};

std::vector<Segment> order_records(const std::vector<uint8_t>& client_to_server,
                                   const std::vector<uint8_t>& server_to_client);

}  // namespace tlsc::results
