#include "store/scope.hpp"

#include "store/work_scope.hpp"

namespace bangfu::store {

using core::Role;

std::string path_end(std::string_view path) {
    std::string end(path);
    if (end.empty()) return end;
    // Paths end with '/', and every character of a path is ASCII: the increment stays ASCII.
    end.back() = static_cast<char>(end.back() + 1);
    return end;
}

Scope::Scope(Role role, std::string path, std::optional<std::int64_t> institution,
             std::optional<std::int64_t> staff)
    : role_(role),
      path_(std::move(path)),
      path_end_(path_end(path_)),
      institution_(institution),
      staff_(staff) {
    // A scoped role without a scope sees nothing rather than everything.
    if (role_ != Role::system_admin && path_.empty()) {
        path_ = "/-/";
        path_end_ = path_end(path_);
    }
}

Scope::Scope(const core::Actor& a)
    : Scope(a.role, a.is_system() ? std::string() : a.scope_path, a.institution, a.staff) {}

Scope Scope::bureau_of(std::string region_path) {
    return Scope(Role::bureau_admin, std::move(region_path), std::nullopt, std::nullopt);
}

Scope Scope::institution_of(std::int64_t institution, std::string region_path) {
    return Scope(Role::institution_admin, std::move(region_path), institution, std::nullopt);
}

Scope Scope::all() {
    return Scope(Role::system_admin, "", std::nullopt, std::nullopt);
}

Scope Scope::walking_listing() const {
    Scope s = *this;
    s.walk_listing_ = true;
    return s;
}

bool Scope::holds(std::string_view region_path) const {
    if (everything()) return true;
    return region_path.starts_with(path_);
}

void Scope::subtree(Where& w, std::string_view path_column) const {
    // `|| ''` keeps the same value but is no column any more: neither engine serves it from an
    // index range, and SQLite still tests it on the listing index's own copy of the path.
    std::string c =
        walk_listing_ ? "(" + std::string(path_column) + " || '')" : std::string(path_column);
    w.add(c + " >= ? AND " + c + " < ?", {path_, path_end_});
}

void Scope::subtree_rows(Where& w, std::string_view alias) const {
    if (everything()) return;
    subtree(w, std::string(alias) + ".region_path");
}

std::pair<std::string, Params> Scope::subtree_institutions() const {
    return {"SELECT si.id FROM institutions si WHERE si.region_path >= ? AND si.region_path < ?",
            {path_, path_end_}};
}

// ---- registry ---------------------------------------------------------------------------------

void Scope::regions(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional())
        subtree(w, x + ".path");
    else  // people of an institution see the chain of regions above it
        w.add("? LIKE " + x + ".path || '%'", {path_});
}

void Scope::institutions(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional())
        subtree(w, x + ".region_path");
    else
        w.add(x + ".id = ?", {institution_.value_or(0)});
}

void Scope::staff(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional())
        subtree(w, x + ".region_path");
    else if (role_ == Role::institution_admin)
        w.add(x + ".institution = ?", {institution_.value_or(0)});
    else  // a teacher sees their own record
        w.add(x + ".id = ?", {staff_.value_or(0)});
}

// ---- beneficiaries and aid ----------------------------------------------------------------------

void Scope::beneficiaries(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional())
        subtree(w, x + ".region_path");
    else if (role_ == Role::institution_admin)
        w.add(x + ".institution = ?", {institution_.value_or(0)});
    else  // a teacher: the beneficiaries of their own aid cases
        w.add(x + ".id IN (SELECT sac.beneficiary FROM aid_cases sac WHERE sac.helper_staff = ?)",
              {staff_.value_or(0)});
}

void Scope::aid_cases(Where& w, std::string_view alias, std::string_view beneficiary_alias) const {
    if (everything()) return;
    std::string x(alias);
    std::string b(beneficiary_alias);
    if (regional()) {
        auto [institutions, params] = subtree_institutions();
        params.push_back(path_);
        params.push_back(path_end_);
        w.add(x + ".helper_institution IN (" + institutions + ") OR (" + b +
                  ".region_path >= ? AND " + b + ".region_path < ?)",
              params);
    } else if (role_ == Role::institution_admin) {
        auto inst = institution_.value_or(0);
        w.add(x + ".helper_institution = ? OR " + b + ".institution = ?", {inst, inst});
    } else {
        w.add(x + ".helper_staff = ?", {staff_.value_or(0)});  // a teacher: their own cases
    }
}

// ---- pairing work -------------------------------------------------------------------------------

std::pair<std::string, Params> Scope::visible_pairings() const {
    if (regional()) {
        auto [institutions, p] = subtree_institutions();
        Params params{path_, path_end_};
        params.insert(params.end(), p.begin(), p.end());
        params.insert(params.end(), p.begin(), p.end());
        return {
            "SELECT vp.id FROM pairings vp WHERE vp.program IN (SELECT vpp.id FROM programs "
            "vpp WHERE vpp.region_path >= ? AND vpp.region_path < ?) OR vp.supporter IN (" +
                institutions + ") OR vp.recipient IN (" + institutions + ")",
            params};
    }
    std::int64_t inst = institution_.value_or(0);
    return {"SELECT vp.id FROM pairings vp WHERE vp.supporter = ? OR vp.recipient = ?",
            {inst, inst}};
}

