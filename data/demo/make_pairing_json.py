#!/usr/bin/env python3
# Writes pairing.json (the demo data of issue 3) from the facts of the seeds; run it after editing.
# Amounts are yuan here and fen in the file.
import json
# Demo data of the pairing work (issue 3), from the seeds. References: "@key" institution key of
# registry.json, "$name" staff name, "#key" program, "%key" pairing, "&key" plan.
P=[]; LG=[]; DOC=[]; PR=[]; PL=[]; TK=[]; ACT=[]; DON=[]; INS=[]; RES=[]
def program(key, **kw): P.append(dict(key=key, **kw))
def member(prog, role, name=None, staff=None, position='', unit='', sort_order=0):
    m=dict(program='#'+prog, role=role, position=position, unit=unit, sort_order=sort_order)
    if staff: m['staff']='$'+staff
    else: m['name']=name
    LG.append(m)
def doc(prog, title, number, issuer, date, file_text=None):
    d=dict(program='#'+prog, title=title, doc_number=number, issuer=issuer, issued_on=date)
    if file_text: d['file']={'name': title+'.txt', 'text': file_text}
    DOC.append(d)
def pairing(key, prog, sup, rec, dims, start, **kw):
    PR.append(dict(key=key, program='#'+prog, supporter='@'+sup, recipient='@'+rec, dimensions=dims, start_date=start, status=kw.pop('status','active'), **kw))
def plan(key, prog, kind, title, start, end, pairing=None, approval='approved', content=''):
    p=dict(key=key, program='#'+prog, kind=kind, title=title, start_date=start, end_date=end, approval=approval, content=content)
    if pairing: p['pairing']='%'+pairing
    PL.append(p)
def task(plan_key, desc, metric, target, period_start, due, activity_type=None, owner_institution=None, owner_staff=None):
    t=dict(plan='&'+plan_key, description=desc, metric=metric, target=target, period_start=period_start, due_date=due)
    if activity_type: t['activity_type']=activity_type
    if owner_institution: t['owner_institution']='@'+owner_institution
    if owner_staff: t['owner_staff']='$'+owner_staff
    TK.append(t)
def activity(prog, type_, start, host, end=None, pairing=None, visiting=None, **kw):
    a=dict(program='#'+prog, type=type_, start_date=start, end_date=end or start, host_institution='@'+host)
    if pairing: a['pairing']='%'+pairing
    if visiting: a['visiting_institution']='@'+visiting
    if 'teacher' in kw: kw['teacher']='$'+kw['teacher']
    if 'participants' in kw: kw['participants']=[{'staff':'$'+s,'role':r} for s,r in kw['participants']]
    a.update(kw); ACT.append(a)
def donation(prog, kind, date, donor_kind, recipient, amount_yuan, pairing=None, **kw):
    d=dict(program='#'+prog, kind=kind, donated_on=date, donor_kind=donor_kind, recipient_institution='@'+recipient, amount_fen=round(amount_yuan*100))
    if pairing: d['pairing']='%'+pairing
    for k in ('donor_institution',):
        if k in kw: kw[k]='@'+kw[k]
    if 'donor_staff' in kw: kw['donor_staff']='$'+kw['donor_staff']
    d.update(kw); DON.append(d)
def inspection(prog, date, inspectors, checked, findings, follow_ups, pairing=None):
    i=dict(program='#'+prog, inspected_on=date, inspectors=inspectors, checked=checked, findings=findings, follow_ups=follow_ups)
    if pairing: i['pairing']='%'+pairing
    INS.append(i)
def resource(owner, title, kind, subject, stage, description, file_name, file_text, pairing=None):
    r=dict(owner_institution='@'+owner, title=title, kind=kind, subject=subject, stage=stage, description=description, file={'name':file_name,'text':file_text})
    if pairing: r['pairing']='%'+pairing
    RES.append(r)

