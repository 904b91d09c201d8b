#!/usr/bin/env python3
"""Writes data/demo/aid.json: the one-to-one aid cases of the seeds (see data/demo/README.md,
"Demo one-to-one aid"). Amounts in yuan here, in fen in the file. Run it and commit both."""
import json
import pathlib

W = lambda y: int(round(y * 100))  # yuan -> fen


def rec(date, kind, notes, minutes=0, amount=0, wage=None):
    r = {"record_date": date, "kind": kind, "notes": notes}
    if minutes:
        r["duration_minutes"] = minutes
    if amount:
        r["amount_fen"] = W(amount)
    if wage is not None:
        r["monthly_wage_fen"] = W(wage)
    return r


cases = []

# Seed 002 (1): Hanhan, helped online by her class teacher during the 2020 school closures.
cases.append({
    "beneficiary": "涵涵", "institution": "@tc_wantou",
    "helper_kind": "staff", "helper_staff": "胡小梅",
    "start_date": "2020-02-10", "end_date": "2020-07-31",
    "goals": "停课期间保证线上学习：网络、设备、家长督促到位；语文查漏补缺，树立学习信心",
    "cadences": [{"kind": "phone_online", "every_count": 1, "every_unit": "week"}],
    "records": [
        rec("2020-02-10", "phone_online", "电话联系涵涵和家长，了解家中网络、上课设备和家长督促情况，提出上课要求", 30),
        rec("2020-02-14", "phone_online", "通过微信和直播平台介绍课程、学习方法；远程指导安装慕课和钉钉", 60),
        rec("2020-02-17", "tutoring", "第一次直播课后通过微信答疑，帮助解决学习问题", 40),
        rec("2020-02-24", "tutoring", "利用课余时间帮助复习语文知识", 45),
        rec("2020-03-02", "motivational_talk", "谈心：了解生活和学习上的困难", 30),
        rec("2020-03-09", "phone_online", "安排两名优秀学生与涵涵结对学习", 20),
    ],
    "outcomes": [{"recorded_on": "2020-03-31", "note": "很快掌握网课操作，学习积极性明显提高", "attendance_percent": 100}],
})

# Seed 002 (2): Wang Shi Jiahao, one week of course help, two weeks of interest help, one month
# of motivational education (a kindergarten's "large class" of the fictional county).
wang = []
for d in ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-12", "2026-10-19",
          "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]:
    wang.append(rec(d, "tutoring", "课程帮扶：安全教育与自我保护", 30))
for d in ["2026-09-11", "2026-09-25", "2026-10-16", "2026-10-30", "2026-11-13", "2026-11-27"]:
    wang.append(rec(d, "interest_activity", "兴趣帮扶：绘本阅读与手工", 40))
for d in ["2026-09-30", "2026-10-28", "2026-11-25"]:
    wang.append(rec(d, "motivational_talk", "励志教育：夸一夸自己的进步", 20))
wang.append(rec("2026-10-09", "home_visit", "家访：向家长宣传培养孩子自我保护能力的重要性", 60))
cases.append({
    "beneficiary": "王石佳豪", "institution": "@qh_shiqiao_kg",
    "helper_kind": "staff", "helper_staff": "刘婷",
    "start_date": "2026-09-01",
    "goals": "在学习和生活上得到更多关爱；增强安全意识和自我保护能力",
    "cadences": [
        {"kind": "tutoring", "every_count": 1, "every_unit": "week"},
        {"kind": "interest_activity", "every_count": 2, "every_unit": "week"},
        {"kind": "motivational_talk", "every_count": 1, "every_unit": "month"},
        {"kind": "home_visit", "every_count": 1, "every_unit": "term"},
    ],
    "records": wang,
})

