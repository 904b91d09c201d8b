#include "core/dictionary.hpp"

#include <array>

#include "core/beneficiary.hpp"
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
                           Option{"special", "特殊教育学校", "Special education school"},
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
constexpr std::array program_kinds{
    Option{"urban_rural_school", "城乡学校结对帮扶", "Urban–rural school pairing"},
    Option{"counterpart_support", "跨区域对口支援", "Cross-region counterpart support"},
    Option{"kindergarten_pairing", "幼儿园结对帮扶", "Kindergarten pairing"},
    Option{"hospital_support", "医院对口支援", "Hospital counterpart support"},
    Option{"village_poverty", "驻村扶贫", "Village poverty alleviation"}};
constexpr std::array program_statuses{Option{"planning", "筹备中", "Planning"},
                                      Option{"active", "进行中", "Active"},
                                      Option{"completed", "已结束", "Completed"}};
constexpr std::array leading_group_roles{
    Option{"leader", "组长", "Leader"}, Option{"deputy", "副组长", "Deputy leader"},
    Option{"member", "成员", "Member"}, Option{"office", "办公室", "Office"}};
constexpr std::array pairing_dimensions{
    Option{"teachers", "师资", "Teachers"},
    Option{"teaching_research", "教研", "Teaching and research"},
    Option{"management", "管理", "Management"},
    Option{"funds", "资金", "Funds"},
    Option{"materials", "物资", "Materials"},
    Option{"medical_technique", "医疗技术", "Medical technique"}};
constexpr std::array pairing_statuses{Option{"active", "进行中", "Active"},
                                      Option{"ended", "已结束", "Ended"}};
constexpr std::array plan_kinds{Option{"annual", "年度计划", "Annual plan"},
                                Option{"semester", "学期计划", "Semester plan"},
                                Option{"implementation", "实施方案", "Implementation plan"}};
constexpr std::array plan_approvals{
    Option{"draft", "草稿", "Draft"}, Option{"submitted", "已报送", "Submitted"},
    Option{"approved", "已批准", "Approved"}, Option{"rejected", "已退回", "Rejected"}};
constexpr std::array task_metrics{Option{"activity_count", "活动次数", "Number of activities"},
                                  Option{"activity_days", "活动天数", "Days of activity"},
                                  Option{"participant_count", "参与人次", "Person-times"}};
constexpr std::array activity_types{
    Option{"leader_visit", "领导互访", "Leader visit"},
    Option{"teacher_visit", "教师互访", "Teacher visit"},
    Option{"student_exchange", "学生手拉手", "Student exchange (hand in hand)"},
    Option{"demonstration_class", "示范课", "Demonstration class"},
    Option{"open_class", "公开课", "Open class"},
    Option{"lecture", "讲座/研讨", "Lecture / seminar"},
    Option{"teaching_research", "教研活动", "Teaching research"},
    Option{"training", "培训/跟岗学习", "Training / attachment study"},
    Option{"online_exchange", "网络交流", "Online exchange"},
    Option{"farewell_meeting", "欢送/动员会", "Farewell / mobilisation meeting"},
    Option{"inspection", "检查督导", "Inspection"},
    Option{"condolence_visit", "慰问", "Condolence visit"},
    Option{"publicity", "宣传报道", "Publicity"}};
constexpr std::array donation_kinds{Option{"funds", "资金", "Funds"},
                                    Option{"materials", "物资", "Materials"}};
constexpr std::array donor_kinds{Option{"institution", "单位", "Institution"},
                                 Option{"staff", "教职工", "Staff member"},
                                 Option{"students", "学生捐款", "Students' collection"},
                                 Option{"outside", "社会捐赠", "Outside donor"}};
constexpr std::array material_categories{
    Option{"clothes", "衣物", "Clothes"},
    Option{"stationery", "文具", "Stationery"},
    Option{"books", "图书", "Books"},
    Option{"teaching_instruments", "教学仪器", "Teaching instruments"},
    Option{"audio_visual", "电教设备", "Audio-visual equipment"},
    Option{"sports", "体育器材", "Sports equipment"},
    Option{"computers", "计算机", "Computers"},
    Option{"furniture", "课桌椅/床铺", "Furniture"},
    Option{"trees_flowers", "花草树木", "Trees and flowers"},
    Option{"other", "其他", "Other"}};