# ---- seed 000 ch.1: 通城县 urban–rural pairing ----------------------------------------------
program('tc', name='通城县中小学城乡结对帮扶', kind='urban_rural_school', region='421222', start_date='2026-09-01', end_date='2027-07-15', status='active',
        goals='缩小城乡学校办学差距：经济物资支持、教学科研合作、学生手拉手结对，逐步改变农村薄弱学校办学面貌。',
        office='通城县教育局结对帮扶工作办公室')
member('tc','leader',staff='李凤鸣',position='校长',unit='通城县实验小学',sort_order=1)
member('tc','member',staff='陈晓燕',position='教导主任',unit='通城县实验小学',sort_order=2)
member('tc','office',staff='余志强',position='办公室主任',unit='通城县教育局',sort_order=3)
doc('tc','关于在全县教育系统中小学开展城乡结对帮扶活动的意见','通教〔2026〕18号','通城县教育局','2026-08-28',
    '各中小学：为缩小城乡教育差距，促进全县义务教育均衡发展，经研究，决定在全县教育系统中小学开展城乡结对帮扶活动……')
pairing('tc_wantou','tc','tc_exp_primary','tc_wantou',['teachers','teaching_research','funds','materials'],'2026-09-01',
        agreement_title='通城县实验小学与五里镇湾头小学结对帮扶协议',
        agreement_text='双方从需求出发、从问题出发、从自身优势出发，开展经济物资支持、教学科研合作和学生手拉手结对活动。')
plan('tc_impl','tc','implementation','通城县实验小学城乡结对帮扶工作实施方案','2026-09-01','2027-07-15',pairing='tc_wantou',
     content='成立以李凤鸣校长为组长的结对帮扶工作领导小组；每学期至少两次领导互访；派骨干教师送示范课；开展学生手拉手活动。')
plan('tc_sem','tc','semester','2026年秋季学期结对帮扶工作计划','2026-09-01','2027-01-20',pairing='tc_wantou',
     content='10月领导实地考察；11月送课送教、捐资助学；学生手拉手联谊。')
task('tc_sem','本学期送示范课不少于3节','activity_count',3,'2026-09-01','2027-01-20',activity_type='demonstration_class',owner_institution='tc_exp_primary')
task('tc_sem','本学期领导互访不少于2次','activity_count',2,'2026-09-01','2027-01-20',activity_type='leader_visit',owner_institution='tc_exp_primary',owner_staff='李凤鸣')
activity('tc','leader_visit','2026-10-18','tc_wantou',pairing='tc_wantou',visiting='tc_exp_primary',leaders_count=8,
         topic='实地考察，商讨帮扶活动',content='学校领导一行8人到湾头小学实地考察，了解学校现状，与湾小领导商讨帮扶活动。',
         participants=[('李凤鸣','组长'),('陈晓燕','成员')])
activity('tc','demonstration_class','2026-11-04','tc_wantou',pairing='tc_wantou',visiting='tc_exp_primary',teachers_count=1,
         teacher='李家红',subject='chinese',topic='语文示范课：创设情境，培养阅读能力',audience_size=45,
         content='李家红老师在语文课中巧设情境，着重培养学生的阅读能力。',outcome='课后两校教师共同研讨课堂教学。')
activity('tc','demonstration_class','2026-11-04','tc_wantou',pairing='tc_wantou',visiting='tc_exp_primary',teachers_count=1,
         teacher='张峰',subject='pe',topic='体育示范课：游戏贯穿课堂',audience_size=40,
         content='张峰老师的体育课以游戏贯穿课堂，孩子们兴趣盎然。')
activity('tc','demonstration_class','2026-11-04','tc_wantou',pairing='tc_wantou',visiting='tc_exp_primary',teachers_count=1,
         teacher='吴恒珍',subject='music',topic='音乐示范课',audience_size=42,
         content='吴恒珍老师的音乐课给学生耳目一新的感觉。')
activity('tc','student_exchange','2026-11-04','tc_wantou',pairing='tc_wantou',visiting='tc_exp_primary',teachers_count=20,students_count=40,
         topic='手拉手结对联谊',content='40名学生代表表演手风琴、歌舞等节目，赠送图书和学习用品，两校学生座谈、共进午餐。')
