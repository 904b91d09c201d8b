#include "store/donation_repository.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/dictionary.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::donations {

namespace {
constexpr std::string_view from_sql =
    " FROM donations d JOIN programs p ON p.id = d.program"
    " LEFT JOIN pairings pr ON pr.id = d.pairing"
    " LEFT JOIN institutions ps ON ps.id = pr.supporter"
    " LEFT JOIN institutions prc ON prc.id = pr.recipient"
    " LEFT JOIN institutions di ON di.id = d.donor_institution"
    " LEFT JOIN staff ds ON ds.id = d.donor_staff"
    " JOIN institutions ri ON ri.id = d.recipient_institution";
constexpr std::string_view select_sql =
    "SELECT d.id, d.program, p.name, d.pairing, ps.name, prc.name, d.kind, d.donated_on, "
    "d.donor_kind, d.donor_institution, di.name, d.donor_staff, ds.name, d.donor_name, "
    "d.recipient_institution, ri.name, d.amount_fen, d.category, d.quantity, d.unit, d.purpose, "
    "d.note, d.created_at, d.updated_at";

const core::Text donation_text{"捐赠记录", "Donation"};

std::string pairing_label(const std::string& supporter, const std::string& recipient) {
    return supporter + " → " + recipient;
}

core::Donation from_row(const Row& row) {
    core::Donation x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = pairing_label(row.text(4), row.text(5));
    x.kind = row.text(6);
    x.donated_on = row.text(7);
    x.donor_kind = row.text(8);
    x.donor_institution = row.opt_integer(9);
    x.donor_institution_name = row.text(10);
    x.donor_staff = row.opt_integer(11);
    x.donor_staff_name = row.text(12);
    x.donor_name = row.text(13);
    x.recipient_institution = row.opt_integer(14);
    x.recipient_institution_name = row.text(15);
    x.amount_fen = row.integer(16);
    x.category = row.opt_text(17);
    x.quantity = row.opt_integer(18);
    x.unit = row.text(19);
    x.purpose = row.text(20);
    x.note = row.text(21);
    x.created_at = row.text(22);
    x.updated_at = row.text(23);
    return x;
}

std::optional<core::Donation> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE d.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The program and pairing a stored donation is recorded under. They were checked when it was
// written, so they are loaded without the actor's read scope; the caller decides what the actor
// may do with them (check_work_write).
WorkRef stored_ref(Connection& c, const core::Donation& x) {
    core::Actor system;
    system.role = core::Role::system_admin;
    return load_work_ref(c, system, x.program, x.pairing);
}

void merge(core::FieldErrors& into, const core::FieldErrors& from) {
    for (const auto& [k, v] : from)
        if (!into.contains(k)) into[k] = v;
}

std::optional<std::string> institution_path(Connection& c, std::int64_t id) {
    auto row = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {id});
    if (!row) return std::nullopt;
    return row->text(0);
}

// Everything the core rules cannot check: the program and pairing (readable by the actor), the
// category's dictionary, the referenced donor rows, and where the recipient may be. Fills in the
// pairing's recipient when none is given. Returns the work reference for the write check.
WorkRef check_references(Connection& c, const core::Actor& a, core::Donation& x,
                         core::FieldErrors& errors) {
    const auto& labels = core::donation_labels();
    WorkRef ref;
    bool have_ref = false;
    if (!errors.contains("program") && !errors.contains("pairing")) {
        try {
            ref = load_work_ref(c, a, x.program, x.pairing);
            have_ref = true;
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            merge(errors, e.fields());
        }
    }
    if (x.kind == "materials" && x.category && !x.category->empty() && !errors.contains("category"))
        dictionaries::check_value(c, "material_category", labels, errors, "category", *x.category);
    if (x.donor_institution && !errors.contains("donor_institution") &&
        !institution_path(c, *x.donor_institution))
        errors["donor_institution"] = {"捐赠单位不存在", "donor institution does not exist"};
    if (x.donor_staff && !errors.contains("donor_staff") &&
        !c.query_one("SELECT id FROM staff WHERE id = ?", {*x.donor_staff}))
        errors["donor_staff"] = {"捐赠人（教职工）不存在", "donor (staff) does not exist"};
    if (have_ref && !errors.contains("recipient_institution")) {
        if (ref.pairing) {
            // Under a pairing the gift goes to one of its two institutions, normally the
            // recipient (the default); a supporter may also receive (e.g. books for exchange).
            if (!x.recipient_institution) x.recipient_institution = ref.recipient;
            if (*x.recipient_institution != ref.recipient &&
                *x.recipient_institution != ref.supporter)
                errors["recipient_institution"] = {
                    "受赠单位应为该结对关系中的单位（通常是受援单位）",
                    "recipient institution must be one of the pairing's institutions (normally "
                    "the recipient)"};
        } else if (x.recipient_institution) {
            // A program-level gift goes to an institution of the program: in the owning
            // bureau's region, or a party of one of the program's pairings (cross-region
            // counterpart support).
            auto path = institution_path(c, *x.recipient_institution);
            if (!path)
                errors["recipient_institution"] = {"受赠单位不存在",
                                                   "recipient institution does not exist"};
            else if (!path->starts_with(ref.program_path) &&
                     c.query_int(
                         "SELECT COUNT(*) FROM pairings WHERE program = ? AND "
                         "(supporter = ? OR recipient = ?)",
                         {ref.program, *x.recipient_institution, *x.recipient_institution}) == 0)
                errors["recipient_institution"] = {
                    "受赠单位不在该帮扶项目的范围内（既不在项目所属地区，也不在项目的结对关系中）",
                    "recipient institution is outside the program (neither in its region nor in "
                    "one of its pairings)"};
        }
    }
    return ref;
}

