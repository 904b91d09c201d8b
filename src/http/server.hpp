#pragma once
// The HTTP server (Boost.Beast): I/O threads read and write, a worker pool runs the application,
// because database work must never block an I/O thread.
#include <chrono>
#include <string>
#include <vector>

#include "http/app.hpp"
#include "http/static_files.hpp"

namespace bangfu::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    int io_threads = 1;
    int workers = 4;
    // Requests that may wait for a worker; beyond that a request is answered 503 at once.
    int queue = 256;
    std::string web_root;
    std::size_t body_limit = 32 * 1024 * 1024;
    std::chrono::seconds idle_timeout{60};  // waiting for (the header of) the next request
    std::chrono::seconds body_timeout{60};  // receiving a request body
    std::chrono::seconds shutdown_grace{10};
    bool access_log = true;
    // Reverse proxies (nginx, haproxy) whose X-Forwarded-Proto and X-Forwarded-For are believed:
    // the client's address (audit, access log) and whether it came over TLS (Secure cookies).
    std::vector<std::string> trusted_proxies;
    // Logins (POST /api/v1/auth/login) run on their own threads with their own bounded queue:
    // Argon2id is deliberately slow, and a flood of logins must not delay anyone else's request.
    // Each client address may start `login_rate` logins a minute (and as many at once).
    int login_workers = 1;
    int login_queue = 64;
    int login_rate = 120;
    // Tests only: a request with the header X-Bangfu-Test-Delay: MS holds its worker that long
    // (at most 10 s) before it runs, as a slow request would.
    bool test_delay = false;
};

class Server {
  public:
    Server(App& app, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    // Binds, prints "listening on http://ADDRESS:PORT", serves until SIGTERM or SIGINT, then
    // stops accepting, finishes the requests in flight and returns.
    void run();

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace bangfu::http
