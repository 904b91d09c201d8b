#include "store/balance_sheet_repository.hpp"

#include "store/scope.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::balance {

std::vector<ConditionsRow> list_conditions(Connection& c, const core::Actor& a,
                                           const std::string& region,
                                           std::optional<std::int64_t> school_year) {
    Where w;
    Scope(a).institutions(w);
    if (!region.empty()) {
        auto r = c.query_one("SELECT path FROM regions WHERE code = ?", {region});
        if (!r) core::throw_not_found({"行政区划", "Region"});
        Scope::bureau_of(r->text(0)).subtree(w, "i.region_path");
    }
    if (school_year) w.add("c.school_year = ?", {*school_year});
    std::vector<ConditionsRow> out;
    for (const auto& r : c.query(
             "SELECT i.id, i.name, i.kind, c.school_year, c.primary_students, c.junior_students, "
             "c.degree_teachers, c.backbone_teachers, c.pe_arts_teachers, c.room_area_centi, "
             "c.sports_area_centi, c.equipment_fen, c.multimedia_rooms, c.updated_at, "
             "c.updated_by_name FROM school_conditions c JOIN institutions i ON i.id = "
             "c.institution" +
                 w.sql() + " ORDER BY c.school_year, i.name_key, i.id",
             w.params())) {
        ConditionsRow row;
        row.institution = r.integer(0);
        row.name = r.text(1);
        row.kind = r.text(2);
        auto& x = row.conditions;
        x.institution = row.institution;
        x.school_year = r.integer(3);
        x.primary_students = r.integer(4);
        x.junior_students = r.integer(5);
        x.degree_teachers = r.integer(6);
        x.backbone_teachers = r.integer(7);
        x.pe_arts_teachers = r.integer(8);
        x.room_area_centi = r.integer(9);
        x.sports_area_centi = r.integer(10);
        x.equipment_fen = r.integer(11);
        x.multimedia_rooms = r.integer(12);
        x.updated_at = r.text(13);
        x.updated_by_name = r.text(14);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace bangfu::store::balance
