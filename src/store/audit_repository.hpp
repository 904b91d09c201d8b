#pragma once
// The audit log: every write (who, when, what, before and after) and every unmasked read of
// personal data. A write's entry is written inside the same transaction as the change it records;
// a read's entry is committed before the data is shown (record_read).
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::audit {

struct Entry {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> user;
    std::string username;
    std::string action;  // create, update, delete, archive, login, read_personal, …
    std::string entity;
    std::string entity_id;
    std::optional<std::string> before;  // JSON text
    std::optional<std::string> after;
};

struct Target {
    std::string entity;
    std::string entity_id;
    std::string scope_path;                   // region path of the record, for scoped reading
    std::optional<std::int64_t> institution;  // the institution it belongs to, if any
};

void record(Connection& c, const core::Actor& actor, std::string_view action, const Target& t,
            const boost::json::value& before, const boost::json::value& after);
// A `read_personal` entry, durable before the caller shows the data. Inside the caller's
// transaction when there is one (an export's entries commit with it, before the file is sent);
// otherwise through the database's group commit, in one transaction with the entries of the other
// requests reading at the same moment. Throws if it could not be written: then the read must fail.
void record_read(Connection& c, const core::Actor& actor, const Target& t,
                 const boost::json::value& after);
boost::json::object to_json(const Entry& e);
// Admins only: system admins see all, bureau admins their subtree, institution admins their own.
Page<Entry> list(Connection& c, const core::Actor& actor, const ListQuery& q);

}  // namespace bangfu::store::audit
