#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <iostream>
#include <list>
#include <mutex>
#include <thread>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "http/login_limiter.hpp"
#include "http/request_target.hpp"
#include "store/clock.hpp"

namespace bangfu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

class Session;

struct Server::Impl {
    App& app;
    ServerOptions options;
    StaticFiles statics;
    asio::io_context ioc;
    asio::thread_pool workers;
    // Logins on threads of their own (ServerOptions::login_workers), with their own bound.
    asio::thread_pool login_workers;
    std::atomic<int> login_queued{0};
    LoginLimiter login_limiter;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::executor_work_guard<asio::io_context::executor_type> guard;
    std::atomic<int> in_flight{0};
    // Requests handed to the worker pool and not yet picked up by a worker: the bounded queue.
    std::atomic<int> queued{0};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::list<std::weak_ptr<Session>> sessions;
    // The health check, answered on the I/O thread from the last probe (probe_health), so it is
    // never behind queued work: a load balancer learns at once whether the database answers.
    std::mutex health_mutex;
    std::condition_variable health_wake;
    std::chrono::steady_clock::time_point healthy_at{};  // last probe that got an answer
    std::string health_body;                             // its answer
    std::string health_problem;                          // the last failure, for the log
    // Accept waits a little after running out of file descriptors instead of spinning.
    asio::steady_timer accept_backoff{ioc};
    bool logged_emfile = false;

    Impl(App& a, ServerOptions o)
        : app(a),
          options(std::move(o)),
          statics(options.web_root),
          ioc(options.io_threads),
          workers(static_cast<std::size_t>(options.workers)),
          login_workers(static_cast<std::size_t>(options.login_workers)),
          login_limiter(options.login_rate),
          acceptor(ioc),
          signals(ioc, SIGINT, SIGTERM),
          guard(asio::make_work_guard(ioc)) {}

    void accept();
    void probe_health();
    Response health_response(std::string_view lang);
    void begin_shutdown();
    void wait_for_drain(std::shared_ptr<asio::steady_timer> timer,
                        std::chrono::steady_clock::time_point deadline);
};

namespace {

template <class Key>
std::string header(const bhttp::request<bhttp::string_body>& req, Key f) {
    auto it = req.find(f);
    return it == req.end() ? std::string() : std::string(it->value());
}

std::string session_cookie(const std::string& cookies) {
    std::string_view s = cookies;
    constexpr std::string_view name = "bangfu_session=";
    while (!s.empty()) {
        while (!s.empty() && (s.front() == ' ' || s.front() == ';')) s.remove_prefix(1);
        auto end = s.find(';');
        auto item = s.substr(0, end);
        if (item.starts_with(name)) return std::string(item.substr(name.size()));
        if (end == std::string_view::npos) break;
        s.remove_prefix(end + 1);
    }
    return {};
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Server::Impl& server)
        : stream_(std::move(socket)), server_(server) {
        beast::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        remote_ = ec ? "?" : ep.address().to_string();
    }

    void start() {
        asio::dispatch(stream_.get_executor(),
                       [self = shared_from_this()] { self->read_header(); });
    }

