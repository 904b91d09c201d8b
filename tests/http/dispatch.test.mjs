// Teacher dispatch: batches, assignments with the eligibility rules (every broken rule listed,
// the bureau's audited override), the sender guard, withdrawal, the workload report, statistics,
// attachment study, the dispatch policy of a program, and the data scope of each.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'
import { createPairing, createProgram } from './work_setup.mjs'

let h
let s
const inst = {}
const staff = {}
let yj, pz, batch
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'yeji', 'pengzhou', 'tongcheng', 'sanyuan', 'teacher2', 'teacher3', 'inspector_ah', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) inst[x.name] = x.id
  for (let page = 1; ; page++) {
    const p = assertPage(await h.get(`/api/v1/staff?page_size=200&page=${page}`, { session: s.admin }), { page, pageSize: 200 })
    for (const x of p.items) staff[x.name] = x.id
    if (page * 200 >= p.total) break
  }
  yj = await createProgram(h, s.yeji, { name: '叶集区城乡学校结对帮扶', region: '341504', start_date: '2022-09-01' })
  await createPairing(h, s.yeji, { program: yj, supporter: inst['叶集区第一中学'], recipient: inst['叶集区三元中学'], dimensions: ['teachers'], start_date: '2022-09-01' })
  pz = await createProgram(h, s.pengzhou, { name: '彭州市对口支援乡城县教育', region: '510182', kind: 'counterpart_support', start_date: '2012-09-01' })
  // 戴文敏's school and her recipient: the teacher then reads the program (not write it).
  await createPairing(h, s.pengzhou, { program: pz, supporter: inst['彭州市白马中学'], recipient: inst['乡城县中学'], dimensions: ['teachers'], start_date: '2012-09-01' })
  batch = assertOk(await h.post('/api/v1/dispatch/batches', {
    program: yj, name: '第三批', sendoff_date: '2025-11-12', sendoff_event: '14名教师赴孙岗乡小学支教欢送会', planned_count: 14,
  }, { session: s.yeji }), 201)
})
after(async () => {
  await h?.close()
})

const sanyuanPost = (name, extra = {}) => ({
  program: yj, batch: batch.id, staff: staff[name], recipient_institution: inst['叶集区三元中学'],
  start_date: '2025-09-01', end_date: '2026-06-30', subjects: ['math'], weekly_hours_recipient: 12,
  weekly_hours_home: 2, housing: '学校教师周转房', duties: '高二数学两个班', volunteered: true, status: 'active', ...extra,
})

test('a batch is created, listed, changed and exported; its name is unique in the program', async () => {
  assert.equal(batch.planned_count, 14)
  assert.equal(batch.assigned_count, 0)
  assertError(await h.post('/api/v1/dispatch/batches', { program: yj, name: '第三批', sendoff_date: '2025-11-12' }, { session: s.yeji }), 422, 'validation', ['name'])
  assertError(await h.post('/api/v1/dispatch/batches', { program: yj, name: '第四批', sendoff_date: '2025-13-12', planned_count: -1 }, { session: s.yeji }), 422, 'validation', ['sendoff_date', 'planned_count'])
  // Only the bureau running the program writes its batches; others do not even see the program.
  assertError(await h.post('/api/v1/dispatch/batches', { program: yj, name: '第四批', sendoff_date: '2026-09-01' }, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.post('/api/v1/dispatch/batches', { program: yj, name: '第四批', sendoff_date: '2026-09-01' }, { session: s.tongcheng }), 403, 'forbidden', ['program'])
  assertError(await h.get(`/api/v1/dispatch/batches/${batch.id}`, { session: s.tongcheng }), 404, 'not_found')
  const changed = assertOk(await h.patch(`/api/v1/dispatch/batches/${batch.id}`, { note: '孙岗乡各小学' }, { session: s.yeji }))
  assert.equal(changed.note, '孙岗乡各小学')
  const list = assertPage(await h.get(`/api/v1/dispatch/batches?program=${yj}`, { session: s.inspector_ah }))
  assert.deepEqual(list.items.map((x) => x.name), ['第三批'])
  assert.equal(assertPage(await h.get('/api/v1/dispatch/batches', { session: s.inspector })).total, 0)
  const res = await h.get(`/api/v1/dispatch/batches/export.xlsx?program=${yj}`, { session: s.yeji })
  assertXlsx(res, '支教批次')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[1].slice(1, 4), ['第三批', '2025-11-12', '14'])
})

