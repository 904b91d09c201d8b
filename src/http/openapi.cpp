#include "http/openapi.hpp"

#include <string>

#include "core/dictionary.hpp"
#include "core/institution.hpp"
#include "core/region.hpp"
#include "core/staff.hpp"
#include "core/user.hpp"
#include "http/app.hpp"

namespace bangfu::http {

namespace json = boost::json;

namespace {
json::object enum_of(const core::Dictionary& d) {
    json::array values;
    for (const auto& o : d.options()) values.emplace_back(o.value);
    return {{"type", "string"}, {"enum", std::move(values)}};
}

json::object schemas() {
    json::object s;
    s["Error"] = {
        {"type", "object"},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"properties",
             {{"code", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"fields",
               {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}}}}}}};
    s["Region"] = {{"type", "object"},
                   {"required", {"code", "name", "level"}},
                   {"properties",
                    {{"code", {{"type", "string"}, {"example", "421222"}}},
                     {"name", {{"type", "string"}, {"example", "通城县"}}},
                     {"level", enum_of(core::dict::region_level)},
                     {"parent", {{"type", "string"}, {"nullable", true}}}}}};
    s["Institution"] = {
        {"type", "object"},
        {"required", {"name", "kind", "locality", "region"}},
        {"properties",
         {{"id", {{"type", "integer"}, {"readOnly", true}}},
          {"name", {{"type", "string"}, {"maxLength", 100}}},
          {"kind", enum_of(core::dict::institution_kind)},
          {"locality", enum_of(core::dict::locality)},
          {"weak", {{"type", "boolean"}}},
          {"region", {{"type", "string"}}},
          {"region_name", {{"type", "string"}, {"readOnly", true}}},
          {"address", {{"type", "string"}}},
          {"latitude", {{"type", "number"}, {"nullable", true}}},
          {"longitude", {{"type", "number"}, {"nullable", true}}},
          {"student_count", {{"type", "integer"}, {"minimum", 0}}},
          {"staff_count", {{"type", "integer"}, {"minimum", 0}}},
          {"contact_name", {{"type", "string"}}},
          {"contact_phone", {{"type", "string"}}},
          {"archived", {{"type", "boolean"}, {"readOnly", true}}},
          {"created_at", {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}}},
          {"updated_at", {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}}}}}};
    s["Staff"] = {
        {"type", "object"},
        {"required", {"name", "gender", "institution"}},
        {"properties",
         {{"id", {{"type", "integer"}, {"readOnly", true}}},
          {"name", {{"type", "string"}}},
          {"gender", enum_of(core::dict::gender)},
          {"institution", {{"type", "integer"}}},
          {"institution_name", {{"type", "string"}, {"readOnly", true}}},
          {"role", enum_of(core::dict::staff_role)},
          {"subjects", {{"type", "array"}, {"items", enum_of(core::dict::subject)}}},
          {"title", enum_of(core::dict::title)},
          {"backbone", enum_of(core::dict::backbone)},
          {"years_teaching", {{"type", "integer"}, {"minimum", 0}}},
          {"birth_date", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
          {"health", enum_of(core::dict::health)},
          {"phone", {{"type", "string"}, {"description", "masked (138****5678) in lists"}}},
          {"archived", {{"type", "boolean"}, {"readOnly", true}}}}}};
    s["User"] = {{"type", "object"},
                 {"required", {"username", "role"}},
                 {"properties",
                  {{"id", {{"type", "integer"}, {"readOnly", true}}},
                   {"username", {{"type", "string"}}},
                   {"display_name", {{"type", "string"}}},
                   {"role", enum_of(core::dict::user_role)},
                   {"region", {{"type", "string"}, {"nullable", true}}},
                   {"institution", {{"type", "integer"}, {"nullable", true}}},
                   {"staff", {{"type", "integer"}, {"nullable", true}}},
                   {"disabled", {{"type", "boolean"}}},
                   {"password", {{"type", "string"}, {"writeOnly", true}, {"minLength", 8}}}}}};
    s["Page"] = {{"type", "object"},
                 {"properties",
                  {{"items", {{"type", "array"}, {"items", json::object{}}}},
                   {"total", {{"type", "integer"}}},
                   {"page", {{"type", "integer"}}},
                   {"page_size", {{"type", "integer"}, {"maximum", 200}}}}}};
    // Recommendations (issue 18).
    s["PairingRecommendationRequest"] = {
        {"type", "object"},
        {"required", {"region", "dimension"}},
        {"properties",
         {{"region", {{"type", "string"}, {"example", "421222"}}},
          {"year",
           {{"description",
             "first year of the school year (2026) or \"2026-2027\"; default: "
             "the current one"}}},
          {"dimension", enum_of(core::dict::pairing_dimension)}}}};
    s["DispatchRecommendationRequest"] = {{"type", "object"},
                                          {"required", {"batch"}},
                                          {"properties", {{"batch", {{"type", "integer"}}}}}};
    s["RecommendationDecision"] = {
        {"type", "object"},
        {"required", {"ids"}},
        {"properties",
         {{"ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
          {"reason", {{"type", "string"}, {"description", "required to reject"}}},
          {"program", {{"type", "integer"}, {"description", "required to accept pairings"}}},
          {"start_date", {{"type", "string"}, {"format", "date"}}},
          {"end_date", {{"type", "string"}, {"format", "date"}}}}}};
    s["RecommendationRun"] = {
        {"type", "object"},
        {"properties",
         {{"id", {{"type", "integer"}}},
          {"kind", {{"type", "string"}, {"enum", {"pairing", "dispatch"}}}},
          {"objective", {{"type", "integer"}, {"description", "total cost of the proposals"}}},
          {"proposals",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"supporter", {{"type", "integer"}}},
                {"recipient", {{"type", "integer"}}},
                {"staff", {{"type", "integer"}}},
                {"cost", {{"type", "integer"}}},
                {"reasons", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                {"status",
                 {{"type", "string"}, {"enum", {"proposed", "accepted", "rejected"}}}}}}}}}},
          {"unmatched",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"institution", {{"type", "integer"}}},
                {"need", {{"type", "integer"}}},
                {"missing", {{"type", "integer"}}},
                {"reason", {{"type", "string"}}}}}}}}}}}};
    return s;
}

