#include "store/database_url.hpp"

#include <stdexcept>

namespace bangfu::store {

DatabaseUrl parse_database_url(std::string_view url) {
    DatabaseUrl u;
    if (url.starts_with("sqlite:")) {
        u.engine = Engine::sqlite;
        u.sqlite_path = std::string(url.substr(7));
        if (u.sqlite_path.starts_with("//")) u.sqlite_path.erase(0, 2);  // sqlite://PATH too
        if (u.sqlite_path.empty())
            throw std::invalid_argument(
                "database URL \"sqlite:\" needs a file path, e.g. sqlite:data/bangfu.db");
        u.text = std::string(url);
        return u;
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        u.engine = Engine::postgresql;
        u.postgres_uri = std::string(url);
        // Never echo a password back in messages or logs.
        std::string shown(url);
        auto scheme_end = shown.find("://") + 3;
        auto at = shown.find('@', scheme_end);
        auto colon = shown.find(':', scheme_end);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            shown.replace(colon + 1, at - colon - 1, "***");
        u.text = shown;
        auto rest = std::string_view(url).substr(scheme_end);
        if (rest.empty() || (rest.front() == '/' && rest.size() == 1))
            throw std::invalid_argument("database URL \"" + shown + "\" names no host or database");
        return u;
    }
    throw std::invalid_argument("unsupported database URL \"" + std::string(url) +
                                "\": use sqlite:PATH or postgresql://user@host:port/dbname");
}

}  // namespace bangfu::store