test('an eligible teacher is assigned; the sending institution defaults to their own', async () => {
  const x = assertOk(await h.post('/api/v1/dispatch/assignments', sanyuanPost('王立新'), { session: s.yeji }), 201)
  assert.equal(x.sending_institution, inst['叶集区第一中学'])
  assert.equal(x.sending_institution_name, '叶集区第一中学')
  assert.equal(x.recipient_institution_name, '叶集区三元中学')
  assert.equal(x.batch_name, '第三批')
  assert.equal(x.staff_name, '王立新')
  assert.deepEqual(x.subjects, ['math'])
  assert.equal(x.override_reason, '')
  assert.equal(x.override_by, null)
  assert.ok(Array.isArray(x.warnings))
  const got = assertOk(await h.get(`/api/v1/dispatch/assignments/${x.id}`, { session: s.yeji }))
  assert.equal(got.housing, '学校教师周转房')
  assert.equal(assertOk(await h.get(`/api/v1/dispatch/batches/${batch.id}`, { session: s.yeji })).assigned_count, 1)
  // Bad input names each field and changes nothing.
  const before = assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.admin })).total
  assertError(await h.post('/api/v1/dispatch/assignments', sanyuanPost('陈静', {
    end_date: '2025-08-01', subjects: ['alchemy'], weekly_hours_recipient: 99, surprise: 1,
  }), { session: s.yeji }), 422, 'validation', ['end_date', 'subjects', 'weekly_hours_recipient', 'surprise'])
  assertError(await h.post('/api/v1/dispatch/assignments', sanyuanPost('陈静', { recipient_institution: inst['叶集区第一中学'] }), { session: s.yeji }), 422, 'validation', ['recipient_institution'])
  // One place at a time: a second, overlapping assignment of 王立新 is refused, naming the first.
  const overlap = await h.post('/api/v1/dispatch/assignments', sanyuanPost('王立新', { start_date: '2026-03-01', end_date: '2026-12-31' }), { session: s.yeji })
  assertError(overlap, 422, 'validation', ['staff'])
  assert.match(overlap.json.error.fields.staff, /2025-09-01 ~ 2026-06-30 已有支教安排（叶集区三元中学）/)
  assert.equal(assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.admin })).total, before)
})

test('an ineligible teacher is refused with every broken rule; a bureau admin overrides with a reason, audited', async () => {
  // A young teacher of 三元中学's own supporter: 1 year of teaching, fair health, not volunteered.
  const young = assertOk(await h.post('/api/v1/staff', {
    name: '方小燕', gender: 'female', institution: inst['叶集区第一中学'], subjects: ['math'], years_teaching: 1, health: 'fair',
  }, { session: s.yeji }), 201)
  staff['方小燕'] = young.id
  const body = sanyuanPost('方小燕', { volunteered: false })
  let res = await h.post('/api/v1/dispatch/assignments', body, { session: s.yeji })
  assertError(res, 422, 'validation', ['years_teaching', 'health', 'volunteered'])
  assert.deepEqual(res.json.error.violations.map((v) => v.rule), ['years_teaching', 'health', 'volunteered'])
  assert.match(res.json.error.violations[0].message, /至少 3 年/)
  assert.match(res.json.error.message, /不符合选派条件/)
  res = await h.post('/api/v1/dispatch/assignments', body, { session: s.yeji, headers: { 'accept-language': 'en' } })
  assert.match(res.json.error.violations[0].message, /at least 3 required, has 1/)
  // The recipient's admin may not write for the sender, with or without a reason.
  assertError(await h.post('/api/v1/dispatch/assignments', { ...body, override_reason: '急需' }, { session: s.sanyuan }), 422, 'validation', ['staff'])

  const x = assertOk(await h.post('/api/v1/dispatch/assignments', { ...body, override_reason: '数学教师紧缺，经局务会研究同意' }, { session: s.yeji }), 201)
  assert.equal(x.override_reason, '数学教师紧缺，经局务会研究同意')
  assert.equal(x.override_by, s.yeji.user.id)
  const audit = assertOk(await h.get(`/api/v1/audit?entity=dispatch_assignment&entity_id=${x.id}`, { session: s.admin }))
  assert.deepEqual(audit.items.map((e) => e.action).sort(), ['create', 'override_eligibility'])
  const override = audit.items.find((e) => e.action === 'override_eligibility')
  assert.match(JSON.stringify(override), /数学教师紧缺/)
  assert.match(JSON.stringify(override), /教龄不足/)

  // Removing the reason while the rules are still broken is refused again.
  res = await h.patch(`/api/v1/dispatch/assignments/${x.id}`, { override_reason: '' }, { session: s.yeji })
  assertError(res, 422, 'validation', ['years_teaching'])
  assert.equal(res.json.error.violations.length, 3)
})

