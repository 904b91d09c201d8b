#pragma once
// One small interface over SQLite and PostgreSQL. SQL is written once, with "?" placeholders
// (rewritten to $n for PostgreSQL); values travel as text, so the repository code reading a row
// is the same for both engines.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/database_url.hpp"

namespace bangfu::store {

using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Param>;

// An optional value as a parameter: NULL when absent.
template <class T>
Param nullable(const std::optional<T>& v) {
    if (v) return Param{*v};
    return Param{nullptr};
}

class DbError : public std::runtime_error {
  public:
    // storage_full: the disk (or the database's size limit) is full; read_only: the database
    // refuses writes (a read-only file or mount, a PostgreSQL standby).
    enum class Kind {
        unique_violation,
        foreign_key_violation,
        busy,
        connection,
        storage_full,
        read_only,
        other
    };
    DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

class Row {
  public:
    explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
    bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
    const std::string& text(std::size_t i) const;  // "" for NULL
    std::optional<std::string> opt_text(std::size_t i) const { return cells_.at(i); }
    std::int64_t integer(std::size_t i) const;  // 0 for NULL
    std::optional<std::int64_t> opt_integer(std::size_t i) const;
    std::optional<double> opt_real(std::size_t i) const;
    bool boolean(std::size_t i) const { return integer(i) != 0; }
    std::size_t size() const { return cells_.size(); }

  private:
    std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

class GroupCommit;

class Connection {
  public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;
    virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
    // Returns the number of rows changed.
    virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
    // Several statements without parameters (migrations).
    virtual void execute_script(std::string_view sql) = 0;
    virtual void begin(bool write) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    // False when the connection is broken and must not go back to the pool.
    virtual bool healthy() const = 0;
    // True between begin() and commit()/rollback().
    virtual bool in_transaction() const = 0;

    // The group commit of the database this connection belongs to (set by Database for its
    // pooled connections; null for a connection opened on its own).
    GroupCommit* group_commit() const { return group_commit_; }
    void set_group_commit(GroupCommit* g) { group_commit_ = g; }

    std::optional<Row> query_one(std::string_view sql, const Params& params = {});
    std::int64_t query_int(std::string_view sql, const Params& params = {});

  private:
    friend class Transaction;
    GroupCommit* group_commit_ = nullptr;
    int savepoints_ = 0;  // Transactions open inside the outermost one
};

// Begins on construction, rolls back on destruction unless committed: an exception anywhere in
// a write leaves the database as it was.
//
// A Transaction opened while one is already open (a handler run inside the request's own write
// transaction, for idempotency keys: http/idempotency.hpp) is a SAVEPOINT of it: its commit
// releases the savepoint, its rollback undoes its own writes only, and nothing is durable before
// the outermost one commits. The outermost Transaction must then be a write one.
class Transaction {
  public:
    enum Mode { read, write };
    Transaction(Connection& c, Mode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Connection& c_;
    std::string savepoint_;  // "" for the outermost transaction
    bool done_ = false;
};

}  // namespace bangfu::store
