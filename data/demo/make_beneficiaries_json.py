#!/usr/bin/env python3
"""Writes beneficiaries.json: the demo's students, households and inbound cohorts (issue 5).

ID numbers are fictional but pass the GB 11643 check: their first two digits are 99 (no Chinese
province has code 99), the next four are the last four of the real county's code, then the date
of birth, a sequence number and the check digit. See README.md."""
import json
import pathlib

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(county, birth, seq):
    first17 = '99' + county[2:6] + birth.replace('-', '') + f'{seq:03d}'
    s = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return first17 + '10X98765432'[s % 11]


def phone(n):
    return f'1380000{n:04d}'


students = [
    # Seed 002 (1): "Hanhan", helped by her class teacher in online Chinese lessons (2020).
    dict(key='hanhan', name='涵涵', gender='female', birth_date='2012-04-18', county='421222', seq=902,
         institution='@tc_wantou', grade='四年级', class_name='1 班',
         categories=['registered_poor', 'learning_difficulty'], guardian_name='涵涵母亲', guardian_relation='母亲',
         address='五里镇湾头村 4 组', family_situation='父亲常年在外务工，家中缺少上网课的设备和网络，语文学习有困难。'),
    # Seed 002 (2): "Wang Shi Jiahao", a registered child of a kindergarten class.
    dict(key='wang_shi_jiahao', name='王石佳豪', gender='male', birth_date='2020-03-09', county='990121', seq=911,
         institution='@qh_shiqiao_kg', grade='大班', class_name='大二班',
         categories=['registered_poor'], guardian_name='王某', guardian_relation='父亲',
         address='青禾县石桥镇某村 2 组', family_situation='建档立卡户，父母务农，孩子胆小内向。'),
    # Seed 002 (3): "Ning Haoze", a kindergarten child who likes painting and won a football prize.
    dict(key='ning_haoze', name='宁浩泽', gender='male', birth_date='2020-08-21', county='990121', seq=913,
         institution='@qh_shiqiao_kg', grade='大班', class_name='大一班',
         categories=['registered_poor'], guardian_name='宁某', guardian_relation='母亲',
         address='青禾县石桥镇某村 6 组', family_situation='住房狭小破旧，孩子体弱常请病假，喜欢画画。'),
    # Seed 000 ch.1: the pupils of Wantou Primary School who want to "get out of the mountains".
    dict(key='wantou_left_behind', name='李小雨', gender='female', birth_date='2014-11-02', county='421222', seq=924,
         institution='@tc_wantou', grade='三年级', class_name='2 班', categories=['left_behind'],
         guardian_name='李某', guardian_relation='祖父', address='五里镇湾头村 7 组',
         family_situation='父母在广东务工，随祖父母生活。'),
    dict(key='wantou_disability', name='黄子轩', gender='male', birth_date='2013-06-15', county='421222', seq=935,
         institution='@tc_wantou', grade='五年级', class_name='1 班', categories=['disability', 'subsistence'],
         guardian_name='黄某', guardian_relation='母亲', address='五里镇湾头村 2 组',
         family_situation='听力残疾（四级），单亲家庭，享受低保。'),
    # Seed 003 (1): Huocheng, a student of the Jiangsu kindergarten.
    dict(key='huocheng_kg', name='阿依努尔', gender='female', birth_date='2021-01-12', county='654023', seq=946,
         institution='@hc_jiangsu_kg', grade='中班', class_name='中一班', categories=['registered_poor'],
         guardian_name='买买提', guardian_relation='父亲', address='霍城县水定镇某村',
         family_situation='家中四口人，父亲务农，母亲患慢性病。'),
]

# Seed 002 (4): Tielukeng Village, Qishi Town, Dongguan: 16 households in need. The seed gives
# the causes (few people able to work, illness, disability, mental illness, children's schooling)
# and the measures (counselling, tuition exemptions, work-study places, jobs at >= 2,000 yuan a
# month); the names, ages and incomes are illustrative.
surnames = ['黄', '陈', '李', '莫', '袁', '钟', '叶', '刘', '罗', '何', '谢', '麦', '梁', '邓', '张', '林']
given = ['国强', '志明', '伟雄', '炳坤', '锦华', '树林', '永康', '德胜', '金水', '汉光', '少芬', '桂英', '振华', '建新', '福来', '耀宗']
causes = [['lack_labour'], ['illness'], ['disability'], ['education'], ['illness', 'education'], ['lack_labour', 'illness'],
          ['lack_skills'], ['disability', 'lack_labour'], ['illness'], ['education'], ['lack_skills', 'lack_funds'],
          ['illness', 'disability'], ['lack_labour'], ['education', 'lack_skills'], ['illness'], ['other']]
