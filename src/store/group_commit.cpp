#include "store/group_commit.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace bangfu::store {

struct GroupCommit::Pending {
    Statement statement;
    bool done = false;
    // A copy per caller rather than one shared exception object rethrown in many threads.
    std::optional<DbError> error;
};

namespace {

// Rows of one statement at most: well below SQLite's 32,766 parameters, and few distinct statement
// texts for the per-connection statement caches.
constexpr std::size_t max_rows_per_statement = 64;

// Writes a batch atomically: the same single-row INSERT … VALUES (…) many times becomes one
// multi-row INSERT; anything else runs in one explicit transaction.
void write(Connection& c, const std::vector<const GroupCommit::Statement*>& batch) {
    const auto& first = *batch.front();
    auto values = first.sql.rfind(" VALUES (");
    bool same =
        std::all_of(batch.begin(), batch.end(), [&](const auto* s) { return s->sql == first.sql; });
    if (same && values != std::string::npos && batch.size() <= max_rows_per_statement) {
        // One multi-row INSERT: a single statement is its own transaction on both engines, so
        // the batch costs one round trip and one commit, and a batch of one costs what a plain
        // autocommit INSERT did before (an explicit BEGIN … COMMIT would triple the round trips).
        std::string_view row = std::string_view(first.sql).substr(values + 8);
        std::string sql = first.sql;
        Params params;
        params.reserve(first.params.size() * batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (i > 0) (sql += ", ") += row;
            const auto& p = batch[i]->params;
            params.insert(params.end(), p.begin(), p.end());
        }
        c.execute(sql, params);
        return;
    }
    Transaction tx(c, Transaction::write);
    for (const auto* s : batch) c.execute(s->sql, s->params);
    tx.commit();
}

}  // namespace

void GroupCommit::execute(Connection& c, Statement s) {
    Pending mine{std::move(s), false, std::nullopt};
    std::unique_lock lock(mutex_);
    queue_.push_back(&mine);
    while (!mine.done) {
        if (writing_) {
            finished_.wait(lock);
            continue;
        }
        // Lead: take everything queued (our own statement among it, since nobody else is
        // writing and we queued before looking), write it without holding the lock so that
        // others can queue the next batch meanwhile.
        writing_ = true;
        std::vector<Pending*> batch;
        batch.swap(queue_);
        lock.unlock();
        std::optional<DbError> error;
        try {
            std::vector<const Statement*> statements;
            for (const auto* p : batch) statements.push_back(&p->statement);
            write(c, statements);
        } catch (const DbError& e) {
            error = e;
        } catch (const std::exception& e) {
            error = DbError(DbError::Kind::other, e.what());
        } catch (...) {
            // Whatever it was, the batch must be released, or every later caller would wait.
            error = DbError(DbError::Kind::other, "group commit failed");
        }
        lock.lock();
        for (auto* p : batch) {
            p->done = true;
            p->error = error;
        }
        writing_ = false;
        ++batches_;
        // Wakes the members of this batch, and the queued callers, one of whom leads next.
        finished_.notify_all();
    }
    if (mine.error) throw *mine.error;
}

std::int64_t GroupCommit::batches() const {
    std::lock_guard lock(mutex_);
    return batches_;
}

std::size_t GroupCommit::waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

}  // namespace bangfu::store
