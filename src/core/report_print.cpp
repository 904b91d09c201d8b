#include "core/report_print.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "core/money.hpp"
#include "core/text.hpp"

namespace bangfu::core::report {

namespace {

// How a long table of the summary is grouped for paper: by the column(s) a bureau reads it by.
struct Grouping {
    std::string_view table;
    // The columns grouped by. Empty: the table's rows already are counts (by sender, by kind):
    // the rows with the largest first number are kept and the rest summed as "Others".
    std::vector<std::size_t> by;
    // The heading of the count column of a grouped table (what one row of the full table is).
    Text counted;
    // The table ends with a 合计 row (the builders in core/*_summary.cpp add it).
    bool total_row = false;
    // Group by the month (YYYY-MM) of column `by[0]`, a date, rather than by the date itself.
    bool month = false;
};

const std::vector<Grouping>& groupings() {
    static const std::vector<Grouping> all = {
        // core/pairing_work_summary.cpp
        {"leading_group", {0}, {"人数", "Members"}},
        {"documents", {0}, {"文件数", "Documents"}},
        {"pairings", {0}, {"结对数", "Pairings"}},
        {"plans", {0, 2}, {"份数", "Plans"}},
        {"inspections", {0}, {"次数", "Inspections"}, false, true},
        {"activities_by_type", {}, {}, true},
        {"activities_by_month", {}, {}},
        {"demonstration_classes", {2}, {"节数", "Classes"}},
        {"donations_by_category", {}, {}, true},
        {"resources_by_kind", {}, {}},
        // core/dispatch_summary.cpp
        {"dispatch_batches", {0}, {"批次数", "Batches"}},
        {"dispatch_by_subject", {}, {}, true},
        {"dispatch_by_sender", {}, {}, true},
        {"dispatch_by_recipient", {}, {}, true},
        {"attachment_study", {0}, {"批数", "Groups"}, true},
        {"appraisal_results", {}, {}, true},
        {"excellent_teachers", {1}, {"人数", "Teachers"}},
        {"subsidies", {0}, {"人次", "Person-times"}, true},
        // core/people_helped_summary.cpp
        {"beneficiaries_by_category", {}, {}, true},
        {"aid_by_kind", {}, {}, true},
        {"aid_by_month", {}, {}, true},
        {"inbound_by_program", {}, {}, true},
        {"inbound_by_grade", {}, {}, true},
        {"inbound_by_major", {}, {}, true},
    };
    return all;
}

// A table no rule names (a section added later) is still printed within the limit: by its
// first column with a row count, or as counts when it has numbers; a last row labelled 合计 is
// its total.
Grouping fallback(const Table& t) {
    Grouping g{t.key, {}, {}};
    if (t.money_columns.empty() && t.numeric_columns.empty()) g = {t.key, {0}, {"行数", "Rows"}};
    if (!t.rows.empty() && !t.rows.back().empty() &&
        t.rows.back()[0].zh.find("合计") != std::string::npos)
        g.total_row = true;
    return g;
}

Grouping grouping_of(const Table& t) {
    for (const auto& g : groupings())
        if (g.table == t.key) return g;
    return fallback(t);
}

const Text& cell(const std::vector<Text>& row, std::size_t i) {
    static const Text empty;
    return i < row.size() ? row[i] : empty;
}

// A number or money cell as an integer (fen for money); empty is 0; nullopt if not a number.
std::optional<std::int64_t> value_of(const Text& c, bool money) {
    auto s = trim(c.zh);
    if (s.empty()) return 0;
    if (money) return parse_yuan(s);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

Text text_of(std::int64_t v, bool money) {
    auto s = money ? format_yuan(v) : std::to_string(v);
    return {s, s};
}

std::string n(std::size_t v) {
    return std::to_string(v);
}

struct Group {
    std::vector<Text> labels;  // the group columns' cells
    std::vector<Text> row;     // counts tables: the row itself
    std::int64_t count = 0;
    std::vector<std::int64_t> sums;  // per summed column
    std::string order;               // collation key of the labels (pinyin order on ties)
};

}  // namespace

Text full_list_in_workbook(const Text& what) {
    return {what.zh + "见 Excel 统计表（“下载统计表”按钮，或 bangfu report --format xlsx）",
            what.en +
                " is in the Excel workbook (the “Download tables” button, or bangfu report "
                "--format xlsx)"};
}

Table table_for_print(const Table& t, std::size_t limit) {
    if (limit == 0) limit = 1;
    auto g = grouping_of(t);
    bool has_total = g.total_row && !t.rows.empty();
    std::size_t data = t.rows.size() - (has_total ? 1 : 0);
    if (data <= limit) return t;

    // The columns summed: every number and money column outside the grouping whose cells are
    // all numbers (a column that is not cannot be summed and is left out of the grouped table).
    std::set<std::size_t> money(t.money_columns.begin(), t.money_columns.end());
    std::set<std::size_t> numbers(t.numeric_columns.begin(), t.numeric_columns.end());
    numbers.insert(money.begin(), money.end());
    std::vector<std::size_t> summed;
    for (auto c : numbers) {
        if (c >= t.columns.size() || std::find(g.by.begin(), g.by.end(), c) != g.by.end()) continue;
        bool ok = true;
        for (std::size_t r = 0; r < data && ok; ++r)
            ok = value_of(cell(t.rows[r], c), money.contains(c)).has_value();
        if (ok) summed.push_back(c);
    }
    bool counts_table = g.by.empty();
    // A counts table without a number to rank by is grouped by its first column instead.
    if (counts_table && summed.empty()) {
        g.by = {0};
        g.counted = {"行数", "Rows"};
        counts_table = false;
    }

    std::vector<Group> groups;
    std::map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < data; ++r) {
        const auto& row = t.rows[r];
        std::size_t at = groups.size();
        if (counts_table) {
            groups.push_back({{cell(row, 0)}, row, 1, {}, {}});
        } else {
            std::vector<Text> labels;
            std::string key;
            for (auto c : g.by) {
                Text l = cell(row, c);
                if (g.month) l = {l.zh.substr(0, 7), l.en.substr(0, 7)};
                // A blank cell still makes a visible group of its own.
                if (l.zh.empty() && l.en.empty()) l = {"（未填写）", "(blank)"};
                key += l.zh + '\x1f' + l.en + '\x1e';
                labels.push_back(std::move(l));
            }
            auto [it, added] = index.try_emplace(key, groups.size());
            at = it->second;
            if (added) groups.push_back({std::move(labels), {}, 0, {}, {}});
            ++groups[at].count;
        }
        auto& grp = groups[at];
        grp.sums.resize(summed.size(), 0);
        for (std::size_t i = 0; i < summed.size(); ++i)
            grp.sums[i] += *value_of(cell(row, summed[i]), money.contains(summed[i]));
    }
    for (auto& grp : groups) {
        std::string joined;
        for (const auto& l : grp.labels) joined += l.zh + " ";
        grp.order = collation_key(joined);
    }
    // Largest first (by count, or by the first number of a counts table), ties in pinyin order.
    auto size = [&](const Group& x) { return counts_table ? x.sums[0] : x.count; };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        if (size(a) != size(b)) return size(a) > size(b);
        return a.order < b.order;
    });
    std::size_t kept = groups.size() <= limit ? groups.size() : limit - 1;

    Table out;
    out.key = t.key;
    // The grouped table's columns: the group columns, the count, the sums.
    std::vector<Text> by_labels;
    for (auto c : g.by) by_labels.push_back(g.month ? Text{"月份", "Month"} : cell(t.columns, c));
    if (counts_table) {
        out.title = t.title;
        out.columns = t.columns;
        out.money_columns = t.money_columns;
        out.numeric_columns = t.numeric_columns;
        for (std::size_t i = 0; i < kept; ++i) out.rows.push_back(groups[i].row);
    } else {
        Text by;
        for (const auto& l : by_labels) {
            by.zh += (by.zh.empty() ? "" : "、") + l.zh;
            by.en += (by.en.empty() ? "" : " and ") + to_lower_ascii(l.en);
        }
        out.title = {t.title.zh + "（按" + by.zh + "汇总）", t.title.en + " by " + by.en};
        out.columns = by_labels;
        out.columns.push_back(g.counted);
        out.numeric_columns.push_back(g.by.size());
        for (std::size_t i = 0; i < summed.size(); ++i) {
            out.columns.push_back(t.columns[summed[i]]);
            (money.contains(summed[i]) ? out.money_columns : out.numeric_columns)
                .push_back(g.by.size() + 1 + i);
        }
        for (std::size_t i = 0; i < kept; ++i) {
            auto row = groups[i].labels;
            row.push_back(text_of(groups[i].count, false));
            for (std::size_t k = 0; k < summed.size(); ++k)
                row.push_back(text_of(groups[i].sums[k], money.contains(summed[k])));
            out.rows.push_back(std::move(row));
        }
    }
    // Where a summed value goes in the printed row.
    auto place = [&](std::size_t k) { return counts_table ? summed[k] : g.by.size() + 1 + k; };
    std::size_t width = out.columns.size();
    if (kept < groups.size()) {
        std::int64_t count = 0;
        std::vector<std::int64_t> sums(summed.size(), 0);
        for (std::size_t i = kept; i < groups.size(); ++i) {
            count += groups[i].count;
            for (std::size_t k = 0; k < summed.size(); ++k) sums[k] += groups[i].sums[k];
        }
        std::vector<Text> row(width);
        auto rest = n(groups.size() - kept);
        row[0] = {"其他（" + rest + " 项）", "Others (" + rest + ")"};
        if (!counts_table) row[g.by.size()] = text_of(count, false);
        for (std::size_t k = 0; k < summed.size(); ++k)
            row[place(k)] = text_of(sums[k], money.contains(summed[k]));
        out.rows.push_back(std::move(row));
    }
    // The total row: the full table's own (its figures stay exactly as the table states them:
    // a year's person-times is not the sum of subject rows), else the sums of every row.
    std::vector<Text> total(width);
    if (has_total) {
        const auto& full = t.rows.back();
        if (counts_table) {
            total = full;
        } else {
            total[0] = cell(full, 0);
            total[g.by.size()] = text_of(static_cast<std::int64_t>(data), false);
            for (std::size_t k = 0; k < summed.size(); ++k) total[place(k)] = cell(full, summed[k]);
        }
    } else {
        total[0] = {"合计", "Total"};
        std::vector<std::int64_t> sums(summed.size(), 0);
        for (const auto& grp : groups)
            for (std::size_t k = 0; k < summed.size(); ++k) sums[k] += grp.sums[k];
        if (!counts_table) total[g.by.size()] = text_of(static_cast<std::int64_t>(data), false);
        for (std::size_t k = 0; k < summed.size(); ++k)
            total[place(k)] = text_of(sums[k], money.contains(summed[k]));
    }
    out.rows.push_back(std::move(total));

    // Never a silent cut: the sentence says the table is grouped, how many rows it has and
    // where the complete list is.
    auto where = full_list_in_workbook();
    auto rows = n(data), max = n(limit), top = n(kept);
    if (counts_table) {
        auto first = cell(t.columns, summed[0]);
        out.note = {"本表共 " + rows + " 行，超过 " + max + " 行，此处列出" + first.zh + "最多的 " +
                        top + " 行，其余合并为“其他”；" + where.zh + "。",
                    "The full table has " + rows + " rows, more than " + max + ": the " + top +
                        " rows with the most " + to_lower_ascii(first.en) +
                        " are printed here and the rest summed as “Others”; " + where.en + "."};
    } else {
        std::string zh_by, en_by;
        for (const auto& l : by_labels) {
            zh_by += (zh_by.empty() ? "" : "、") + l.zh;
            en_by += (en_by.empty() ? "" : " and ") + to_lower_ascii(l.en);
        }
        out.note = {"本表共 " + rows + " 行，超过 " + max + " 行，此处按" + zh_by + "汇总" +
                        (kept < groups.size() ? "，列出行数最多的 " + top + " 组，其余合并为“其他”"
                                              : std::string()) +
                        "；" + where.zh + "。",
                    "The full table has " + rows + " rows, more than " + max +
                        ": printed here grouped by " + en_by +
                        (kept < groups.size()
                             ? " (the " + top + " largest groups, the rest summed as “Others”)"
                             : std::string()) +
                        "; " + where.en + "."};
    }
    return out;
}

Report for_print(const Report& r, std::size_t limit) {
    Report out;
    out.scope = r.scope;
    out.scope_name = r.scope_name;
    out.year = r.year;
    out.written = r.written;
    out.locked = r.locked;
    out.locked_at = r.locked_at;
    out.generated_at = r.generated_at;
    for (const auto& s : r.sections) {
        Section p;
        p.key = s.key;
        p.title = s.title;
        p.summary = s.summary;
        p.figures = s.figures;
        for (const auto& t : s.tables) p.tables.push_back(table_for_print(t, limit));
        out.sections.push_back(std::move(p));
    }
    return out;
}

}  // namespace bangfu::core::report
