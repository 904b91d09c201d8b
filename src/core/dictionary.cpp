#include "core/dictionary.hpp"

#include <array>

#include "core/text.hpp"

namespace bangfu::core {

const Option* Dictionary::find(std::string_view value) const {
    for (const auto& o : options_)
        if (o.value == value) return &o;
    return nullptr;
}

const Option* Dictionary::find_any(std::string_view text) const {
    std::string t = trim(text);
    for (const auto& o : options_)
        if (o.value == t || o.zh == t || iequals_ascii(o.en, t)) return &o;
    return nullptr;
}

std::string Dictionary::labels(std::string_view lang) const {
    std::string out;
    for (const auto& o : options_) {
        if (!out.empty()) out += lang == "en" ? ", " : "、";
        out += lang == "en" ? o.value : o.zh;
    }
    return out;
}

namespace dict {
namespace {
constexpr std::array region_levels{
    Option{"province", "省", "Province"}, Option{"city", "市", "City"},
    Option{"county", "县/区", "County/district"}, Option{"township", "乡镇/街道", "Township"}};
constexpr std::array kinds{Option{"kindergarten", "幼儿园", "Kindergarten"},
                           Option{"primary", "小学", "Primary school"},
                           Option{"junior", "初中", "Junior middle school"},
                           Option{"senior", "高中", "Senior high school"},
                           Option{"nine_year", "九年一贯制学校", "Nine-year school"},
                           Option{"complete_middle", "完全中学", "Complete middle school"},
                           Option{"vocational", "职业学校", "Vocational school"},
                           Option{"university", "高校", "University"},
                           Option{"hospital", "医院", "Hospital"},
                           Option{"village", "村", "Village"},
                           Option{"bureau", "教育局/主管部门", "Bureau"}};
constexpr std::array localities{Option{"urban", "城区", "Urban"}, Option{"town", "镇区", "Town"},
                                Option{"rural", "乡村", "Rural"}};
constexpr std::array genders{Option{"male", "男", "Male"}, Option{"female", "女", "Female"}};
constexpr std::array staff_roles{
    Option{"teacher", "教师", "Teacher"}, Option{"principal", "校长/园长", "Principal"},
    Option{"cadre", "干部", "Cadre"}, Option{"medical", "医务人员", "Medical staff"},
    Option{"other", "其他", "Other"}};
constexpr std::array subjects{Option{"chinese", "语文", "Chinese"},
                              Option{"math", "数学", "Mathematics"},
                              Option{"english", "英语", "English"},
                              Option{"physics", "物理", "Physics"},
                              Option{"chemistry", "化学", "Chemistry"},
                              Option{"biology", "生物", "Biology"},
                              Option{"politics", "道德与法治/政治", "Politics"},
                              Option{"history", "历史", "History"},
                              Option{"geography", "地理", "Geography"},
                              Option{"science", "科学", "Science"},
                              Option{"music", "音乐", "Music"},
                              Option{"art", "美术", "Art"},
                              Option{"pe", "体育", "Physical education"},
                              Option{"it", "信息技术", "Information technology"},
                              Option{"psychology", "心理健康", "Mental health"},
                              Option{"preschool", "学前教育", "Preschool education"},
                              Option{"medicine", "医学", "Medicine"},
                              Option{"other", "其他", "Other"}};
constexpr std::array titles{Option{"none", "未定级", "None"}, Option{"junior", "初级", "Junior"},
                            Option{"intermediate", "中级", "Intermediate"},
                            Option{"senior", "高级", "Senior"},
                            Option{"full_senior", "正高级", "Full senior"}};
constexpr std::array backbones{Option{"none", "无", "None"},
                               Option{"county", "县级骨干", "County backbone"},
                               Option{"city", "市级骨干", "City backbone"},
                               Option{"province", "省级骨干", "Provincial backbone"}};
constexpr std::array healths{Option{"good", "良好", "Good"}, Option{"fair", "一般", "Fair"},
                             Option{"poor", "较差", "Poor"}};
constexpr std::array user_roles{Option{"system_admin", "系统管理员", "System admin"},
                                Option{"bureau_admin", "教育局管理员", "Bureau admin"},
                                Option{"institution_admin", "单位管理员", "Institution admin"},
                                Option{"teacher", "教师/职工", "Teacher / staff"},
                                Option{"inspector", "督导", "Inspector"}};
}  // namespace

const Dictionary region_level{"level", region_levels};
const Dictionary institution_kind{"kind", kinds};
const Dictionary locality{"locality", localities};
const Dictionary gender{"gender", genders};
const Dictionary staff_role{"role", staff_roles};
const Dictionary subject{"subject", subjects};
const Dictionary title{"title", titles};
const Dictionary backbone{"backbone", backbones};
const Dictionary health{"health", healths};
const Dictionary user_role{"user_role", user_roles};

std::span<const Dictionary* const> all() {
    static const std::array<const Dictionary*, 10> every{
        &region_level, &institution_kind, &locality, &gender,   &staff_role, &subject,
        &title,        &backbone,         &health,   &user_role};
    return every;
}
}  // namespace dict

}  // namespace bangfu::core