    // Called on shutdown: an idle keep-alive connection is closed at once; a busy one closes
    // after its response.
    void close_if_idle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) {
                beast::error_code ec;
                self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
                self->stream_.close();
            }
        });
    }

  private:
    void read_header() {
        busy_ = false;
        parser_.emplace();
        parser_->body_limit(server_.options.body_limit);
        parser_->header_limit(16 * 1024);
        stream_.expires_after(server_.options.idle_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     self->on_header(ec);
                                 });
    }

    void on_header(beast::error_code ec) {
        if (ec) return fail(ec);
        busy_ = true;
        started_ = std::chrono::steady_clock::now();
        stream_.expires_after(server_.options.body_timeout);
        bhttp::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void fail(beast::error_code ec) {
        busy_ = true;  // until the error response is written
        std::string_view lang = "zh";
        if (ec == bhttp::error::body_limit) {
            keep_alive_ = false;
            return write(error_response(core::ErrorKind::too_large,
                                        {"请求内容过大", "The request body is too large"}, lang),
                         "", "");
        }
        // Malformed requests and framing (a bad or repeated Content-Length, a bad chunk, a bad
        // Transfer-Encoding) get a 400 and the connection closed: after bad framing nothing
        // tells where the next request would start.
        if (ec == bhttp::error::header_limit || ec == bhttp::error::bad_target ||
            ec == bhttp::error::bad_method || ec == bhttp::error::bad_field ||
            ec == bhttp::error::bad_value || ec == bhttp::error::bad_version ||
            ec == bhttp::error::bad_line_ending || ec == bhttp::error::bad_content_length ||
            ec == bhttp::error::multiple_content_length ||
            ec == bhttp::error::bad_transfer_encoding || ec == bhttp::error::bad_chunk ||
            ec == bhttp::error::bad_chunk_extension || ec == bhttp::error::bad_obs_fold) {
            keep_alive_ = false;
            return write(error_response(core::ErrorKind::malformed,
                                        {"无法解析的 HTTP 请求", "Malformed HTTP request"}, lang),
                         "", "");
        }
        // end of stream, timeouts, resets: nothing to answer.
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    void on_read(beast::error_code ec) {
        if (ec) return fail(ec);
        auto raw = parser_->release();
        keep_alive_ = raw.keep_alive() && !server_.stopping;
        Request req;
        req.method = std::string(raw.method_string());
        req.client = remote_;
        std::string accept_language = header(raw, bhttp::field::accept_language);
        req.lang = accept_language.starts_with("en") ? "en" : "zh";
        try {
            auto target = parse_request_target(raw.target());
            req.path = std::move(target.path);
            req.query = std::move(target.query);
        } catch (const core::Error& e) {
            // The target itself is not logged: it is what could not be read.
            return write(error_response(e, req.lang), req.method,
                         e.fields().empty() ? std::string(raw.target()) : "(invalid)");
        }
        req.body = std::move(raw.body());
        req.content_type = header(raw, bhttp::field::content_type);
        req.session_cookie = session_cookie(header(raw, bhttp::field::cookie));
        auto authorization = header(raw, bhttp::field::authorization);
        if (authorization.starts_with("Bearer ")) req.bearer_token = authorization.substr(7);
        req.csrf_header = header(raw, "X-CSRF-Token");
        req.idempotency_key = header(raw, "Idempotency-Key");
        const auto& proxies = server_.options.trusted_proxies;
        if (std::find(proxies.begin(), proxies.end(), remote_) != proxies.end()) {
            // From a trusted proxy: the client is the address it saw (the last one it added),
            // and the scheme the client used is the one it says.
            auto forwarded_for = header(raw, "X-Forwarded-For");
            if (auto comma = forwarded_for.rfind(','); comma != std::string::npos)
                forwarded_for = forwarded_for.substr(comma + 1);
            auto client = core::trim(forwarded_for);
            if (!client.empty()) req.client = client;
            req.forwarded_https = core::trim(header(raw, "X-Forwarded-Proto")) == "https";
        }
        head_ = req.method == "HEAD";

        if (req.path == "/healthz" && (req.method == "GET" || req.method == "HEAD") &&
            !(server_.options.test_delay && !header(raw, "X-Bangfu-Test-Delay").empty()))
            return write(server_.health_response(req.lang), req.method, req.path);
        bool api = req.path.starts_with("/api/") || req.path == "/healthz";
        if (!api && (req.method == "GET" || req.method == "HEAD")) {
            Response r;
            if (const auto* f = server_.statics.find(req.path)) {
                r.body = f->body;
                r.content_type = f->content_type;
                r.headers.emplace_back("Cache-Control", f->immutable
                                                            ? "public, max-age=31536000, immutable"
                                                            : "no-cache");
            } else if (server_.statics.empty()) {
                r.status = 503;
                r.content_type = "text/plain; charset=utf-8";
                r.body =
                    "网页界面尚未构建（npm run build）。The web UI is not built (npm run build).\n";
            } else {
                r = error_response(core::ErrorKind::not_found, {"页面不存在", "Not found"},
                                   req.lang);
            }
            return write(std::move(r), req.method, req.path);
        }
        if (server_.options.test_delay) {
            auto delay = header(raw, "X-Bangfu-Test-Delay");
            int ms = 0;
            std::from_chars(delay.data(), delay.data() + delay.size(), ms);
            test_delay_ = std::chrono::milliseconds(std::clamp(ms, 0, 10'000));
        }
        if (req.method == "POST" && req.path == "/api/v1/auth/login") {
            if (auto wait = server_.login_limiter.admit(req.client)) {
                Response r = error_response(
                    core::ErrorKind::throttled,
                    {"来自该地址的登录过于频繁，请 " + std::to_string(*wait) + " 秒后再试",
                     "Too many logins from this address; try again in " + std::to_string(*wait) +
                         (*wait == 1 ? " second" : " seconds")},
                    req.lang);
                r.headers.emplace_back("Retry-After", std::to_string(*wait));
                return write(std::move(r), req.method, req.path);
            }
            return run_on(server_.login_workers, server_.login_queued, server_.options.login_queue,
                          std::move(req));
        }
        run_on(server_.workers, server_.queued, server_.options.queue, std::move(req));
    }

    // Admission to a pool: a counter, not a lock, so this I/O thread never waits. Past the
    // bound, overload is answered at once rather than queued without limit, and the database is
    // not touched. The application may wait on the database: it runs on the pool, then comes
    // back to this connection's strand to write.
    void run_on(asio::thread_pool& pool, std::atomic<int>& queued, int bound, Request req) {
        if (queued.fetch_add(1) >= bound) {
            --queued;
            Response r = error_response(
                core::ErrorKind::unavailable,
                {"服务器繁忙，请稍后重试", "The server is busy; try again shortly"}, req.lang);
            r.headers.emplace_back("Retry-After", "1");
            return write(std::move(r), req.method, req.path);
        }
        ++server_.in_flight;
        asio::post(pool, [self = shared_from_this(), &queued, req = std::move(req)]() mutable {
            --queued;
            // A request whose client has gone is not executed: no database work, no audit
            // entry, no write that nobody will learn about.
            if (self->client_gone()) return self->drop(req.method, req.path);
            if (self->test_delay_.count() > 0) std::this_thread::sleep_for(self->test_delay_);
            Response r = self->server_.app.handle(req);
            asio::post(self->stream_.get_executor(),
                       [self, r = std::move(r), method = req.method, path = req.path]() mutable {
                           --self->server_.in_flight;
                           self->write(std::move(r), method, path);
                       });
        });
    }

    void write(Response r, const std::string& method, const std::string& path) {
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
        res->version(11);
        res->result(static_cast<unsigned>(r.status));
        res->set(bhttp::field::server, "bangfu");
        if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
        res->set("X-Content-Type-Options", "nosniff");
        res->set("X-Frame-Options", "DENY");
        res->set("Referrer-Policy", "same-origin");
        if (r.content_type.starts_with("text/html"))
            res->set(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                "frame-ancestors 'none'");
        if (path.starts_with("/api/")) res->set(bhttp::field::cache_control, "no-store");
        for (auto& [k, v] : r.headers) res->insert(k, v);
        res->keep_alive(keep_alive_ && !server_.stopping);
        std::size_t bytes = r.body.size();
        res->body() = head_ ? std::string() : std::move(r.body);
        res->prepare_payload();
        if (head_) res->content_length(bytes);
        if (server_.options.access_log) log(method, path, r.status, bytes, r.user);
        bhttp::async_write(stream_, *res,
                           [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                               if (ec) return self->stream_.close();
                               if (!res->keep_alive()) return self->linger();
                               self->read_header();
                           });
    }

    // Runs on a worker while the connection waits for its response, so nothing else uses the
    // socket meanwhile; poll() only looks at the descriptor. A peer that has closed its end (FIN:
    // POLLRDHUP; reset: POLLHUP/POLLERR) is gone, as nginx also takes it; a client that still
    // waits for the answer has not closed its sending side.
    bool client_gone() {
        pollfd p{stream_.socket().native_handle(), POLLRDHUP, 0};
        return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
    }

    // The request of a gone client: logged as nginx's 499 (client closed request), never run.
    void drop(const std::string& method, const std::string& path) {
        asio::post(stream_.get_executor(), [self = shared_from_this(), method, path] {
            --self->server_.in_flight;
            if (self->server_.options.access_log) self->log(method, path, 499, 0, "");
            self->stream_.close();
        });
    }

    // Closing with unread request bytes pending makes the kernel send a reset that can destroy
    // the response still in flight (a 413 for an oversized upload, say). So: stop sending, read
    // and discard what the client still sends for a short while, then close.
    void linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        discard_ = std::make_shared<std::array<char, 64 * 1024>>();
        read_discard(0);
    }

    void read_discard(std::size_t so_far) {
        stream_.async_read_some(asio::buffer(*discard_), [self = shared_from_this(), so_far](
                                                             beast::error_code ec, std::size_t n) {
            if (ec || so_far + n > 64 * 1024 * 1024) return self->stream_.close();
            self->read_discard(so_far + n);
        });
    }

    void log(const std::string& method, const std::string& path, int status, std::size_t bytes,
             const std::string& user) {
        // Microseconds as an integer: Boost.JSON would print a double as 9.1E-1.
        std::int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started_)
                              .count();
        boost::json::object line{
            {"ts", store::now_utc()}, {"remote", remote_}, {"method", method}, {"path", path},
            {"status", status},       {"bytes", bytes},    {"us", us},         {"user", user}};
        spdlog::get("access")->info(boost::json::serialize(line));
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    Server::Impl& server_;
    std::string remote_;
    bool keep_alive_ = true;
    bool busy_ = false;
    bool head_ = false;
    std::chrono::milliseconds test_delay_{0};
    std::shared_ptr<std::array<char, 64 * 1024>> discard_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

void Server::Impl::accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (stopping) return;
            if (ec == asio::error::no_descriptors || ec.value() == ENFILE) {
                // Out of file descriptors: the pending connection stays in the backlog, so
                // accepting again at once would spin. Wait for some connections to close.
                if (!logged_emfile)
                    spdlog::error(
                        "out of file descriptors ({}): accepting again in 100 ms; raise "
                        "the limit (ulimit -n, LimitNOFILE=) or lower the load",
                        ec.message());
                logged_emfile = true;
                accept_backoff.expires_after(std::chrono::milliseconds(100));
                accept_backoff.async_wait([this](beast::error_code) {
                    if (!stopping) accept();
                });
                return;
            }
            accept();
            return;
        }
        logged_emfile = false;
        auto s = std::make_shared<Session>(std::move(socket), *this);
        {
            std::lock_guard lock(sessions_mutex);
            sessions.remove_if([](const auto& w) { return w.expired(); });
            sessions.push_back(s);
        }
        s->start();
        accept();
    });
}

