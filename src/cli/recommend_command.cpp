#include "cli/recommend_command.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <iostream>

#include "cli/database_open.hpp"
#include "http/recommendation_handlers.hpp"
#include "store/balance_repository.hpp"

namespace bangfu::cli {

namespace {

namespace json = boost::json;

struct RecommendOptions {
    std::string db, region, dimension = "teachers";
    std::int64_t year = 0;
    std::int64_t batch = 0;
    std::size_t max_candidates = 0;
    double radius_km = 40;
};

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

template <class Plan>
json::object summary(const Plan& plan, std::size_t matched, double ms) {
    return {{"objective", plan.objective}, {"matched", matched}, {"ms", std::round(ms * 10) / 10}};
}

void run_recommend(const RecommendOptions& o) {
    if (o.batch == 0 && o.region.empty())
        throw std::runtime_error("recommend: give --region (pairings) or --batch (dispatch)");
    auto db = open_database(o.db);
    require_current_schema(*db);
    auto lease = db->acquire();
    auto actor = cli_actor();
    using clock = std::chrono::steady_clock;
    json::object out;
    auto t0 = clock::now();
    if (o.batch == 0) {
        auto year = o.year ? o.year : store::balance::current_school_year();
        auto in =
            store::recommendations::pairing_inputs(*lease, actor, o.region, year, o.dimension);
        out["load_ms"] = since(t0);
        out["recipients"] = in.recipients.size();
        out["supporters"] = in.supporters.size();
        auto p = http::recommendations::pairing_problem(std::move(in));
        p.max_candidates = o.max_candidates;
        p.radius_km = o.radius_km;
        auto t1 = clock::now();
        auto flow = match::propose_pairings(p);
        out["flow"] = summary(flow, flow.proposals.size(), since(t1));
        out["arcs"] = flow.arcs;
        auto t2 = clock::now();
        auto greedy = match::greedy_pairings(p);
        out["greedy"] = summary(greedy, greedy.proposals.size(), since(t2));
    } else {
        auto in = store::recommendations::dispatch_inputs(*lease, actor, o.batch);
        out["load_ms"] = since(t0);
        std::int64_t asked = 0;
        for (const auto& n : in.needs) asked += n.number;
        out["needs"] = in.needs.size();
        out["teachers_asked"] = asked;
        out["volunteers"] = in.volunteers.size();
        auto p = http::recommendations::dispatch_problem(in);
        if (o.max_candidates) p.max_candidates = o.max_candidates;
        auto t1 = clock::now();
        auto flow = match::plan_dispatch(p);
        out["flow"] = summary(flow, flow.proposals.size(), since(t1));
        out["arcs"] = flow.arcs;
        auto t2 = clock::now();
        auto greedy = match::greedy_dispatch(p);
        out["greedy"] = summary(greedy, greedy.proposals.size(), since(t2));
    }
    std::cout << json::serialize(out) << "\n";
}

}  // namespace

void add_recommend_command(CLI::App& app) {
    static RecommendOptions o;  // lives as long as the parsed app
    auto* cmd = app.add_subcommand(
        "recommend",
        "Compute pairing proposals (--region) or a dispatch plan (--batch) without keeping them, "
        "beside the greedy baseline; prints sizes, objectives and times as JSON");
    cmd->add_option("--db", o.db, "Database URL: sqlite:PATH or postgresql://user@host:port/dbname")
        ->required();
    cmd->add_option("--region", o.region, "Pairings: the region code");
    cmd->add_option("--dimension", o.dimension, "Pairings: the dimension")->capture_default_str();
    cmd->add_option("--year", o.year, "Pairings: the school year's first year (default: current)");
    cmd->add_option("--batch", o.batch, "Dispatch: the batch id");
    cmd->add_option("--max-candidates", o.max_candidates,
                    "Keep the cheapest candidates per recipient or need (0: all; dispatch 40)");
    cmd->add_option("--radius", o.radius_km,
                    "Pairings: candidates within this many km besides "
                    "the county's")
        ->capture_default_str();
    cmd->callback([] { run_recommend(o); });
}

}  // namespace bangfu::cli
