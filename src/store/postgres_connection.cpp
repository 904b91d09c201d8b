#include "store/postgres_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>

#include <atomic>
#include <chrono>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

namespace bangfu::store {

std::string to_postgres_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// 0: no limit (the command line: migrations, imports); `serve` sets one.
std::atomic<std::int64_t> statement_deadline_ms{0};

struct ConnCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClearer {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

class PostgresConnection final : public Connection {
  public:
    PostgresConnection(const std::string& uri, const std::string& shown) {
        // Defaults first, the URL last: what the URL says wins (expand_dbname). Without them a
        // partitioned network or a frozen server would hold a connect for minutes and a broken
        // connection unnoticed until the kernel gives up on it.
        const char* keys[] = {
            "connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
            "keepalives_count", "tcp_user_timeout", "dbname",          nullptr};
        const char* values[] = {"5", "1", "10", "5", "3", "15000", uri.c_str(), nullptr};
        conn_.reset(PQconnectdbParams(keys, values, 1));
        if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
            std::string msg = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
            while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
            for (auto& c : msg)
                if (c == '\n') c = ' ';
            throw DbError(DbError::Kind::connection, "cannot connect to " + shown + ": " + msg);
        }
        execute_script(
            "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    }

    Engine engine() const override { return Engine::postgresql; }

    Rows query(std::string_view sql, const Params& params) override {
        ResultPtr r = run(sql, params);
        Rows rows;
        int n = PQntuples(r.get()), cols = PQnfields(r.get());
        rows.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            std::vector<std::optional<std::string>> cells(static_cast<std::size_t>(cols));
            for (int j = 0; j < cols; ++j)
                if (!PQgetisnull(r.get(), i, j))
                    cells[static_cast<std::size_t>(j)] =
                        std::string(PQgetvalue(r.get(), i, j),
                                    static_cast<std::size_t>(PQgetlength(r.get(), i, j)));
            rows.emplace_back(std::move(cells));
        }
        return rows;
    }

    std::int64_t execute(std::string_view sql, const Params& params) override {
        ResultPtr r = run(sql, params);
        const char* n = PQcmdTuples(r.get());
        return n && *n ? std::stoll(n) : 0;
    }

    void execute_script(std::string_view sql) override {
        alive();
        if (!PQsendQuery(conn_.get(), std::string(sql).c_str())) check(nullptr);
        ResultPtr r = await_result();
        check(r.get());
    }

    void begin(bool) override { execute_script("BEGIN"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (broken_) return;
        if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) execute_script("ROLLBACK");
    }
    bool in_transaction() const override {
        return !broken_ && PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
    }
    bool healthy() const override {
        return !broken_ && PQstatus(conn_.get()) == CONNECTION_OK &&
               PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
    }

  private:
    void alive() {
        if (broken_)
            throw DbError(DbError::Kind::connection,
                          "PostgreSQL connection abandoned after a timeout");
    }

    // Waits for the answer of the query just sent, at most the statement deadline: a server
    // that stopped answering (frozen, or a network partition the kernel has not noticed yet)
    // costs a request that long, then a 503, instead of holding a worker indefinitely. The
    // connection is then abandoned (healthy() is false: the pool drops it).
    ResultPtr await_result() {
        auto limit = std::chrono::milliseconds(statement_deadline_ms.load());
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (PQisBusy(conn_.get())) {
            int wait = -1;
            if (limit.count() > 0) {
                auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) {
                    broken_ = true;
                    throw DbError(DbError::Kind::connection,
                                  fmt::format("PostgreSQL did not answer within {} s",
                                              limit.count() / 1000.0));
                }
                wait = static_cast<int>(left.count());
            }
            pollfd p{PQsocket(conn_.get()), POLLIN, 0};
            if (::poll(&p, 1, wait) < 0 && errno != EINTR) check(nullptr);
            if (!PQconsumeInput(conn_.get())) check(nullptr);
        }
        // The last result of the query (a script's last statement), or the first error.
        ResultPtr last;
        while (PGresult* r = PQgetResult(conn_.get())) {
            ResultPtr next(r);
            auto st = PQresultStatus(r);
            bool error = st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK;
            if (!last || error ||
                (PQresultStatus(last.get()) == PGRES_COMMAND_OK ||
                 PQresultStatus(last.get()) == PGRES_TUPLES_OK))
                last = std::move(next);
        }
        return last;
    }

    ResultPtr run(std::string_view sql, const Params& params) {
        alive();
        // Prepared once per connection and reused: planning is skipped on the hot paths.
        auto it = prepared_.find(std::string(sql));
        if (it == prepared_.end()) {
            std::string name = fmt::format("s{}", prepared_.size() + 1);
            if (!PQsendPrepare(conn_.get(), name.c_str(), to_postgres_placeholders(sql).c_str(), 0,
                               nullptr))
                check(nullptr);
            ResultPtr p = await_result();
            check(p.get());
            it = prepared_.emplace(std::string(sql), name).first;
        }
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>)
                        return;
                    else if constexpr (std::is_same_v<T, std::int64_t>)
                        texts[i] = std::to_string(v);
                    else if constexpr (std::is_same_v<T, double>)
                        texts[i] = fmt::format("{}", v);
                    else
                        texts[i] = v;
                    values[i] = texts[i].c_str();
                },
                params[i]);
        }
        if (!PQsendQueryPrepared(conn_.get(), it->second.c_str(), static_cast<int>(params.size()),
                                 values.data(), nullptr, nullptr, 0))
            check(nullptr);
        ResultPtr r = await_result();
        check(r.get());
        return r;
    }

    void check(PGresult* r) {
        auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_.get());
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        std::string sqlstate = state ? state : "";
        if (PQstatus(conn_.get()) != CONNECTION_OK)
            throw DbError(DbError::Kind::connection, "PostgreSQL connection lost: " + msg);
        if (sqlstate == "23505") throw DbError(DbError::Kind::unique_violation, msg);
        if (sqlstate == "23503") throw DbError(DbError::Kind::foreign_key_violation, msg);
        if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
            throw DbError(DbError::Kind::busy, msg);
        // disk_full, out of memory / too many files on the server's side
        if (sqlstate == "53100" || sqlstate == "53000")
            throw DbError(DbError::Kind::storage_full, "PostgreSQL: " + msg);
        if (sqlstate == "25006") throw DbError(DbError::Kind::read_only, "PostgreSQL: " + msg);
        throw DbError(DbError::Kind::other, "PostgreSQL: " + msg);
    }

    std::unique_ptr<PGconn, ConnCloser> conn_;
    std::unordered_map<std::string, std::string> prepared_;
    bool broken_ = false;
};

}  // namespace

void set_postgres_statement_deadline(std::chrono::milliseconds limit) {
    statement_deadline_ms = limit.count();
}

std::unique_ptr<Connection> open_postgres(const std::string& uri, const std::string& shown) {
    return std::make_unique<PostgresConnection>(uri, shown);
}

}  // namespace bangfu::store
