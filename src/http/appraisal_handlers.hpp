#pragma once
// Handlers of subsidies, appraisals and rural-service credit of dispatched teachers (issue 4;
// see routes.cpp).
#include "http/message.hpp"

namespace bangfu::http {

namespace subsidy_items {
Response list(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
}  // namespace subsidy_items

namespace entitlements {
Response list(Context&);
Response export_xlsx(Context&);
}  // namespace entitlements

namespace appraisals {
Response list(Context&);
Response export_xlsx(Context&);
Response waiting(Context&);
Response waiting_xlsx(Context&);
Response get(Context&);
Response events(Context&);
Response create(Context&);
Response launch(Context&);
Response self(Context&);
Response rate(Context&);
Response sender(Context&);
Response approve(Context&);
Response reopen(Context&);
}  // namespace appraisals

namespace rural_credit {
Response staff(Context&);
Response title_evaluation(Context&);
Response title_evaluation_xlsx(Context&);
}  // namespace rural_credit

}  // namespace bangfu::http
