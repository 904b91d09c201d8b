// Subsidies, the yearly appraisal workflow and rural-service credit of dispatched teachers:
// the subsidy items of a program, the four steps in order by their owners (every wrong order
// and wrong party refused), "waiting for me", the audited reopen, the payment list with its
// Excel export, rural credit and the title-evaluation report, and the data scope of each.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'
import { createPairing, createProgram } from './work_setup.mjs'

let h
let s
const inst = {}
const staff = {}
let pz, asg, ap
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'pengzhou', 'yeji', 'teacher1', 'teacher2', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) inst[x.name] = x.id
  for (let page = 1; ; page++) {
    const p = assertPage(await h.get(`/api/v1/staff?page_size=200&page=${page}`, { session: s.admin }), { page, pageSize: 200 })
    for (const x of p.items) staff[x.name] = x.id
    if (page * 200 >= p.total) break
  }
  // The principals' offices of the recipient (乡城县中学) and of the sender (彭州市白马中学).
  for (const [username, school] of [['xczx', '乡城县中学'], ['baima', '彭州市白马中学']]) {
    assertOk(await h.post('/api/v1/users', { username, role: 'institution_admin', institution: inst[school], password: 'Bangfu@2026' }, { session: s.admin }), 201)
  }
  Object.assign(s, await h.loginAll(['xczx', 'baima']))
  pz = await createProgram(h, s.pengzhou, { name: '彭州市对口支援乡城县教育', region: '510182', kind: 'counterpart_support', start_date: '2012-09-01' })
  await createPairing(h, s.pengzhou, { program: pz, supporter: inst['彭州市白马中学'], recipient: inst['乡城县中学'], dimensions: ['teachers'], start_date: '2012-09-01' })
  // 戴文敏 (teacher2) teaches the 2012–13 school year at 乡城县中学.
  asg = assertOk(await h.post('/api/v1/dispatch/assignments', {
    program: pz, staff: staff['戴文敏'], recipient_institution: inst['乡城县中学'], start_date: '2012-09-01', end_date: '2013-06-30',
    subjects: ['chinese'], weekly_hours_recipient: 14, weekly_hours_home: 0, housing: '学校宿舍', duties: '高一语文', volunteered: true, status: 'completed',
  }, { session: s.pengzhou }), 201)
})
after(async () => {
  await h?.close()
})

const items = () => `/api/v1/programs/${pz}/subsidy-items`

test('subsidy items are the program bureau\'s to set, named field by field when wrong', async () => {
  assertError(await h.post(items(), { name: '', frequency: 'weekly', amount_fen: 0, max_months: 20, min_rating: 'great', colour: 'red' }, { session: s.pengzhou }), 422, 'validation',
    ['name', 'frequency', 'amount_fen', 'max_months', 'min_rating', 'colour'])
  assertError(await h.post(items(), { name: '被褥', frequency: 'one_time', amount_fen: 100000 }, { session: s.baima }), 403, 'forbidden')
  assertError(await h.post(items(), { name: '被褥', frequency: 'one_time', amount_fen: 100000 }, { session: s.yeji }), 403, 'forbidden')
  assertError(await h.get(items(), { session: s.yeji }), 404, 'not_found')
  for (const x of [
    { name: '生活用品（被褥）', frequency: 'one_time', amount_fen: 100000, min_rating: 'competent', sort_order: 1 },
    { name: '往返路费', frequency: 'yearly', amount_fen: 200000, min_rating: 'competent', sort_order: 2 },
    { name: '生活补助', frequency: 'monthly', amount_fen: 300000, max_months: 10, min_rating: 'competent', sort_order: 3 },
  ]) assertOk(await h.post(items(), x, { session: s.pengzhou }), 201)
  const list = assertOk(await h.get(items(), { session: s.baima })).items
  assert.deepEqual(list.map((x) => [x.name, x.amount_yuan, x.max_months]), [['生活用品（被褥）', '1000.00', null], ['往返路费', '2000.00', null], ['生活补助', '3000.00', 10]])
  const changed = assertOk(await h.patch(`${items()}/${list[1].id}`, { amount_fen: 250000 }, { session: s.pengzhou }))
  assert.equal(changed.amount_yuan, '2500.00')
  assertOk(await h.patch(`${items()}/${list[1].id}`, { amount_fen: 200000 }, { session: s.pengzhou }))
  assertError(await h.del(`${items()}/${list[1].id}`, { session: s.baima }), 403, 'forbidden')
  const audit = assertOk(await h.get(`/api/v1/audit?entity=subsidy_item&entity_id=${list[1].id}`, { session: s.pengzhou }))
  assert.deepEqual(audit.items.map((x) => x.action), ['update', 'update', 'create'])
})