# Seed 002 (3): Ning Haoze, who likes painting and won second prize with the football team.
cases.append({
    "beneficiary": "宁浩泽", "institution": "@qh_shiqiao_kg",
    "helper_kind": "staff", "helper_staff": "韩雪",
    "start_date": "2026-03-01",
    "goals": "变得开朗、主动与人交流，建立自信",
    "cadences": [
        {"kind": "interest_activity", "every_count": 2, "every_unit": "week"},
        {"kind": "phone_online", "every_count": 1, "every_unit": "month"},
    ],
    "records": [
        rec("2026-03-06", "phone_online", "生病请假期间电话询问恢复情况，鼓励早日入园", 10),
        rec("2026-03-20", "material_aid", "发现喜欢画画，购买水彩笔和绘画材料", 0, 35),
        rec("2026-03-27", "interest_activity", "辅导绘画", 40),
        rec("2026-04-10", "interest_activity", "辅导绘画", 40),
        rec("2026-04-24", "interest_activity", "辅导绘画", 40),
        rec("2026-05-15", "interest_activity", "报名幼儿园足球队参加比赛，训练认真，主动向教练请教", 60),
        rec("2026-05-22", "phone_online", "向家长发送孩子在园活动的视频和照片", 10),
    ],
    "outcomes": [{"recorded_on": "2026-05-30", "note": "足球比赛获二等奖奖杯；更加开朗，主动打招呼"}],
})

# Demo teacher teacher1 (李家红, 通城县实验小学) helps a pupil of the recipient school: a home
# visit each term, the last one in the autumn term 2025, so it is overdue from 1 Aug 2026.
cases.append({
    "beneficiary": "黄子轩", "institution": "@tc_wantou",
    "helper_kind": "staff", "helper_staff": "李家红",
    "start_date": "2025-09-01",
    "goals": "语文成绩提高到班级中游；每学期家访一次",
    "cadences": [{"kind": "home_visit", "every_count": 1, "every_unit": "term"}],
    "records": [rec("2025-10-15", "home_visit", "家访：了解家庭情况，与祖父母沟通学习习惯", 90)],
})

# Seed 002 (4): the 16 households of 铁炉坑村 helped by 东莞理工学院: 7 counselled, 2 tuition
# exemptions, 6 work-study places, 6 people employed at ≥ 2,000 yuan a month; medical expenses
# for the families with illness (the amounts are demo estimates).
households = ["黄国强", "陈志明", "李伟雄", "莫炳坤", "袁锦华", "钟树林", "叶永康", "刘德胜",
              "罗金水", "何汉光", "谢少芬", "麦桂英", "梁振华", "邓建新", "张福来", "林耀宗"]
counselled = {"林耀宗", "陈志明", "李伟雄", "麦桂英", "罗金水", "张福来", "袁锦华"}
exempted = {"莫炳坤", "何汉光"}
work_study = {"莫炳坤", "袁锦华", "何汉光", "邓建新", "罗金水", "张福来"}
employed = {"黄国强": 2200, "钟树林": 2000, "叶永康": 2500, "刘德胜": 2000, "谢少芬": 2300,
            "梁振华": 2100}
medical = {"陈志明", "袁锦华", "钟树林", "罗金水", "麦桂英", "张福来"}
for i, name in enumerate(households):
    day = f"{(i % 20) + 5:02d}"
    records = [rec(f"2026-03-{day}", "home_visit", "入户走访，了解致贫原因，制定帮扶措施", 60)]
    if name in counselled:
        records.append(rec(f"2026-04-{day}", "counselling", "心理咨询师上门开展心理疏导", 90))
    if name in exempted:
        records.append(rec("2026-03-01", "tuition_exemption", "子女在东莞理工学院就读，协调减免学费"))
    if name in work_study:
        records.append(rec("2026-03-15", "work_study", "为在读子女安排校内勤工助学岗位"))
    if name in employed:
        records.append(rec(f"2026-05-{day}", "job_placement", "推荐到学校及联系单位就业", 0, 0, employed[name]))
    if name in medical:
        records.append(rec(f"2026-04-{day}", "medical_expenses", "资助部分医疗费用", 0, 2000))
    case = {
        "beneficiary": name, "institution": "@dg_tielukeng",
        "helper_kind": "institution", "helper_institution": "@dg_dgut", "helper_name": "吕启源",
        "start_date": "2026-03-01",
        "goals": "精准识别致贫原因，一户一策，两年内稳定脱贫",
        "cadences": [{"kind": "home_visit", "every_count": 1, "every_unit": "term"}],
        "records": records,
    }
    if name in employed:
        case["outcomes"] = [{"recorded_on": "2026-06-30", "note": "家庭成员已稳定就业",
                             "employed": True, "monthly_wage_fen": W(employed[name])}]
    cases.append(case)

out = pathlib.Path(__file__).with_name("aid.json")
out.write_text(json.dumps({"cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
