// The group commit of unmasked reads' audit entries (store/group_commit, audit::record_read):
// every entry written exactly once, callers released only after their batch committed, many
// callers' entries in one transaction, and a failed batch failing each of its callers.
#include "store/group_commit.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include "store/audit_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using namespace std::chrono_literals;
using bangfu::testing::StoreTest;

class AuditGroupCommitTest : public StoreTest {
  protected:
    core::Actor reader() const {
        core::Actor a;
        a.user_id = 0;
        a.username = "reader";
        return a;
    }
    void read(store::Connection& c, int n) {
        store::audit::record_read(c, reader(), {"staff", std::to_string(n), "/", std::nullopt},
                                  boost::json::object{{"fields", boost::json::array{"phone"}}});
    }
    std::int64_t entries() {
        return conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'");
    }
    store::GroupCommit& group() { return *conn().group_commit(); }
    // Blocks every writer of audit_log until released: SQLite's one write lock, PostgreSQL's
    // table lock (readers go on, as during a slow commit).
    void hold_writers(store::Connection& c) {
        c.begin(true);
        if (c.engine() == store::Engine::postgresql)
            c.execute_script("LOCK TABLE audit_log IN EXCLUSIVE MODE");
    }
    // Waits (up to 3 s, less than SQLite's busy timeout) for `pred`.
    template <class P>
    static bool eventually(P pred) {
        for (auto until = std::chrono::steady_clock::now() + 3s;
             std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(5ms))
            if (pred()) return true;
        return pred();
    }
};
BANGFU_STORE_TEST_SUITE(AuditGroupCommitTest);

TEST_P(AuditGroupCommitTest, ConcurrentReadsLeaveExactlyOneEntryEach) {
    constexpr int threads = 8, each = 25;
    ASSERT_NE(conn().group_commit(), nullptr);
    std::vector<std::thread> pool;
    std::atomic<int> failures{0};
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            auto lease = database().acquire();
            for (int i = 0; i < each; ++i) {
                try {
                    read(*lease, t * each + i);
                } catch (...) {
                    ++failures;
                }
            }
        });
    for (auto& t : pool) t.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(entries(), threads * each);
    EXPECT_EQ(conn().query_int("SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE action = "
                               "'read_personal'"),
              threads * each);
    EXPECT_LE(group().batches(), threads * each);
}

TEST_P(AuditGroupCommitTest, CallersWaitForTheCommitAndShareOneTransaction) {
    constexpr int followers = 6;
    auto blocker = database().acquire();
    hold_writers(*blocker);
    std::atomic<int> returned{0};
    std::vector<std::thread> pool;
    auto start = [&](int n) {
        pool.emplace_back([&, n] {
            auto lease = database().acquire();
            read(*lease, n);
            ++returned;
        });
    };
    // The first caller leads and blocks on the held lock; the others queue behind it. (EXPECT,
    // not ASSERT: the lock must be released and the threads joined whatever happens.)
    start(0);
    std::this_thread::sleep_for(200ms);  // the leader has taken its batch of one and waits
    for (int n = 1; n <= followers; ++n) start(n);
    EXPECT_TRUE(eventually([&] { return group().waiting() == followers; }));
    // Nobody is released while nothing is committed.
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(returned, 0);
    EXPECT_EQ(entries(), 0);
    EXPECT_EQ(group().batches(), 0);
    blocker->commit();
    for (auto& t : pool) t.join();
    EXPECT_EQ(returned, followers + 1);
    EXPECT_EQ(entries(), followers + 1);
    // The leader's batch, then one batch for all who queued meanwhile.
    EXPECT_EQ(group().batches(), 2);
}

TEST_P(AuditGroupCommitTest, AFailedBatchFailsEachCallerAndWritesNothing) {
    if (GetParam() == store::Engine::sqlite)
        conn().execute_script(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, "
            "'refused'); END");
    else
        conn().execute_script(
            "ALTER TABLE audit_log ADD CONSTRAINT refuse CHECK (entity <> 'staff') NOT VALID");
    std::atomic<int> failures{0};
    std::vector<std::thread> pool;
    for (int n = 0; n < 4; ++n)
        pool.emplace_back([&, n] {
            auto lease = database().acquire();
            try {
                read(*lease, n);
            } catch (const store::DbError&) {
                ++failures;
            }
        });
    for (auto& t : pool) t.join();
    EXPECT_EQ(failures, 4);
    EXPECT_EQ(entries(), 0);
    // The group commit is not stuck after a failure.
    conn().execute_script(GetParam() == store::Engine::sqlite
                              ? "DROP TRIGGER refuse"
                              : "ALTER TABLE audit_log DROP CONSTRAINT refuse");
    read(conn(), 9);
    EXPECT_EQ(entries(), 1);
}

TEST_P(AuditGroupCommitTest, InsideATransactionTheEntryGoesWithIt) {
    auto before = group().batches();
    {
        store::Transaction tx(conn(), store::Transaction::write);
        read(conn(), 1);
    }  // rolled back: an export that fails writes no entries
    EXPECT_EQ(entries(), 0);
    {
        store::Transaction tx(conn(), store::Transaction::write);
        read(conn(), 2);
        tx.commit();
    }
    EXPECT_EQ(entries(), 1);
    EXPECT_EQ(group().batches(), before);
}