test('the program\'s policy is data: defaults, set by its bureau, applied to new assignments', async () => {
  const def = assertOk(await h.get(`/api/v1/programs/${pz}/dispatch-policy`, { session: s.pengzhou }))
  assert.equal(def.is_default, true)
  assert.equal(def.min_years_teaching, 3)
  assert.equal(def.require_good_health, true)
  assert.equal(def.require_volunteer, true)
  assert.equal(def.max_subject_share_percent, 30)
  assert.equal(def.rural_service_months, 12)
  assertError(await h.get(`/api/v1/programs/${pz}/dispatch-policy`, { session: s.yeji }), 404, 'not_found')
  const put = (body, session) => h.api('PUT', `/api/v1/programs/${pz}/dispatch-policy`, { session, body })
  assertError(await put({ min_title: 'professor', min_age: 50, max_age: 30 }, s.pengzhou), 422, 'validation', ['min_title', 'max_age'])
  assertOk(await h.get(`/api/v1/programs/${pz}/dispatch-policy`, { session: s.teacher2 }))
  assertError(await put({ min_title: 'intermediate' }, s.teacher2), 403, 'forbidden')
  assertError(await put({ min_title: 'intermediate' }, s.yeji), 403, 'forbidden')
  const p = assertOk(await put({ min_years_teaching: 3, require_good_health: true, require_volunteer: true, min_title: 'intermediate', max_age: 45 }, s.pengzhou))
  assert.equal(p.is_default, false)
  assert.equal(p.min_title, 'intermediate')
  // 廖继涛 has a junior title: refused under this policy, for that rule only.
  const res = await h.post('/api/v1/dispatch/assignments', {
    program: pz, staff: staff['廖继涛'], recipient_institution: inst['乡城县青德镇中心小学'], start_date: '2012-09-01',
    end_date: '2013-06-30', subjects: ['pe'], weekly_hours_recipient: 14, volunteered: true, status: 'completed',
  }, { session: s.pengzhou })
  assertError(res, 422, 'validation', ['title'])
  assert.deepEqual(res.json.error.violations.map((v) => v.rule), ['title'])
  assertOk(await put({ min_years_teaching: 3, require_good_health: true, require_volunteer: true }, s.pengzhou))
})

test('the sender guard warns when too many of one subject\'s teachers would be away', async () => {
  // 董凤琪 is 利安小学's only mathematics teacher on record: 1 of 1 is above 30 %.
  const x = assertOk(await h.post('/api/v1/dispatch/assignments', {
    program: pz, staff: staff['董凤琪'], recipient_institution: inst['乡城县香巴拉镇中心小学'], start_date: '2012-09-01',
    end_date: '2013-06-30', subjects: ['math'], weekly_hours_recipient: 16, volunteered: true, status: 'active',
  }, { session: s.pengzhou }), 201)
  assert.equal(x.warnings.length, 1)
  assert.match(x.warnings[0], /数学教师 1 人（共 1 人），超过该学科教师的 30%/)
  // Completed assignments are history: no warning.
  const done = assertOk(await h.patch(`/api/v1/dispatch/assignments/${x.id}`, { status: 'completed' }, { session: s.pengzhou }))
  assert.deepEqual(done.warnings, [])
})

