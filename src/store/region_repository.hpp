#pragma once
#include <boost/json.hpp>
#include <vector>

#include "core/region.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::regions {

Page<core::Region> list(Connection& c, const core::Actor& a, const ListQuery& q);
// Every region in scope, ordered by path (parents before children), for the tree.
std::vector<core::Region> all_in_scope(Connection& c, const core::Actor& a);
core::Region get(Connection& c, const core::Actor& a, const std::string& code);
core::Region create(Connection& c, const core::Actor& a, core::Region r, core::FieldErrors errors);
core::Region update(Connection& c, const core::Actor& a, const std::string& code,
                    const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, const std::string& code);
// Unscoped lookup used by other repositories and loaders.
std::optional<core::Region> find(Connection& c, const std::string& code);

}  // namespace bangfu::store::regions
