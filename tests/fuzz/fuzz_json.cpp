// libFuzzer: JSON bodies as the handlers read them: parsed with Boost.JSON, then read into every
// record a body creates or changes (core's read_json readers), field by field, and validated.
// Field errors are the expected answer to bad input.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/activity.hpp"
#include "core/aid.hpp"
#include "core/balance.hpp"
#include "core/beneficiary.hpp"
#include "core/date.hpp"
#include "core/dispatch.hpp"
#include "core/dispatch_policy.hpp"
#include "core/donation.hpp"
#include "core/inbound_cohort.hpp"
#include "core/inspection.hpp"
#include "core/institution.hpp"
#include "core/pairing.hpp"
#include "core/plan.hpp"
#include "core/program.hpp"
#include "core/region.hpp"
#include "core/shared_resource.hpp"
#include "core/staff.hpp"
#include "core/subsidy.hpp"
#include "core/task.hpp"
#include "core/user.hpp"

namespace core = bangfu::core;

namespace {
const core::Date today{2026, 12, 8};

// Reads a record of type T from the body and validates it with whichever validate T has.
template <class T>
void read(const boost::json::object& o) {
    T x{};
    core::FieldErrors e;
    core::read_json(x, o, e);
    if constexpr (requires { core::validate(x); })
        core::validate(x);
    else if constexpr (requires { core::validate(x, today); })
        core::validate(x, today);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    auto v = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec || !v.is_object()) return 0;
    const auto& o = v.as_object();
    core::FieldErrors e;
    {
        core::Institution x;
        core::read_json(x, o, e);
        core::validate(x);
    }
    {
        core::Staff x;
        core::read_json(x, o, e);
        core::validate(x, core::Date{2026, 12, 7});
    }
    {
        core::balance::SchoolConditions x;
        core::balance::read_json(x, o, e);
        core::balance::validate(x, "nine_year");
        core::balance::to_json(x);
    }
    {
        core::balance::BalancePolicy p;
        core::balance::read_json(p, o, e);
        core::balance::validate(p);
    }
    {
        core::DispatchPolicy p;
        core::read_json(p, o, e);
        core::validate(p);
    }
    read<core::Activity>(o);
    read<core::AidCase>(o);
    read<core::AidOutcome>(o);
    read<core::Beneficiary>(o);
    read<core::Batch>(o);
    read<core::Assignment>(o);
    read<core::AttachmentStudy>(o);
    read<core::Donation>(o);
    read<core::InboundCohort>(o);
    read<core::Inspection>(o);
    read<core::Pairing>(o);
    read<core::Plan>(o);
    read<core::Program>(o);
    read<core::LeadingGroupMember>(o);
    read<core::PolicyDocument>(o);
    read<core::SharedResource>(o);
    read<core::SubsidyItem>(o);
    read<core::Task>(o);
    read<core::User>(o);
    {
        core::AidRecord x;
        core::read_json(x, o, e);
        core::validate(x, today, "2025-09-01", "2027-07-01");
    }
    {
        core::Region r;
        core::read_json(r, o, e);
        core::validate(r, std::nullopt);
    }
    {
        core::FieldErrors pe;
        if (auto password = core::read_password(o, pe)) core::validate_password(*password, "fuzz");
    }
    return 0;
}
