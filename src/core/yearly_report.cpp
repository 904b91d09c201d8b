#include "core/yearly_report.hpp"

#include <charconv>
#include <stdexcept>

#include "core/money.hpp"

namespace bangfu::core::report {

namespace {
bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

boost::json::object text_json(const Text& t) {
    return {{"zh", t.zh}, {"en", t.en}};
}

// A cell is a plain string when both languages agree (names), else {zh, en}.
boost::json::value cell_json(const Text& t) {
    if (t.zh == t.en) return boost::json::string(t.zh);
    return text_json(t);
}

const boost::json::value& at(const boost::json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    if (!v) throw std::invalid_argument("report JSON: missing " + std::string(key));
    return *v;
}

std::string str(const boost::json::value& v) {
    if (!v.is_string()) throw std::invalid_argument("report JSON: expected a string");
    return std::string(v.get_string());
}

Text text_from(const boost::json::value& v) {
    if (v.is_string()) return {str(v), str(v)};
    if (!v.is_object()) throw std::invalid_argument("report JSON: expected a label");
    const auto& o = v.get_object();
    return {str(at(o, "zh")), str(at(o, "en"))};
}

const boost::json::array& arr(const boost::json::value& v) {
    if (!v.is_array()) throw std::invalid_argument("report JSON: expected an array");
    return v.get_array();
}

std::string_view unit_code(Unit u) {
    switch (u) {
        case Unit::person_times:
            return "person_times";
        case Unit::fen:
            return "fen";
        case Unit::count:
            break;
    }
    return "count";
}

Unit unit_from(std::string_view code) {
    if (code == "person_times") return Unit::person_times;
    if (code == "fen") return Unit::fen;
    if (code == "count") return Unit::count;
    throw std::invalid_argument("report JSON: unknown unit");
}

std::vector<std::size_t> indices_from(const boost::json::value& v) {
    std::vector<std::size_t> out;
    for (const auto& x : arr(v)) {
        if (!x.is_int64() || x.get_int64() < 0)
            throw std::invalid_argument("report JSON: expected a column index");
        out.push_back(static_cast<std::size_t>(x.get_int64()));
    }
    return out;
}

boost::json::array indices_json(const std::vector<std::size_t>& v) {
    boost::json::array a;
    for (auto i : v) a.push_back(static_cast<std::int64_t>(i));
    return a;
}
}  // namespace

std::optional<Scope> parse_scope(std::string_view text, Text* why) {
    auto fail = [&]() -> std::optional<Scope> {
        if (why)
            *why = {"应为 program:项目编号、region:行政区划代码 或 institution:单位编号",
                    "must be program:ID, region:CODE or institution:ID"};
        return std::nullopt;
    };
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return fail();
    std::string kind(text.substr(0, colon));
    std::string id(text.substr(colon + 1));
    if (kind != "program" && kind != "region" && kind != "institution") return fail();
    // Ids are positive numbers; region codes are 2–12 digits (province to village).
    if (!all_digits(id) || id.size() > 18 ||
        (kind != "region" && id.find_first_not_of('0') == std::string::npos))
        return fail();
    if (kind == "region" && (id.size() < 2 || id.size() > 12)) return fail();
    return Scope{kind, id};
}

std::optional<int> parse_year(std::string_view text, Text* why) {
    int year = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || p != text.data() + text.size() || year < 2000 || year > 2100) {
        if (why) *why = {"应为 2000—2100 之间的四位年份", "must be a year between 2000 and 2100"};
        return std::nullopt;
    }
    return year;
}

Text written_heading(std::string_view part) {
    if (part == "feelings") return {"体会与启示", "Feelings and inspirations"};
    if (part == "shortcomings") return {"存在的不足", "Shortcomings"};
    return {"下一步打算", "Next steps"};
}

Text report_title(const Report& r) {
    auto y = std::to_string(r.year);
    return {r.scope_name.zh + y + "年度帮扶工作总结",
            r.scope_name.en + " — assistance work summary " + y};
}

std::string format_value(const Figure& f) {
    if (f.unit == Unit::fen) return format_yuan(f.value, true);
    return std::to_string(f.value);
}

Text unit_label(Unit u) {
    switch (u) {
        case Unit::person_times:
            return {"人次", "person-times"};
        case Unit::fen:
            return {"元", "yuan"};
        case Unit::count:
            break;
    }
    return {"", ""};
}

