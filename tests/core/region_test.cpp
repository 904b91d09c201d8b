#include "core/region.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
Region county() {
    return {"421222", "通城县", "county", "421200", ""};
}
Region city() {
    return {"421200", "咸宁市", "city", "420000", ""};
}
}  // namespace

TEST(Region, AcceptsACountyUnderACity) {
    EXPECT_TRUE(validate(county(), city()).empty());
}

TEST(Region, RejectsBadCodesAndLevels) {
    Region r = county();
    r.code = "42122X";
    EXPECT_TRUE(validate(r, city()).contains("code"));
    r = county();
    r.level = "village";
    EXPECT_TRUE(validate(r, city()).contains("level"));
    r = city();
    r.level = "province";  // a province under a city
    EXPECT_TRUE(validate(r, county()).contains("level"));
}

TEST(Region, RequiresAParentBelowCityLevel) {
    Region r = county();
    r.parent.reset();
    auto e = validate(r, std::nullopt);
    ASSERT_TRUE(e.contains("parent"));
    EXPECT_NE(e["parent"].zh.find("上级区划"), std::string::npos);
}

TEST(Region, ReadsJsonAndFlagsUnknownFields) {
    Region r;
    FieldErrors e;
    read_json(
        r, boost::json::parse(R"({"code":"421222","name":"通城县","levle":"county"})").as_object(),
        e);
    EXPECT_EQ(r.name, "通城县");
    EXPECT_TRUE(e.contains("levle"));
}