test('scope: the teacher reads their own, the recipient reads, other regions see nothing and write nothing', async () => {
  const dai = assertOk(await h.post('/api/v1/dispatch/assignments', {
    program: pz, staff: staff['戴文敏'], recipient_institution: inst['乡城县中学'], start_date: '2012-09-01',
    end_date: '2013-06-30', subjects: ['chinese'], weekly_hours_recipient: 14, volunteered: true, status: 'completed',
  }, { session: s.pengzhou }), 201)
  const mine = assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.teacher2 }))
  assert.ok(mine.items.some((x) => x.id === dai.id))
  assert.ok(mine.items.every((x) => x.program === pz), 'a 彭州 teacher sees nothing of 叶集')
  assertOk(await h.get(`/api/v1/dispatch/assignments/${dai.id}`, { session: s.teacher2 }))
  assertError(await h.patch(`/api/v1/dispatch/assignments/${dai.id}`, { note: 'x' }, { session: s.teacher2 }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/dispatch/assignments/${dai.id}`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/dispatch/assignments/${dai.id}`, { note: 'x' }, { session: s.yeji }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/dispatch/assignments/${dai.id}/withdraw`, { withdrawn_on: '2012-10-01', withdraw_reason: 'x' }, { session: s.tongcheng }), 403, 'forbidden')

  const sanyuanList = assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.sanyuan }))
  assert.ok(sanyuanList.total >= 1)
  assert.ok(sanyuanList.items.every((x) => x.recipient_institution === inst['叶集区三元中学'] || x.sending_institution === inst['叶集区三元中学']))
  const one = sanyuanList.items[0]
  assertError(await h.patch(`/api/v1/dispatch/assignments/${one.id}`, { note: '受援校改' }, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/dispatch/assignments/${one.id}`, { note: '督导改' }, { session: s.inspector_ah }), 403, 'forbidden')
  assert.ok(assertPage(await h.get(`/api/v1/dispatch/assignments?program=${yj}`, { session: s.inspector_ah })).total >= 2)
  assert.equal(assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.tongcheng })).total, 0)
  // Someone else's staff member cannot be sent by a bureau that does not hold them.
  assertError(await h.post('/api/v1/dispatch/assignments', sanyuanPost('王立新', { staff: staff['戴文敏'] }), { session: s.yeji }), 422, 'validation', ['staff'])
})

test('list filters, paging and the export', async () => {
  const page = assertPage(await h.get(`/api/v1/dispatch/assignments?program=${pz}&status=completed&subject=chinese&year=2013`, { session: s.pengzhou }))
  assert.deepEqual(page.items.map((x) => x.staff_name), ['戴文敏'])
  assertError(await h.get('/api/v1/dispatch/assignments?status=retired', { session: s.pengzhou }), 400, 'malformed')
  assertError(await h.get('/api/v1/dispatch/assignments?term=2013-winter', { session: s.pengzhou }), 400, 'malformed')
  assertError(await h.get('/api/v1/dispatch/assignments?colour=red', { session: s.pengzhou }), 400, 'malformed')
  assert.equal(assertPage(await h.get(`/api/v1/dispatch/assignments?program=${pz}&term=2014-autumn`, { session: s.pengzhou })).total, 0)
  const res = await h.get(`/api/v1/dispatch/assignments/export.xlsx?program=${pz}`, { session: s.pengzhou })
  assertXlsx(res, '支教名单')
  const rows = readXlsxRows(res.bytes)
  assert.equal(rows[0][0], '支教教师')
  assert.ok(rows.some((r) => r[0] === '戴文敏' && r[2] === '乡城县中学' && r[7] === '语文'))
})

