#include "core/pairing.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>

#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"supporter", "支援方", "supporter"},
    FieldLabel{"recipient", "受援方", "recipient"},
    FieldLabel{"dimensions", "帮扶内容", "dimensions"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"agreement_title", "协议名称", "agreement title"},
    FieldLabel{"agreement_text", "协议内容", "agreement text"},
    FieldLabel{"status", "状态", "status"},
    FieldLabel{"note", "备注", "note"},
};
constexpr std::array<std::string_view, 14> read_only{"id",
                                                     "program_name",
                                                     "supporter_name",
                                                     "supporter_region",
                                                     "recipient_name",
                                                     "supporter_region_name",
                                                     "recipient_region",
                                                     "recipient_region_name",
                                                     "dimension_labels",
                                                     "agreement_file",
                                                     "agreement_file_name",
                                                     "agreement_file_size",
                                                     "created_at",
                                                     "updated_at"};

std::optional<Date> check_date(FieldErrors& e, std::string_view field, const std::string& value) {
    if (e.contains(std::string(field))) return std::nullopt;
    auto d = parse_date(value);
    if (!d)
        e[std::string(field)] =
            field_message(labels, field, "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
    return d;
}
}  // namespace

std::span<const FieldLabel> pairing_labels() {
    return labels;
}

boost::json::object to_json(const Pairing& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["supporter"] = x.supporter;
    o["supporter_name"] = x.supporter_name;
    o["supporter_region"] = x.supporter_region;
    o["supporter_region_name"] = x.supporter_region_name;
    o["recipient"] = x.recipient;
    o["recipient_name"] = x.recipient_name;
    o["recipient_region"] = x.recipient_region;
    o["recipient_region_name"] = x.recipient_region_name;
    boost::json::array dims, dim_labels;
    for (std::size_t i = 0; i < x.dimensions.size(); ++i) {
        dims.push_back(boost::json::value(x.dimensions[i]));
        const Text* t = i < x.dimension_labels.size() ? &x.dimension_labels[i] : nullptr;
        dim_labels.push_back(boost::json::object{{"value", x.dimensions[i]},
                                                 {"zh", t ? t->zh : x.dimensions[i]},
                                                 {"en", t ? t->en : x.dimensions[i]}});
    }
    o["dimensions"] = std::move(dims);
    o["dimension_labels"] = std::move(dim_labels);
    o["start_date"] = x.start_date;
    o["end_date"] = x.end_date ? boost::json::value(*x.end_date) : boost::json::value(nullptr);
    o["agreement_title"] = x.agreement_title;
    o["agreement_text"] = x.agreement_text;
    o["agreement_file"] =
        x.agreement_file ? boost::json::value(*x.agreement_file) : boost::json::value(nullptr);
    o["agreement_file_name"] = x.agreement_file_name;
    o["agreement_file_size"] = x.agreement_file_size;
    o["status"] = x.status;
    o["note"] = x.note;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Pairing& x, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.integer("program", x.program);
    f.integer("supporter", x.supporter);
    f.integer("recipient", x.recipient);
    f.text_list("dimensions", x.dimensions);
    f.text("start_date", x.start_date);
    f.optional_text("end_date", x.end_date);
    if (x.end_date && x.end_date->empty()) x.end_date.reset();
    f.text("agreement_title", x.agreement_title);
    f.text("agreement_text", x.agreement_text);
    f.text("status", x.status);
    f.text("note", x.note);
}