donation('tc','funds','2026-11-04','institution','tc_wantou',5000,pairing='tc_wantou',donor_institution='tc_exp_primary',purpose='资助安装窗户玻璃、维修校舍')
donation('tc','funds','2026-11-04','students','tc_wantou',3100,pairing='tc_wantou',donor_institution='tc_exp_primary',donor_name='全校学生自发捐款',purpose='资助31名贫困学生的生活补助')
donation('tc','materials','2026-11-04','institution','tc_wantou',2480,pairing='tc_wantou',donor_institution='tc_exp_primary',category='stationery',quantity=31,unit='套',
         purpose='为31名贫困学生购买书包和学习用品',note='价值为演示数据估算')
resource('tc_exp_primary','李家红语文示范课教学设计','lesson_plan','chinese','primary','11月4日送课到湾头小学的语文示范课教案','语文示范课教学设计.txt',
         '教学目标：1. 创设情境，激发阅读兴趣；2. 培养学生的朗读与理解能力……',pairing='tc_wantou')

# ---- seed 000 ch.2 / 001 / 002: 叶集区 ------------------------------------------------------
program('yj', name='叶集区城乡学校结对帮扶', kind='urban_rural_school', region='341504', start_date='2022-09-01', status='active',
        goals='城镇学校帮扶农村薄弱学校：19所中小学承担结对帮扶任务，轮岗支教，资源共享，促进城乡教育均衡发展。',
        office='叶集区城乡学校结对帮扶工作领导小组办公室（设在文教局人事股）')
member('yj','leader',name='分管干部人事、文教工作的区领导',position='组长',unit='叶集区',sort_order=1)
member('yj','deputy',name='区委组织部人事科负责同志',position='副组长',unit='区委组织部',sort_order=2)
member('yj','office',staff='周汉林',position='办公室主任',unit='叶集区文教局人事股',sort_order=3)
doc('yj','关于开展城镇学校帮扶农村薄弱学校工作的通知','叶教〔2022〕45号','叶集区文教局','2022-08-30',
    '各中小学：为进一步明确城镇学校结对帮扶农村薄弱学校的措施和目标……')
doc('yj','关于城乡学校结对帮扶的实施意见','叶教〔2022〕81号','叶集区文教局','2022-09-15')
doc('yj','关于进一步加强城乡学校结对帮扶工作的通知','六教〔2022〕39号','六安市教育局','2022-07-20')
pairing('yj_pinggang','yj','yj_exp_school','yj_pinggang_middle',['teachers'],'2022-09-01')
pairing('yj_duangang','yj','yj_exp_school','yj_duangang_primary',['materials'],'2022-09-01')
pairing('yj_sanyuan','yj','yj_no1_middle','yj_sanyuan_middle',['teachers','teaching_research','management'],'2022-09-01',
        agreement_title='“爱心牵手”互助协议',agreement_text='第一中学在师资支教之外，为三元中学创建市级综合示范高中提供软件设施支持。')
pairing('yj_qiaodian','yj','yj_no1_middle','yj_qiaodian_middle',['funds'],'2022-09-01')
pairing('yj_longtang','yj','yj_no2_primary','yj_longtang_primary',['teachers'],'2022-09-01')
pairing('yj_longchong','yj','yj_no2_primary','yj_longchong_primary',['teaching_research'],'2022-09-01')
pairing('yj_ziyuan','yj','yj_sanyuan_middle','yj_ziyuan_primary',['teachers'],'2023-09-01',note='梯度帮扶：三元中学既是受援校，也帮扶资源小学')
pairing('yj_sungang','yj','yj_zhenqu_central','yj_sungang_central',['teachers'],'2022-09-01')
pairing('yj_zhuyuan','yj','yj_zhenqu_central','yj_zhuyuan_primary',['teaching_research'],'2022-09-01')
plan('yj_2026','yj','annual','叶集区2026年城乡学校结对帮扶工作计划','2026-01-01','2026-12-31',
     content='继续实施“四有”：有组织领导、有阶段性计划、有实施方案、有检查督导；开展领导互访、教师互访、示范课和手拉手活动。')
