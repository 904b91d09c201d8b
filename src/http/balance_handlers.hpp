#pragma once
// Handlers of the balance index (issue 13; see routes.cpp for the table, docs/api.md "Balance").
#include "http/message.hpp"

namespace bangfu::http::balance {
Response county(Context&);
Response counties(Context&);
Response trend(Context&);
Response get_policy(Context&);
Response put_policy(Context&);
Response delete_policy(Context&);
Response get_conditions(Context&);
Response put_conditions(Context&);
Response delete_conditions(Context&);
Response school(Context&);
// Spreadsheets: the resources' template, import and export, and a county's table.
Response conditions_template(Context&);
Response conditions_import(Context&);
Response conditions_export(Context&);
Response county_export(Context&);
}  // namespace bangfu::http::balance
