// One-to-one aid over HTTP: cases with a cadence plan, records (with attachments), outcomes,
// overdue alerts, my beneficiaries, statistics and exports, with the refusals and the data scope
// of every role. "Today" of the overdue questions is fixed with ?as_of=, so nothing depends on
// the real date; record dates lie in the past.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const staffId = {}
const instId = {}
let wang, nur, tcCase, hcCase

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c636800000082008177cd72b6' +
  '0000000049454e44ae426082', 'hex')

before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'wantou', 'teacher1', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 }).items) staffId[x.name] = x.id
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
  // Beneficiaries come from their own API (the other slice of issue 5).
  wang = assertOk(await h.post('/api/v1/beneficiaries', {
    kind: 'student', name: '王施佳豪', gender: 'male', institution: instId['五里镇湾头小学'], grade: '五年级',
    class_name: '1 班', categories: ['left_behind'], phone: '13800007777', address: '五里镇某村 2 组',
  }, { session: s.wantou }), 201)
  nur = assertOk(await h.post('/api/v1/beneficiaries', {
    kind: 'student', name: '努尔兰', gender: 'male', institution: instId['霍城县第二中学（初中部）'], grade: '初二',
  }, { session: s.huocheng }), 201)
  tcCase = assertOk(await h.post('/api/v1/aid-cases', wangCase(), { session: s.wantou }), 201)
  hcCase = assertOk(await h.post('/api/v1/aid-cases', {
    beneficiary: nur.id, helper_kind: 'institution', helper_institution: instId['霍城县第二中学（初中部）'], start_date: '2026-09-01',
    cadences: [{ kind: 'home_visit', every_count: 1, every_unit: 'term' }],
  }, { session: s.huocheng }), 201)
})
after(async () => {
  await h?.close()
})

// The seed's cadence: a week of course help, two weeks of interest help, a month of
// motivational education; a home visit each term.
const wangCase = (extra = {}) => ({
  beneficiary: wang.id, helper_kind: 'staff', helper_staff: staffId['李家红'], start_date: '2026-09-01',
  goals: '数学及格，树立走出大山的信心',
  cadences: [
    { kind: 'tutoring', every_count: 1, every_unit: 'week' },
    { kind: 'interest_activity', every_count: 2, every_unit: 'week' },
    { kind: 'motivational_talk', every_count: 1, every_unit: 'month' },
    { kind: 'home_visit', every_count: 1, every_unit: 'term' },
  ],
  ...extra,
})
const record = (extra = {}) => ({ record_date: '2026-09-08', kind: 'tutoring', duration_minutes: 45, notes: '分数乘法', ...extra })

test('a case shows the beneficiary by name, institution and grade, never the personal fields', async () => {
  assert.equal(tcCase.beneficiary_name, '王施佳豪')
  assert.equal(tcCase.beneficiary_institution_name, '五里镇湾头小学')
  assert.equal(tcCase.grade, '五年级')
  assert.equal(tcCase.helper_name, '李家红')
  assert.equal(tcCase.helper_institution, instId['通城县实验小学'])  // the staff member's school
  assert.equal(tcCase.helper_kind_label, '教职工')
  assert.deepEqual(tcCase.cadences.map((c) => [c.kind_label, c.due_date]), [
    ['学业辅导', '2026-09-08'], ['兴趣辅导', '2026-09-15'], ['励志教育/谈心', '2026-10-01'], ['家访', '2027-07-31']])
  const text = JSON.stringify(assertOk(await h.get(`/api/v1/aid-cases/${tcCase.id}`, { session: s.tongcheng })))
  for (const secret of ['13800007777', '五里镇某村', 'id_number', 'phone', 'address']) assert.ok(!text.includes(secret), secret)
})

