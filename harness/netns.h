// Fresh network namespaces for IUT servers that cannot be told to bind to 127.0.0.1 only
// (gnutls-serv listens on every interface). On Linux a thread can have its own network namespace:
// run_in_fresh_netns runs `fn` on a new thread that unshares its network namespace and brings
// `lo` up, so everything `fn` does (the IUT server it starts inherits the namespace, our client
// connects from that thread) sees nothing but loopback. The namespace disappears with the thread
// and the processes started in it.
#pragma once

#include <functional>
#include <string>

namespace tlsc::harness {

// "" when `fn` ran in a fresh namespace with `lo` up; otherwise one line saying why not (then
// `fn` did not run). Needs CAP_SYS_ADMIN (root, or a user namespace that grants it).
std::string run_in_fresh_netns(const std::function<void()>& fn);

}  // namespace tlsc::harness
