#include "store/dispatch_scope.hpp"

#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store {

std::optional<std::string> institution_region_path(Connection& c, std::int64_t id) {
    auto row = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {id});
    if (!row) return std::nullopt;
    return row->text(0);
}

audit::Target dispatch_audit_target(std::string entity, std::int64_t id,
                                    const std::string& program_path, std::int64_t institution) {
    return {std::move(entity), std::to_string(id), program_path, institution};
}

}  // namespace bangfu::store