test('the appraisal goes self → rating → sender → office; wrong order and wrong party are refused', async () => {
  // Only the office or the sender starts it; the year must be one the assignment served in.
  assertError(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2013 }, { session: s.teacher2 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2013 }, { session: s.xczx }), 403, 'forbidden')
  assertError(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2012 }, { session: s.pengzhou }), 422, 'validation', ['year'])
  assertError(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2013 }, { session: s.yeji }), 403, 'forbidden', ['assignment'])
  ap = assertOk(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2013 }, { session: s.pengzhou }), 201)
  assert.equal(ap.stage, 'self')
  assert.equal(ap.staff_name, '戴文敏')
  assertError(await h.post('/api/v1/appraisals', { assignment: asg.id, year: 2013 }, { session: s.baima }), 409, 'conflict')

  const step = (name, body, session) => h.post(`/api/v1/appraisals/${ap.id}/${name}`, body, { session })
  const self = { self_summary: '一年来担任高一两个班的语文教学……' }
  const rate = { rating: 'excellent', recipient_comment: '教学效果显著', recipient_summary: '乡城县中学对支教教师的年度总结' }
  const sender = { sender_opinion: '同意受援学校评定意见', sender_summary: '白马中学支教工作总结' }
  const waiting = async (session) => assertPage(await h.get('/api/v1/appraisals/waiting', { session })).items.map((x) => x.id)

  assert.deepEqual(await waiting(s.teacher2), [ap.id])
  assert.deepEqual(await waiting(s.xczx), [])
  assert.equal(assertOk(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.teacher2 })).my_step, 'self')
  assert.equal(assertOk(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.xczx })).my_step, null)
  // Stage "self": every other step is out of order for its owner, and the wrong party is refused.
  assertError(await step('rate', rate, s.xczx), 409, 'conflict')
  assertError(await step('sender-opinion', sender, s.baima), 409, 'conflict')
  assertError(await step('approve', {}, s.pengzhou), 409, 'conflict')
  assertError(await step('self', self, s.baima), 403, 'forbidden')
  assertError(await step('self', self, s.pengzhou), 403, 'forbidden')
  assertError(await step('self', self, s.admin), 403, 'forbidden')
  assertError(await step('self', self, s.teacher1), 403, 'forbidden')
  assertError(await step('self', { self_summary: '' }, s.teacher2), 422, 'validation', ['self_summary'])
  ap = assertOk(await step('self', self, s.teacher2))
  assert.equal(ap.stage, 'rating')
  assertError(await step('self', self, s.teacher2), 409, 'conflict')
  assert.deepEqual(await waiting(s.teacher2), [])
  assert.deepEqual(await waiting(s.xczx), [ap.id])

  assertError(await step('rate', rate, s.baima), 403, 'forbidden')
  assertError(await step('rate', rate, s.pengzhou), 403, 'forbidden')
  assertError(await step('sender-opinion', sender, s.baima), 409, 'conflict')
  assertError(await step('rate', { rating: 'superb', recipient_comment: '' }, s.xczx), 422, 'validation', ['rating', 'recipient_comment'])
  ap = assertOk(await step('rate', rate, s.xczx))
  assert.equal(ap.stage, 'sender')
  assert.equal(ap.rating, 'excellent')
  assert.deepEqual(await waiting(s.baima), [ap.id])

  assertError(await step('sender-opinion', sender, s.xczx), 403, 'forbidden')
  assertError(await step('sender-opinion', sender, s.teacher2), 403, 'forbidden')
  assertError(await step('approve', {}, s.pengzhou), 409, 'conflict')
  assertError(await step('rate', rate, s.xczx), 409, 'conflict')
  assertError(await step('self', self, s.teacher2), 409, 'conflict')
  ap = assertOk(await step('sender-opinion', sender, s.baima))
  assert.equal(ap.stage, 'office')
  // Stage "office": the earlier steps are out of order for their own parties.
  assertError(await step('self', self, s.teacher2), 409, 'conflict')
  assertError(await step('rate', rate, s.xczx), 409, 'conflict')
  assertError(await step('sender-opinion', sender, s.baima), 409, 'conflict')
  assert.deepEqual(await waiting(s.pengzhou), [ap.id])
  assert.deepEqual(await waiting(s.yeji), [])

  assertError(await step('approve', {}, s.baima), 403, 'forbidden')
  assertError(await step('approve', {}, s.inspector), 403, 'forbidden')
  ap = assertOk(await step('approve', { office_comment: '同意' }, s.pengzhou))
  assert.equal(ap.stage, 'approved')
  assert.equal(ap.office_by_name, 'pengzhou')
  assert.equal(assertOk(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.pengzhou })).may_reopen, true)
  assert.equal(assertOk(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.baima })).may_reopen, false)
  // Approved records are locked: every step by its own party conflicts.
  assertError(await step('self', self, s.teacher2), 409, 'conflict')
  assertError(await step('rate', { rating: 'competent', recipient_comment: '改' }, s.xczx), 409, 'conflict')
  assertError(await step('sender-opinion', sender, s.baima), 409, 'conflict')
  assertError(await step('approve', {}, s.pengzhou), 409, 'conflict')
  // English errors name the step.
  const en = await h.post(`/api/v1/appraisals/${ap.id}/rate`, { rating: 'competent', recipient_comment: 'x' }, { session: s.xczx, headers: { 'Accept-Language': 'en' } })
  assert.match(en.json.error.message, /Recipient's rating/)

  // The teacher, both schools and the bureau read it; another county does not.
  for (const who of ['teacher2', 'xczx', 'baima', 'pengzhou', 'admin']) assertOk(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s[who] }))
  assertError(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.get(`/api/v1/appraisals/${ap.id}`, { session: s.teacher1 }), 404, 'not_found')
  assert.equal(assertPage(await h.get('/api/v1/appraisals', { session: s.yeji })).total, 0)
  assert.deepEqual(assertPage(await h.get(`/api/v1/appraisals?program=${pz}&rating=excellent`, { session: s.pengzhou })).items.map((x) => x.id), [ap.id])
  assertError(await h.get('/api/v1/appraisals?stage=later', { session: s.pengzhou }), 400, 'malformed')
  const res = await h.get(`/api/v1/appraisals/export.xlsx?program=${pz}`, { session: s.pengzhou })
  assertXlsx(res, '支教考核')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[1].slice(0, 2), ['戴文敏', '彭州市白马中学'])
  assert.equal(rows[1][6], '优秀')
})

