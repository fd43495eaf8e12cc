// Fake IUTs for interpreter tests, backed by our own engine: EngineIutServer runs
// engine::run_server with given server quirks and settings on a loopback listener in a thread.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "peers/engine/peer.h"
#include "peers/pki/test_pki.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/interpreter.h"

namespace tlsc::scenarios {

using Quirks = std::map<std::string, std::string>;

// `quirks` by name, parsed as the loader does for our engine in `role`; throws on a bad one.
inline engine::QuirkChanges parsed(const Quirks& quirks, engine::Role role) {
  engine::QuirkChanges out;
  for (const auto& [name, value] : quirks) {
    std::string why;
    const bool ok = role == engine::Role::kServer ? engine::parse_quirk(name, value, out.server, &why)
                                                  : engine::parse_quirk(name, value, out.client, &why);
    if (!ok) throw std::runtime_error(why);
  }
  return out;
}

// The test PKI, generated once per test binary in a temporary folder.
inline const PeerEnv& env() {
  static const PeerEnv e = [] {
    PeerEnv out;
    const auto dir = std::filesystem::temp_directory_path() / ("tlsc-interp-pki-" + std::to_string(::getpid()));
    std::string error;
    auto pki = pki::ensure(dir, &error);
    if (!pki) throw std::runtime_error(error);
    out.pki = *pki;
    out.io_timeout = std::chrono::milliseconds(2000);
    return out;
  }();
  return e;
}

// The IUT as server: our engine's server with `quirks`, serving connections until destroyed.
class EngineIutServer : public IutServer {
 public:
  explicit EngineIutServer(Quirks quirks, PeerSettings settings = {},
                           const std::function<void(engine::ServerConfig&)>& tweak = {}) {
    auto l = transport::TcpListener::listen("127.0.0.1", 0);
    if (!l.result.ok()) throw std::runtime_error(l.result.detail);
    listener_ = std::move(l.listener);
    auto state = std::make_shared<engine::ServerState>(99);
    config_ = server_config(settings, parsed(quirks, engine::Role::kServer), env(), 4242, state);
    if (tweak) tweak(config_);
    thread_ = std::thread([this] {
      while (!stop_) {
        auto a = listener_->accept(transport::deadline_after(std::chrono::milliseconds(50)));
        if (!a.result.ok()) continue;
        ++accepted_;  // counted before serving: the client may be done before run_server returns
        engine::run_server(*a.stream, config_);
      }
    });
  }
  ~EngineIutServer() override {
    stop_ = true;
    thread_.join();
  }
  uint16_t port() override { return listener_->port(); }
  int accepted() const { return accepted_; }

 private:
  std::unique_ptr<transport::TcpListener> listener_;
  engine::ServerConfig config_;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

}  // namespace tlsc::scenarios
