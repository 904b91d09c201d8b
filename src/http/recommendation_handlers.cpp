#include "http/recommendation_handlers.hpp"

#include <malloc.h>

#include <map>

#include "core/balance.hpp"
#include "http/handler_util.hpp"
#include "match/dispatch_match.hpp"
#include "match/pairing_match.hpp"
#include "store/balance_repository.hpp"
#include "store/clock.hpp"
#include "store/recommendation_repository.hpp"

namespace bangfu::http::recommendations {

namespace json = boost::json;
namespace reco = store::recommendations;

namespace {

[[noreturn]] void invalid(const std::string& field, std::string zh, std::string en) {
    core::throw_validation({{field, {std::move(zh), std::move(en)}}});
}

std::string text_field(const json::object& o, const std::string& name, std::string_view zh) {
    if (!o.contains(name) || o.at(name).is_null()) return "";
    if (!o.at(name).is_string())
        invalid(name, std::string(zh) + "（" + name + "）应为文字", name + " must be a string");
    return std::string(o.at(name).as_string());
}

// {year: 2026} or {year: "2026-2027"}; the current school year when absent.
std::int64_t year_field(const json::object& o) {
    if (!o.contains("year") || o.at("year").is_null()) return store::balance::current_school_year();
    const auto& v = o.at("year");
    if (v.is_int64()) return v.as_int64();
    if (v.is_string())
        if (auto y = core::balance::parse_school_year(std::string(v.as_string()))) return *y;
    invalid("year", "学年（year）应如 2026 或 2026-2027", "year must be like 2026 or 2026-2027");
}

// A province's problem takes a hundred MB or so for a moment: give it back to the system when the
// request is done (declared first in a handler, so it runs after every other local is gone),
// instead of leaving it in the worker thread's malloc arena.
struct GiveBackMemory {
    GiveBackMemory() = default;
    GiveBackMemory(const GiveBackMemory&) = delete;
    GiveBackMemory& operator=(const GiveBackMemory&) = delete;
    ~GiveBackMemory() { malloc_trim(0); }
};

Response run_answer(Context& ctx, const reco::Run& r, int status = 200) {
    return Response::json(reco::to_json(r, ctx.lang()), status);
}

}  // namespace

match::PairingProblem pairing_problem(reco::PairingInputs in) {
    match::PairingProblem p;
    p.dimension = std::move(in.dimension);
    p.supporters = std::move(in.supporters);
    for (auto& s : p.supporters)
        if (!s.capacity_set) s.capacity = match::default_capacity(s.kind, s.students);
    p.recipients = std::move(in.recipients);
    p.existing = std::move(in.edges);
    p.rejected = std::move(in.rejected);
    return p;
}

match::DispatchProblem dispatch_problem(const reco::DispatchInputs& in) {
    match::DispatchProblem p;
    p.policy = in.policy;
    p.start = core::parse_date(in.batch.sendoff_date).value_or(store::today_china());
    p.needs = in.needs;
    p.volunteers = in.volunteers;
    p.senders = in.senders;
    return p;
}

Response pairings(Context& ctx) {
    GiveBackMemory give_back;
    auto body = json_body(ctx);
    auto region = text_field(body, "region", "行政区划");
    auto dimension = text_field(body, "dimension", "结对维度");
    auto in = reco::pairing_inputs(ctx.conn(), ctx.who(), region, year_field(body), dimension);

    auto place = in.region;
    auto year = in.year;
    auto p = pairing_problem(std::move(in));
    auto plan = match::propose_pairings(p);

    reco::Run run;
    run.kind = "pairing";
    run.region = place.code;
    run.region_path = place.path;
    run.year = year;
    run.dimension = p.dimension;
    run.objective = plan.objective;
    for (auto& x : plan.proposals) {
        reco::Proposal r;
        r.supporter = x.supporter;
        r.recipient = x.recipient;
        r.cost = x.cost;
        r.distance_km = x.km;
        r.reasons = std::move(x.reasons);
        run.proposals.push_back(std::move(r));
    }
    std::map<std::int64_t, std::string> names;
    for (const auto& r : p.recipients) names[r.id] = r.name;
    for (auto& u : plan.unmatched)
        run.unmatched.push_back({u.recipient, names[u.recipient], std::nullopt, "", 1, u.reason});
    return run_answer(ctx, reco::save_run(ctx.conn(), ctx.who(), std::move(run)), 201);
}

Response dispatch(Context& ctx) {
    GiveBackMemory give_back;
    auto body = json_body(ctx);
    if (!body.contains("batch") || !body.at("batch").is_int64() || body.at("batch").as_int64() <= 0)
        invalid("batch", "请指定支教批次（batch，批次编号）", "batch (a batch id) is required");
    auto in = reco::dispatch_inputs(ctx.conn(), ctx.who(), body.at("batch").as_int64());

    auto p = dispatch_problem(in);
    auto plan = match::plan_dispatch(p);

    reco::Run run;
    run.kind = "dispatch";
    run.region_path = in.program_path;
    run.batch = in.batch.id;
    run.objective = plan.objective;
    std::map<std::int64_t, const core::Need*> need_of;
    for (const auto& n : in.needs) need_of[n.id] = &n;
    for (auto& x : plan.proposals) {
        reco::Proposal r;
        r.supporter = x.sender;
        r.recipient = x.recipient;
        r.staff = x.staff;
        r.need = x.need;
        r.subject = need_of.at(x.need)->subject;
        r.cost = x.cost;
        r.reasons = std::move(x.reasons);
        run.proposals.push_back(std::move(r));
    }
    for (auto& u : plan.unmet) {
        const auto& n = *need_of.at(u.need);
        run.unmatched.push_back(
            {n.recipient, n.recipient_name, n.id, n.subject, u.missing, std::move(u.reason)});
    }
    return run_answer(ctx, reco::save_run(ctx.conn(), ctx.who(), std::move(run)), 201);
}

Response get_run(Context& ctx) {
    return run_answer(ctx, reco::get_run(ctx.conn(), ctx.who(), path_id(ctx)));
}

namespace {
Response decided(Context& ctx, const std::vector<reco::Proposal>& done) {
    json::array items;
    for (const auto& p : done) items.push_back(reco::to_json(p, ctx.lang()));
    return Response::json(json::object{{"items", std::move(items)}});
}
}  // namespace

Response accept(Context& ctx) {
    auto d = reco::read_decision(json_body(ctx));
    return decided(ctx, reco::accept(ctx.conn(), ctx.who(), d));
}

Response reject(Context& ctx) {
    auto d = reco::read_decision(json_body(ctx));
    return decided(ctx, reco::reject(ctx.conn(), ctx.who(), d));
}

Response put_capacity(Context& ctx) {
    auto body = json_body(ctx);
    std::optional<std::int64_t> capacity;
    if (body.contains("capacity") && !body.at("capacity").is_null()) {
        if (!body.at("capacity").is_int64())
            invalid("capacity", "可帮扶学校数（capacity）应为整数，留空为默认",
                    "capacity must be an integer or null");
        capacity = body.at("capacity").as_int64();
    }
    auto id = path_id(ctx);
    reco::set_capacity(ctx.conn(), ctx.who(), id, capacity);
    return Response::json(json::object{{"institution", id},
                                       {"capacity", capacity ? json::value(*capacity) : nullptr}});
}

namespace {
Response needs_answer(const std::vector<reco::NeedRow>& rows) {
    json::array items;
    for (const auto& n : rows) items.push_back(reco::to_json(n));
    return Response::json(json::object{{"items", std::move(items)}});
}
Response volunteers_answer(const std::vector<std::int64_t>& ids) {
    json::array items;
    for (auto id : ids) items.push_back(id);
    return Response::json(json::object{{"staff", std::move(items)}});
}
}  // namespace

Response get_needs(Context& ctx) {
    return needs_answer(reco::needs(ctx.conn(), ctx.who(), path_id(ctx)));
}

Response put_needs(Context& ctx) {
    auto body = json_body(ctx);
    return needs_answer(reco::put_needs(ctx.conn(), ctx.who(), path_id(ctx), body));
}

Response get_volunteers(Context& ctx) {
    return volunteers_answer(reco::volunteers(ctx.conn(), ctx.who(), path_id(ctx)));
}

Response put_volunteers(Context& ctx) {
    auto body = json_body(ctx);
    return volunteers_answer(reco::put_volunteers(ctx.conn(), ctx.who(), path_id(ctx), body));
}

}  // namespace bangfu::http::recommendations