test('the payment list: 1,000 + 2,000 + 10 × 3,000 = 33,000 yuan once approved, in Excel with totals', async () => {
  const list = assertOk(await h.get(`/api/v1/dispatch/entitlements?program=${pz}&year=2013`, { session: s.pengzhou }))
  assert.equal(list.total, 1)
  assert.equal(list.payable_fen, 3300000)
  const row = list.items[0]
  assert.equal(row.months, 10)
  assert.equal(row.rating, 'excellent')
  assert.deepEqual(row.lines.map((l) => [l.quantity, l.total_fen, l.status]), [[1, 100000, 'payable'], [1, 200000, 'payable'], [10, 3000000, 'payable']])
  // The teacher sees their own; another county nothing; bad filters are named.
  assert.equal(assertOk(await h.get('/api/v1/dispatch/entitlements?year=2013', { session: s.teacher2 })).payable_fen, 3300000)
  assert.equal(assertOk(await h.get('/api/v1/dispatch/entitlements', { session: s.yeji })).total, 0)
  assertError(await h.get('/api/v1/dispatch/entitlements?year=soon', { session: s.pengzhou }), 400, 'malformed')
  const res = await h.get(`/api/v1/dispatch/entitlements/export.xlsx?program=${pz}`, { session: s.pengzhou })
  assertXlsx(res, '支教补助发放表')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0].slice(0, 3), ['姓名', '派出单位', '受援单位'])
  assert.deepEqual(rows[3].slice(7, 12), ['生活补助', '3000', '10', '30000', '应发'])
  assert.equal(rows[4][0], '应发合计')
  assert.equal(rows[4][10], '33000')
})

