#include "http/request_target.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using bangfu::core::Error;
using bangfu::core::ErrorKind;
using bangfu::http::parse_request_target;

namespace {
// The field a refusal names, or "(accepted)".
std::string refused_field(std::string_view target) {
    try {
        parse_request_target(target);
        return "(accepted)";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::malformed);
        return e.fields().empty() ? "(target)" : e.fields().begin()->first;
    }
}
}  // namespace

TEST(RequestTarget, DecodesThePathAndTheQuery) {
    auto t = parse_request_target("/api/v1/institutions?q=%E9%80%9A%E5%9F%8E&page=2&page=3");
    EXPECT_EQ(t.path, "/api/v1/institutions");
    EXPECT_EQ(t.query.at("q"), "通城");
    EXPECT_EQ(t.query.at("page"), "3");  // a repeated key keeps its last value
}

TEST(RequestTarget, RefusesWhatIsNotText) {
    EXPECT_EQ(refused_field("no-slash"), "(target)");
    EXPECT_EQ(refused_field("/a%00b"), "path");
    EXPECT_EQ(refused_field("/a?q=%FF"), "q");
    EXPECT_EQ(refused_field("/a?%01=1"), "query");
    // Found by fuzz_query: a parameter with an empty name and a control character in its value
    // was accepted, because the empty name read as "nothing is bad".
    EXPECT_EQ(refused_field("/apA?=a%00=i/v/ap1/=aon/aottles?username=huo&cl"), "query");
    EXPECT_EQ(refused_field("/a?=%00"), "query");
    EXPECT_EQ(refused_field("/a?=ok&b=fine"), "(accepted)");
}
