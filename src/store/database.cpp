#include "store/database.hpp"

#include "store/postgres_connection.hpp"
#include "store/sqlite_connection.hpp"

namespace bangfu::store {

Database::Database(DatabaseUrl url, bool create) : url_(std::move(url)) {
    idle_.push_back(open(create));
}

std::unique_ptr<Connection> Database::open(bool create) {
    auto c = url_.engine == Engine::sqlite ? open_sqlite(url_.sqlite_path, create)
                                           : open_postgres(url_.postgres_uri, url_.text);
    c->set_group_commit(&group_commit_);
    return c;
}

Database::Lease Database::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(c));
        }
    }
    return Lease(*this, open(false));
}

void Database::release(std::unique_ptr<Connection> c) {
    if (!c || !c->healthy()) return;  // a broken connection is dropped, a fresh one opened later
    std::lock_guard lock(mutex_);
    // Connections beyond the pool size are closed rather than kept forever.
    if (idle_.size() < 32) idle_.push_back(std::move(c));
}

Database::Lease::~Lease() {
    if (db_ && c_) db_->release(std::move(c_));
}

}  // namespace bangfu::store