plan('yj_impl','yj','implementation','叶集区城乡学校结对帮扶实施方案（2022—2026年）','2022-09-01','2026-12-31')
plan('yj_sanyuan_2026','yj','annual','第一中学帮扶三元中学2026年度计划','2026-01-01','2026-12-31',pairing='yj_sanyuan')
plan('yj_sanyuan_impl','yj','implementation','第一中学帮扶三元中学实施方案','2022-09-01','2026-12-31',pairing='yj_sanyuan')
task('yj_sanyuan_2026','每学期至少开展一次教师互访','activity_count',1,'2026-09-01','2027-01-20',activity_type='teacher_visit',owner_institution='yj_no1_middle')
task('yj_sanyuan_2026','本年度送示范课3节','activity_count',3,'2026-01-01','2026-12-31',activity_type='demonstration_class',owner_institution='yj_no1_middle')
task('yj_sanyuan_2026','骨干教师到结对学校跟岗学习1—2周','activity_days',7,'2026-03-01','2026-06-30',activity_type='training',owner_institution='yj_sanyuan_middle')
activity('yj','farewell_meeting','2025-11-12','yj_zhenqu_central',pairing='yj_sungang',visiting='yj_sungang_central',leaders_count=12,teachers_count=14,students_count=60,
         topic='14名教师赴孙岗乡小学支教欢送会',content='文教局、街道办负责同志，镇区教辅组成员，各小学校长及镇区中心小学学生出席欢送会，教师代表发言。')
activity('yj','demonstration_class','2026-04-16','yj_zhuyuan_primary',pairing='yj_zhuyuan',visiting='yj_zhenqu_central',teachers_count=1,
         teacher='焦健',subject='chinese',topic='语文示范课：打造高效课堂',audience_size=35,
         content='省级“教坛新星”焦健为竹园小学师生上示范课，教学设计简约新颖。')
activity('yj','teacher_visit','2026-09-24','yj_sanyuan_middle',pairing='yj_sanyuan',visiting='yj_no1_middle',teachers_count=7,
         topic='七名高中骨干教师到三元中学支教交流',participants=[('王立新','骨干教师'),('陈静','骨干教师'),('刘文博','骨干教师')])
activity('yj','demonstration_class','2026-10-15','yj_sanyuan_middle',pairing='yj_sanyuan',visiting='yj_no1_middle',teachers_count=1,
         teacher='赵雪梅',subject='chemistry',topic='化学示范课：创建高效课堂',audience_size=50)
activity('yj','training','2026-05-11','yj_no1_middle',end='2026-05-15',pairing='yj_sanyuan',visiting='yj_sanyuan_middle',teachers_count=2,
         topic='青年教师每月一周跟岗培训',content='三元中学青年教师到第一中学跟岗学习一周。',participants=[('胡斌','跟岗教师')])
activity('yj','leader_visit','2026-03-10','yj_sanyuan_middle',pairing='yj_sanyuan',visiting='yj_no1_middle',leaders_count=3,topic='了解帮扶工作落实情况，确定下阶段重点')
activity('yj','student_exchange','2026-06-01','yj_ziyuan_primary',pairing='yj_ziyuan',visiting='yj_sanyuan_middle',students_count=30,teachers_count=4,topic='“手拉手”学习活动')
# 290,000 yuan of funds and materials worth 1.7 million over four years (seed 000 ch.2 / 002).
funds=[('2023-03-15',60000,'yj_qiaodian','yj_no1_middle','yj_qiaodian_middle'),('2024-04-20',80000,'yj_qiaodian','yj_no1_middle','yj_qiaodian_middle'),
       ('2025-05-10',70000,'yj_sungang','yj_zhenqu_central','yj_sungang_central'),('2026-03-18',80000,'yj_qiaodian','yj_no1_middle','yj_qiaodian_middle')]
for d,y,p,s,r in funds:
    donation('yj','funds',d,'institution',r,y,pairing=p,donor_institution=s,purpose='帮扶资金：改善办学条件')
