#include "peers/transport/memory_pipe.h"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace tlsc::transport {
namespace {

// One direction of the pipe.
struct Channel {
  std::deque<uint8_t> data;
  bool write_closed = false;  // writer shut down: reader gets EOF after draining
  bool reader_gone = false;   // reader closed: writer gets reset
  bool reset = false;         // writer aborted: reader gets reset
};

struct Shared {
  explicit Shared(size_t cap) : capacity(cap == 0 ? 1 : cap) {}
  std::mutex mu;
  std::condition_variable cv;
  size_t capacity;
  Channel channels[2];  // channels[i]: written by end i, read by end 1 - i
};

class PipeEnd final : public Stream {
 public:
  PipeEnd(std::shared_ptr<Shared> shared, int index) : shared_(std::move(shared)), me_(index) {}
  ~PipeEnd() override { close(); }

  IoResult read_some(std::span<uint8_t> buf, Deadline deadline) override {
    std::unique_lock lock(shared_->mu);
    if (closed_) return {IoStatus::error, 0, 0, "read on a closed stream"};
    if (buf.empty()) return {};
    Channel& in = incoming();
    const auto ready = [&] { return in.reset || !in.data.empty() || in.write_closed; };
    if (!wait(lock, deadline, ready)) return {IoStatus::timeout, 0, 0, "deadline passed"};
    if (in.reset) return {IoStatus::reset, 0, 0, "peer aborted the connection"};
    if (in.data.empty()) return {IoStatus::eof, 0, 0, "peer closed the connection"};
    size_t n = 0;
    while (n < buf.size() && !in.data.empty()) {
      buf[n++] = in.data.front();
      in.data.pop_front();
    }
    shared_->cv.notify_all();  // room for the writer
    return {IoStatus::ok, n, 0, {}};
  }

  IoResult write_all(ByteView data, Deadline deadline) override {
    std::unique_lock lock(shared_->mu);
    if (closed_) return {IoStatus::error, 0, 0, "write on a closed stream"};
    Channel& out = outgoing();
    if (out.write_closed) return {IoStatus::error, 0, 0, "write after shutdown_write"};
    size_t sent = 0;
    while (sent < data.size()) {
      const auto ready = [&] {
        return out.reader_gone || incoming().reset || out.data.size() < shared_->capacity;
      };
      if (!wait(lock, deadline, ready)) return {IoStatus::timeout, sent, 0, "deadline passed"};
      if (out.reader_gone || incoming().reset) return {IoStatus::reset, sent, 0, "peer closed the connection"};
      while (sent < data.size() && out.data.size() < shared_->capacity) out.data.push_back(data[sent++]);
      shared_->cv.notify_all();
    }
    return {IoStatus::ok, sent, 0, {}};
  }

  IoResult shutdown_write() override {
    std::lock_guard lock(shared_->mu);
    if (closed_) return {IoStatus::error, 0, 0, "shutdown on a closed stream"};
    outgoing().write_closed = true;
    shared_->cv.notify_all();
    return {};
  }

  void close() override {
    std::lock_guard lock(shared_->mu);
    if (closed_) return;
    closed_ = true;
    outgoing().write_closed = true;
    incoming().reader_gone = true;
    incoming().data.clear();
    shared_->cv.notify_all();
  }

  void abort() override {
    std::lock_guard lock(shared_->mu);
    if (closed_) return;
    closed_ = true;
    outgoing().reset = true;
    outgoing().data.clear();
    incoming().reader_gone = true;
    incoming().data.clear();
    shared_->cv.notify_all();
  }

 private:
  Channel& outgoing() { return shared_->channels[me_]; }
  Channel& incoming() { return shared_->channels[1 - me_]; }

  template <class Pred>
  bool wait(std::unique_lock<std::mutex>& lock, Deadline deadline, Pred ready) {
    if (deadline == kNoDeadline) {
      shared_->cv.wait(lock, ready);
      return true;
    }
    return shared_->cv.wait_until(lock, deadline, ready);
  }

  std::shared_ptr<Shared> shared_;
  int me_;
  bool closed_ = false;  // guarded by shared_->mu
};

}  // namespace

MemoryPipe make_memory_pipe(size_t capacity) {
  auto shared = std::make_shared<Shared>(capacity);
  return {std::make_unique<PipeEnd>(shared, 0), std::make_unique<PipeEnd>(shared, 1)};
}

}  // namespace tlsc::transport