boost::json::array sections_to_json(const std::vector<Section>& sections) {
    boost::json::array out;
    for (const auto& s : sections) {
        boost::json::array figures, tables;
        for (const auto& f : s.figures)
            figures.push_back({{"key", f.key},
                               {"label", text_json(f.label)},
                               {"value", f.value},
                               {"unit", unit_code(f.unit)},
                               {"link", f.link}});
        for (const auto& t : s.tables) {
            boost::json::array columns, rows;
            for (const auto& c : t.columns) columns.push_back(text_json(c));
            for (const auto& row : t.rows) {
                boost::json::array cells;
                for (const auto& c : row) cells.push_back(cell_json(c));
                rows.push_back(std::move(cells));
            }
            tables.push_back({{"key", t.key},
                              {"title", text_json(t.title)},
                              {"columns", std::move(columns)},
                              {"rows", std::move(rows)},
                              {"money_columns", indices_json(t.money_columns)},
                              {"numeric_columns", indices_json(t.numeric_columns)}});
        }
        out.push_back({{"key", s.key},
                       {"title", text_json(s.title)},
                       {"summary", text_json(s.summary)},
                       {"figures", std::move(figures)},
                       {"tables", std::move(tables)}});
    }
    return out;
}

std::vector<Section> sections_from_json(const boost::json::value& v) {
    std::vector<Section> out;
    for (const auto& sv : arr(v)) {
        if (!sv.is_object()) throw std::invalid_argument("report JSON: expected a section");
        const auto& so = sv.get_object();
        Section s;
        s.key = str(at(so, "key"));
        s.title = text_from(at(so, "title"));
        s.summary = text_from(at(so, "summary"));
        for (const auto& fv : arr(at(so, "figures"))) {
            if (!fv.is_object()) throw std::invalid_argument("report JSON: expected a figure");
            const auto& fo = fv.get_object();
            const auto& value = at(fo, "value");
            if (!value.is_int64()) throw std::invalid_argument("report JSON: expected an integer");
            s.figures.push_back({str(at(fo, "key")), text_from(at(fo, "label")), value.get_int64(),
                                 unit_from(str(at(fo, "unit"))), str(at(fo, "link"))});
        }
        for (const auto& tv : arr(at(so, "tables"))) {
            if (!tv.is_object()) throw std::invalid_argument("report JSON: expected a table");
            const auto& to = tv.get_object();
            Table t;
            t.key = str(at(to, "key"));
            t.title = text_from(at(to, "title"));
            for (const auto& c : arr(at(to, "columns"))) t.columns.push_back(text_from(c));
            for (const auto& rv : arr(at(to, "rows"))) {
                std::vector<Text> row;
                for (const auto& c : arr(rv)) row.push_back(text_from(c));
                t.rows.push_back(std::move(row));
            }
            t.money_columns = indices_from(at(to, "money_columns"));
            t.numeric_columns = indices_from(at(to, "numeric_columns"));
            s.tables.push_back(std::move(t));
        }
        out.push_back(std::move(s));
    }
    return out;
}

boost::json::object to_json(const Report& r, std::string_view lang) {
    boost::json::array sections;
    for (const auto& s : r.sections) {
        boost::json::array figures, tables;
        for (const auto& f : s.figures)
            figures.push_back({{"key", f.key},
                               {"label", f.label.in(lang)},
                               {"value", f.value},
                               {"unit", unit_code(f.unit)},
                               {"text", format_value(f)},
                               {"link", f.link}});
        for (const auto& t : s.tables) {
            boost::json::array columns, rows;
            for (const auto& c : t.columns) columns.push_back(boost::json::string(c.in(lang)));
            for (const auto& row : t.rows) {
                boost::json::array cells;
                for (const auto& c : row) cells.push_back(boost::json::string(c.in(lang)));
                rows.push_back(std::move(cells));
            }
            tables.push_back({{"key", t.key},
                              {"title", t.title.in(lang)},
                              {"columns", std::move(columns)},
                              {"rows", std::move(rows)},
                              {"note", t.note.in(lang)}});
        }
        sections.push_back({{"key", s.key},
                            {"title", s.title.in(lang)},
                            {"summary", s.summary.in(lang)},
                            {"figures", std::move(figures)},
                            {"tables", std::move(tables)}});
    }
    return {{"scope", r.scope.text()},
            {"scope_kind", r.scope.kind},
            {"scope_name", r.scope_name.in(lang)},
            {"year", r.year},
            {"title", report_title(r).in(lang)},
            {"locked", r.locked},
            {"locked_at", r.locked ? boost::json::value(r.locked_at) : nullptr},
            {"generated_at", r.generated_at},
            {"written",
             {{"feelings", r.written.feelings},
              {"shortcomings", r.written.shortcomings},
              {"next_steps", r.written.next_steps}}},
            {"sections", std::move(sections)}};
}

const Figure* find_figure(const Report& r, std::string_view key) {
    for (const auto& s : r.sections)
        for (const auto& f : s.figures)
            if (f.key == key) return &f;
    return nullptr;
}

}  // namespace bangfu::core::report