std::pair<std::string, Params> Scope::visible_programs() const {
    auto [pairings, params] = visible_pairings();
    if (regional()) {
        Params p{path_, path_end_};
        p.insert(p.end(), params.begin(), params.end());
        return {
            "SELECT vg.id FROM programs vg WHERE (vg.region_path >= ? AND vg.region_path < ?) "
            "OR vg.id IN (SELECT vq.program FROM pairings vq WHERE vq.id IN (" +
                pairings + "))",
            p};
    }
    return {"SELECT vq.program FROM pairings vq WHERE vq.id IN (" + pairings + ")", params};
}

void Scope::programs(Where& w, std::string_view alias) const {
    if (everything()) return;
    auto [sql, params] = visible_programs();
    w.add(std::string(alias) + ".id IN (" + sql + ")", params);
}

void Scope::pairings(Where& w, std::string_view alias) const {
    if (everything()) return;
    auto [sql, params] = visible_pairings();
    w.add(std::string(alias) + ".id IN (" + sql + ")", params);
}

void Scope::work(Where& w, std::string_view alias) const {
    if (everything()) return;
    auto [programs, program_params] = visible_programs();
    auto [pairings, pairing_params] = visible_pairings();
    std::string x(alias);
    Params p = program_params;
    p.insert(p.end(), pairing_params.begin(), pairing_params.end());
    w.add("(" + x + ".pairing IS NULL AND " + x + ".program IN (" + programs + ")) OR " + x +
              ".pairing IN (" + pairings + ")",
          p);
}

// ---- dispatch -----------------------------------------------------------------------------------

void Scope::dispatch(Where& w, std::string_view alias, std::string_view first_institution,
                     std::string_view second_institution, std::string_view staff_column) const {
    if (everything()) return;
    // What the pairing work's scope grants (program or pairing readable) …
    Where work_rows;
    work(work_rows, alias);
    std::string x(alias);
    std::string one = x + "." + std::string(first_institution);
    std::string two = x + "." + std::string(second_institution);
    std::string sql = work_rows.sql().substr(7);  // " WHERE " stripped: one condition
    Params p = work_rows.params();
    // … or either institution in the subtree / the actor's institution …
    if (regional()) {
        auto [institutions, ip] = subtree_institutions();
        sql += " OR " + one + " IN (" + institutions + ") OR " + two + " IN (" + institutions + ")";
        p.insert(p.end(), ip.begin(), ip.end());
        p.insert(p.end(), ip.begin(), ip.end());
    } else {
        sql += " OR " + one + " = ? OR " + two + " = ?";
        p.push_back(institution_.value_or(0));
        p.push_back(institution_.value_or(0));
    }
    // … or the teacher's own rows.
    if (!staff_column.empty() && staff_) {
        sql += " OR " + x + "." + std::string(staff_column) + " = ?";
        p.push_back(*staff_);
    }
    w.add(sql, p);
}

void Scope::assignments(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional()) {
        auto [institutions, ip] = subtree_institutions();
        Params p{path_, path_end_};
        p.insert(p.end(), ip.begin(), ip.end());
        p.insert(p.end(), ip.begin(), ip.end());
        w.add("(" + x +
                  ".program IN (SELECT ap.id FROM programs ap WHERE ap.region_path >= ? AND "
                  "ap.region_path < ?) OR " +
                  x + ".sending_institution IN (" + institutions + ") OR " + x +
                  ".recipient_institution IN (" + institutions + "))",
              p);
    } else if (role_ == Role::institution_admin) {
        auto inst = institution_.value_or(0);
        w.add("(" + x + ".sending_institution = ? OR " + x + ".recipient_institution = ?)",
              {inst, inst});
    } else {
        w.add(x + ".staff = ?", {staff_.value_or(0)});
    }
}

void Scope::inbound_cohorts(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    if (regional()) {
        auto [institutions, p] = subtree_institutions();
        p.push_back(path_);
        p.push_back(path_end_);
        w.add("(" + x + ".host_institution IN (" + institutions + ") OR " + x +
                  ".origin_region IN (SELECT sr.code FROM regions sr WHERE sr.path >= ? AND "
                  "sr.path < ?))",
              p);
    } else {
        w.add(x + ".host_institution = ?", {institution_.value_or(0)});
    }
}

void Scope::shared_resources(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    std::string receiver_sql, owner_sql;
    Params receiver, owner;
    if (regional()) {
        auto [institutions, p] = subtree_institutions();
        receiver_sql = "rp.recipient IN (" + institutions + ")";
        receiver = p;
        owner_sql = x + ".owner_institution IN (" + institutions + ")";
        owner = p;
    } else {
        std::int64_t inst = institution_.value_or(0);
        receiver_sql = "rp.recipient = ?";
        receiver = {inst};
        owner_sql = x + ".owner_institution = ?";
        owner = {inst};
    }
    Params p = owner;
    p.insert(p.end(), receiver.begin(), receiver.end());
    p.insert(p.end(), receiver.begin(), receiver.end());
    w.add(owner_sql + " OR (" + x + ".pairing IS NOT NULL AND " + x +
              ".pairing IN (SELECT rp.id FROM pairings rp WHERE rp.status = 'active' AND " +
              receiver_sql + ")) OR (" + x + ".pairing IS NULL AND " + x +
              ".owner_institution IN (SELECT rp.supporter FROM pairings rp WHERE rp.status = "
              "'active' AND " +
              receiver_sql + "))",
          p);
}

