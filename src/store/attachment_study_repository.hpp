#pragma once
// Attachment study (挂职/跟岗/跟班): the reverse flow of dispatch, recipient staff at the
// supporter for a period. Scope: store/dispatch_scope.hpp (the home institution is the sending
// side; the host's admins may record it too).
#include <boost/json.hpp>

#include "core/dispatch.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::attachment_studies {

// Filters: program, pairing, kind, institution (home or host), year. Sort: start_date
// (default, newest first), headcount, id.
Page<core::AttachmentStudy> list(Connection& c, const core::Actor& a, const ListQuery& q);
// The people of the listed rows (the sum of their headcounts): the yearly summary's
// attachment-study person-times.
std::int64_t headcount(Connection& c, const core::Actor& a, const ListQuery& q);
core::AttachmentStudy get(Connection& c, const core::Actor& a, std::int64_t id);
core::AttachmentStudy create(Connection& c, const core::Actor& a, core::AttachmentStudy x,
                             core::FieldErrors errors);
core::AttachmentStudy update(Connection& c, const core::Actor& a, std::int64_t id,
                             const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::attachment_studies
