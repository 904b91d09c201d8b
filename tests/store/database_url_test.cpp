#include "store/database_url.hpp"

#include <gtest/gtest.h>

#include "store/database.hpp"

using namespace bangfu::store;

TEST(DatabaseUrl, ParsesBothEngines) {
    auto s = parse_database_url("sqlite:data/bangfu.db");
    EXPECT_EQ(s.engine, Engine::sqlite);
    EXPECT_EQ(s.sqlite_path, "data/bangfu.db");
    auto p = parse_database_url("postgresql://bangfu:secret@127.0.0.1:5432/bangfu");
    EXPECT_EQ(p.engine, Engine::postgresql);
    EXPECT_EQ(p.text.find("secret"), std::string::npos);  // never echoed
}

TEST(DatabaseUrl, RejectsWhatItCannotServe) {
    EXPECT_THROW(parse_database_url("mysql://x/y"), std::invalid_argument);
    EXPECT_THROW(parse_database_url("sqlite:"), std::invalid_argument);
    EXPECT_THROW(parse_database_url("data/bangfu.db"), std::invalid_argument);
}

TEST(Database, MissingSqliteFileIsAClearErrorNotACreation) {
    try {
        Database db(parse_database_url("sqlite:/tmp/bangfu-no-such-dir/x.db"));
        FAIL() << "opened a missing database";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::connection);
        EXPECT_NE(std::string(e.what()).find("bangfu init"), std::string::npos);
    }
}

TEST(Database, RefusedPostgresConnectionIsAClearError) {
    try {
        Database db(parse_database_url("postgresql://nobody@127.0.0.1:1/none"));
        FAIL() << "connected to nothing";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::connection);
        EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos);
    }
}