void Scope::programs_run_here(Where& w, std::string_view program_column) const {
    if (everything()) return;
    w.add(std::string(program_column) +
              " IN (SELECT sp.id FROM programs sp WHERE sp.region_path >= ? AND sp.region_path "
              "< ?)",
          {path_, path_end_});
}

// ---- users and audit ----------------------------------------------------------------------------

void Scope::users(Where& w, std::string_view alias) const {
    if (everything()) return;
    if (regional())
        subtree(w, "COALESCE(ur.path, ir.path, '')");
    else
        w.add(std::string(alias) + ".institution = ?", {institution_.value_or(0)});
}

void Scope::audit(Where& w, std::string_view alias) const {
    if (everything()) return;
    std::string x(alias);
    // The audit log's scope_path is plain TEXT (locale collation on PostgreSQL), so a prefix
    // match rather than a key range; only admins read it, one page at a time.
    if (regional())
        w.add(x + ".scope_path LIKE ?", {path_ + "%"});
    else
        w.add(x + ".institution = ?", {institution_.value_or(0)});
}

// ---- writes -------------------------------------------------------------------------------------

void Scope::require_admin() const {
    if (role_ == Role::inspector || role_ == Role::teacher) refuse_read_only();
}

void Scope::check_institution_write(std::int64_t institution, std::string_view institution_path,
                                    std::string_view field) const {
    if (everything()) return;
    require_admin();
    if (role_ == Role::institution_admin) {
        if (institution_ != institution) refuse_out_of_scope(field);
        return;
    }
    if (!holds(institution_path)) refuse_out_of_scope(field);
}

void Scope::check_region_write(std::string_view region_path) const {
    if (everything()) return;
    if (role_ != Role::bureau_admin) refuse_read_only();
    if (!holds(region_path) || region_path == path_) refuse_out_of_scope();
}

bool Scope::institutional_party(const WorkRef& ref) const {
    return ref.pairing && institution_ &&
           (*institution_ == ref.supporter || *institution_ == ref.recipient);
}

bool Scope::may_read_work(const WorkRef& ref) const {
    if (everything()) return true;
    if (regional()) {
        if (holds(ref.program_path)) return true;
        // A program-level row is readable when the program is; the program is readable when one
        // of its pairings is, which load_work_ref has already established for `ref.program`.
        if (!ref.pairing) return true;
        return holds(ref.supporter_path) || holds(ref.recipient_path);
    }
    if (!ref.pairing) return true;  // see above
    return institutional_party(ref);
}

void Scope::check_program_write(const WorkRef& ref) const {
    if (everything()) return;
    if (role_ != Role::bureau_admin) {
        if (role_ == Role::institution_admin)
            core::throw_forbidden({"只有主管教育局可以修改帮扶项目及其组织、结对",
                                   "Only the bureau running the program may change it, its "
                                   "organisation and its pairings"});
        refuse_read_only();
    }
    if (!holds(ref.program_path)) refuse_out_of_scope("program");
}

void Scope::check_work_write(const WorkRef& ref) const {
    if (everything()) return;
    require_admin();
    if (!ref.pairing) {
        check_program_write(ref);
        return;
    }
    if (role_ == Role::bureau_admin) {
        if (holds(ref.program_path) || holds(ref.supporter_path) || holds(ref.recipient_path))
            return;
        refuse_out_of_scope("pairing");
    }
    if (!institutional_party(ref)) refuse_out_of_scope("pairing");
}

void Scope::check_dispatch_write(std::string_view program_path, std::int64_t sender,
                                 std::string_view sender_path, std::int64_t also,
                                 std::string_view field) const {
    if (everything()) return;
    require_admin();
    if (role_ == Role::bureau_admin) {
        if (holds(program_path) || holds(sender_path)) return;
        refuse_out_of_scope(field);
    }
    if (institution_ && (*institution_ == sender || (also != 0 && *institution_ == also))) return;
    refuse_out_of_scope(field);
}

// ---- refusals -----------------------------------------------------------------------------------

void refuse_out_of_scope(std::string_view field) {
    core::FieldErrors fields;
    if (!field.empty())
        fields[std::string(field)] = {"超出您的管辖范围", "is outside your data scope"};
    throw core::Error(core::ErrorKind::forbidden,
                      {"无权操作：超出您的管辖范围", "Forbidden: outside your data scope"},
                      std::move(fields));
}

void refuse_read_only() {
    core::throw_forbidden({"无权操作：您的角色只能查看", "Forbidden: your role is read-only"});
}

}  // namespace bangfu::store