test('bad input names the field in Chinese (English on request) and changes nothing', async () => {
  const before = assertPage(await h.get('/api/v1/aid-cases', { session: s.admin })).total
  let r = await h.post('/api/v1/aid-cases', wangCase({ helper_staff: null }), { session: s.wantou })
  assertError(r, 422, 'validation', ['helper_staff'])
  assert.match(r.json.error.fields.helper_staff, /帮扶教职工不能为空/)
  r = await h.post('/api/v1/aid-cases', wangCase({ cadences: [{ kind: 'tutoring', every_count: 1, every_unit: 'fortnight' }] }),
    { session: s.wantou, headers: { 'accept-language': 'en' } })
  assertError(r, 422, 'validation', ['cadences'])
  assert.match(r.json.error.fields.cadences, /every_unit must be one of/)
  assertError(await h.post('/api/v1/aid-cases', wangCase({ end_date: '2026-08-01' }), { session: s.wantou }), 422, 'validation', ['end_date'])
  assertError(await h.post('/api/v1/aid-cases', wangCase({ beneficiary: 99999999 }), { session: s.wantou }), 422, 'validation', ['beneficiary'])
  assertError(await h.post('/api/v1/aid-cases', wangCase({ id_number: 'x' }), { session: s.wantou }), 422, 'validation', ['id_number'])
  assert.equal(assertPage(await h.get('/api/v1/aid-cases', { session: s.admin })).total, before)
})

