#include "core/subsidy.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "core/money.hpp"

namespace bangfu::core {

namespace dict {
namespace {
constexpr std::array subsidy_frequencies{Option{"one_time", "一次性", "One-time"},
                                         Option{"yearly", "每年", "Yearly"},
                                         Option{"monthly", "每月", "Monthly"}};
// Best first: the order users read them in and the order of rating_rank.
constexpr std::array appraisal_ratings{
    Option{"excellent", "优秀", "Excellent"}, Option{"competent", "称职", "Competent"},
    Option{"basically_competent", "基本称职", "Basically competent"},
    Option{"incompetent", "不称职", "Incompetent"}};
constexpr std::array entitlement_statuses{Option{"payable", "应发", "Payable"},
                                          Option{"pending", "待考核", "Awaiting appraisal"},
                                          Option{"withheld", "不予发放", "Withheld"}};
}  // namespace
const Dictionary subsidy_frequency{"subsidy_frequency", subsidy_frequencies};
const Dictionary appraisal_rating{"appraisal_rating", appraisal_ratings};
const Dictionary entitlement_status{"entitlement_status", entitlement_statuses};
}  // namespace dict

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"name", "补助项目", "name"},
    FieldLabel{"frequency", "发放方式", "frequency"},
    FieldLabel{"amount_fen", "金额", "amount"},
    FieldLabel{"max_months", "最多月数", "maximum months"},
    FieldLabel{"min_rating", "考核等次要求", "required rating"},
    FieldLabel{"sort_order", "排序", "order"},
};
constexpr std::array<std::string_view, 6> read_only{"id",         "program",    "amount_yuan",
                                                    "created_at", "updated_at", "frequency_label"};

void error(FieldErrors& e, std::string_view field, std::string_view zh, std::string_view en) {
    if (!e.contains(std::string(field)))
        e[std::string(field)] = field_message(labels, field, zh, en);
}

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}
}  // namespace

std::span<const FieldLabel> subsidy_item_labels() {
    return labels;
}

boost::json::object to_json(const SubsidyItem& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["name"] = x.name;
    o["frequency"] = x.frequency;
    o["amount_fen"] = x.amount_fen;
    o["amount_yuan"] = format_yuan(x.amount_fen);
    o["max_months"] = x.max_months ? boost::json::value(*x.max_months) : nullptr;
    o["min_rating"] = x.min_rating ? boost::json::value(*x.min_rating) : nullptr;
    o["sort_order"] = x.sort_order;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(SubsidyItem& x, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.text("name", x.name);
    f.text("frequency", x.frequency);
    f.integer("amount_fen", x.amount_fen);
    f.optional_integer("max_months", x.max_months);
    f.optional_text("min_rating", x.min_rating);
    f.integer("sort_order", x.sort_order);
}

FieldErrors validate(const SubsidyItem& x) {
    FieldErrors e;
    check_required_text(labels, e, "name", x.name, 100);
    check_choice(labels, e, "frequency", x.frequency, dict::subsidy_frequency);
    if (x.amount_fen <= 0) error(e, "amount_fen", "应大于 0", "must be greater than 0");
    if (x.amount_fen > max_amount_fen)
        error(e, "amount_fen", "超过上限（1000 亿元）", "exceeds the limit (100 billion yuan)");
    if (x.max_months) {
        if (x.frequency != "monthly")
            error(e, "max_months", "只适用于按月发放的项目", "applies to monthly items only");
        else if (*x.max_months < 1 || *x.max_months > 12)
            error(e, "max_months", "应在 1 到 12 之间（每个考核年度）",
                  "must be 1–12 (per appraisal year)");
    }
    if (x.min_rating && !dict::appraisal_rating.contains(*x.min_rating))
        e["min_rating"] = field_message(
            labels, "min_rating", "应为：" + dict::appraisal_rating.labels("zh") + "，或留空",
            "must be one of: " + dict::appraisal_rating.labels("en") + ", or empty");
    if (x.sort_order < 0 || x.sort_order > 1000)
        error(e, "sort_order", "应在 0 到 1000 之间", "must be 0–1000");
    return e;
}

int rating_rank(std::string_view rating) {
    auto options = dict::appraisal_rating.options();
    for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i].value == rating) return static_cast<int>(options.size() - 1 - i);
    return -1;
}

bool rating_meets(std::string_view rating, std::string_view min_rating) {
    int r = rating_rank(rating);
    return r >= 0 && r >= rating_rank(min_rating);
}

int appraisal_year_of(const Date& d) {
    return d.month >= 9 ? d.year + 1 : d.year;
}

std::pair<Date, Date> appraisal_year_window(int year) {
    return {Date{year - 1, 9, 1}, Date{year, 8, 31}};
}

int counted_months(const Date& first, const Date& last) {
    if (last < first) return 0;
    int months = 0;
    for (int y = first.year, m = first.month;
         y < last.year || (y == last.year && m <= last.month);) {
        int from = (y == first.year && m == first.month) ? first.day : 1;
        int to = (y == last.year && m == last.month) ? last.day : days_in_month(y, m);
        if (to - from + 1 >= 15) ++months;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    return months;
}

Date service_end(const Date& end, const std::optional<Date>& withdrawn_on) {
    return withdrawn_on && *withdrawn_on < end ? *withdrawn_on : end;
}

std::vector<int> served_appraisal_years(const Date& first, const Date& last) {
    std::vector<int> years;
    if (last < first) return years;
    for (int y = appraisal_year_of(first); y <= appraisal_year_of(last); ++y) {
        auto [from, to] = appraisal_year_window(y);
        if (counted_months(std::max(first, from), std::min(last, to)) > 0) years.push_back(y);
    }
    return years;
}

std::optional<Entitlement> compute_entitlement(std::span<const SubsidyItem> items,
                                               const Date& first, const Date& last, int year,
                                               const std::optional<std::string>& approved_rating) {
    auto [from, to] = appraisal_year_window(year);
    int months = counted_months(std::max(first, from), std::min(last, to));
    if (months == 0) return std::nullopt;
    auto years = served_appraisal_years(first, last);
    bool first_year = !years.empty() && years.front() == year;
    Entitlement ent;
    ent.year = year;
    ent.months = months;
    ent.rating = approved_rating;
    for (const auto& item : items) {
        EntitlementLine line;
        line.item = item.id;
        line.name = item.name;
        line.frequency = item.frequency;
        line.amount_fen = item.amount_fen;
        if (item.frequency == "one_time")
            line.quantity = first_year ? 1 : 0;
        else if (item.frequency == "yearly")
            line.quantity = 1;
        else
            line.quantity = std::min<std::int64_t>(
                months, item.max_months.value_or(std::numeric_limits<std::int64_t>::max()));
        if (line.quantity == 0) continue;
        line.total_fen = line.quantity * item.amount_fen;
        if (!item.min_rating)
            line.status = "payable";
        else if (!approved_rating)
            line.status = "pending";
        else
            line.status = rating_meets(*approved_rating, *item.min_rating) ? "payable" : "withheld";
        if (line.status == "payable") ent.payable_fen += line.total_fen;
        if (line.status == "pending") ent.pending_fen += line.total_fen;
        ent.lines.push_back(std::move(line));
    }
    return ent;
}

}  // namespace bangfu::core
