// The teacher-dispatch and appraisal section of the yearly reports on the demo data
// (data/demo/dispatch.json, appraisal.json): every figure checked here is computed in this file
// from the demo JSON, independently of Bangfu. "Year Y" is the school year ending in Y (1
// September Y-1 to 31 August Y), the appraisal year. Also: a 叶集区 report never holds 彭州→乡城
// dispatches; the dashboard, the Word document and the workbook agree with the summary.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { ROOT, assertOk, readZip, setup } from './harness.mjs'

const load = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', name), 'utf8'))
const dispatch = load('dispatch.json')
const appraisal = load('appraisal.json')
const YJ = '叶集区城乡学校结对帮扶'
const PZ = '成都市彭州市对口支援乡城县教育'

// Assignments of a program whose period overlaps the school year ending in `y`.
const inSchoolYear = (x, y) => x.start_date <= `${y}-08-31` && x.end_date >= `${y - 1}-09-01`
const sent = (program, y) => dispatch.assignments.filter((x) => x.program === program && inSchoolYear(x, y) && x.status !== 'withdrawn')

// Calendar months with at least 15 days served between two dates (the subsidy rule).
function countedMonths(first, last) {
  let n = 0
  const a = new Date(`${first}T00:00:00Z`)
  const b = new Date(`${last}T00:00:00Z`)
  for (let d = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1)); d <= b; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const monthEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))
    const from = a > d ? a : d
    const to = b < monthEnd ? b : monthEnd
    if ((to - from) / 86400000 + 1 >= 15) n += 1
  }
  return n
}

let h
let s
let pz
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'pengzhou', 'sanyuan'])
  const page = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent(PZ)}`, { session: s.admin }))
  pz = page.items.find((x) => x.name === PZ)
  assert.ok(pz, 'the 彭州 program is in the demo')
})
after(async () => {
  await h?.close()
})

const summary = (scope, year, session, extra = '') => h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}${extra}`, { session })
const section = (report) => report.sections.find((x) => x.key === 'dispatch')
const figures = (report) => Object.fromEntries(section(report).figures.map((f) => [f.key, f.value]))

test('叶集区: person-times of each school year, 107 in all, and never a 彭州→乡城 dispatch', async () => {
  // Each assignment counted once, in the school year it starts: the seeds' 107 person-times.
  let firstYears = 0
  for (const y of [2013, 2023, 2024, 2025, 2026]) {
    const r = assertOk(await summary('region:341504', y, s.yeji))
    const f = figures(r)
    const expected = sent(YJ, y)
    assert.equal(f['dispatch.person_times'], expected.length, `person-times ${y}`)
    assert.equal(f['dispatch.teachers'], new Set(expected.map((x) => x.staff)).size, `teachers ${y}`)
    assert.equal(f['dispatch.batches'], new Set(expected.map((x) => x.batch)).size, `batches ${y}`)
    firstYears += expected.filter((x) => !inSchoolYear(x, y - 1)).length
    const text = JSON.stringify(section(r))
    assert.ok(!text.includes('乡城') && !text.includes('彭州'), `no 彭州→乡城 record in 叶集区 ${y}`)
  }
  assert.equal(firstYears, 107)
  // 2013 is 彭州's year: nothing of it in 叶集区's report, all five in the program's.
  const pzReport = assertOk(await summary(`program:${pz.id}`, 2013, s.pengzhou))
  assert.equal(figures(pzReport)['dispatch.person_times'], sent(PZ, 2013).length)
  assert.equal(sent(PZ, 2013).length, 5)
})

