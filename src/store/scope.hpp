#pragma once
// Data scope (DESIGN.md §1), built once from the actor and applied inside every query of the
// store: a bureau admin or inspector reads their region's subtree, an institution admin their
// institution (and the work it is part of), a teacher their own records. Reads out of scope find
// nothing (404); writes out of scope are refused (403).
//
// One `Scope` knows the rule of every table family (registry; pairing work; dispatch and
// appraisal; beneficiaries, aid and inbound students; reports; users and audit) and writes the
// condition for a query itself, with the alias the query uses. Repositories write no scope SQL.
//
// Why it is cheap: the region tree is a materialised path ("/990000/990100/990121/") and the
// registry rows carry their region's path (`region_path`, kept by triggers, migration 7). A
// subtree is then the key range [path, path with its last '/' replaced by '0'), which an index
// on `region_path` answers as one range scan, and a scoped count reads the index alone. The
// paths compare bytewise on both engines (COLLATE "C" on PostgreSQL).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/user.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

struct WorkRef;

class Scope {
  public:
    explicit Scope(const core::Actor& a);
    // What the bureau of the region at `region_path` reads: region reports and the `region`
    // filters of the lists count with it.
    static Scope bureau_of(std::string region_path);
    // What the admins of an institution read: institution reports and `institution` filters.
    static Scope institution_of(std::int64_t institution, std::string region_path);
    // Everything (the system admin's scope): for the table-wide figures of the planner choice
    // below.
    static Scope all();
    // The same scope, with its subtree written so that no index range serves it: a page in name
    // order then walks the name-ordered listing index and tests the path in the index, instead
    // of reading the whole subtree and sorting it (list_total.hpp, listing_scope).
    Scope walking_listing() const;

    core::Role role() const { return role_; }
    bool everything() const { return role_ == core::Role::system_admin; }
    bool regional() const {
        return role_ == core::Role::bureau_admin || role_ == core::Role::inspector;
    }
    // Whether a region path lies in the subtree (own region included).
    bool holds(std::string_view region_path) const;
    // "<column> in the subtree" on a region-path column: an index range, with its parameters.
    void subtree(Where& w, std::string_view path_column) const;

    // "<alias>.region_path in the subtree" for the regional and system scopes (nothing for the
    // system's): the rows of a table that carries region paths (rollups, region filters).
    void subtree_rows(Where& w, std::string_view alias) const;

    // ---- reads: each adds one condition naming only the columns of `alias` ----------------
    // regions (a person of an institution sees the chain of regions above it)
    void regions(Where& w, std::string_view alias = "r") const;
    void institutions(Where& w, std::string_view alias = "i") const;
    void staff(Where& w, std::string_view alias = "s") const;
    // beneficiaries: of the subtree / institution; a teacher those of their aid cases
    void beneficiaries(Where& w, std::string_view alias = "b") const;
    // aid cases joined to their beneficiary (`beneficiary_alias`): helper or beneficiary in
    // scope; a teacher the cases they help in
    void aid_cases(Where& w, std::string_view alias = "ac",
                   std::string_view beneficiary_alias = "b") const;
    // Pairing work (see the rules in work_scope.hpp).
    void programs(Where& w, std::string_view alias = "p") const;
    void pairings(Where& w, std::string_view alias = "pr") const;
    // A table of work rows with <alias>.program and <alias>.pairing (NULL = program level).
    void work(Where& w, std::string_view alias) const;
    // Dispatch rows: what the work scope grants, or either institution in scope, or (when
    // `staff_column` is given) a teacher's own rows.
    void dispatch(Where& w, std::string_view alias, std::string_view first_institution,
                  std::string_view second_institution, std::string_view staff_column) const;
    // Dispatch assignments that appraisals, subsidies and credit are computed from.
    void assignments(Where& w, std::string_view alias = "da") const;
    // Inbound student cohorts: hosted by an institution in scope, or (regional) from a region of
    // the subtree.
    void inbound_cohorts(Where& w, std::string_view alias = "k") const;
    // Shared resources: owned by an institution in scope, or received by one through an active
    // pairing (the resource's own pairing, or any active pairing of its owner when it has none).
    void shared_resources(Where& w, std::string_view alias = "sr") const;
    // "<program_column> names a program run by a bureau of the subtree" (the office's steps).
    void programs_run_here(Where& w, std::string_view program_column) const;
    // Users joined to the region (`ur`) and institution region (`ir`) they are scoped to.
    void users(Where& w, std::string_view alias = "u") const;
    // The audit log (admins only: the caller refuses the others).
    void audit(Where& w, std::string_view alias = "a") const;

    // ---- writes: each returns when allowed and throws 403 otherwise -----------------------
    // Admins only (inspectors and teachers read): the read-only refusal otherwise.
    void require_admin() const;
    // A row kept by an institution (the institution itself, its staff, beneficiaries, inbound
    // cohorts, shared resources): its admins, or bureau admins of its subtree. `field` names the
    // input pointing out of scope, so a form shows the refusal under it.
    void check_institution_write(std::int64_t institution, std::string_view institution_path,
                                 std::string_view field = {}) const;
    // Regions: system admins anywhere, bureau admins strictly below their own region.
    void check_region_write(std::string_view region_path) const;
    // The program itself, its organisation and pairings: its bureau (work_scope.hpp).
    void check_program_write(const WorkRef& ref) const;
    // Work recorded under a program or pairing (work_scope.hpp).
    void check_work_write(const WorkRef& ref) const;
    bool may_read_work(const WorkRef& ref) const;
    // A dispatch row of `program_path` sent by `sender` (at `sender_path`); `also` is a second
    // institution whose admins may write too (attachment study: the host), 0 for none.
    void check_dispatch_write(std::string_view program_path, std::int64_t sender,
                              std::string_view sender_path, std::int64_t also = 0,
                              std::string_view field = "sending_institution") const;

  private:
    Scope(core::Role role, std::string path, std::optional<std::int64_t> institution,
          std::optional<std::int64_t> staff);
    // Subqueries of the ids the scope reads, with their parameters.
    std::pair<std::string, Params> subtree_institutions() const;
    std::pair<std::string, Params> visible_pairings() const;
    std::pair<std::string, Params> visible_programs() const;
    bool institutional_party(const WorkRef& ref) const;

    core::Role role_;
    std::string path_;      // the subtree's region path; "" for everything
    std::string path_end_;  // the first key after the subtree
    std::optional<std::int64_t> institution_;
    std::optional<std::int64_t> staff_;
    bool walk_listing_ = false;
};

// The first key after every path that starts with `path` (its last character incremented):
// [path, path_end(path)) is the subtree.
std::string path_end(std::string_view path);

// Refusals, worded for the user.
// `field` names the input that points out of scope (e.g. "region"), so forms can show the
// refusal under it.
[[noreturn]] void refuse_out_of_scope(std::string_view field = {});
[[noreturn]] void refuse_read_only();

}  // namespace bangfu::store
