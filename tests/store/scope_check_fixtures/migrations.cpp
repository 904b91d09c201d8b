// Fixture of tests/store/scope_check.py: the tables it knows (regions are public).
constexpr std::string_view schema = R"SQL(
CREATE TABLE regions (code TEXT PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE widgets (id BIGINT PRIMARY KEY, region_path TEXT NOT NULL);
)SQL";