FieldErrors validate(const Pairing& x, const Date& today) {
    FieldErrors e;
    for (auto [field, value] :
         {std::pair{"program", x.program}, std::pair{"supporter", x.supporter},
          std::pair{"recipient", x.recipient}})
        if (value <= 0 && !e.contains(field))
            e[field] = field_message(labels, field, "不能为空", "is required");
    if (x.supporter > 0 && x.supporter == x.recipient)
        e["recipient"] = {"支援方和受援方不能是同一单位",
                          "the supporter and the recipient must be different institutions"};
    if (!e.contains("dimensions")) {
        std::set<std::string> seen;
        if (x.dimensions.empty())
            e["dimensions"] =
                field_message(labels, "dimensions", "至少选择一项", "needs at least one entry");
        for (const auto& d : x.dimensions) {
            if (e.contains("dimensions")) break;
            if (d.empty())
                e["dimensions"] = field_message(labels, "dimensions", "不能有空项",
                                                "must not hold empty entries");
            else if (!seen.insert(d).second)
                e["dimensions"] =
                    field_message(labels, "dimensions", "重复选择了 " + d, "repeats " + d);
        }
        if (!e.contains("dimensions") && x.dimensions.size() > 20)
            e["dimensions"] =
                field_message(labels, "dimensions", "最多 20 项", "may hold at most 20 entries");
    }
    std::optional<Date> start;
    if (x.start_date.empty()) {
        if (!e.contains("start_date"))
            e["start_date"] = field_message(labels, "start_date", "不能为空", "is required");
    } else {
        start = check_date(e, "start_date", x.start_date);
    }
    if (x.end_date) {
        auto end = check_date(e, "end_date", *x.end_date);
        if (end && start && *end < *start)
            e["end_date"] = field_message(labels, "end_date", "不能早于开始日期",
                                          "must not be before the start date");
        else if (end && x.status == "ended" && today < *end)
            e["end_date"] = field_message(labels, "end_date", "不能晚于今天（结对已结束）",
                                          "of an ended pairing must not be in the future");
    } else if (x.status == "ended" && !e.contains("end_date")) {
        e["end_date"] = field_message(labels, "end_date", "不能为空（结束结对时必须填写）",
                                      "is required when the pairing ends");
    }
    check_optional_text(labels, e, "agreement_title", x.agreement_title, 200);
    check_optional_text(labels, e, "agreement_text", x.agreement_text, 20000);
    check_choice(labels, e, "status", x.status, dict::pairing_status);
    check_optional_text(labels, e, "note", x.note, 1000);
    return e;
}

FieldErrors check_pairing_rules(const Pairing& candidate, std::span<const PairingEdge> existing,
                                const PairingNames& names) {
    FieldErrors e;
    if (candidate.supporter != 0 && candidate.supporter == candidate.recipient) {
        e["recipient"] = {"支援方和受援方不能是同一单位",
                          "the supporter and the recipient must be different institutions"};
        return e;
    }
    if (candidate.status != "active") return e;
    // Each dimension once, in the candidate's order (for the messages).
    std::vector<std::string> ordered;
    for (const auto& d : candidate.dimensions)
        if (std::find(ordered.begin(), ordered.end(), d) == ordered.end()) ordered.push_back(d);

    Text duplicates, cycles;
    auto append = [](Text& t, const Text& more) {
        t.zh += (t.zh.empty() ? "" : "；") + more.zh;
        t.en += (t.en.empty() ? "" : "; ") + more.en;
    };
    for (const auto& dim : ordered) {
        Text label = names.dimension(dim);
        // Adjacency of this dimension's graph, without the candidate's own edges.
        std::map<std::int64_t, std::vector<std::int64_t>> next;
        for (const auto& edge : existing) {
            if (edge.dimension != dim || edge.pairing == candidate.id) continue;
            if (edge.supporter == candidate.supporter && edge.recipient == candidate.recipient)
                append(duplicates, {"已有进行中的结对（编号 " + std::to_string(edge.pairing) +
                                        "）在「" + label.zh + "」上帮扶同一受援方",
                                    "active pairing " + std::to_string(edge.pairing) +
                                        " already pairs these institutions on " + label.en});
            next[edge.supporter].push_back(edge.recipient);
        }
        // A path recipient ⇝ supporter closes a cycle with the new edge. Breadth-first, so the
        // message shows the shortest such chain.
        std::map<std::int64_t, std::int64_t> parent{{candidate.recipient, candidate.recipient}};
        std::deque<std::int64_t> queue{candidate.recipient};
        bool found = false;
        while (!queue.empty() && !found) {
            auto at = queue.front();
            queue.pop_front();
            auto it = next.find(at);
            if (it == next.end()) continue;
            for (auto to : it->second) {
                if (parent.contains(to)) continue;
                parent[to] = at;
                if (to == candidate.supporter) {
                    found = true;
                    break;
                }
                queue.push_back(to);
            }
        }
        if (!found) continue;
        std::vector<std::int64_t> path;  // supporter … recipient, reversed below
        for (auto at = candidate.supporter; at != candidate.recipient; at = parent[at])
            path.push_back(at);
        path.push_back(candidate.recipient);
        path.push_back(candidate.supporter);
        std::reverse(path.begin(), path.end());
        std::string chain;
        for (auto id : path) chain += (chain.empty() ? "" : " → ") + names.institution(id);
        append(cycles, {"将形成循环：" + chain + "（" + label.zh + "）",
                        "would close a cycle: " + chain + " (" + label.en + ")"});
    }
    if (!duplicates.zh.empty()) e["dimensions"] = duplicates;
    if (!cycles.zh.empty()) e["recipient"] = cycles;
    return e;
}

}  // namespace bangfu::core
