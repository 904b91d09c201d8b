#include "store/connection.hpp"

#include "store/postgres_connection.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

class ConnectionTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(ConnectionTest);

TEST_P(ConnectionTest, ParametersCarryTextVerbatim) {
    std::string evil = "'; DROP TABLE regions;-- 测试 \"引号\" 😀 %_\\";
    auto row = conn().query_one("SELECT ?", {evil});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->text(0), evil);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions"), 0);  // still there
}

TEST_P(ConnectionTest, TransactionRollsBackUnlessCommitted) {
    {
        store::Transaction tx(conn(), store::Transaction::write);
        conn().execute(
            "INSERT INTO regions (code, name, name_key, level, path, created_at, updated_at) "
            "VALUES ('420000', '湖北省', 'k', 'province', '/420000/', 'x', 'x')");
    }  // no commit
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions"), 0);
    {
        store::Transaction tx(conn(), store::Transaction::write);
        conn().execute(
            "INSERT INTO regions (code, name, name_key, level, path, created_at, updated_at) "
            "VALUES ('420000', '湖北省', 'k', 'province', '/420000/', 'x', 'x')");
        tx.commit();
    }
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions"), 1);
    EXPECT_TRUE(conn().healthy());
}

TEST_P(ConnectionTest, NestedTransactionsAreSavepointsOfTheOutermost) {
    auto insert = [&](const char* code) {
        conn().execute(
            "INSERT INTO regions (code, name, name_key, level, path, created_at, updated_at) "
            "VALUES (?, 'x', 'k', 'province', ?, 'x', 'x')",
            {std::string(code), "/" + std::string(code) + "/"});
    };
    {
        store::Transaction outer(conn(), store::Transaction::write);
        insert("420000");
        {
            store::Transaction inner(conn(), store::Transaction::write);
            insert("430000");
        }  // the inner one fails: only its own row goes
        {
            store::Transaction inner(conn(), store::Transaction::read);
            insert("440000");
            {
                store::Transaction deeper(conn(), store::Transaction::write);
                insert("450000");
                deeper.commit();
            }
            inner.commit();
        }
        EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions"), 3);
        // A failed statement inside a savepoint does not spoil the outer transaction.
        try {
            store::Transaction inner(conn(), store::Transaction::write);
            insert("420000");
            inner.commit();
            FAIL();
        } catch (const store::DbError& e) {
            EXPECT_EQ(e.kind(), store::DbError::Kind::unique_violation);
        }
        outer.commit();
    }
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions"), 3);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions WHERE code = '430000'"), 0);
    {
        store::Transaction outer(conn(), store::Transaction::write);
        {
            store::Transaction inner(conn(), store::Transaction::write);
            insert("460000");
            inner.commit();
        }
    }  // the outer one is not committed: neither is what the inner one committed
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions WHERE code = '460000'"), 0);
    EXPECT_TRUE(conn().healthy());
}

TEST_P(ConnectionTest, ConstraintViolationsAreClassified) {
    auto insert = [&] {
        conn().execute(
            "INSERT INTO regions (code, name, name_key, level, path, created_at, updated_at) "
            "VALUES ('420000', 'a', 'k', 'province', '/420000/', 'x', 'x')");
    };
    insert();
    try {
        insert();
        FAIL();
    } catch (const store::DbError& e) {
        EXPECT_EQ(e.kind(), store::DbError::Kind::unique_violation);
    }
    try {
        conn().execute(
            "INSERT INTO institutions (name, name_key, kind, locality, region, created_at, "
            "updated_at) "
            "VALUES ('x', 'x', 'primary', 'rural', '999999', 'x', 'x')");
        FAIL();
    } catch (const store::DbError& e) {
        EXPECT_EQ(e.kind(), store::DbError::Kind::foreign_key_violation);
    }
}

TEST(PostgresPlaceholders, NumbersQuestionMarksOutsideQuotes) {
    EXPECT_EQ(store::to_postgres_placeholders("a = ? AND b LIKE '%?%' AND \"c?\" = ?"),
              "a = $1 AND b LIKE '%?%' AND \"c?\" = $2");
}
