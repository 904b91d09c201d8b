#!/usr/bin/env python3
"""Writes dispatch.json: the demo's teacher dispatch (issue 4). Run it and commit both files.

From the seeds: the 2012–13 Pengzhou → Xiangcheng teachers (戴文敏, 董凤琪, 岳星珠, 夏安润,
廖继涛, a school year of 10 months); 叶集's three batches over four school years, 129 teachers
arranged and 107 person-times; the batch of 14 sent off at the farewell meeting of 12 November;
the seven senior-high backbone teachers of 第一中学 at 三元中学; 李启成 and 游汝昌 (rated
excellent) among the completed; 52 cadres and teachers of the counterpart schools received in
Wuxi for short-term attachment; young teachers of weak schools trained one week every month.
Invented (see README.md): the names of the 叶集 teachers beyond the seeds' (generated below), the
split of 129 / 107 over the batches, the dates, class hours, housing and duties.
"""
import json
import os

YJ = '叶集区城乡学校结对帮扶'
PZ = '成都市彭州市对口支援乡城县教育'
WX = '无锡市对口支援霍城县教育'

SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
GIVEN = ['明华', '秀英', '建国', '丽娟', '志强', '海燕', '文杰', '春梅', '国庆', '晓燕', '俊峰', '玉兰',
         '德胜', '红梅', '永刚', '慧敏', '立军', '雪芳', '家宝', '静怡', '振宇', '淑珍', '光辉', '美玲',
         '庆丰', '凤英', '学文', '桂香', '新民', '小红', '宏伟', '翠萍', '长林', '月娥', '东升', '艳玲',
         '金山', '素琴', '胜利', '玉梅', '成龙', '冬梅', '克勤', '丽华', '正义', '兰英', '家俊', '晓梅']

with open(os.path.join(os.path.dirname(__file__), 'registry.json'), encoding='utf-8') as f:
    registry = json.load(f)
taken = {s['name'] for s in registry['staff']}

names = []
i = 0
while len(names) < 120:
    name = SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)]
    i += 1
    if name not in taken and name not in names:
        names.append(name)

PRIMARY = ['chinese', 'math', 'english', 'science', 'music', 'art', 'pe']
SECONDARY = ['chinese', 'math', 'english', 'physics', 'chemistry', 'biology', 'politics', 'history',
             'geography']
TITLES = ['junior', 'intermediate', 'intermediate', 'senior']
staff = []


def new_teacher(institution, subjects_pool):
    n = len(staff)
    name = names[n]
    years = 4 + (n * 7) % 22
    birth_year = 2022 - 23 - years - (n % 3)
    staff.append({
        'name': name,
        'gender': 'female' if GIVEN.index(name[1:]) % 2 else 'male',
        'institution': '@' + institution,
        'role': 'teacher',
        'subjects': [subjects_pool[n % len(subjects_pool)]],
        'title': TITLES[n % len(TITLES)],
        'backbone': 'county' if n % 4 == 0 else 'none',
        'years_teaching': years,
        'birth_date': f'{birth_year}-{1 + n % 12:02d}-{1 + n % 28:02d}',
        'health': 'good',
        'phone': f'13800003{n:03d}',
    })
    return staff[-1]


assignments = []


def assign(program, batch, who, recipient, start, end, subjects, hours, home, housing, duties,
           status='completed'):
    assignments.append({
        'program': program, 'batch': batch and '*' + batch, 'staff': '$' + who,
        'recipient_institution': '@' + recipient, 'start_date': start, 'end_date': end,
        'subjects': subjects, 'weekly_hours_recipient': hours, 'weekly_hours_home': home,
        'housing': housing, 'duties': duties, 'volunteered': True, 'status': status,
    })


batches = [
    {'key': 'pz_2012', 'program': PZ, 'name': '2012—2013学年赴乡城支教教师', 'sendoff_date': '2012-08-28',
     'sendoff_event': '彭州市教育局支教教师出征仪式', 'planned_count': 5,
     'note': '按“教龄3年以上、身体健康、本人自愿”条件择优选派，每学年5名。'},
    {'key': 'yj_1', 'program': YJ, 'name': '第一批城乡交流支教', 'sendoff_date': '2022-08-30',
     'sendoff_event': '第一批支教教师动员会', 'planned_count': 58, 'note': ''},
    {'key': 'yj_2', 'program': YJ, 'name': '第二批城乡交流支教', 'sendoff_date': '2023-08-30',
     'sendoff_event': '第二批支教教师动员会', 'planned_count': 57,
     'note': '含第一中学七名高中骨干教师赴三元中学支教，工作量与本校累计计算。'},
    {'key': 'yj_3', 'program': YJ, 'name': '第三批赴孙岗乡支教', 'sendoff_date': '2025-11-12',
     'sendoff_event': '14名教师赴孙岗乡小学支教欢送会（文教局、街道办联合举办）', 'planned_count': 14,
     'note': ''},
]

# 彭州 → 乡城, 2012–13 school year: ten months.
for who, recipient, subject in [('戴文敏', 'xc_middle', 'chinese'), ('董凤琪', 'xc_xiangbala_primary', 'math'),
                                ('岳星珠', 'xc_middle', 'english'), ('夏安润', 'xc_middle', 'physics'),
                                ('廖继涛', 'xc_qingde_primary', 'pe')]:
    assign(PZ, 'pz_2012', who, recipient, '2012-09-01', '2013-06-30', [subject], 14, 0,
           '受援学校教师周转宿舍', '承担所在年级' + {'chinese': '语文', 'math': '数学', 'english': '英语',
                                          'physics': '物理', 'pe': '体育'}[subject] + '教学，参加教研活动')