Params write_params(const core::Donation& x) {
    return {x.program,
            nullable(x.pairing),
            x.kind,
            x.donated_on,
            x.donor_kind,
            nullable(x.donor_institution),
            nullable(x.donor_staff),
            x.donor_name,
            *x.recipient_institution,
            x.amount_fen,
            nullable(x.category),
            nullable(x.quantity),
            x.unit,
            x.purpose,
            x.note};
}

Where filtered(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 10> known{
        "program",   "pairing", "kind",        "category",   "year",
        "date_from", "date_to", "institution", "donor_kind", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).work(w, "d");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("d.program = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("d.pairing = ?", {parse_id_filter(k, v)});
        if (k == "kind") w.add("d.kind = ?", {choice_filter(k, v, core::dict::donation_kind)});
        if (k == "donor_kind")
            w.add("d.donor_kind = ?", {choice_filter(k, v, core::dict::donor_kind)});
        if (k == "category") {
            auto entries = dictionaries::entries(c, "material_category");
            if (std::none_of(
                    entries.begin(), entries.end(),
                    [&value = v](const dictionaries::Entry& e) { return e.value == value; })) {
                std::string zh, en;
                for (const auto& e : entries) {
                    zh += (zh.empty() ? "" : "、") + e.value;
                    en += (en.empty() ? "" : ", ") + e.value;
                }
                bad_parameter(k, {"应为：" + zh, "must be one of " + en});
            }
            w.add("d.category = ?", {v});
        }
        if (k == "year") {
            parse_year_filter(k, v);  // refuses anything but a four-digit year
            // A range on the date column, so the (program, donated_on) index serves it.
            w.add("d.donated_on >= ? AND d.donated_on <= ?", {v + "-01-01", v + "-12-31"});
        }
        if (k == "date_from" || k == "date_to") {
            auto d = core::parse_date(v);
            if (!d) bad_parameter(k, {"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
            w.add(k == "date_from" ? "d.donated_on >= ?" : "d.donated_on <= ?",
                  {core::format_date(*d)});
        }
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("d.donor_institution = ? OR d.recipient_institution = ?", {id, id});
        }
        if (k == "region") filter_work_region(c, w, v, "d");
    }
    if (!q.q.empty()) {
        auto pattern = contains_pattern(q.q);
        w.add(
            "lower(d.purpose) LIKE lower(?) ESCAPE '\\' OR lower(d.donor_name) LIKE lower(?) "
            "ESCAPE '\\' OR d.recipient_institution IN (SELECT qi.id FROM institutions qi WHERE "
            "lower(qi.name) LIKE lower(?) ESCAPE '\\') OR d.donor_institution IN (SELECT qi.id "
            "FROM institutions qi WHERE lower(qi.name) LIKE lower(?) ESCAPE '\\')",
            {pattern, pattern, pattern, pattern});
    }
    return w;
}
}  // namespace

