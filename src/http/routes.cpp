#include <array>

#include "http/app.hpp"
#include "http/donations_handlers.hpp"
#include "http/programs_handlers.hpp"
#include "http/registry_handlers.hpp"

namespace bangfu::http {

// First match wins: fixed paths come before the {id} paths they would otherwise match.
std::span<const Route> routes() {
    static const std::array table{
        Route{"GET", "/healthz", meta::healthz, false, "meta",
              "Health check (the database answers)"},
        Route{"GET", "/api/v1/openapi.json", meta::openapi, false, "meta", "This OpenAPI document"},
        Route{"GET", "/api/v1/dictionaries", meta::dictionaries, false, "meta",
              "Every enumeration with Chinese and English labels"},
        Route{"POST", "/api/v1/dictionaries/{name}/entries", meta::add_dictionary_entry, true,
              "meta",
              "Add an entry to an extensible dictionary (pairing_dimension, activity_type, "
              "material_category)"},

        Route{"POST", "/api/v1/auth/login", auth::login, false, "auth",
              "Log in; sets the session cookie, returns the CSRF token"},
        Route{"POST", "/api/v1/auth/logout", auth::logout, false, "auth", "Log out"},
        Route{"GET", "/api/v1/auth/me", auth::me, true, "auth", "The current user and CSRF token"},
        Route{"POST", "/api/v1/auth/tokens", auth::create_token, true, "auth",
              "Create an API token (shown once)"},
        Route{"GET", "/api/v1/auth/tokens", auth::list_tokens, true, "auth",
              "List your API tokens"},
        Route{"DELETE", "/api/v1/auth/tokens/{id}", auth::revoke_token, true, "auth",
              "Revoke an API token"},

        Route{"GET", "/api/v1/regions", regions::list, true, "regions", "List regions"},
        Route{"GET", "/api/v1/regions/tree", regions::tree, true, "regions",
              "The region tree in scope"},
        Route{"GET", "/api/v1/regions/export.xlsx", regions::export_xlsx, true, "regions",
              "Export regions to Excel"},
        Route{"POST", "/api/v1/regions", regions::create, true, "regions", "Create a region"},
        Route{"GET", "/api/v1/regions/{code}", regions::get, true, "regions", "Get a region"},
        Route{"PATCH", "/api/v1/regions/{code}", regions::update, true, "regions",
              "Rename a region"},
        Route{"DELETE", "/api/v1/regions/{code}", regions::remove, true, "regions",
              "Delete an empty region"},

        Route{"GET", "/api/v1/institutions", institutions::list, true, "institutions",
              "List institutions"},
        Route{"GET", "/api/v1/institutions/export.xlsx", institutions::export_xlsx, true,
              "institutions", "Export institutions to Excel"},
        Route{"GET", "/api/v1/institutions/import/template.xlsx", institutions::import_template,
              true, "institutions", "Import template"},
        Route{"POST", "/api/v1/institutions/import", institutions::import_file, true,
              "institutions", "Import institutions from .xlsx or .csv (raw body)"},
        Route{"POST", "/api/v1/institutions", institutions::create, true, "institutions",
              "Create an institution"},
        Route{"GET", "/api/v1/institutions/{id}", institutions::get, true, "institutions",
              "Get an institution"},
        Route{"PATCH", "/api/v1/institutions/{id}", institutions::update, true, "institutions",
              "Update an institution"},
        Route{"DELETE", "/api/v1/institutions/{id}", institutions::remove, true, "institutions",
              "Delete, or archive when referred to"},

        Route{"GET", "/api/v1/staff", staff::list, true, "staff", "List staff (phones masked)"},
        Route{"GET", "/api/v1/staff/export.xlsx", staff::export_xlsx, true, "staff",
              "Export staff to Excel"},
        Route{"GET", "/api/v1/staff/import/template.xlsx", staff::import_template, true, "staff",
              "Import template"},
        Route{"POST", "/api/v1/staff/import", staff::import_file, true, "staff",
              "Import staff from .xlsx or .csv (raw body)"},
        Route{"POST", "/api/v1/staff", staff::create, true, "staff", "Create a staff member"},
        Route{"GET", "/api/v1/staff/{id}", staff::get, true, "staff",
              "Get a staff member (unmasked for admins, audited)"},
        Route{"PATCH", "/api/v1/staff/{id}", staff::update, true, "staff", "Update a staff member"},
        Route{"DELETE", "/api/v1/staff/{id}", staff::remove, true, "staff",
              "Delete, or archive when referred to"},

        Route{"GET", "/api/v1/users", users::list, true, "users", "List users (admins)"},
        Route{"GET", "/api/v1/users/export.xlsx", users::export_xlsx, true, "users",
              "Export users to Excel"},
        Route{"POST", "/api/v1/users", users::create, true, "users", "Create a user"},
        Route{"GET", "/api/v1/users/{id}", users::get, true, "users", "Get a user"},
        Route{"PATCH", "/api/v1/users/{id}", users::update, true, "users",
              "Update a user (role, scope, disabled, password)"},
        Route{"DELETE", "/api/v1/users/{id}", users::remove, true, "users",
              "Delete, or disable when they have history"},

        Route{"GET", "/api/v1/audit", audit::list, true, "audit", "The audit log (admins, scoped)"},
        Route{"GET", "/api/v1/audit/export.xlsx", audit::export_xlsx, true, "audit",
              "Export the audit log to Excel"},

        Route{"GET", "/api/v1/programs", programs::list, true, "programs",
              "List programs (帮扶项目)"},
        Route{"GET", "/api/v1/programs/export.xlsx", programs::export_xlsx, true, "programs",
              "Export programs to Excel"},
        Route{"POST", "/api/v1/programs", programs::create, true, "programs",
              "Create a program (system and bureau admins)"},
        Route{"GET", "/api/v1/programs/{id}", programs::get, true, "programs",
              "Get a program with its pairing counts"},
        Route{"PATCH", "/api/v1/programs/{id}", programs::update, true, "programs",
              "Update a program"},
        Route{"DELETE", "/api/v1/programs/{id}", programs::remove, true, "programs",
              "Delete, or archive when work is recorded under it"},

        Route{"GET", "/api/v1/donations", donations::list, true, "donations",
              "List donations (funds and materials, amounts in fen)"},
        Route{"GET", "/api/v1/donations/export.xlsx", donations::export_xlsx, true, "donations",
              "Export donations to Excel (amounts in yuan, with totals)"},
        Route{"GET", "/api/v1/donations/totals", donations::totals, true, "donations",
              "Totals in fen by pairing, program, year or category (group=…), same filters"},
        Route{"POST", "/api/v1/donations", donations::create, true, "donations",
              "Record a donation"},
        Route{"GET", "/api/v1/donations/{id}", donations::get, true, "donations", "Get a donation"},
        Route{"PATCH", "/api/v1/donations/{id}", donations::update, true, "donations",
              "Update a donation"},
        Route{"DELETE", "/api/v1/donations/{id}", donations::remove, true, "donations",
              "Delete a donation"},

        Route{"GET", "/api/v1/resources", resources::list, true, "resources",
              "List the shared resources you may see"},
        Route{"GET", "/api/v1/resources/export.xlsx", resources::export_xlsx, true, "resources",
              "Export shared resources to Excel"},
        Route{"POST", "/api/v1/resources", resources::create, true, "resources",
              "Share a resource (then upload its file)"},
        Route{"GET", "/api/v1/resources/{id}", resources::get, true, "resources",
              "Get a shared resource"},
        Route{"PATCH", "/api/v1/resources/{id}", resources::update, true, "resources",
              "Update a shared resource"},
        Route{"DELETE", "/api/v1/resources/{id}", resources::remove, true, "resources",
              "Delete a shared resource and its file"},
        Route{"POST", "/api/v1/resources/{id}/file", resources::upload_file, true, "resources",
              "Upload (or replace) the resource's file: raw body, ?name="},
        Route{"GET", "/api/v1/resources/{id}/file", resources::download_file, true, "resources",
              "Download the resource's file (counts the download)"},
    };
    return table;
}

}  // namespace bangfu::http
