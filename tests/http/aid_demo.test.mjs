// The demo's one-to-one aid (data/demo/aid.json) through the statistics and case endpoints: the
// seeds' figures as a user of the demo reads them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, assertPage, setup } from './harness.mjs'

let h
let s
const instId = {}

before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'teacher1', 'tongcheng', 'huocheng', 'fengqi'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
})
after(async () => {
  await h?.close()
})

test('铁炉坑村: 16 households, 7 counselled, 2 tuition exemptions, 6 work-study places, 6 employed at ≥ 2,000 yuan', async () => {
  const st = assertOk(await h.get(`/api/v1/aid/statistics?institution=${instId['企石镇铁炉坑村']}`, { session: s.admin }))
  assert.equal(st.total.cases, 16)
  assert.equal(st.total.beneficiaries, 16)
  assert.equal(st.total.counselled, 7)
  assert.equal(st.total.tuition_exemptions, 2)
  assert.equal(st.total.work_study_places, 6)
  assert.equal(st.total.people_employed, 6)
  assert.equal(st.total.employed_at_threshold, 6)
  assert.equal(st.total.employed_wage_threshold_fen, 200000)
  assert.ok(st.total.lowest_monthly_wage_fen >= 200000, `lowest wage ${st.total.lowest_monthly_wage_fen}`)
  assert.equal(st.total.amount_fen, 6 * 200000)  // medical expenses of the six families with illness
  const byKind = Object.fromEntries(st.by_kind.map((r) => [r.key, r]))
  assert.equal(byKind.home_visit.beneficiaries, 16)
  assert.equal(byKind.counselling.label, '心理辅导')
  // A bureau of another region sees none of it.
  assert.equal(assertOk(await h.get('/api/v1/aid/statistics', { session: s.huocheng })).total.cases, 0)
})

test('王石佳豪: a week of course help, two weeks of interest help, a month of motivational education', async () => {
  const list = assertPage(await h.get('/api/v1/aid-cases?q=王石佳豪', { session: s.fengqi }))
  assert.equal(list.total, 1)
  const c = assertOk(await h.get(`/api/v1/aid-cases/${list.items[0].id}?as_of=2026-11-29`, { session: s.fengqi }))
  assert.deepEqual(c.cadences.map((x) => [x.kind, x.every_count, x.every_unit, x.last_date, x.overdue]), [
    ['tutoring', 1, 'week', '2026-11-23', false],
    ['interest_activity', 2, 'week', '2026-11-27', false],
    ['motivational_talk', 1, 'month', '2026-11-25', false],
    ['home_visit', 1, 'term', '2026-10-09', false],
  ])
  assert.equal(c.overdue, false)
  assert.equal(c.helper_name, '刘婷')
  // Two weeks without course help and it is overdue.
  assert.equal(assertOk(await h.get(`/api/v1/aid-cases/${c.id}?as_of=2026-12-01`, { session: s.fengqi })).overdue, true)
})

test('宁浩泽 (painting and football) and 涵涵 (online help in the 2020 school closures)', async () => {
  const ning = assertPage(await h.get('/api/v1/aid-cases?q=宁浩泽', { session: s.admin })).items[0]
  const detail = assertOk(await h.get(`/api/v1/aid-cases/${ning.id}`, { session: s.admin }))
  assert.ok(detail.records.some((r) => r.kind === 'material_aid' && r.notes.includes('水彩笔') && r.amount_fen === 3500))
  assert.ok(detail.outcomes.some((o) => o.note.includes('二等奖')))
  const han = assertPage(await h.get('/api/v1/aid-cases?q=涵涵', { session: s.tongcheng })).items[0]
  assert.equal(han.status, 'ended')
  assert.equal(han.overdue, false)
  const st = assertOk(await h.get(`/api/v1/aid/statistics?date_from=2020-02-01&date_to=2020-07-31`, { session: s.tongcheng }))
  assert.equal(st.total.records, 6)
  assert.deepEqual(st.by_month.map((m) => m.key), ['2020-02', '2020-03'])
})

test('the demo teacher has a case overdue today: a home visit each term, the last in autumn 2025', async () => {
  const mine = assertOk(await h.get('/api/v1/aid/mine', { session: s.teacher1 }))
  const c = mine.items.find((x) => x.beneficiary_name === '黄子轩')
  assert.ok(c, JSON.stringify(mine.items.map((x) => x.beneficiary_name)))
  assert.equal(c.overdue, true)  // due 2026-07-31, whatever the real date after it
  assert.equal(c.next_due_date, '2026-07-31')
  const alerts = assertOk(await h.get('/api/v1/aid/alerts', { session: s.tongcheng }))
  assert.ok(alerts.by_helper.some((x) => x.helper_name === '李家红'))
})

// The overdue cases are paged on request (issue 20); the groups stay whole.
test('the overdue cases come one page at a time when asked', async () => {
  const all = assertOk(await h.get('/api/v1/aid/alerts', { session: s.admin }))
  assert.ok(all.cases.length >= 2, `overdue cases in the demo: ${all.cases.length}`)
  const p1 = assertOk(await h.get('/api/v1/aid/alerts?page=1&page_size=1', { session: s.admin }))
  assert.equal(p1.cases_total, all.cases.length)
  assert.deepEqual(p1.cases, all.cases.slice(0, 1))
  assert.deepEqual(p1.by_helper, all.by_helper)
  const p2 = assertOk(await h.get('/api/v1/aid/alerts?page=2&page_size=1', { session: s.admin }))
  assert.deepEqual(p2.cases, all.cases.slice(1, 2))
})
