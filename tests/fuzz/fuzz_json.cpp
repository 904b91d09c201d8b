// libFuzzer: JSON bodies as the handlers read them: parsed with Boost.JSON, then read into the
// records of the registry and the policies field by field and validated. Field errors are the
// expected answer to bad input.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/balance.hpp"
#include "core/date.hpp"
#include "core/dispatch_policy.hpp"
#include "core/institution.hpp"
#include "core/staff.hpp"

namespace core = bangfu::core;

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
    return 0;
}
