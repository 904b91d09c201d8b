#include "cli/demo_recommendation_loader.hpp"

#include <array>
#include <tuple>

#include "cli/database_open.hpp"
#include "store/recommendation_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

int load_demo_recommendations(store::Connection& c) {
    auto batch = c.query_one("SELECT id FROM dispatch_batches WHERE name = ?",
                             {std::string("第三批赴孙岗乡支教")});
    if (!batch) return 0;
    auto id = batch->integer(0);
    if (c.query_int("SELECT COUNT(*) FROM dispatch_needs WHERE batch = ?", {id}) > 0) return 0;
    // What the village schools lack (school, subject, teachers): the larger gap wants backbone
    // teachers.
    constexpr std::array needs{
        std::tuple{"孙岗乡中心小学", "math", 3},    std::tuple{"孙岗乡段岗小学", "chinese", 1},
        std::tuple{"孙岗乡竹园小学", "english", 1}, std::tuple{"三元镇龙塘小学", "music", 1},
        std::tuple{"三元镇龙塘小学", "math", 1},    std::tuple{"三元镇资源小学", "art", 1},
        std::tuple{"平岗街道龙冲小学", "pe", 2}};
    json::array rows;
    for (const auto& [school, subject, number] : needs) {
        auto r = c.query_one("SELECT id FROM institutions WHERE name = ?", {std::string(school)});
        if (!r) continue;
        rows.push_back(json::object{{"recipient", r->integer(0)},
                                    {"subject", subject},
                                    {"number", number},
                                    {"school_year", "2025-2026"}});
    }
    // The volunteers: teachers of 叶集区's strong primary and nine-year schools.
    json::array staff;
    for (const auto& r : c.query(
             "SELECT s.id FROM staff s JOIN institutions i ON i.id = s.institution WHERE i.name IN "
             "('叶集区实验学校', '叶集区第二小学', '叶集区镇区中心小学') AND s.role = 'teacher' "
             "AND "
             "s.archived = 0 ORDER BY s.id"))
        staff.push_back(r.integer(0));
    auto actor = cli_actor();
    auto added = store::recommendations::put_needs(c, actor, id, json::object{{"needs", rows}});
    auto volunteers =
        store::recommendations::put_volunteers(c, actor, id, json::object{{"staff", staff}});
    return static_cast<int>(added.size() + volunteers.size());
}

}  // namespace bangfu::cli
