#pragma once
// Group commit: statements that must be durable before their requests answer (the audit rows of
// unmasked reads) are written for many requests in one transaction, so a commit (an fsync on
// SQLite, a WAL flush on PostgreSQL) is paid once per batch instead of once per request.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace bangfu::store {

class GroupCommit {
  public:
    struct Statement {
        std::string sql;
        Params params;
    };

    // Queues `s` and returns once it is committed, in one write transaction with whatever other
    // threads queued meanwhile. No writer thread or connection of its own: the first waiting
    // caller leads and writes the whole batch on its own connection `c` (outside any
    // transaction), while later callers queue for the next batch; so it works on any engine and
    // with any pool size. Throws the batch's error if it failed; then none of its rows is written
    // and every caller of that batch sees the error (no read is served unaudited).
    void execute(Connection& c, Statement s);

    // Batches written (committed or failed) so far: for tests and diagnostics.
    std::int64_t batches() const;
    // Statements queued and not yet taken by a leader: for tests.
    std::size_t waiting() const;

  private:
    struct Pending;
    mutable std::mutex mutex_;
    std::condition_variable finished_;
    std::vector<Pending*> queue_;  // owned by the callers, who wait until they are done
    bool writing_ = false;
    std::int64_t batches_ = 0;
};

}  // namespace bangfu::store
