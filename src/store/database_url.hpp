#pragma once
// "sqlite:PATH" or "postgresql://user@host:port/dbname" — the --db argument of every command.
#include <string>
#include <string_view>

namespace bangfu::store {

enum class Engine { sqlite, postgresql };

struct DatabaseUrl {
    Engine engine = Engine::sqlite;
    std::string sqlite_path;   // for sqlite
    std::string postgres_uri;  // for postgresql, passed to libpq as is
    std::string text;          // the URL as given, without a password, for messages
};

// Throws std::invalid_argument with a one-line message naming what is wrong.
DatabaseUrl parse_database_url(std::string_view url);

}  // namespace bangfu::store