test('a reopen needs the office and a reason; it is audited and the money waits again', async () => {
  const reopen = (body, session) => h.post(`/api/v1/appraisals/${ap.id}/reopen`, body, { session })
  assertError(await reopen({ reason: '评定有误' }, s.baima), 403, 'forbidden')
  assertError(await reopen({}, s.pengzhou), 422, 'validation', ['reason'])
  assertError(await reopen({ reason: '评定有误', stage: 'approved' }, s.pengzhou), 422, 'validation', ['stage'])
  const x = assertOk(await reopen({ reason: '受援学校评定等次需复核', stage: 'rating' }, s.pengzhou))
  assert.equal(x.stage, 'rating')
  assertError(await reopen({ reason: 'again' }, s.pengzhou), 409, 'conflict')
  const events = assertOk(await h.get(`/api/v1/appraisals/${ap.id}/events`, { session: s.teacher2 })).items
  assert.deepEqual(events.map((e) => e.step), ['create', 'self', 'rate', 'sender', 'approve', 'reopen'])
  assert.equal(events[5].comment, '受援学校评定等次需复核')
  assert.equal(events[5].username, 'pengzhou')
  const audit = assertOk(await h.get(`/api/v1/audit?entity=appraisal&entity_id=${ap.id}`, { session: s.pengzhou }))
  assert.equal(audit.items[0].action, 'appraisal_reopen')
  assert.equal(audit.items[0].after.reopen_reason, '受援学校评定等次需复核')
  const list = assertOk(await h.get(`/api/v1/dispatch/entitlements?program=${pz}`, { session: s.pengzhou }))
  assert.equal(list.payable_fen, 0)
  assert.equal(list.pending_fen, 3300000)
  // Rated basically competent this time: the subsidies are withheld.
  assertOk(await h.post(`/api/v1/appraisals/${ap.id}/rate`, { rating: 'basically_competent', recipient_comment: '复核后评定' }, { session: s.xczx }))
  assertOk(await h.post(`/api/v1/appraisals/${ap.id}/sender-opinion`, { sender_opinion: '同意' }, { session: s.baima }))
  assertOk(await h.post(`/api/v1/appraisals/${ap.id}/approve`, {}, { session: s.pengzhou }))
  const withheld = assertOk(await h.get(`/api/v1/dispatch/entitlements?program=${pz}&status=withheld`, { session: s.pengzhou }))
  assert.equal(withheld.total, 1)
  assert.equal(withheld.payable_fen, 0)
})

test('rural credit and the title-evaluation report follow the scope', async () => {
  const credit = assertOk(await h.get(`/api/v1/rural-credit?staff=${staff['戴文敏']}`, { session: s.teacher2 }))
  assert.equal(credit.months, 10)  // 乡城县中学 is weak
  assert.equal(credit.service[0].recipient_name, '乡城县中学')
  assertError(await h.get(`/api/v1/rural-credit?staff=${staff['戴文敏']}`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.get('/api/v1/rural-credit', { session: s.pengzhou }), 400, 'malformed')
  const report = assertOk(await h.get('/api/v1/reports/title-evaluation?region=510182&year=2013', { session: s.pengzhou }))
  assert.equal(report.threshold_months, 12)
  const dai = report.lacking.find((x) => x.staff_name === '戴文敏')
  assert.equal(dai.months, 10)
  assert.ok(!report.meeting.some((x) => x.staff_name === '戴文敏'))
  assertError(await h.get('/api/v1/reports/title-evaluation?region=510182&year=2013', { session: s.yeji }), 404, 'not_found')
  assertError(await h.get('/api/v1/reports/title-evaluation?region=510182', { session: s.pengzhou }), 400, 'malformed')
  const res = await h.get('/api/v1/reports/title-evaluation/export.xlsx?region=510182&year=2013', { session: s.pengzhou })
  assertXlsx(res, '职称评审农村任教经历')
  const rows = readXlsxRows(res.bytes)
  const line = rows.find((r) => r[0] === '戴文敏')
  assert.deepEqual(line.slice(3), ['10', '12', '不符合（一票否决）'])
})
