#pragma once
// A database and its pool of connections. Each worker thread leases a connection for one request
// and gives it back; SQLite in WAL mode serves many readers this way, PostgreSQL many sessions.
#include <memory>
#include <mutex>
#include <vector>

#include "store/connection.hpp"
#include "store/database_url.hpp"
#include "store/group_commit.hpp"

namespace bangfu::store {

class Database {
  public:
    // Opens one connection at once so a bad URL, missing file or refused connection is reported
    // before anything else happens. `create` lets SQLite create the file (bangfu init).
    explicit Database(DatabaseUrl url, bool create = false);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    class Lease {
      public:
        Lease(Database& db, std::unique_ptr<Connection> c) : db_(&db), c_(std::move(c)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) noexcept = default;
        ~Lease();
        Connection& operator*() const { return *c_; }
        Connection* operator->() const { return c_.get(); }

      private:
        Database* db_;
        std::unique_ptr<Connection> c_;
    };

    Lease acquire();
    Engine engine() const { return url_.engine; }
    const DatabaseUrl& url() const { return url_; }

  private:
    std::unique_ptr<Connection> open(bool create);
    void release(std::unique_ptr<Connection> c);

    DatabaseUrl url_;
    // Shared by all the pool's connections; declared before them so that it outlives them.
    GroupCommit group_commit_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace bangfu::store