test('彭州→乡城 2013: the subsidies come to 165,000 yuan (5 × 33,000), all payable', async () => {
  const items = appraisal.subsidy_items.filter((x) => x.program === PZ)
  const approved = new Map(appraisal.appraisals.filter((x) => x.program === PZ && x.year === 2013 && x.until === 'approve').map((x) => [x.staff, x.rating]))
  let expected = 0
  for (const a of sent(PZ, 2013)) {
    const months = countedMonths(a.start_date, a.end_date)
    assert.ok(approved.has(a.staff.slice(1)), `${a.staff} approved`)
    for (const i of items) expected += i.frequency === 'monthly' ? i.amount_fen * Math.min(months, i.max_months ?? months) : i.amount_fen
  }
  assert.equal(expected, 16_500_000)
  const r = assertOk(await summary(`program:${pz.id}`, 2013, s.pengzhou))
  const f = figures(r)
  assert.equal(f['dispatch.subsidy_entitled_fen'], expected)
  assert.equal(f['dispatch.subsidy_payable_fen'], expected)
  assert.equal(f['dispatch.subsidy_pending_fen'], 0)
  assert.equal(f['dispatch.rating.competent'], approved.size)
  assert.match(section(r).summary, /应享支教补助 165,000\.00 元，其中可发放 165,000\.00 元/)
  const link = section(r).figures.find((x) => x.key === 'dispatch.subsidy_payable_fen').link
  assert.equal(link, `/subsidy-payments?program=${pz.id}&year=2013&status=payable`)
  // The same total in the payment list the figure links to.
  const list = assertOk(await h.get(`/api/v1/dispatch/entitlements?program=${pz.id}&year=2013`, { session: s.pengzhou }))
  assert.equal(list.payable_fen, expected)
})

test('叶集区 2026: 李启成 and 游汝昌 named as excellent; ratings as the demo approved them', async () => {
  for (const y of [2024, 2025, 2026]) {
    const mine = appraisal.appraisals.filter((x) => x.program === YJ && x.year === y)
    const done = mine.filter((x) => x.until === 'approve')
    const r = assertOk(await summary('region:341504', y, s.yeji))
    const f = figures(r)
    assert.equal(f['dispatch.appraisals_approved'], done.length, `approved ${y}`)
    assert.equal(f['dispatch.appraisals_open'], mine.length - done.length, `open ${y}`)
    for (const rating of ['excellent', 'competent', 'basically_competent', 'incompetent'])
      assert.equal(f[`dispatch.rating.${rating}`], done.filter((x) => x.rating === rating).length, `${rating} ${y}`)
    const excellent = section(r).tables.find((t) => t.key === 'excellent_teachers').rows.map((row) => row[0])
    assert.deepEqual(excellent.sort(), done.filter((x) => x.rating === 'excellent').map((x) => x.staff).sort())
  }
  const r = assertOk(await summary('region:341504', 2026, s.yeji))
  assert.match(section(r).summary, /考核优秀的支教教师：.*李启成/)
  assert.match(section(r).summary, /游汝昌/)
  const en = assertOk(await summary('region:341504', 2026, s.yeji, '&lang=en'))
  assert.equal(section(en).title, '5. Teacher dispatch and appraisal')
  assert.match(section(en).summary, /Rated excellent: .*李启成/)
})

