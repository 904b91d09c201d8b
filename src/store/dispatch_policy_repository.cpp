#include "store/dispatch_policy_repository.hpp"

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::dispatch_policies {

namespace {
std::optional<core::DispatchPolicy> stored(Connection& c, std::int64_t program) {
    auto row = c.query_one(
        "SELECT min_years_teaching, require_good_health, require_volunteer, min_title, min_age, "
        "max_age, min_backbone, max_subject_share_percent, rural_service_months, created_at, "
        "updated_at FROM dispatch_policies WHERE program = ?",
        {program});
    if (!row) return std::nullopt;
    core::DispatchPolicy p;
    p.program = program;
    p.min_years_teaching = row->opt_integer(0);
    p.require_good_health = row->boolean(1);
    p.require_volunteer = row->boolean(2);
    p.min_title = row->opt_text(3);
    p.min_age = row->opt_integer(4);
    p.max_age = row->opt_integer(5);
    p.min_backbone = row->opt_text(6);
    p.max_subject_share_percent = row->integer(7);
    p.rural_service_months = row->integer(8);
    p.created_at = row->text(9);
    p.updated_at = row->text(10);
    return p;
}
}  // namespace

core::DispatchPolicy effective(Connection& c, std::int64_t program) {
    if (auto p = stored(c, program)) return *p;
    return core::default_dispatch_policy(program);
}

core::DispatchPolicy get(Connection& c, const core::Actor& a, std::int64_t program) {
    try {
        load_work_ref(c, a, program, std::nullopt);
    } catch (const core::Error& e) {
        // A read: a program out of scope is not there for the reader.
        if (e.kind() == core::ErrorKind::validation || e.kind() == core::ErrorKind::forbidden)
            core::throw_not_found({"帮扶项目", "Program"});
        throw;
    }
    return effective(c, program);
}

core::DispatchPolicy put(Connection& c, const core::Actor& a, std::int64_t program,
                         const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    WorkRef ref;
    try {
        ref = load_work_ref(c, a, program, std::nullopt);
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::validation) core::throw_not_found({"帮扶项目", "Program"});
        throw;
    }
    Scope(a).check_program_write(ref);
    auto before = stored(c, program);
    core::DispatchPolicy p = core::default_dispatch_policy(program);
    p.is_default = false;
    core::FieldErrors errors;
    core::read_json(p, body, errors);
    for (const auto& [k, v] : core::validate(p))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    Params values{nullable(p.min_years_teaching),
                  std::int64_t{p.require_good_health ? 1 : 0},
                  std::int64_t{p.require_volunteer ? 1 : 0},
                  nullable(p.min_title),
                  nullable(p.min_age),
                  nullable(p.max_age),
                  nullable(p.min_backbone),
                  p.max_subject_share_percent,
                  p.rural_service_months,
                  now};
    if (before) {
        values.push_back(program);
        c.execute(
            "UPDATE dispatch_policies SET min_years_teaching = ?, require_good_health = ?, "
            "require_volunteer = ?, min_title = ?, min_age = ?, max_age = ?, min_backbone = ?, "
            "max_subject_share_percent = ?, rural_service_months = ?, updated_at = ? WHERE "
            "program = ?",
            values);
    } else {
        values.push_back(now);
        values.insert(values.begin(), program);
        c.execute(
            "INSERT INTO dispatch_policies (program, min_years_teaching, require_good_health, "
            "require_volunteer, min_title, min_age, max_age, min_backbone, "
            "max_subject_share_percent, rural_service_months, updated_at, created_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values);
    }
    auto after = *stored(c, program);
    audit::record(
        c, a, before ? "update" : "create",
        audit::Target{"dispatch_policy", std::to_string(program), ref.program_path, std::nullopt},
        before ? boost::json::value(core::to_json(*before)) : boost::json::value(nullptr),
        core::to_json(after));
    tx.commit();
    return after;
}

}  // namespace bangfu::store::dispatch_policies