void Server::Impl::probe_health() {
    // The application's own health route: the database answers a query.
    Request req;
    req.method = "GET";
    req.path = "/healthz";
    req.client = "health-probe";
    Response r = app.handle(req);
    std::lock_guard lock(health_mutex);
    if (r.status == 200) {
        if (!health_problem.empty()) spdlog::info("health check: the database answers again");
        healthy_at = std::chrono::steady_clock::now();
        health_body = std::move(r.body);
        health_problem.clear();
    } else if (health_problem != r.body) {
        // Said once per change, not once per probe.
        spdlog::error("health check failed: {}", r.body);
        health_problem = std::move(r.body);
    }
}

Response Server::Impl::health_response(std::string_view lang) {
    // A probe runs every second; an answer older than 3 s means the database hangs or fails.
    if (auto why = app.degraded()) {
        // The database answers, but refuses writes (full disk, read-only): not healthy.
        Response r = Response::json(
            boost::json::object{{"status", "degraded"}, {"reason", why->in(lang)}}, 503);
        r.headers.emplace_back("Retry-After", "60");
        return r;
    }
    std::lock_guard lock(health_mutex);
    if (!health_body.empty() &&
        std::chrono::steady_clock::now() - healthy_at < std::chrono::seconds(3)) {
        Response r;
        r.body = health_body;
        return r;
    }
    Response r = error_response(core::ErrorKind::unavailable,
                                {"数据库无响应", "The database does not answer"}, lang);
    r.headers.emplace_back("Retry-After", "1");
    return r;
}