test('the dashboard, the Word document and the workbook carry the same dispatch figures', async () => {
  const r = assertOk(await summary('region:341504', 2026, s.yeji))
  const f = figures(r)
  const d = assertOk(await h.get('/api/v1/reports/dashboard?scope=region:341504&year=2026', { session: s.yeji }))
  const dash = Object.fromEntries(d.dispatch.figures.map((x) => [x.key, x.value]))
  assert.equal(dash['dispatch.person_times'], f['dispatch.person_times'])
  assert.equal(dash['dispatch.person_times'], sent(YJ, 2026).length)
  assert.equal(d.dispatch.ratings.find((x) => x.key === 'excellent').count, 2)
  assert.equal(d.dispatch.by_recipient.reduce((t, x) => t + x.person_times, 0), sent(YJ, 2026).length)
  // The trend: the five school years up to 2026, each as the demo records it.
  assert.deepEqual(
    d.dispatch.by_year.map((x) => [x.key, x.person_times]),
    [2022, 2023, 2024, 2025, 2026].map((y) => [String(y), sent(YJ, y).length]),
  )
  assert.equal(d.dispatch.by_year[4].label, '2025—2026学年')

  const docx = await summary('region:341504', 2026, s.yeji, '&format=docx')
  assert.equal(docx.status, 200)
  const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
  assert.ok(doc.includes('五、支教派遣与考核'))
  assert.ok(doc.includes('李启成') && doc.includes('游汝昌'))

  const pzx = await summary(`program:${pz.id}`, 2013, s.pengzhou, '&format=xlsx')
  assert.equal(pzx.status, 200)
  const zip = readZip(pzx.bytes)
  const names = [...zip.get('xl/workbook.xml').toString('utf8').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])
  for (const title of ['支教批次', '考核结果', '考核优秀教师名单', '支教补助']) assert.ok(names.includes(title), `sheet ${title} in ${names}`)
  const subsidies = zip.get(`xl/worksheets/sheet${names.indexOf('支教补助') + 1}.xml`).toString('utf8')
  assert.ok(subsidies.includes('<v>165000</v>'), 'the subsidies sheet totals 165,000 yuan as a number')
})

test('an institution report holds only the dispatches it receives or sends; others may not read it', async () => {
  const inst = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent('三元中学')}`, { session: s.admin }))
  const sanyuan = inst.items.find((x) => x.name === '叶集区三元中学')
  for (const y of [2024, 2025, 2026]) {
    const r = assertOk(await summary(`institution:${sanyuan.id}`, y, s.sanyuan))
    const expected = sent(YJ, y).filter((x) => x.recipient_institution === '@yj_sanyuan_middle')
    assert.equal(figures(r)['dispatch.person_times'], expected.length, `三元中学 ${y}`)
    const recipients = section(r).tables.find((t) => t.key === 'dispatch_by_recipient').rows.slice(0, -1).map((row) => row[0])
    assert.deepEqual(recipients, expected.length ? ['叶集区三元中学'] : [])
  }
  assert.equal(figures(assertOk(await summary(`institution:${sanyuan.id}`, 2024, s.sanyuan)))['dispatch.person_times'], 7)
  // 彭州's bureau reads neither 叶集区's region report nor 三元中学's.
  assert.equal((await summary('region:341504', 2026, s.pengzhou)).status, 404)
  assert.equal((await summary(`institution:${sanyuan.id}`, 2026, s.pengzhou)).status, 404)
})

test('a locked report keeps its dispatch figures when an assignment changes afterwards', async () => {
  const before = sent(YJ, 2025).length
  const locked = assertOk(await h.post('/api/v1/reports/lock?scope=region:341504&year=2025', {}, { session: s.yeji }))
  assert.equal(locked.locked, true)
  assert.equal(figures(assertOk(await summary('region:341504', 2025, s.yeji)))['dispatch.person_times'], before)
  // One of the seven at 三元中学 is recorded as having left in June 2024: no longer in 2024–25.
  const yj = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent(YJ)}`, { session: s.admin })).items.find((x) => x.name === YJ)
  const list = assertOk(await h.get(`/api/v1/dispatch/assignments?program=${yj.id}&year=2025&page_size=100`, { session: s.yeji }))
  const x = list.items.find((a) => a.recipient_institution_name === '叶集区三元中学')
  assertOk(await h.patch(`/api/v1/dispatch/assignments/${x.id}`, { end_date: '2024-06-30' }, { session: s.yeji }))
  const after = assertOk(await summary('region:341504', 2025, s.yeji))
  assert.equal(after.locked, true)
  assert.equal(figures(after)['dispatch.person_times'], before)
  // The program's report is not locked: it shows the change.
  const live = assertOk(await summary(`program:${yj.id}`, 2025, s.yeji))
  assert.equal(figures(live)['dispatch.person_times'], before - 1)
})