test('withdrawal needs a reason and a date in the period; the workload counts up to it', async () => {
  const x = assertOk(await h.post('/api/v1/dispatch/assignments', sanyuanPost('陈静', { subjects: ['english'], weekly_hours_recipient: 14, weekly_hours_home: 0 }), { session: s.yeji }), 201)
  assertError(await h.post(`/api/v1/dispatch/assignments/${x.id}/withdraw`, { withdrawn_on: '2026-07-01' }, { session: s.yeji }), 422, 'validation', ['withdraw_reason', 'withdrawn_on'])
  assertError(await h.patch(`/api/v1/dispatch/assignments/${x.id}`, { status: 'withdrawn' }, { session: s.yeji }), 422, 'validation', ['status'])
  const w = assertOk(await h.post(`/api/v1/dispatch/assignments/${x.id}/withdraw`, { withdrawn_on: '2025-10-12', withdraw_reason: '家中老人病重' }, { session: s.yeji }))
  assert.equal(w.status, 'withdrawn')
  assert.equal(w.withdraw_reason, '家中老人病重')
  assertError(await h.post(`/api/v1/dispatch/assignments/${x.id}/withdraw`, { withdrawn_on: '2025-10-13', withdraw_reason: '再次' }, { session: s.yeji }), 422, 'validation', ['status'])
  const work = assertOk(await h.get(`/api/v1/dispatch/workload?staff=${staff['陈静']}`, { session: s.yeji }))
  assert.equal(work.items.length, 1)
  assert.equal(work.items[0].term, '2025-autumn')
  assert.equal(work.items[0].days, 42)
  assert.equal(work.items[0].recipient_hours, 84)
  // 王立新: the whole school year, 12 h there and 2 at home, in two terms.
  const full = assertOk(await h.get(`/api/v1/dispatch/workload?staff=${staff['王立新']}`, { session: s.yeji }))
  assert.deepEqual(full.items.map((r) => [r.term, r.recipient_hours, r.home_hours, r.total_hours]),
    [['2025-autumn', 262, 44, 306], ['2026-spring', 257, 43, 300]])
  const spring = assertOk(await h.get(`/api/v1/dispatch/workload?program=${yj}&term=2026-spring`, { session: s.yeji }))
  assert.ok(spring.items.every((r) => r.term === '2026-spring'))
  assertError(await h.get('/api/v1/dispatch/workload?term=spring', { session: s.yeji }), 400, 'malformed')
  const res = await h.get(`/api/v1/dispatch/workload/export.xlsx?staff=${staff['王立新']}`, { session: s.yeji })
  assertXlsx(res, '支教工作量')
  assert.deepEqual(readXlsxRows(res.bytes)[1], ['2025年秋季学期', '王立新', '叶集区第一中学', '叶集区三元中学', '1', '153', '262', '44', '306'])
})

test('statistics count batches, planned teachers, person-times and teachers', async () => {
  const st = assertOk(await h.get(`/api/v1/dispatch/statistics?program=${yj}`, { session: s.yeji }))
  assert.equal(st.batches, 1)
  assert.equal(st.teachers_arranged, 14)
  assert.equal(st.withdrawn, 1)
  assert.equal(st.person_times, 2) // 王立新 and the overridden 方小燕; 陈静 withdrew
  assert.equal(st.teachers, 2)
  assert.deepEqual(st.by_recipient.map((r) => [r.label, r.person_times]), [['叶集区三元中学', 2]])
  assert.deepEqual(st.by_subject.map((r) => [r.key, r.person_times]), [['math', 2]])
  const en = assertOk(await h.get(`/api/v1/dispatch/statistics?program=${yj}`, { session: s.yeji, headers: { 'accept-language': 'en' } }))
  assert.equal(en.by_subject[0].label, 'Mathematics')
  assert.equal(assertOk(await h.get('/api/v1/dispatch/statistics', { session: s.tongcheng })).person_times, 0)
})