mats=[('2023-05-20','clothes',600,'件',120000,'yj_duangang','yj_exp_school','yj_duangang_primary'),
      ('2023-09-01','stationery',1500,'套',75000,'yj_longtang','yj_no2_primary','yj_longtang_primary'),
      ('2024-03-12','books',12000,'册',240000,'yj_duangang','yj_exp_school','yj_duangang_primary'),
      ('2024-09-10','teaching_instruments',40,'套',380000,'yj_sanyuan','yj_no1_middle','yj_sanyuan_middle'),
      ('2025-04-08','audio_visual',30,'台',450000,'yj_sanyuan','yj_no1_middle','yj_sanyuan_middle'),
      ('2025-10-16','sports',60,'套',235000,'yj_longchong','yj_no2_primary','yj_longchong_primary'),
      ('2026-03-12','trees_flowers',800,'株',200000,'yj_zhuyuan','yj_zhenqu_central','yj_zhuyuan_primary')]
for d,c,q,u,y,p,s,r in mats:
    donation('yj','materials',d,'institution',r,y,pairing=p,donor_institution=s,category=c,quantity=q,unit=u,purpose='改善农村薄弱学校办学条件、美化校园')
inspection('yj','2026-06-20','周汉林、区督导室督学','各结对学校“四有”落实情况、支教教师到岗情况、帮扶台账',
           '组织、计划、方案齐全；个别学校帮扶台账不完整。','7月底前补齐帮扶台账，下学期开学检查。')
inspection('yj','2026-06-20','周汉林','第一中学帮扶三元中学的计划执行与示范课开展','按计划完成上半年示范课和跟岗培训。','继续推进三元中学创建市级示范高中。',pairing='yj_sanyuan')
resource('yj_no1_middle','高三化学一轮复习课件','courseware','chemistry','senior','第一中学化学组共享给三元中学的复习课件','化学复习课件说明.txt',
         '本课件包含高三化学一轮复习的12个专题……',pairing='yj_sanyuan')

# ---- seed 003 (1): 无锡 → 霍城 ------------------------------------------------------------
program('wx_hc', name='无锡市对口支援霍城县教育', kind='counterpart_support', region='320200', start_date='2024-01-01', status='active',
        goals='东西部对口支援：选派骨干教师，援助教育装备，结对帮扶霍城县学校和幼儿园。',office='无锡市教育局对口支援工作办公室')
member('wx_hc','leader',staff='顾建平',position='组长',unit='无锡市教育局',sort_order=1)
pairing('wx_kg','wx_hc','wx_exp_kg','hc_jiangsu_kg',['materials','teaching_research'],'2024-01-01')
pairing('wx_meicun','wx_hc','wx_meicun_high','hc_no1_middle',['teachers'],'2024-01-01')
pairing('wx_shifu','wx_hc','wx_shifu_primary','hc_huiyuan_primary',['materials'],'2024-01-01')
donation('wx_hc','materials','2026-05-20','institution','hc_jiangsu_kg',30000,pairing='wx_kg',donor_institution='wx_exp_kg',category='sports',quantity=1,unit='套',
         purpose='办公设备和大型体育器材，由无锡专业厂家到园安装调试')

# ---- seed 003 (5): 鹿峰中学 → 路溪中学 (fictional 青禾县) ------------------------------------
program('qh', name='青禾县城乡学校结对帮扶', kind='urban_rural_school', region='990121', start_date='2025-09-01', status='active',
        goals='城区学校结对帮扶乡村学校，改善办学条件，提高教育教学质量。',office='青禾县教育体育局基础教育股')
member('qh','leader',staff='孟勇',position='局长',unit='青禾县教育体育局',sort_order=1)
pairing('qh_luxi','qh','qh_lufeng_middle','qh_luxi_middle',['materials','teachers'],'2025-09-01')
pairing('qh_liuping','qh','qh_huangfu_school','qh_liuping_school',['teaching_research'],'2025-09-01')
pairing('qh_shiqiao','qh','qh_jianshe_primary','qh_shiqiao_primary',['teachers','teaching_research'],'2025-09-01')
donation('qh','materials','2026-03-05','institution','qh_luxi_middle',60000,pairing='qh_luxi',donor_institution='qh_lufeng_middle',category='furniture',quantity=100,unit='套',purpose='学生床铺和课桌椅',note='价值为演示数据估算')
donation('qh','materials','2026-03-05','institution','qh_luxi_middle',210000,pairing='qh_luxi',donor_institution='qh_lufeng_middle',category='audio_visual',quantity=70,unit='台',purpose='教室投影仪',note='价值为演示数据估算')
donation('qh','materials','2026-03-05','institution','qh_luxi_middle',10000,pairing='qh_luxi',donor_institution='qh_lufeng_middle',category='books',quantity=500,unit='册',purpose='充实图书室',note='价值为演示数据估算')