Page<core::Donation> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w = filtered(c, a, q);
    static constexpr std::array<SortField, 6> sorts{SortField{"donated_on", "d.donated_on"},
                                                    SortField{"amount_fen", "d.amount_fen"},
                                                    SortField{"kind", "d.kind"},
                                                    SortField{"id", "d.id"},
                                                    SortField{"created_at", "d.created_at"},
                                                    SortField{"updated_at", "d.updated_at"}};
    Page<core::Donation> page{{}, 0, q.page, q.page_size};
    // Every condition names donation columns only, so the count needs no join.
    count_capped(c, page, "donations d", w);
    for (const auto& row :
         c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                     order_by(q.sort, sorts, "-donated_on", "d.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::Donation get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("d.id = ?", {id});
    Scope(a).work(w, "d");
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(donation_text);
    return from_row(*row);
}

core::Donation create(Connection& c, const core::Actor& a, core::Donation x,
                      core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    // Who may write comes first: a refusal must not depend on how the request is worded.
    if (!a.is_admin()) refuse_read_only();
    merge(errors, core::validate(x, today_china()));
    auto ref = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_work_write(ref);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO donations (program, pairing, kind, donated_on, donor_kind, donor_institution, "
        "donor_staff, donor_name, recipient_institution, amount_fen, category, quantity, unit, "
        "purpose, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create", work_audit_target("donation", x.id, ref), nullptr,
                  core::to_json(*created));
    tx.commit();
    return *created;
}

core::Donation update(Connection& c, const core::Actor& a, std::int64_t id,
                      const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(donation_text);
    Scope(a).check_work_write(stored_ref(c, *existing));
    core::Donation x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    merge(errors, core::validate(x, today_china()));
    auto ref = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    // Moving it to another program or pairing needs the right to record work there too.
    Scope(a).check_work_write(ref);
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE donations SET program = ?, pairing = ?, kind = ?, donated_on = ?, donor_kind = ?, "
        "donor_institution = ?, donor_staff = ?, donor_name = ?, recipient_institution = ?, "
        "amount_fen = ?, category = ?, quantity = ?, unit = ?, purpose = ?, note = ?, "
        "updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", work_audit_target("donation", id, ref), core::to_json(*existing),
                  core::to_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(donation_text);
    auto ref = stored_ref(c, *existing);
    Scope(a).check_work_write(ref);
    c.execute("DELETE FROM donations WHERE id = ?", {id});
    audit::record(c, a, "delete", work_audit_target("donation", id, ref), core::to_json(*existing),
                  nullptr);
    tx.commit();
}

Totals totals(Connection& c, const core::Actor& a, const ListQuery& q, const std::string& group) {
    // The key (and, where it has one, the name) each group is summed by.
    std::string key_sql, name_sql;
    if (group == "pairing") {
        key_sql = "d.pairing";
        name_sql = "MAX(ps.name), MAX(prc.name)";
    } else if (group == "program") {
        key_sql = "d.program";
        name_sql = "MAX(p.name), ''";
    } else if (group == "year") {
        key_sql = "substr(d.donated_on, 1, 4)";
        name_sql = "'', ''";
    } else if (group == "category") {
        key_sql = "d.category";
        name_sql = "'', ''";
    } else {
        bad_parameter("group", {"应为 pairing、program、year 或 category",
                                "must be pairing, program, year or category"});
    }
    Where w = filtered(c, a, q);
    // Integer sums in the database (SQLite integers, PostgreSQL numeric from SUM(bigint)), read
    // back as decimal text: no floating point anywhere between the rows and the answer.
    auto rows = c.query("SELECT " + key_sql + ", " + name_sql +
                            ", SUM(CASE WHEN d.kind = 'funds' THEN d.amount_fen ELSE 0 END), "
                            "SUM(CASE WHEN d.kind = 'materials' THEN d.amount_fen ELSE 0 END), "
                            "SUM(d.amount_fen), COUNT(*)" +
                            std::string(from_sql) + w.sql() + " GROUP BY " + key_sql,
                        w.params());
    std::vector<dictionaries::Entry> categories;
    if (group == "category") categories = dictionaries::entries(c, "material_category");
    Totals t;
    t.group = group;
    t.grand.label = {"合计", "Total"};
    for (const auto& row : rows) {
        TotalRow r;
        r.key = row.text(0);
        if (group == "pairing")
            r.label = row.is_null(0)
                          ? core::Text{"项目层面（未指定结对）", "Program level (no pairing)"}
                          : core::Text{pairing_label(row.text(1), row.text(2)),
                                       pairing_label(row.text(1), row.text(2))};
        else if (group == "program")
            r.label = {row.text(1), row.text(1)};
        else if (group == "year")
            r.label = {r.key + "年", r.key};
        else if (row.is_null(0))
            r.label = {"资金", "Funds"};  // funds have no material category
        else {
            r.label = {r.key, r.key};
            for (const auto& e : categories)
                if (e.value == r.key) r.label = {e.zh, e.en};
        }
        r.funds_fen = row.integer(3);
        r.materials_fen = row.integer(4);
        r.total_fen = row.integer(5);
        r.count = row.integer(6);
        t.grand.funds_fen += r.funds_fen;
        t.grand.materials_fen += r.materials_fen;
        t.grand.total_fen += r.total_fen;
        t.grand.count += r.count;
        t.rows.push_back(std::move(r));
    }
    if (group == "year")
        std::sort(t.rows.begin(), t.rows.end(),
                  [](const TotalRow& x, const TotalRow& y) { return x.key < y.key; });
    else
        std::sort(t.rows.begin(), t.rows.end(), [](const TotalRow& x, const TotalRow& y) {
            return x.total_fen != y.total_fen ? x.total_fen > y.total_fen : x.key < y.key;
        });
    return t;
}

boost::json::object to_json(const Totals& t, std::string_view lang) {
    auto row_json = [&](const TotalRow& r) {
        return boost::json::object{{"key", r.key},
                                   {"label", r.label.in(lang)},
                                   {"funds_fen", r.funds_fen},
                                   {"materials_fen", r.materials_fen},
                                   {"total_fen", r.total_fen},
                                   {"count", r.count}};
    };
    boost::json::array rows;
    for (const auto& r : t.rows) rows.push_back(row_json(r));
    return {{"group", t.group}, {"rows", std::move(rows)}, {"total", row_json(t.grand)}};
}

}  // namespace bangfu::store::donations
