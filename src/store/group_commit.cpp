#include "store/group_commit.hpp"

#include <optional>

namespace bangfu::store {

struct GroupCommit::Pending {
    Statement statement;
    bool done = false;
    // A copy per caller rather than one shared exception object rethrown in many threads.
    std::optional<DbError> error;
};

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
            Transaction tx(c, Transaction::write);
            for (const auto* p : batch) c.execute(p->statement.sql, p->statement.params);
            tx.commit();
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