std::string schema_for_tag(std::string_view tag) {
    if (tag == "regions") return "Region";
    if (tag == "institutions") return "Institution";
    if (tag == "staff") return "Staff";
    if (tag == "users") return "User";
    return "";
}

// Recommendations (issue 18): the request and answer schemas of each path.
std::pair<std::string, std::string> recommendation_schemas(std::string_view path) {
    if (path == "/api/v1/recommendations/pairings")
        return {"PairingRecommendationRequest", "RecommendationRun"};
    if (path == "/api/v1/recommendations/dispatch")
        return {"DispatchRecommendationRequest", "RecommendationRun"};
    if (path == "/api/v1/recommendations/accept" || path == "/api/v1/recommendations/reject")
        return {"RecommendationDecision", ""};
    if (path == "/api/v1/recommendations/runs/{id}") return {"", "RecommendationRun"};
    return {"", ""};
}

json::object schema_ref(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}
}  // namespace

json::object openapi_document() {
    json::object paths;
    for (const auto& r : routes()) {
        std::string method(r.method);
        for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
        json::object op{{"summary", r.summary}, {"tags", {r.tag}}};
        json::array params;
        std::string_view p = r.pattern;
        for (auto open = p.find('{'); open != std::string_view::npos;
             open = p.find('{', open + 1)) {
            auto close = p.find('}', open);
            params.push_back(json::object{{"name", p.substr(open + 1, close - open - 1)},
                                          {"in", "path"},
                                          {"required", true},
                                          {"schema", {{"type", "string"}}}});
        }
        bool is_list = method == "get" && p.find('{') == std::string_view::npos &&
                       !schema_for_tag(r.tag).empty() && !p.ends_with(".xlsx") &&
                       !p.ends_with("/tree");
        if (is_list || p == "/api/v1/audit") {
            for (auto [name, type, desc] :
                 {std::tuple<const char*, const char*, const char*>{"page", "integer", "from 1"},
                  std::tuple{"page_size", "integer", "1..200, default 20"},
                  std::tuple{"q", "string", "search (Chinese works)"},
                  std::tuple{"sort", "string", "field, or -field for descending"}})
                params.push_back(json::object{{"name", name},
                                              {"in", "query"},
                                              {"schema", json::object{{"type", type}}},
                                              {"description", desc}});
        }
        if (p.ends_with("/import"))
            params.push_back(
                {{"name", "mode"},
                 {"in", "query"},
                 {"schema", {{"type", "string"}, {"enum", {"all_or_nothing", "valid_rows"}}}}});
        // Yearly reports (issue 6): the scope and year of the report, the summary's format.
        if (p.starts_with("/api/v1/reports/") && p.find('{') == std::string_view::npos) {
            params.push_back({{"name", "scope"},
                              {"in", "query"},
                              {"required", true},
                              {"schema", {{"type", "string"}}},
                              {"description", "program:ID, region:CODE or institution:ID"}});
            params.push_back({{"name", "year"},
                              {"in", "query"},
                              {"required", true},
                              {"schema", {{"type", "integer"}}}});
            if (p == "/api/v1/reports/summary") {
                params.push_back(
                    {{"name", "format"},
                     {"in", "query"},
                     {"schema", {{"type", "string"}, {"enum", {"json", "html", "docx", "xlsx"}}}}});
                params.push_back({{"name", "lang"},
                                  {"in", "query"},
                                  {"schema", {{"type", "string"}, {"enum", {"zh", "en"}}}}});
            }
        }
        if (!params.empty()) op["parameters"] = std::move(params);
        auto schema = schema_for_tag(r.tag);
        if ((method == "post" || method == "patch") && !schema.empty() && !p.ends_with("/import"))
            op["requestBody"] = {
                {"required", true},
                {"content", {{"application/json", {{"schema", schema_ref(schema)}}}}}};
        if (p.ends_with("/import"))
            op["requestBody"] = {
                {"required", true},
                {"content",
                 {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   json::object{}},
                  {"text/csv", json::object{}}}}};
        auto [reco_request, reco_answer] = recommendation_schemas(p);
        if (!reco_request.empty())
            op["requestBody"] = {
                {"required", true},
                {"content", {{"application/json", {{"schema", schema_ref(reco_request)}}}}}};
        json::object responses;
        json::object ok{{"description", "OK"}};
        if (!reco_answer.empty())
            ok["content"] = {{"application/json", {{"schema", schema_ref(reco_answer)}}}};
        if (p.ends_with(".xlsx"))
            ok["content"] = {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              json::object{}}};
        else if (is_list)
            ok["content"] = {{"application/json", {{"schema", schema_ref("Page")}}}};
        else if (!schema.empty() && method != "delete")
            ok["content"] = {{"application/json", {{"schema", schema_ref(schema)}}}};
        bool creates = (method == "post" && !schema.empty() && !p.ends_with("/import")) ||
                       (reco_answer == "RecommendationRun" && method == "post");
        responses[creates ? "201" : "200"] = ok;
        json::object error{{"description", "Error"},
                           {"content", {{"application/json", {{"schema", schema_ref("Error")}}}}}};
        for (auto code : {"400", "401", "403", "404", "409", "413", "422"}) responses[code] = error;
        // Any request may meet a full queue (or a busy database): 503 says when to retry.
        json::object busy = error;
        busy["description"] = "Overloaded or database busy: retry after Retry-After seconds";
        busy["headers"] = {{"Retry-After", {{"schema", {{"type", "integer"}}}}}};
        responses["503"] = std::move(busy);
        op["responses"] = std::move(responses);
        if (r.requires_auth)
            op["security"] = {{{"cookie", json::array{}}}, {{"bearer", json::array{}}}};
        auto& entry = paths[r.pattern];
        if (!entry.is_object()) entry = json::object{};
        entry.as_object()[method] = std::move(op);
    }
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "Bangfu 帮扶 API"},
              {"version", BANGFU_VERSION},
              {"description",
               "Pairing assistance platform. Unsafe requests with the session cookie must send "
               "X-CSRF-Token. Errors: {error: {code, message, fields}}."}}},
            {"paths", std::move(paths)},
            {"components",
             {{"schemas", schemas()},
              {"securitySchemes",
               {{"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "bangfu_session"}}},
                {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace bangfu::http