constexpr std::array resource_kinds{
    Option{"lesson_plan", "教案", "Lesson plan"}, Option{"courseware", "课件", "Courseware"},
    Option{"video", "视频", "Video"}, Option{"topic_package", "专题资源包", "Topic package"},
    Option{"other", "其他", "Other"}};
constexpr std::array stages{
    Option{"preschool", "学前", "Preschool"}, Option{"primary", "小学", "Primary"},
    Option{"junior", "初中", "Junior middle"}, Option{"senior", "高中", "Senior high"},
    Option{"vocational", "职业教育", "Vocational"}};
// One-to-one aid (issue 5, aid cases).
constexpr std::array aid_help_kinds{
    Option{"tutoring", "学业辅导", "Tutoring"},
    Option{"interest_activity", "兴趣辅导", "Interest activity"},
    Option{"motivational_talk", "励志教育/谈心", "Motivational talk"},
    Option{"home_visit", "家访", "Home visit"},
    Option{"phone_online", "电话/网络联系", "Phone or online contact"},
    Option{"material_aid", "物资帮助", "Material aid"},
    Option{"counselling", "心理辅导", "Psychological counselling"},
    Option{"tuition_exemption", "学费减免", "Tuition exemption"},
    Option{"work_study", "勤工助学岗位", "Work-study place"},
    Option{"job_placement", "就业安置", "Job placement"},
    Option{"medical_expenses", "医疗费用", "Medical expenses"},
    Option{"other", "其他", "Other"}};
constexpr std::array aid_helper_kinds{
    Option{"staff", "教职工", "Staff member"},
    Option{"student_partner", "学生结对（手拉手）", "Student partner (hand in hand)"},
    Option{"institution", "单位", "Institution"}};
constexpr std::array aid_cadence_units{Option{"day", "天", "days"}, Option{"week", "周", "weeks"},
                                       Option{"month", "月", "months"},
                                       Option{"term", "学期", "terms"}};
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
const Dictionary program_kind{"program_kind", program_kinds};
const Dictionary program_status{"program_status", program_statuses};
const Dictionary leading_group_role{"leading_group_role", leading_group_roles};
const Dictionary pairing_dimension{"pairing_dimension", pairing_dimensions};
const Dictionary pairing_status{"pairing_status", pairing_statuses};
const Dictionary plan_kind{"plan_kind", plan_kinds};
const Dictionary plan_approval{"plan_approval", plan_approvals};
const Dictionary task_metric{"task_metric", task_metrics};
const Dictionary activity_type{"activity_type", activity_types};
const Dictionary donation_kind{"donation_kind", donation_kinds};
const Dictionary donor_kind{"donor_kind", donor_kinds};
const Dictionary material_category{"material_category", material_categories};
const Dictionary resource_kind{"resource_kind", resource_kinds};
const Dictionary stage{"stage", stages};
const Dictionary aid_help_kind{"aid_help_kind", aid_help_kinds};
const Dictionary aid_helper_kind{"aid_helper_kind", aid_helper_kinds};
const Dictionary aid_cadence_unit{"aid_cadence_unit", aid_cadence_units};

std::span<const Dictionary* const> all() {
    // One entry a line, so branches adding dictionaries merge cleanly.
    // clang-format off
    static const std::array<const Dictionary*, 32> every{&region_level,
                                                         &institution_kind,
                                                         &locality,
                                                         &gender,
                                                         &staff_role,
                                                         &subject,
                                                         &title,
                                                         &backbone,
                                                         &health,
                                                         &user_role,
                                                         &program_kind,
                                                         &program_status,
                                                         &leading_group_role,
                                                         &pairing_dimension,
                                                         &pairing_status,
                                                         &plan_kind,
                                                         &plan_approval,
                                                         &task_metric,
                                                         &activity_type,
                                                         &donation_kind,
                                                         &donor_kind,
                                                         &material_category,
                                                         &resource_kind,
                                                         &stage,
                                                         // Beneficiaries (issue 5)
                                                         &beneficiary_kind,
                                                         &beneficiary_category,
                                                         &poverty_cause,
                                                         &labour_capacity,
                                                         &member_health,
                                                         // One-to-one aid (issue 5)
                                                         &aid_help_kind,
                                                         &aid_helper_kind,
                                                         &aid_cadence_unit};
    // clang-format on
    return every;
}
}  // namespace dict

}  // namespace bangfu::core
