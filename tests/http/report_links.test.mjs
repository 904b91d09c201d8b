// Every figure of the yearly summary and of the dashboard links to exactly the records behind it
// (issue 6): for a region, an institution and a program summary on the demo data, the link of
// each figure (web path + query) is mapped to the list API behind that page, and the list's own
// count or total must equal the figure. Also: the new filters refuse bad input and keep to the
// reader's scope.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, setup } from './harness.mjs'

// web page -> [API path, extra query the page adds (the kind of a beneficiary list)]
const PAGES = {
  '/dispatch/assignments': ['/api/v1/dispatch/assignments', ''],
  '/dispatch/attachments': ['/api/v1/dispatch/attachments', ''],
  '/appraisals': ['/api/v1/appraisals', ''],
  '/subsidy-payments': ['/api/v1/dispatch/entitlements', ''],
  '/beneficiaries/stats': ['/api/v1/beneficiaries/stats', ''],
  '/beneficiaries/students': ['/api/v1/beneficiaries', 'kind=student'],
  '/beneficiaries/households': ['/api/v1/beneficiaries', 'kind=household'],
  '/aid/cases': ['/api/v1/aid-cases', ''],
  '/aid/stats': ['/api/v1/aid/statistics', ''],
  '/aid/alerts': ['/api/v1/aid/alerts', ''],
  '/dispatch/batches': ['/api/v1/dispatch/batches', ''],
  '/pairings': ['/api/v1/pairings', ''],
  '/plans': ['/api/v1/plans', ''],
  '/inspections': ['/api/v1/inspections', ''],
  '/activities': ['/api/v1/activities', ''],
  '/donations': ['/api/v1/donations', ''],
  '/resources': ['/api/v1/resources', ''],
  '/beneficiaries/inbound': ['/api/v1/inbound-cohorts/stats', ''],
  '/programs': ['/api/v1/programs', ''],
}

// What a figure counts, read from the answer of the list behind it.
const COUNT = {
  'dispatch.person_times': (j) => j.total,
  'dispatch.withdrawn': (j) => j.total,
  'dispatch.attachment_person_times': (j) => j.headcount,
  'dispatch.appraisals_approved': (j) => j.total,
  'dispatch.appraisals_open': (j) => j.total,
  'dispatch.subsidy_entitled_fen': (j) => j.entitled_fen,
  'dispatch.subsidy_payable_fen': (j) => j.payable_fen,
  'dispatch.subsidy_pending_fen': (j) => j.pending_fen,
  'people.beneficiaries': (j) => j.total,
  'people.students': (j) => j.total,
  'people.households': (j) => j.total,
  'aid.cases': (j) => j.total,
  'aid.records': (j) => j.total.records,
  'aid.amount_fen': (j) => j.total.amount_fen,
  'aid.counselled': (j) => j.total.counselled,
  'aid.tuition_exemptions': (j) => j.total.tuition_exemptions,
  'aid.work_study_places': (j) => j.total.work_study_places,
  'aid.people_employed': (j) => j.total.people_employed,
  'aid.overdue_cases': (j) => j.cases.length,
  'dispatch.batches': (j) => j.total,
  'pairings.active': (j) => j.total,
  'pairings.new': (j) => j.total,
  'plans.count': (j) => j.total,
  'inspections.count': (j) => j.total,
  'activities.count': (j) => j.total,
  'donations.count': (j) => j.total,
  'resources.count': (j) => j.total,
  'inbound.students': (j) => j.students,
  'organisation.programs': (j) => j.total,
}
const countOf = (key) => COUNT[key] ?? (key.startsWith('dispatch.rating.') ? (j) => j.total : null)

let h
let s
const inst = {}
const prog = {}
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'pengzhou', 'sanyuan', 'tongcheng'])
  for (const x of assertOk(await h.get('/api/v1/institutions?page_size=200', { session: s.admin })).items) inst[x.name] = x.id
  for (const x of assertOk(await h.get('/api/v1/programs?page_size=100', { session: s.admin })).items) prog[x.name] = x.id
})
after(async () => {
  await h?.close()
})

// The API answer behind a web link, as `session` reads it.
async function follow(link, session) {
  const [pagePath, query = ''] = link.split('?')
  // A program's own page: the program, one record.
  if (/^\/programs\/\d+$/.test(pagePath)) {
    assertOk(await h.get(`/api/v1${pagePath}`, { session }))
    return { total: 1 }
  }
  const page = PAGES[pagePath]
  assert.ok(page, `a known list page: ${link}`)
  const q = [page[1], query, 'page_size=1'].filter(Boolean).join('&')
  return assertOk(await h.get(`${page[0]}?${q}`, { session }))
}