void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info("shutting down: finishing requests in flight");
    beast::error_code ec;
    acceptor.close(ec);
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& w : sessions)
            if (auto s = w.lock()) s->close_if_idle();
    }
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    wait_for_drain(timer, std::chrono::steady_clock::now() + options.shutdown_grace);
}

void Server::Impl::wait_for_drain(std::shared_ptr<asio::steady_timer> timer,
                                  std::chrono::steady_clock::time_point deadline) {
    if (in_flight == 0) {
        guard.reset();  // run() returns once the last responses are written
        return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
        spdlog::warn("shutdown grace period over with {} requests in flight", in_flight.load());
        ioc.stop();
        return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait(
        [this, timer, deadline](beast::error_code) { wait_for_drain(timer, deadline); });
}

Server::Server(App& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {
    if (!spdlog::get("access")) {
        auto logger = spdlog::default_logger()->clone("access");
        logger->set_pattern("%v");
        spdlog::register_logger(logger);
    }
}

Server::~Server() = default;

void Server::run() {
    auto& i = *impl_;
    auto address = asio::ip::make_address(i.options.address);
    tcp::endpoint endpoint(address, i.options.port);
    i.acceptor.open(endpoint.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(endpoint);
    i.acceptor.listen(asio::socket_base::max_listen_connections);
    auto bound = i.acceptor.local_endpoint();
    std::cout << "listening on http://" << bound.address().to_string() << ":" << bound.port()
              << std::endl;
    if (i.statics.empty())
        spdlog::warn("web UI not found at \"{}\": only the API is served", i.options.web_root);
    i.signals.async_wait([&i](beast::error_code ec, int) {
        if (!ec) i.begin_shutdown();
    });
    // The health probe: one query a second on a thread of its own (a hanging database holds
    // this thread, not an I/O thread; /healthz then says 503 from the age of the last answer).
    i.probe_health();
    std::thread prober([&i] {
        std::unique_lock lock(i.health_mutex);
        while (!i.stopping) {
            i.health_wake.wait_for(lock, std::chrono::seconds(1));
            if (i.stopping) break;
            lock.unlock();
            i.probe_health();
            lock.lock();
        }
    });
    i.accept();
    std::vector<std::thread> threads;
    for (int n = 1; n < i.options.io_threads; ++n) threads.emplace_back([&i] { i.ioc.run(); });
    i.ioc.run();
    for (auto& t : threads) t.join();
    {
        std::lock_guard lock(i.health_mutex);
        i.stopping = true;
    }
    i.health_wake.notify_all();
    prober.join();
    i.workers.join();
    i.login_workers.join();
    spdlog::info("server stopped");
}

}  // namespace bangfu::http