# ---- seed 004: kindergartens; seed 003 (3): hospital ----------------------------------------
program('fq_kg', name='凤栖市幼儿园结对帮扶', kind='kindergarten_pairing', region='990100', start_date='2025-09-01', status='active',
        goals='一类幼儿园结对帮扶乡镇和民办幼儿园。',office='凤栖市教育局学前教育科')
pairing('fq_shiqiao_kg','fq_kg','fq_exp_kg','qh_shiqiao_kg',['teaching_research','materials'],'2025-09-01')
pairing('fq_yangguang_kg','fq_kg','fq_jiguan_kg','fq_yangguang_kg',['management'],'2025-09-01')
donation('fq_kg','funds','2026-05-15','institution','qh_shiqiao_kg',1000,pairing='fq_shiqiao_kg',donor_institution='fq_exp_kg',purpose='购置教学设备和幼儿玩具')
program('qh_hosp', name='青禾县人民医院对口支援乡镇卫生院', kind='hospital_support', region='990121', start_date='2025-01-01', status='active',office='青禾县人民医院医务科')
pairing('qh_hosp_shiqiao','qh_hosp','qh_hospital','qh_shiqiao_hc',['medical_technique'],'2025-01-01')
pairing('qh_hosp_liuping','qh_hosp','qh_hospital','qh_liuping_hc',['medical_technique'],'2025-01-01')

# ---- seed 002 (4): village poverty alleviation ----------------------------------------------
program('dg', name='东莞理工学院对口帮扶企石镇铁炉坑村', kind='village_poverty', region='441900', start_date='2024-01-01', status='active',
        goals='精准扶贫：发展集体经济，帮助贫困户就业、就学。',office='东莞理工学院扶贫工作办公室')
member('dg','leader',staff='吕启源',position='组长',unit='东莞理工学院',sort_order=1)
pairing('dg_tielukeng','dg','dg_dgut','dg_tielukeng',['funds','management'],'2024-01-01')
donation('dg','funds','2025-01-10','institution','dg_tielukeng',600000,pairing='dg_tielukeng',donor_institution='dg_dgut',purpose='两年专项资金：翻新村农贸市场，发展集体经济')

# ---- seed 003 (2, 4): 彭州 → 乡城 (dispatch comes in issue 4) ----------------------------------
program('pz_xc', name='成都市彭州市对口支援乡城县教育', kind='counterpart_support', region='510182', start_date='2012-09-01', status='active',
        goals='每学年选派5名教师到乡城县支教；接收乡城学生到彭州就读。',office='彭州市教育局对口支援办公室')
member('pz_xc','leader',staff='张明',position='组长',unit='彭州市教育局',sort_order=1)
pairing('pz_xc_middle','pz_xc','pz_middle','xc_middle',['teachers','teaching_research'],'2012-09-01')

json.dump(dict(programs=P, leading_group=LG, documents=DOC, pairings=PR, plans=PL, tasks=TK, activities=ACT, donations=DON, inspections=INS, resources=RES),
          open(__import__('os').path.join(__import__('os').path.dirname(__file__), 'pairing.json'), 'w'), ensure_ascii=False, indent=1)
fsum=sum(d['amount_fen'] for d in DON if d['program']=='#yj' and d['kind']=='funds'); msum=sum(d['amount_fen'] for d in DON if d['program']=='#yj' and d['kind']=='materials')
print(len(P),len(PR),len(ACT),len(DON),fsum/100,msum/100)