test('scope: a teacher sees their own cases, an institution either side, a bureau its region, out of scope is 404', async () => {
  const ids = async (session, q = '') => assertPage(await h.get(`/api/v1/aid-cases${q}`, { session })).items.map((x) => x.id)
  assert.deepEqual(await ids(s.teacher1), [tcCase.id])
  assert.deepEqual(await ids(s.wantou), [tcCase.id])  // the beneficiary's school
  assert.deepEqual(await ids(s.shiyan), [tcCase.id])  // the helper's school
  assert.deepEqual(await ids(s.tongcheng), [tcCase.id])
  assert.deepEqual(await ids(s.inspector), [tcCase.id])
  assert.deepEqual(await ids(s.huocheng), [hcCase.id])
  assert.deepEqual((await ids(s.admin)).sort(), [tcCase.id, hcCase.id].sort())
  assertError(await h.get(`/api/v1/aid-cases/${hcCase.id}`, { session: s.teacher1 }), 404, 'not_found')
  assertError(await h.get(`/api/v1/aid-cases/${tcCase.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/aid-cases/${tcCase.id}/records`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.post(`/api/v1/aid-cases/${hcCase.id}/records`, record(), { session: s.teacher1 }), 403, 'forbidden')
})

test('refusals: inspectors read only, teachers set up no case, nobody points a case outside their scope', async () => {
  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/aid-cases', wangCase(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/aid-cases', wangCase(), { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/aid-cases/${tcCase.id}`, { goals: '改' }, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/aid-cases', wangCase({ beneficiary: nur.id }), { session: s.tongcheng }), 403, 'forbidden', ['beneficiary'])
  assertError(await h.patch(`/api/v1/aid-cases/${tcCase.id}`, { beneficiary: nur.id }, { session: s.wantou }), 403, 'forbidden', ['beneficiary'])
  assertError(await h.patch(`/api/v1/aid-cases/${tcCase.id}`, { goals: '改' }, { session: s.huocheng }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(`/api/v1/aid-cases/${tcCase.id}`, { session: s.admin })).goals, '数学及格，树立走出大山的信心')
})

test('overdue follows the cadence: never recorded from start + interval, a record moves the next due date', async () => {
  const overdue = async (asOf, session = s.tongcheng) =>
    assertPage(await h.get(`/api/v1/aid-cases?overdue=true&as_of=${asOf}`, { session })).items.map((x) => x.id)
  assert.deepEqual(await overdue('2026-09-08'), [])
  assert.deepEqual(await overdue('2026-09-09'), [tcCase.id])
  const c = assertOk(await h.get(`/api/v1/aid-cases/${tcCase.id}?as_of=2026-09-09`, { session: s.teacher1 }))
  assert.equal(c.overdue, true)
  assert.deepEqual(c.cadences.filter((x) => x.overdue).map((x) => [x.kind, x.days_overdue]), [['tutoring', 1]])

  // A record in the future is refused, and one before the start; nothing is stored.
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10)
  let r = await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record({ record_date: tomorrow }), { session: s.teacher1 })
  assertError(r, 422, 'validation', ['record_date'])
  assert.equal(r.json.error.fields.record_date, '日期不能晚于今天')
  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record({ record_date: '2026-08-31' }), { session: s.teacher1 }), 422, 'validation', ['record_date'])
  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record({ kind: 'job_placement' }), { session: s.teacher1 }), 422, 'validation', ['monthly_wage_fen'])
  assertError(await h.get(`/api/v1/aid-cases?overdue=maybe`, { session: s.teacher1 }), 400, 'malformed')
  assertError(await h.get(`/api/v1/aid-cases?as_of=2026-02-30`, { session: s.teacher1 }), 400, 'malformed')

  const x = assertOk(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record(), { session: s.teacher1 }), 201)
  assert.equal(x.kind_label, '学业辅导')
  assert.equal(x.recorded_by_name.length > 0, true)
  assert.deepEqual(await overdue('2026-09-10'), [])
  assert.deepEqual(await overdue('2026-09-16'), [tcCase.id])
  const mine = assertOk(await h.get('/api/v1/aid/mine?as_of=2026-09-10', { session: s.teacher1 }))
  assert.equal(mine.linked_staff, true)
  assert.deepEqual(mine.items.map((m) => [m.beneficiary_name, m.next_due_date, m.overdue]), [['王施佳豪', '2026-09-15', false]])
  assert.deepEqual(assertOk(await h.get('/api/v1/aid/mine', { session: s.tongcheng })).items, [])
  // Editing the record's date moves the due date too; deleting it brings the overdue back.
  assertOk(await h.patch(`/api/v1/aid-cases/${tcCase.id}/records/${x.id}`, { record_date: '2026-09-04' }, { session: s.teacher1 }))
  assert.deepEqual(await overdue('2026-09-12'), [tcCase.id])
  assertOk(await h.patch(`/api/v1/aid-cases/${tcCase.id}/records/${x.id}`, { record_date: '2026-09-08' }, { session: s.teacher1 }))
})

test('alerts group the overdue cases by helper and by institution, in scope', async () => {
  const a = assertOk(await h.get('/api/v1/aid/alerts?as_of=2026-10-20', { session: s.tongcheng }))
  assert.deepEqual(a.by_helper.map((x) => [x.helper_name, x.overdue_cases]), [['李家红', 1]])
  assert.deepEqual(a.by_institution.map((x) => [x.institution_name, x.overdue_cases, x.helpers]), [['通城县实验小学', 1, 1]])
  assert.deepEqual(a.cases.map((x) => x.id), [tcCase.id])
  assert.deepEqual(assertOk(await h.get('/api/v1/aid/alerts?as_of=2026-10-20', { session: s.huocheng })).cases, [])
  // The Huocheng unit's home visit falls due at the end of next term.
  const later = assertOk(await h.get('/api/v1/aid/alerts?as_of=2027-08-01', { session: s.admin }))
  assert.equal(later.by_helper.length, 2)
  assertError(await h.get('/api/v1/aid/alerts?colour=red', { session: s.admin }), 400, 'malformed')
})

test('an ended case is never overdue; a case with records is ended, not deleted', async () => {
  const c = assertOk(await h.post('/api/v1/aid-cases', wangCase({ start_date: '2026-03-01', cadences: [{ kind: 'phone_online', every_count: 10, every_unit: 'day' }] }), { session: s.wantou }), 201)
  assertOk(await h.post(`/api/v1/aid-cases/${c.id}/records`, record({ record_date: '2026-03-05', kind: 'phone_online' }), { session: s.teacher1 }), 201)
  assert.ok(assertPage(await h.get('/api/v1/aid-cases?overdue=true&as_of=2026-04-01', { session: s.wantou })).items.some((x) => x.id === c.id))
  assertError(await h.del(`/api/v1/aid-cases/${c.id}`, { session: s.wantou }), 409, 'conflict')
  const ended = assertOk(await h.patch(`/api/v1/aid-cases/${c.id}`, { end_date: '2026-06-30' }, { session: s.wantou }))
  assert.equal(ended.status, 'ended')
  assert.ok(!assertPage(await h.get('/api/v1/aid-cases?overdue=true&as_of=2026-07-15', { session: s.wantou })).items.some((x) => x.id === c.id))
  assertError(await h.post(`/api/v1/aid-cases/${c.id}/records`, record({ record_date: '2026-07-05' }), { session: s.teacher1 }), 422, 'validation', ['record_date'])
  // A case without records can be deleted (a mistake), with an audit row.
  const empty = assertOk(await h.post('/api/v1/aid-cases', wangCase(), { session: s.wantou }), 201)
  assert.equal((await h.del(`/api/v1/aid-cases/${empty.id}`, { session: s.wantou })).status, 204)
  assertError(await h.get(`/api/v1/aid-cases/${empty.id}`, { session: s.wantou }), 404, 'not_found')
  assert.equal(assertOk(await h.get(`/api/v1/audit?entity=aid_case&entity_id=${empty.id}`, { session: s.admin })).total, 2)
})

test('records carry attachments; outcomes note progress', async () => {
  const x = assertOk(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record({ record_date: '2026-10-10', kind: 'home_visit', duration_minutes: 90, notes: '家访：与祖母谈学习习惯' }), { session: s.teacher1 }), 201)
  const base = `/api/v1/aid-cases/${tcCase.id}/records/${x.id}/attachments`
  const up = assertOk(await h.post(`${base}?name=家访.png`, PNG, { session: s.teacher1 }), 201)
  assert.equal(up.content_type, 'image/png')
  const dl = await h.get(`${base}/${up.id}`, { session: s.tongcheng, raw: true })
  assert.equal(dl.status, 200)
  assert.ok(dl.bytes.equals(PNG))
  assertError(await h.post(`${base}?name=x.png`, PNG, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.get(base, { session: s.huocheng }), 404, 'not_found')
  assert.equal(assertOk(await h.get(`/api/v1/aid-cases/${tcCase.id}/records`, { session: s.shiyan })).items.find((r) => r.id === x.id).attachment_count, 1)

  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/outcomes`, { recorded_on: '2026-10-30', attendance_percent: 120 }, { session: s.teacher1 }), 422, 'validation', ['attendance_percent'])
  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/outcomes`, { recorded_on: '2026-10-30', monthly_wage_fen: 200000 }, { session: s.teacher1 }), 422, 'validation', ['monthly_wage_fen'])
  const o = assertOk(await h.post(`/api/v1/aid-cases/${tcCase.id}/outcomes`, { recorded_on: '2026-10-30', note: '期中数学 78 分', grade_score: '数学 52→78', attendance_percent: 98 }, { session: s.teacher1 }), 201)
  const detail = assertOk(await h.get(`/api/v1/aid-cases/${tcCase.id}`, { session: s.tongcheng }))
  assert.deepEqual(detail.outcomes.map((y) => y.id), [o.id])
  assert.ok(detail.records.length >= 2)
  assert.deepEqual(detail.records.find((r) => r.id === x.id).attachments.map((f) => f.name), ['家访.png'])
  assertError(await h.post(`/api/v1/aid-cases/${tcCase.id}/outcomes`, { recorded_on: '2026-10-30', note: 'x' }, { session: s.inspector }), 403, 'forbidden')
})

test('statistics by kind and month, in scope, and the exports', async () => {
  const money = assertOk(await h.post(`/api/v1/aid-cases/${tcCase.id}/records`, record({ record_date: '2026-10-12', kind: 'material_aid', amount_fen: 8050, notes: '书包、文具' }), { session: s.teacher1 }), 201)
  assert.equal(money.amount_yuan, '80.50')
  const st = assertOk(await h.get('/api/v1/aid/statistics?institution=' + instId['五里镇湾头小学'], { session: s.tongcheng }))
  const byKind = Object.fromEntries(st.by_kind.map((r) => [r.key, r.records]))
  assert.equal(byKind.material_aid, 1)
  assert.equal(byKind.home_visit, 1)
  assert.equal(st.total.amount_fen, 8050)
  assert.ok(st.by_month.some((m) => m.key === '2026-10' && m.label === '2026年10月'))
  const hc = assertOk(await h.get('/api/v1/aid/statistics', { session: s.huocheng }))
  assert.equal(hc.total.records, 0)
  assert.equal(hc.total.cases, 1)
  assertError(await h.get('/api/v1/aid/statistics?date_from=2026-10-31&date_to=2026-10-01', { session: s.admin }), 400, 'malformed')

  const xl = await h.get('/api/v1/aid-cases/export.xlsx', { session: s.tongcheng, raw: true })
  assertXlsx(xl, '一对一帮扶')
  const rows = readXlsxRows(xl.bytes)
  assert.equal(rows[0][1], '帮扶对象')
  assert.ok(rows.some((r) => r[1] === '王施佳豪'))
  assert.ok(!rows.flat().some((v) => String(v).includes('13800007777')))
  assertXlsx(await h.get('/api/v1/aid/statistics.xlsx', { session: s.tongcheng, raw: true }), '帮扶统计')
})
