#include "core/pairing_work_summary.hpp"

#include <initializer_list>
#include <set>

#include "core/money.hpp"
#include "core/report_print.hpp"
#include "core/report_text.hpp"

namespace bangfu::core::report {

namespace {
using text::n, text::number, text::same, text::yuan;

// A link of the scope: its filter first, then the figure's own.
std::string link(std::string_view path, const LinkContext& l,
                 std::initializer_list<std::string> params) {
    std::vector<std::string> all{l.scope_filter};
    all.insert(all.end(), params);
    return text::link(path, all);
}

std::string year_range(const LinkContext& l) {
    return text::year_range(l.year);
}

// "a、b、c" / "a, b, c" of the labels.
Text join(const std::vector<Text>& items) {
    Text out;
    for (const auto& t : items) {
        out.zh += (out.zh.empty() ? "" : "、") + t.zh;
        out.en += (out.en.empty() ? "" : ", ") + t.en;
    }
    return out;
}
}  // namespace

bool is_exchange_visit(std::string_view type) {
    return type == "leader_visit" || type == "teacher_visit" || type == "student_exchange";
}

Section organisation_section(const PairingWorkFacts& f, const LinkContext& l) {
    Section s;
    s.key = "organisation";
    s.title = {"一、组织领导", "1. Organisation and leadership"};
    auto programs = static_cast<std::int64_t>(f.programs.size());
    auto leaders = static_cast<std::int64_t>(f.leaders.size());
    auto documents = static_cast<std::int64_t>(f.documents.size());
    // The programs running in the year: a program's own page, or the list with the scope and
    // the year (the leading groups and documents are on the programs' pages).
    std::string programs_link = l.scope_filter.starts_with("program=")
                                    ? "/programs/" + l.scope_filter.substr(8)
                                    : link("/programs", l, {"year=" + std::to_string(l.year)});
    s.figures = {
        {"organisation.programs", {"帮扶项目", "Programs"}, programs, Unit::count, programs_link},
        {"organisation.leaders",
         {"领导小组成员", "Leading group members"},
         leaders,
         Unit::count,
         programs_link},
        {"organisation.documents",
         {"政策文件", "Policy documents"},
         documents,
         Unit::count,
         programs_link},
    };
    s.summary = {"本年度共有帮扶项目 " + n(programs) + " 个，领导小组成员 " + n(leaders) +
                     " 人，已印发政策文件 " + n(documents) + " 份。",
                 n(programs) + " programs this year, with " + n(leaders) +
                     " leading group members and " + n(documents) + " policy documents issued."};
    for (const auto& p : f.programs)
        if (!p.office.empty()) {
            s.summary.zh += "“" + p.name + "”的日常工作由" + p.office + "负责。";
            s.summary.en += " The daily work of \"" + p.name + "\" is run by " + p.office + ".";
        }
    (void)l;
    Table members{"leading_group",
                  {"领导小组", "Leading group"},
                  {{"帮扶项目", "Program"},
                   {"职务", "Role"},
                   {"姓名", "Name"},
                   {"职务/职称", "Position"},
                   {"单位", "Unit"}},
                  {},
                  {},
                  {}};
    for (const auto& m : f.leaders)
        members.rows.push_back(
            {same(m.program), m.role, same(m.name), same(m.position), same(m.unit)});
    Table docs{"documents",
               {"政策文件", "Policy documents"},
               {{"帮扶项目", "Program"},
                {"文件标题", "Title"},
                {"文号", "Number"},
                {"发文单位", "Issuer"},
                {"发文日期", "Issued on"}},
               {},
               {},
               {}};
    for (const auto& d : f.documents)
        docs.rows.push_back({same(d.program), same(d.title), same(d.doc_number), same(d.issuer),
                             same(d.issued_on)});
    s.tables = {std::move(members), std::move(docs)};
    return s;
}

Section pairings_section(const PairingWorkFacts& f, const LinkContext& l) {
    Section s;
    s.key = "pairings";
    s.title = {"二、结对关系与工作计划", "2. Pairings and plans"};
    std::set<std::string> supporters, recipients;
    std::int64_t started = 0;
    for (const auto& p : f.pairings) {
        supporters.insert(p.supporter);
        recipients.insert(p.recipient);
        if (p.started_in_year) ++started;
    }
    auto pairings = static_cast<std::int64_t>(f.pairings.size());
    auto plans = static_cast<std::int64_t>(f.plans.size());
    auto inspections = static_cast<std::int64_t>(f.inspections.size());
    auto sup = static_cast<std::int64_t>(supporters.size());
    auto rec = static_cast<std::int64_t>(recipients.size());
    // Pairings and plans in force at some time in the year (the lists' `year` filter).
    std::string in_force = "year=" + std::to_string(l.year);
    s.figures = {
        {"pairings.active",
         {"结对关系", "Pairings"},
         pairings,
         Unit::count,
         link("/pairings", l, {in_force})},
        {"pairings.new",
         {"本年度新建结对", "New pairings this year"},
         started,
         Unit::count,
         link("/pairings", l, {"start_year=" + std::to_string(l.year)})},
        {"pairings.supporters",
         {"帮扶单位", "Supporting institutions"},
         sup,
         Unit::count,
         link("/pairings", l, {in_force})},
        {"pairings.recipients",
         {"受援单位", "Recipient institutions"},
         rec,
         Unit::count,
         link("/pairings", l, {in_force})},
        {"plans.count",
         {"计划与实施方案", "Plans"},
         plans,
         Unit::count,
         link("/plans", l, {in_force})},
        {"inspections.count",
         {"检查督导", "Inspections"},
         inspections,
         Unit::count,
         link("/inspections", l, {year_range(l)})},
    };
    s.summary = {"本年度在帮结对关系 " + n(pairings) + " 对（其中本年度新建 " + n(started) +
                     " 对），帮扶单位 " + n(sup) + " 个、受援单位 " + n(rec) +
                     " 个；制定阶段性计划和实施方案 " + n(plans) + " 份，开展检查督导 " +
                     n(inspections) + " 次。",
                 n(pairings) + " pairings in force this year (" + n(started) + " new), " + n(sup) +
                     " supporting and " + n(rec) + " recipient institutions; " + n(plans) +
                     " phased and implementation plans; " + n(inspections) + " inspections."};
    Table pt{"pairings",
             {"结对关系", "Pairings"},
             {{"帮扶项目", "Program"},
              {"帮扶单位", "Supporter"},
              {"受援单位", "Recipient"},
              {"帮扶内容", "Dimensions"},
              {"结对日期", "Since"}},
             {},
             {},
             {}};
    for (const auto& p : f.pairings)
        pt.rows.push_back({same(p.program), same(p.supporter), same(p.recipient),
                           join(p.dimensions), same(p.start_date)});
    Table plan_table{"plans",
                     {"计划与实施方案", "Plans"},
                     {{"帮扶项目", "Program"},
                      {"结对关系", "Pairing"},
                      {"类型", "Kind"},
                      {"标题", "Title"},
                      {"起止日期", "Period"},
                      {"审批", "Approval"}},
                     {},
                     {},
                     {}};
    for (const auto& p : f.plans)
        plan_table.rows.push_back(
            {same(p.program),
             p.pairing.empty() ? Text{"项目层面", "Program level"} : same(p.pairing), p.kind,
             same(p.title), same(p.start_date + " — " + p.end_date), p.approval});
    Table it{"inspections",
             {"检查督导", "Inspections"},
             {{"日期", "Date"}, {"检查人员", "Inspectors"}, {"发现的问题", "Findings"}},
             {},
             {},
             {}};
    for (const auto& i : f.inspections)
        it.rows.push_back({same(i.inspected_on), same(i.inspectors), same(i.findings)});
    s.tables = {std::move(pt), std::move(plan_table), std::move(it)};
    return s;
}

namespace {
// The paragraph names each demonstration class (teacher and topic) while they fit on paper;
// a province's thousands are left to the table and the workbook (core/report_print.hpp).
void name_demonstration_classes(Text& summary, const std::vector<DemonstrationClassFact>& classes) {
    if (classes.empty()) return;
    if (classes.size() > print_row_limit) {
        auto where = full_list_in_workbook({"示范课名单", "The list of demonstration classes"});
        summary.zh += where.zh + "。";
        summary.en += " " + where.en + ".";
        return;
    }
    std::vector<Text> named;
    for (const auto& d : classes)
        named.push_back({d.teacher + "《" + d.topic + "》", d.teacher + " (" + d.topic + ")"});
    auto j = join(named);
    summary.zh += "示范课有：" + j.zh + "。";
    summary.en += " Demonstration classes: " + j.en + ".";
}
}  // namespace

Section activities_section(const PairingWorkFacts& f, const LinkContext& l) {
    Section s;
    s.key = "activities";
    s.title = {"三、交流互访与帮扶活动", "3. Activities and exchange visits"};
    std::int64_t activities = 0, person_times = 0, exchanges = 0;
    for (const auto& t : f.activities_by_type) {
        activities += t.activities;
        person_times += t.person_times;
        if (is_exchange_visit(t.key)) exchanges += t.activities;
    }
    auto classes = static_cast<std::int64_t>(f.demonstration_classes.size());
    std::string range = year_range(l);
    s.figures = {
        {"activities.count",
         {"帮扶活动", "Activities"},
         activities,
         Unit::count,
         link("/activities", l, {range})},
        {"activities.person_times",
         {"参与人次", "Participants"},
         person_times,
         Unit::person_times,
         link("/activities", l, {range})},
        {"activities.exchange_visits",
         {"交流互访", "Exchange visits"},
         exchanges,
         Unit::count,
         link("/activities", l, {range})},
        {"activities.demonstration_classes",
         {"示范课", "Demonstration classes"},
         classes,
         Unit::count,
         link("/activities", l, {"type=demonstration_class", range})},
    };
    for (const auto& t : f.activities_by_type)
        s.figures.push_back({"activities.type." + t.key, t.label, t.activities, Unit::count,
                             link("/activities", l, {"type=" + t.key, range})});
    s.summary = {"本年度开展帮扶活动 " + n(activities) + " 次，参与 " + n(person_times) +
                     " 人次，其中领导互访、教师互访和学生手拉手等交流互访 " + n(exchanges) +
                     " 次，送示范课 " + n(classes) + " 节。",
                 n(activities) + " activities this year with " + n(person_times) +
                     " person-times, including " + n(exchanges) +
                     " exchange visits of leaders, teachers and students, and " + n(classes) +
                     " demonstration classes."};
    name_demonstration_classes(s.summary, f.demonstration_classes);
    Table by_type{"activities_by_type",
                  {"活动分类统计", "Activities by type"},
                  {{"活动类型", "Type"}, {"次数", "Activities"}, {"参与人次", "Person-times"}},
                  {},
                  {},
                  {1, 2}};
    for (const auto& t : f.activities_by_type)
        by_type.rows.push_back({t.label, number(t.activities), number(t.person_times)});
    by_type.rows.push_back({{"合计", "Total"}, number(activities), number(person_times)});
    Table by_month{"activities_by_month",
                   {"活动月度统计", "Activities by month"},
                   {{"月份", "Month"}, {"次数", "Activities"}, {"参与人次", "Person-times"}},
                   {},
                   {},
                   {1, 2}};
    for (const auto& m : f.activities_by_month)
        by_month.rows.push_back({m.label, number(m.activities), number(m.person_times)});
    Table demo{"demonstration_classes",
               {"示范课", "Demonstration classes"},
               {{"日期", "Date"},
                {"授课教师", "Teacher"},
                {"学科", "Subject"},
                {"课题", "Topic"},
                {"授课学校", "Held at"},
                {"听课人数", "Audience"}},
               {},
               {},
               {5}};
    for (const auto& d : f.demonstration_classes)
        demo.rows.push_back({same(d.date), same(d.teacher), d.subject, same(d.topic), same(d.host),
                             number(d.audience)});
    s.tables = {std::move(by_type), std::move(by_month), std::move(demo)};
    return s;
}

Section resources_section(const PairingWorkFacts& f, const LinkContext& l) {
    Section s;
    s.key = "resources";
    s.title = {"四、资源共享与捐资助学", "4. Resource sharing and donations"};
    std::int64_t funds = 0, materials = 0, count = 0, resources = 0;
    for (const auto& d : f.donations_by_category) {
        funds += d.funds_fen;
        materials += d.materials_fen;
        count += d.count;
    }
    for (const auto& r : f.resources_by_kind) resources += r.count;
    std::string year = "year=" + std::to_string(l.year);
    // Resources shared in the year within the scope's pairings (and, for an institution, owned
    // by it): the resources list's program / institution and year filters.
    s.figures = {
        {"donations.funds_fen",
         {"捐赠资金", "Funds donated"},
         funds,
         Unit::fen,
         link("/donations", l, {year, "kind=funds"})},
        {"donations.materials_fen",
         {"捐赠物资折价", "Materials (value)"},
         materials,
         Unit::fen,
         link("/donations", l, {year, "kind=materials"})},
        {"donations.total_fen",
         {"捐赠合计", "Donations in total"},
         funds + materials,
         Unit::fen,
         link("/donations", l, {year})},
        {"donations.count",
         {"捐赠笔数", "Donations"},
         count,
         Unit::count,
         link("/donations", l, {year})},
        {"resources.count",
         {"共享教学资源", "Shared resources"},
         resources,
         Unit::count,
         link("/resources", l, {year})},
    };
    for (const auto& d : f.donations_by_category)
        if (!d.key.empty())
            s.figures.push_back({"donations.category." + d.key, d.label, d.materials_fen, Unit::fen,
                                 link("/donations", l, {year, "category=" + d.key})});
    s.summary = {
        "本年度捐赠资金 " + format_yuan(funds, true) + " 元、物资折价 " +
            format_yuan(materials, true) + " 元，合计 " + format_yuan(funds + materials, true) +
            " 元（" + n(count) + " 笔）；共享教案、课件等教学资源 " + n(resources) + " 份。",
        "Funds of " + format_yuan(funds, true) + " yuan and materials worth " +
            format_yuan(materials, true) + " yuan were donated this year, " +
            format_yuan(funds + materials, true) + " yuan in total (" + n(count) + " donations); " +
            n(resources) + " teaching resources (lesson plans, courseware, …) were shared."};
    Table dt{"donations_by_category",
             {"捐赠分类统计", "Donations by category"},
             {{"类别", "Category"},
              {"资金（元）", "Funds (yuan)"},
              {"物资折价（元）", "Materials (yuan)"},
              {"合计（元）", "Total (yuan)"},
              {"笔数", "Count"}},
             {},
             {1, 2, 3},
             {4}};
    for (const auto& d : f.donations_by_category)
        dt.rows.push_back({d.label, yuan(d.funds_fen), yuan(d.materials_fen),
                           yuan(d.funds_fen + d.materials_fen), number(d.count)});
    dt.rows.push_back(
        {{"合计", "Total"}, yuan(funds), yuan(materials), yuan(funds + materials), number(count)});
    Table rt{"resources_by_kind",
             {"共享资源分类统计", "Shared resources by kind"},
             {{"资源类型", "Kind"}, {"数量", "Count"}},
             {},
             {},
             {1}};
    for (const auto& r : f.resources_by_kind) rt.rows.push_back({r.label, number(r.count)});
    s.tables = {std::move(dt), std::move(rt)};
    return s;
}

std::vector<Section> pairing_work_sections(const PairingWorkFacts& f, const LinkContext& l) {
    return {organisation_section(f, l), pairings_section(f, l), activities_section(f, l),
            resources_section(f, l)};
}

boost::json::object dashboard_json(const Scope& scope, const Text& scope_name, int year,
                                   const PairingWorkFacts& f, const CurrentFacts& now,
                                   const LinkContext& l, std::string_view lang) {
    Report r;
    r.sections = pairing_work_sections(f, l);
    auto figure_json = [&](const Figure& x) {
        return boost::json::object{{"key", x.key},
                                   {"label", x.label.in(lang)},
                                   {"value", x.value},
                                   {"unit", x.unit == Unit::fen            ? "fen"
                                            : x.unit == Unit::person_times ? "person_times"
                                                                           : "count"},
                                   {"text", format_value(x)},
                                   {"link", x.link}};
    };
    boost::json::array figures;
    for (auto key :
         {"pairings.active", "activities.count", "activities.person_times",
          "activities.exchange_visits", "activities.demonstration_classes", "donations.funds_fen",
          "donations.materials_fen", "donations.total_fen", "resources.count"})
        if (const auto* x = find_figure(r, key)) figures.push_back(figure_json(*x));
    std::string range = year_range(l);
    boost::json::array by_type, by_month, by_category;
    for (const auto& t : f.activities_by_type)
        by_type.push_back({{"key", t.key},
                           {"label", t.label.in(lang)},
                           {"activities", t.activities},
                           {"person_times", t.person_times},
                           {"link", link("/activities", l, {"type=" + t.key, range})}});
    for (const auto& m : f.activities_by_month) {
        // The month's first and last day: the activities list filters by overlap.
        std::string first = m.key + "-01";
        int month = std::stoi(m.key.substr(5, 2));
        int y = std::stoi(m.key.substr(0, 4));
        static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int last = days[month - 1] + (month == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
        by_month.push_back({{"key", m.key},
                            {"label", m.label.in(lang)},
                            {"activities", m.activities},
                            {"person_times", m.person_times},
                            {"link", link("/activities", l,
                                          {"date_from=" + first + "&date_to=" + m.key + "-" +
                                           std::to_string(last)})}});
    }
    std::string y = "year=" + std::to_string(l.year);
    for (const auto& d : f.donations_by_category)
        by_category.push_back(
            {{"key", d.key},
             {"label", d.label.in(lang)},
             {"funds_fen", d.funds_fen},
             {"materials_fen", d.materials_fen},
             {"count", d.count},
             {"link", d.key.empty() ? link("/donations", l, {y, "kind=funds"})
                                    : link("/donations", l, {y, "category=" + d.key})}});
    std::string program_filter = scope.kind == "program" ? "program=" + scope.id : "";
    LinkContext plain{program_filter, l.year, ""};
    // The current state as the scope's own reader counts it: a region's or an institution's.
    std::string region_filter = scope.kind == "region"        ? "region=" + scope.id
                                : scope.kind == "institution" ? "institution=" + scope.id
                                                              : "";
    return {{"scope", scope.text()},
            {"scope_name", scope_name.in(lang)},
            {"year", year},
            {"figures", std::move(figures)},
            {"activities_by_type", std::move(by_type)},
            {"activities_by_month", std::move(by_month)},
            {"donations_by_category", std::move(by_category)},
            {"current",
             {{"today", now.today},
              {"active_pairings", now.active_pairings},
              {"non_compliant_pairings", now.non_compliant_pairings},
              {"compliant_pairings", now.active_pairings - now.non_compliant_pairings},
              {"four_haves_link", link("/four-haves", plain, {region_filter})},
              {"overdue_tasks", now.overdue_tasks},
              {"overdue_link", link("/plans", plain, {region_filter})}}}};
}

}  // namespace bangfu::core::report