situations = {
    'lack_labour': '家中有劳动能力的人少，需要供养的人多。',
    'illness': '家庭成员长期患病，医疗支出大。',
    'disability': '家庭成员残疾，生活需要照顾。',
    'education': '子女在读中专或大学，学费负担重。',
    'lack_skills': '劳动力缺少技能，就业困难。',
    'lack_funds': '缺少发展生产的资金。',
    'other': '家庭成员精神障碍，家庭关系复杂。',
}
measures = {
    'lack_labour': '推荐到学校及联系单位就业，月薪不低于 2000 元',
    'illness': '资助部分医疗费用',
    'disability': '协助申请残疾人补贴',
    'education': '协调学费减免和勤工助学岗位',
    'lack_skills': '组织技能培训并介绍工作',
    'lack_funds': '协助申请市级扶贫项目资金',
    'other': '心理咨询师上门开展心理疏导',
}
households = []
for i in range(16):
    head_birth = f'{1958 + (i * 3) % 25}-{(i % 12) + 1:02d}-{(i * 7) % 27 + 1:02d}'
    c = causes[i]
    head_gender = 'female' if given[i] in ('少芬', '桂英') else 'male'
    members = [dict(name=surnames[i] + given[i], relation='户主', gender=head_gender, birth_date=head_birth,
                    labour_capacity='weak' if 'illness' in c or 'disability' in c else 'full',
                    health='chronic' if 'illness' in c else ('disabled' if 'disability' in c else 'healthy'),
                    occupation='务农')]
    members.append(dict(name=surnames[i] + '某' + ('芳' if i % 2 else '兰'), relation='配偶',
                        gender='male' if head_gender == 'female' else 'female',
                        birth_date=f'{1960 + (i * 3) % 25}-0{(i % 9) + 1}-15',
                        labour_capacity='none' if 'lack_labour' in c else 'full',
                        health='serious' if i in (5, 14) else 'healthy', occupation='务农'))
    if 'education' in c or i % 3 == 0:
        members.append(dict(name=surnames[i] + '小' + ('明', '华', '军', '丽')[i % 4], relation='子女',
                            gender='male' if i % 2 == 0 else 'female', birth_date=f'{2004 + i % 6}-09-0{(i % 9) + 1}',
                            labour_capacity='none', health='healthy',
                            occupation='在读中专' if i % 2 == 0 else '在读大学'))
    if i % 4 == 1:
        members.append(dict(name=surnames[i] + '老' + ('伯', '婆')[i % 2], relation='父母', gender='male' if i % 2 == 0 else 'female',
                            birth_date=f'{1935 + i}-05-20', labour_capacity='none', health='chronic', occupation=''))
    households.append(dict(
        key=f'tielukeng_{i + 1:02d}', kind='household', name=surnames[i] + given[i], gender=head_gender,
        birth_date=head_birth, county='441900', seq=960 + i, institution='@dg_tielukeng',
        categories=['registered_poor'] if i < 10 else ['subsistence'],
        phone=phone(5100 + i), address=f'企石镇铁炉坑村 {i % 5 + 1} 组 {10 + i} 号',
        family_situation=' '.join(situations[x] for x in c),
        poverty_causes=c, annual_income=f'{9600 + i * 850}.00',
        measures='；'.join(measures[x] for x in c), members=members))

for x in students + households:
    x['id_number'] = id_number(x.pop('county'), x['birth_date'], x.pop('seq'))
    x.setdefault('kind', 'student')
    x.setdefault('phone', phone(5000 + len(x['name']) * 7 + int(x['id_number'][14:17]) % 100))

# Seed 003 (2): 15 Xiangcheng students at Pengzhou's two demonstration high schools, with tuition,
# book and exercise-book fees exempted; 198 "9+3" students from Aba Prefecture at Pengzhou
# Vocational Middle School (63 in grade 10, 74 in grade 11, 61 in grade 12) in seven majors. The
# split of the 15 between the two schools, the split of each grade by major and the amounts are
# illustrative.
majors = ['汽车运用与维修', '电子技术应用', '计算机应用', '建筑工程施工', '机械加工技术', '财务会计', '旅游服务与管理']
by_grade = {'高一': [10, 9, 10, 8, 9, 8, 9], '高二': [12, 11, 12, 10, 10, 10, 9], '高三': [9, 9, 10, 8, 9, 8, 8]}
assert [sum(v) for v in by_grade.values()] == [63, 74, 61]
cohorts = [
    dict(program='成都市彭州市对口支援乡城县教育', host_institution='@pz_middle', origin_region='513336', school_year=2025,
         stage='senior', grade='高一', major='', student_count=8, fee_exemption='1800.00',
         note='免除学费、书本费和作业本费'),
    dict(program='成都市彭州市对口支援乡城县教育', host_institution='@pz_no1_middle', origin_region='513336', school_year=2025,
         stage='senior', grade='高一', major='', student_count=7, fee_exemption='1800.00',
         note='免除学费、书本费和作业本费'),
]
for grade, counts in by_grade.items():
    for major, n in zip(majors, counts):
        cohorts.append(dict(program='四川省“9+3”免费中等职业教育（彭州市职业中学）', host_institution='@pz_vocational',
                            origin_region='513200', school_year=2025, stage='vocational', grade=grade, major=major,
                            student_count=n, fee_exemption='2000.00', note='“9+3”免费中职教育：免学费'))

doc = {
    'regions': [dict(code='513200', name='阿坝藏族羌族自治州', level='city', parent='510000')],
    'programs': [dict(name='四川省“9+3”免费中等职业教育（彭州市职业中学）', kind='counterpart_support', region='510182',
                      start_date='2009-09-01', status='active',
                      goals='接收阿坝州“9+3”学生到彭州市职业中学免费就读中职，做好教育教学、思想政治、岗前培训和实习工作。',
                      office='彭州市教育局对口支援办公室')],
    'students': students,
    'households': households,
    'inbound_cohorts': cohorts,
}
out = pathlib.Path(__file__).with_name('beneficiaries.json')
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
print(f'{len(students)} students, {len(households)} households, {len(cohorts)} cohorts → {out}')