# 叶集: first batch, school year 2022–23, 49 person-times.
plan1 = [('yj_exp_school', 'yj_pinggang_middle', SECONDARY, 18), ('yj_no2_primary', 'yj_longtang_primary', PRIMARY, 13),
         ('yj_zhenqu_central', 'yj_sungang_central', PRIMARY, 9), ('yj_zhenqu_central', 'yj_ziyuan_primary', PRIMARY, 9)]
# second batch, two school years 2023–25, 44 person-times: the seven backbone teachers and 37 more.
plan2 = [('yj_exp_school', 'yj_pinggang_middle', SECONDARY, 10), ('yj_exp_school', 'yj_duangang_primary', PRIMARY, 6),
         ('yj_no2_primary', 'yj_longchong_primary', PRIMARY, 8), ('yj_no2_primary', 'yj_longtang_primary', PRIMARY, 5),
         ('yj_zhenqu_central', 'yj_zhuyuan_primary', PRIMARY, 8)]
# third batch: 14 primary teachers to 孙岗乡, sent off on 12 November 2025; 李启成 and 游汝昌 are two of them.
plan3 = [('yj_no2_primary', 'yj_sungang_central', PRIMARY, 4), ('yj_exp_school', 'yj_zhuyuan_primary', PRIMARY, 4),
         ('yj_zhenqu_central', 'yj_duangang_primary', PRIMARY, 4)]


def run(plan, batch, start, end, hours, home):
    for sender, recipient, pool, count in plan:
        for _ in range(count):
            t = new_teacher(sender, pool)
            assign(YJ, batch, t['name'], recipient, start, end, t['subjects'], hours, home,
                   '受援学校安排教师宿舍' if recipient != 'yj_pinggang_middle' else '走教（每日往返）',
                   '承担' + {'yj_sanyuan_middle': '初、高中', 'yj_pinggang_middle': '初中'}.get(recipient, '小学') + '学科教学')


run(plan1, 'yj_1', '2022-09-01', '2023-07-10', 14, 0)
for who in ['王立新', '陈静', '刘文博', '赵雪梅', '孙志刚', '杨帆', '吴海涛']:
    s = next(x for x in registry['staff'] if x['name'] == who)
    assign(YJ, 'yj_2', who, 'yj_sanyuan_middle', '2023-09-01', '2025-07-10', s['subjects'][:1], 8, 6,
           '三元中学教师周转房', '高中骨干教师支教：承担高中' + '教学，指导青年教师，参与创建市级示范高中')
run(plan2, 'yj_2', '2023-09-01', '2025-07-10', 14, 0)
assign(YJ, 'yj_3', '李启成', 'yj_sungang_central', '2025-11-13', '2026-07-10', ['math'], 16, 0,
       '吃住在孙岗乡中心小学', '承担五、六年级数学教学')
assign(YJ, 'yj_3', '游汝昌', 'yj_duangang_primary', '2025-11-13', '2026-07-10', ['chinese'], 16, 0,
       '吃住在段岗小学', '承担语文教学并兼任班主任')
# 12 more to make the 14 of the farewell meeting.
run(plan3, 'yj_3', '2025-11-13', '2026-07-10', 16, 0)

attachments = [
    {'program': WX, 'kind': 'attachment', 'headcount': 52, 'home_institution': '@hc_bureau',
     'host_institution': '@wx_bureau', 'start_date': '2024-03-04', 'end_date': '2024-12-20',
     'schedule': '分期分批，每期两周', 'days': 0,
     'purpose': '接待对口学校干部、骨干教师来锡短期挂职学习（52名）',
     'outcome': '学习无锡学校管理和课堂教学经验'},
    {'program': WX, 'kind': 'class_tracking', 'headcount': 7, 'home_institution': '@hc_no2_middle_junior',
     'host_institution': '@wx_jiangnan_middle', 'start_date': '2024-10-14', 'end_date': '2024-10-18',
     'schedule': '跟班一周', 'days': 5, 'purpose': '7名教师跟班听课、参与备课组活动', 'outcome': ''},
    {'program': YJ, 'kind': 'training', 'headcount': 6, 'home_institution': '@yj_sanyuan_middle',
     'host_institution': '@yj_no1_middle', 'start_date': '2025-09-08', 'end_date': '2026-06-26',
     'schedule': '每月一周', 'days': 50, 'purpose': '农村薄弱学校中青年教师到示范学校每月一周教学培训',
     'outcome': ''},
]

n3 = sum(1 for a in assignments if a['batch'] == '*yj_3')
n_yj = sum(1 for a in assignments if a['program'] == YJ)
planned_yj = sum(b['planned_count'] for b in batches if b['program'] == YJ)
assert n3 == 14 and n_yj == 107 and planned_yj == 129, (n3, n_yj, planned_yj)
# 三元中学 receives exactly the seven backbone teachers of 第一中学.
assert sum(1 for a in assignments if a['recipient_institution'] == '@yj_sanyuan_middle') == 7

out = {'staff': staff, 'batches': batches, 'assignments': assignments, 'attachments': attachments}
with open(os.path.join(os.path.dirname(__file__), 'dispatch.json'), 'w', encoding='utf-8') as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write('\n')
print(len(staff), 'staff,', len(assignments), 'assignments')