// Checks every figure of the summary that has a countable list behind it; returns how many.
async function checkSummary(scope, year, session) {
  const r = assertOk(await h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}`, { session }))
  let checked = 0
  for (const f of r.sections.flatMap((x) => x.figures)) {
    const count = countOf(f.key)
    if (!count || !f.link) continue
    const j = await follow(f.link, session)
    assert.equal(count(j), f.value, `${scope} ${year} ${f.key}: ${f.link}`)
    checked += 1
  }
  // The donated amounts: the totals of the same donation list.
  for (const f of r.sections.flatMap((x) => x.figures)) {
    if (!/^donations\.(funds|materials|total)_fen$|^donations\.category\./.test(f.key)) continue
    const query = f.link.split('?')[1] ?? ''
    const t = assertOk(await h.get(`/api/v1/donations/totals?group=year&${query}`, { session })).total
    assert.equal(t.total_fen, f.value, `${scope} ${year} ${f.key}: ${f.link}`)
    checked += 1
  }
  return { report: r, checked }
}

const value = (report, key) => report.sections.flatMap((x) => x.figures).find((f) => f.key === key)?.value

test('叶集区 (region): every dispatch figure equals the list its link opens, year by year', async () => {
  let nonzero = 0
  for (const y of [2023, 2024, 2025, 2026]) {
    const { report, checked } = await checkSummary('region:341504', y, s.yeji)
    assert.ok(checked >= 15, `${y}: ${checked} figures checked`)
    if (value(report, 'dispatch.person_times') > 0 && value(report, 'dispatch.appraisals_approved') > 0) nonzero += 1
  }
  assert.ok(nonzero >= 1, 'a year with dispatches and approved appraisals')
  // The same figures read by the system admin (whose lists are not limited to 叶集区 by scope):
  // only the region filter keeps 彭州→乡城's 2013 dispatches out.
  const { report, checked } = await checkSummary('region:341504', 2013, s.admin)
  assert.ok(checked >= 15)
  assert.equal(value(report, 'dispatch.person_times'), 0)
  const all = assertOk(await h.get('/api/v1/dispatch/assignments?school_year=2013&withdrawn=false&page_size=1', { session: s.admin }))
  assert.equal(all.total, 5, '彭州→乡城 sent five in 2012–13')
})

test('三元中学 (institution) and the programs: every dispatch figure equals its list', async () => {
  for (const y of [2024, 2025, 2026]) {
    await checkSummary(`institution:${inst['叶集区三元中学']}`, y, s.sanyuan)
    await checkSummary(`program:${prog['叶集区城乡学校结对帮扶']}`, y, s.yeji)
  }
  const { report } = await checkSummary(`program:${prog['成都市彭州市对口支援乡城县教育']}`, 2013, s.pengzhou)
  assert.equal(value(report, 'dispatch.subsidy_payable_fen'), 16500000)
})

test('people helped: region, institution and program figures equal the lists behind them', async () => {
  const tielukeng = inst['企石镇铁炉坑村']
  for (const [scope, session] of [
    ['region:441900', s.admin],
    ['region:441900105', s.admin],
    [`institution:${tielukeng}`, s.admin],
    ['region:421222', s.tongcheng],
    [`program:${prog['东莞理工学院对口帮扶企石镇铁炉坑村']}`, s.admin],
  ]) {
    const { report, checked } = await checkSummary(scope, 2026, session)
    assert.ok(checked >= 10, `${scope}: ${checked} figures checked`)
    assert.ok(value(report, 'aid.records') >= 0)
  }
  const { report } = await checkSummary('region:441900105', 2026, s.admin)
  assert.equal(value(report, 'people.households'), 16)
  // Without the region, the aid statistics of the system admin hold other regions' records too.
  const all = assertOk(await h.get('/api/v1/aid/statistics?date_from=2026-01-01&date_to=2026-12-31', { session: s.admin }))
  assert.ok(all.total.records > value(report, 'aid.records'))
})

test('the dashboard series link to lists of the same counts', async () => {
  const d = assertOk(await h.get(`/api/v1/reports/dashboard?scope=region:341504&year=2025`, { session: s.yeji }))
  let checked = 0
  for (const x of [...d.dispatch.by_year, ...d.dispatch.by_recipient, ...d.dispatch.by_sender, ...d.dispatch.by_subject]) {
    const j = await follow(x.link, s.yeji)
    assert.equal(j.total, x.person_times, x.link)
    checked += 1
  }
  for (const x of d.dispatch.ratings) {
    assert.equal((await follow(x.link, s.yeji)).total, x.count, x.link)
    checked += 1
  }
  assert.ok(checked >= 8)
  // People helped: each category's students, and the overdue cases.
  const p = assertOk(await h.get('/api/v1/reports/dashboard?scope=region:421222&year=2026', { session: s.admin })).people_helped
  for (const c of p.beneficiaries_by_category) assert.equal((await follow(c.link, s.admin)).total, c.students, c.link)
  assert.equal((await follow(p.overdue.link, s.admin)).cases.length, p.overdue.cases, p.overdue.link)
  const dg = assertOk(await h.get('/api/v1/reports/dashboard?scope=region:441900105&year=2026', { session: s.admin })).people_helped
  let months = 0
  for (const m of dg.aid_by_month) {
    assert.equal((await follow(m.link, s.admin)).total.records, m.records, m.link)
    months += m.records > 0 ? 1 : 0
  }
  assert.ok(months >= 2, 'help recorded in several months')
})

test('the new filters: bad values are refused naming the field; a region outside the scope lists nothing', async () => {
  for (const [url, field] of [
    ['/api/v1/dispatch/assignments?school_year=25', 'school_year'],
    ['/api/v1/dispatch/assignments?withdrawn=maybe', 'withdrawn'],
    ['/api/v1/dispatch/attachments?school_year=abc', 'school_year'],
    ['/api/v1/appraisals?open=perhaps', 'open'],
    ['/api/v1/aid-cases?year=12', 'year'],
    ['/api/v1/beneficiaries?aided_year=x', 'aided_year'],
    ['/api/v1/beneficiaries/stats?aid_program=abc', 'aid_program'],
  ]) {
    assertError(await h.get(url, { session: s.yeji }), 400, 'malformed', [field])
  }
  // 叶集区's bureau asking for 彭州市 (outside its subtree) gets empty lists, not 彭州's records.
  for (const url of [
    '/api/v1/dispatch/assignments?region=510182',
    '/api/v1/dispatch/attachments?region=510182',
    '/api/v1/appraisals?region=510182',
    '/api/v1/aid-cases?region=441900',
  ])
    assert.equal(assertOk(await h.get(url, { session: s.yeji })).total, 0, url)
  const pay = assertOk(await h.get('/api/v1/dispatch/entitlements?region=510182&year=2013', { session: s.yeji }))
  assert.equal(pay.total, 0)
  assert.equal(assertOk(await h.get('/api/v1/aid/statistics?region=441900', { session: s.tongcheng })).total.records, 0)
  // The same filters read by 彭州's own bureau find its records; an unknown region finds none.
  assert.ok(assertOk(await h.get('/api/v1/dispatch/assignments?region=510182', { session: s.pengzhou })).total > 0)
  assert.equal(assertOk(await h.get('/api/v1/dispatch/assignments?region=999999', { session: s.admin })).total, 0)
})

test('inbound students (乡城 → 彭州): the region summaries of the host and of the origin link to the cohorts they count', async () => {
  for (const [scope, session] of [['region:510182', s.pengzhou], ['region:513336', s.admin], ['region:510182', s.admin]]) {
    const { report } = await checkSummary(scope, 2025, session)
    assert.ok(value(report, 'inbound.students') > 0, `${scope}: inbound students counted and checked against their list`)
  }
  // 通城县 hosts none: its summary counts none, and so does the list its link opens for the
  // system admin, who reads 彭州's cohorts too (the region filter keeps them out).
  const all = assertOk(await h.get('/api/v1/inbound-cohorts/stats?school_year=2025', { session: s.admin }))
  assert.ok(all.students > 0)
  const { report } = await checkSummary('region:421222', 2025, s.admin)
  assert.equal(value(report, 'inbound.students'), 0)
})

test('the dashboard state of today: pairings short of the four haves and overdue tasks equal their lists', async () => {
  for (const [scope, session] of [
    ['region:341504', s.admin],
    ['region:341504', s.yeji],
    [`institution:${inst['叶集区三元中学']}`, s.admin],
    [`program:${prog['叶集区城乡学校结对帮扶']}`, s.yeji],
  ]) {
    const d = assertOk(await h.get(`/api/v1/reports/dashboard?scope=${scope}&year=2026`, { session }))
    const c = d.current
    const [, fq] = c.four_haves_link.split('?')
    const nc = assertOk(await h.get(`/api/v1/four-haves/non-compliant?${fq ?? ''}&page_size=1`, { session }))
    assert.equal(nc.total, c.non_compliant_pairings, `${scope} ${c.four_haves_link}`)
    const [, oq] = c.overdue_link.split('?')
    const tasks = assertOk(await h.get(`/api/v1/tasks?overdue=true&${oq ?? ''}&page_size=1`, { session }))
    assert.equal(tasks.total, c.overdue_tasks, `${scope} ${c.overdue_link}`)
  }
})