test('attachment study: a group by headcount or a named person, scoped to both institutions', async () => {
  const group = assertOk(await h.post('/api/v1/dispatch/attachments', {
    program: yj, kind: 'shadowing', headcount: 6, home_institution: inst['叶集区三元中学'], host_institution: inst['叶集区第一中学'],
    start_date: '2025-10-13', end_date: '2025-10-17', schedule: '每月一周', days: 5, purpose: '青年教师跟岗学习',
  }, { session: s.sanyuan }), 201)
  assert.equal(group.headcount, 6)
  assert.equal(group.home_institution_name, '叶集区三元中学')
  assertError(await h.post('/api/v1/dispatch/attachments', {
    program: yj, kind: 'class_tracking', staff: staff['胡斌'], headcount: 7, home_institution: inst['叶集区三元中学'],
    host_institution: inst['叶集区三元中学'], start_date: '2025-10-13', end_date: '2025-10-17', days: 9,
  }, { session: s.sanyuan }), 422, 'validation', ['headcount', 'host_institution', 'days'])
  assertError(await h.post('/api/v1/dispatch/attachments', {
    program: pz, kind: 'attachment', headcount: 2, home_institution: inst['乡城县中学'], host_institution: inst['彭州中学'],
    start_date: '2013-03-01', end_date: '2013-03-10',
  }, { session: s.sanyuan }), 403, 'forbidden', ['program'])
  assertOk(await h.get(`/api/v1/dispatch/attachments/${group.id}`, { session: s.inspector_ah }))
  assertError(await h.get(`/api/v1/dispatch/attachments/${group.id}`, { session: s.pengzhou }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/dispatch/attachments/${group.id}`, { outcome: 'x' }, { session: s.teacher3 }), 403, 'forbidden')
  assert.equal(assertOk(await h.patch(`/api/v1/dispatch/attachments/${group.id}`, { outcome: '完成跟岗' }, { session: s.yeji })).outcome, '完成跟岗')
  assert.equal(assertPage(await h.get(`/api/v1/dispatch/attachments?kind=shadowing&institution=${inst['叶集区第一中学']}`, { session: s.yeji })).total, 1)
  const st = assertOk(await h.get(`/api/v1/dispatch/statistics?program=${yj}`, { session: s.yeji }))
  assert.equal(st.attachment_person_times, 6)
  assertXlsx(await h.get('/api/v1/dispatch/attachments/export.xlsx', { session: s.yeji }), '挂职跟岗')
  assert.equal((await h.del(`/api/v1/dispatch/attachments/${group.id}`, { session: s.sanyuan })).status, 204)
})

test('the sending school\'s admin records its own teachers, cannot override, and reaches nothing else', async () => {
  assertOk(await h.post('/api/v1/users', {
    username: 'yizhong', display_name: '第一中学办公室', role: 'institution_admin', institution: inst['叶集区第一中学'], password: 'Diyi-Office#2026',
  }, { session: s.yeji }), 201)
  const yizhong = await h.login('yizhong', 'Diyi-Office#2026')
  const x = assertOk(await h.post('/api/v1/dispatch/assignments', sanyuanPost('孙志刚', { subjects: ['chinese'] }), { session: yizhong }), 201)
  assert.equal(x.sending_institution_name, '叶集区第一中学')
  assert.equal(assertOk(await h.patch(`/api/v1/dispatch/assignments/${x.id}`, { duties: '高一语文' }, { session: yizhong })).duties, '高一语文')
  // Another school's teacher is out of its reach, and so is the bureau's override.
  assertError(await h.post('/api/v1/dispatch/assignments', sanyuanPost('李启成'), { session: yizhong }), 422, 'validation', ['staff'])
  const res = await h.post('/api/v1/dispatch/assignments', sanyuanPost('方小燕', { volunteered: false, override_reason: '本校同意', start_date: '2026-09-01', end_date: '2027-06-30' }), { session: yizhong })
  assertError(res, 422, 'validation', ['override_reason'])
  // 彭州's assignments stay invisible to it.
  const pzList = assertPage(await h.get(`/api/v1/dispatch/assignments?program=${pz}`, { session: yizhong }))
  assert.equal(pzList.total, 0)
})
