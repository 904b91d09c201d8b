// Yearly reports over HTTP on the demo data (data/demo/pairing.json): every figure checked here
// is computed in this file from the demo JSON, independently of Bangfu; scope refusals; the
// Word, HTML and Excel outputs; the lock and the unlock workflow with its audit.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { ROOT, XLSX_TYPE, assertError, assertOk, readXlsxRows, readZip, setup } from './harness.mjs'

const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'pairing.json'), 'utf8'))
const yj = (list) => list.filter((x) => x.program === '#yj')
const inYear = (date, y) => date.startsWith(String(y))
const donationsFen = (y, kind) =>
  yj(demo.donations).filter((x) => x.kind === kind && inYear(x.donated_on, y)).reduce((s, x) => s + x.amount_fen, 0)

let h
let s
let sanyuanId
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'huocheng', 'sanyuan', 'wantou', 'inspector_ah'])
  const inst = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent('三元中学')}`, { session: s.admin }))
  sanyuanId = inst.items.find((x) => x.name.includes('三元中学')).id
})
after(async () => {
  await h?.close()
})

const summary = (scope, year, session, extra = '') =>
  h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}${extra}`, { session })
const figures = (report) => Object.fromEntries(report.sections.flatMap((x) => x.figures).map((f) => [f.key, f.value]))

test('叶集区: the donations of each year add up to 290,000 yuan of funds and 1.7 million of materials', async () => {
  let funds = 0
  let materials = 0
  for (const y of [2023, 2024, 2025, 2026]) {
    const f = figures(assertOk(await summary('region:341504', y, s.yeji)))
    assert.equal(f['donations.funds_fen'], donationsFen(y, 'funds'), `funds ${y}`)
    assert.equal(f['donations.materials_fen'], donationsFen(y, 'materials'), `materials ${y}`)
    assert.equal(f['donations.count'], yj(demo.donations).filter((x) => inYear(x.donated_on, y)).length)
    // By category, as the demo records them.
    for (const d of yj(demo.donations).filter((x) => x.kind === 'materials' && inYear(x.donated_on, y))) {
      const same = yj(demo.donations).filter((x) => x.category === d.category && inYear(x.donated_on, y))
      assert.equal(f[`donations.category.${d.category}`], same.reduce((t, x) => t + x.amount_fen, 0), d.category)
    }
    funds += f['donations.funds_fen']
    materials += f['donations.materials_fen']
  }
  assert.equal(funds, 29_000_000)
  assert.equal(materials, 170_000_000)
})

test('叶集区 2026: activities by type, person-times and the named demonstration classes', async () => {
  const r = assertOk(await summary('region:341504', 2026, s.yeji))
  const f = figures(r)
  const acts = yj(demo.activities).filter((x) => inYear(x.start_date, 2026))
  const people = (x) => (x.leaders_count || 0) + (x.teachers_count || 0) + (x.students_count || 0) + (x.medical_count || 0)
  assert.equal(f['activities.count'], acts.length)
  assert.equal(f['activities.person_times'], acts.reduce((t, x) => t + people(x), 0))
  for (const type of new Set(acts.map((x) => x.type))) {
    assert.equal(f[`activities.type.${type}`], acts.filter((x) => x.type === type).length, type)
  }
  const classes = acts.filter((x) => x.type === 'demonstration_class')
  assert.equal(f['activities.demonstration_classes'], classes.length)
  const section = r.sections.find((x) => x.key === 'activities')
  for (const c of classes) assert.ok(section.summary.includes(c.teacher.slice(1)), `${c.teacher} named: ${section.summary}`)
  assert.equal(f['pairings.active'], yj(demo.pairings).length)
  assert.equal(f['organisation.documents'], yj(demo.documents).length)
  assert.equal(f['organisation.leaders'], yj(demo.leading_group).length)
  assert.equal(f['inspections.count'], yj(demo.inspections).filter((x) => inYear(x.inspected_on, 2026)).length)
  assert.equal(f['plans.count'], yj(demo.plans).filter((x) => x.start_date <= '2026-12-31' && x.end_date >= '2026-01-01').length)
  assert.equal(f['pairings.new'], yj(demo.pairings).filter((x) => inYear(x.start_date, 2026)).length)
  const exchange = acts.filter((x) => ['leader_visit', 'teacher_visit', 'student_exchange'].includes(x.type))
  assert.equal(f['activities.exchange_visits'], exchange.length)
  // Each figure links to the list behind it.
  const funds = r.sections.flatMap((x) => x.figures).find((x) => x.key === 'donations.funds_fen')
  assert.equal(funds.link, '/donations?region=341504&year=2026&kind=funds')
  assert.equal(funds.text, '80,000.00')
})

test('a report never includes records outside its scope, nor outside the reader\'s', async () => {
  const text = JSON.stringify(assertOk(await summary('region:341504', 2026, s.admin)))
  assert.ok(!text.includes('霍城'), '叶集区 report names a 霍城 record')
  assert.ok(!text.includes('通城'), '叶集区 report names a 通城 record')
  const hc = JSON.stringify(assertOk(await summary('region:654023', 2026, s.huocheng)))
  assert.ok(!hc.includes('叶集') && !hc.includes('三元'), '霍城县 report names a 叶集 record')
  assertError(await summary('region:341504', 2026, s.huocheng), 404, 'not_found')
  assertError(await summary(`institution:${sanyuanId}`, 2026, s.wantou), 404, 'not_found')
  assertError(await summary('region:341504', 2026, s.sanyuan), 404, 'not_found')
  // A program's report is its bureau's; 三元中学 sees the program only in part.
  const yjProgram = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent('叶集区城乡学校结对帮扶')}`, { session: s.sanyuan })).items[0]
  assertError(await summary(`program:${yjProgram.id}`, 2026, s.sanyuan), 403, 'forbidden')
  assertOk(await summary(`program:${yjProgram.id}`, 2026, s.yeji))
  // An inspector over 六安市 reads 叶集区's report.
  assertOk(await summary('region:341504', 2026, s.inspector_ah))
  // 三元中学's own report: its pairings only (as recipient of 一中 and supporter of 资源小学).
  const own = figures(assertOk(await summary(`institution:${sanyuanId}`, 2026, s.sanyuan)))
  assert.equal(own['pairings.active'], 2)
  const sanyuanDonations = yj(demo.donations).filter((x) => x.recipient_institution === '@yj_sanyuan_middle')
  assert.equal(own['donations.total_fen'], sanyuanDonations.filter((x) => inYear(x.donated_on, 2026)).reduce((t, x) => t + x.amount_fen, 0))
})

test('bad parameters are refused naming the parameter', async () => {
  assertError(await h.get('/api/v1/reports/summary?year=2026', { session: s.yeji }), 400, 'malformed', ['scope'])
  assertError(await summary('county:1', 2026, s.yeji), 400, 'malformed', ['scope'])
  assertError(await summary('region:341504', 26, s.yeji), 400, 'malformed', ['year'])
  assertError(await summary('region:341504', 2026, s.yeji, '&format=pdf'), 400, 'malformed', ['format'])
  assertError(await summary('region:341504', 2026, s.yeji, '&lang=fr'), 400, 'malformed', ['lang'])
  const en = await h.get('/api/v1/reports/summary?scope=nope&year=2026', { session: s.yeji, headers: { 'accept-language': 'en' } })
  assert.match(en.json.error.fields.scope, /program:ID/)
})

test('Word, printable HTML and Excel carry the same figures, in Chinese or English', async () => {
  const html = await summary('region:341504', 2024, s.yeji, '&format=html')
  assert.equal(html.status, 200)
  assert.match(html.headers.get('content-type'), /^text\/html; charset=utf-8/)
  assert.match(html.text, /叶集区2024年度帮扶工作总结/)
  assert.match(html.text, /@page/)
  assert.ok(html.text.includes('>80,000.00</a>'))

  const docx = await summary('region:341504', 2024, s.yeji, '&format=docx')
  assert.equal(docx.status, 200)
  assert.equal(docx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  assert.match(decodeURIComponent(docx.headers.get('content-disposition')), /叶集区2024年度帮扶工作总结\.docx/)
  const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
  assert.ok(doc.includes('620,000.00'), 'docx holds the 2024 materials')
  assert.ok(doc.includes('四、资源共享与捐资助学'))

  const en = await summary('region:341504', 2024, s.yeji, '&format=docx&lang=en')
  assert.ok(readZip(en.bytes).get('word/document.xml').toString('utf8').includes('4. Resource sharing and donations'))

  const xlsx = await summary('region:341504', 2024, s.yeji, '&format=xlsx')
  assert.equal(xlsx.headers.get('content-type'), XLSX_TYPE)
  const rows = readXlsxRows(xlsx.bytes)
  const row = rows.find((r) => r[1] === '捐赠物资折价')
  assert.equal(Number(row[2]), 620000)
  const sheets = [...readZip(xlsx.bytes).keys()].filter((k) => k.startsWith('xl/worksheets/sheet'))
  assert.ok(sheets.length >= 8, `one sheet per table: ${sheets}`)
})

test('lock freezes the figures; an institution asks for an unlock; the bureau refuses, then grants; all audited', async () => {
  const scope = `institution:${sanyuanId}`
  const q = `?scope=${scope}&year=2026`
  assertOk(await h.api('PUT', `/api/v1/reports/written${q}`, { session: s.sanyuan, body: { feelings: '帮扶让我们成长', shortcomings: '', next_steps: '创建市级示范高中' } }))
  assertError(await h.api('PUT', `/api/v1/reports/written${q}`, { session: s.sanyuan, body: { feelings: 12 } }), 422, 'validation', ['feelings'])
  assertError(await h.post(`/api/v1/reports/lock${q}`, {}, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/reports/lock${q}`, {}, { session: s.huocheng }), 403, 'forbidden')
  const before = assertOk(await summary(scope, 2026, s.sanyuan))
  const locked = assertOk(await h.post(`/api/v1/reports/lock${q}`, {}, { session: s.yeji }))
  assert.equal(locked.locked, true)

  // A new gift to 三元中学 after locking does not change the locked report.
  const programs = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent('叶集区城乡学校结对帮扶')}`, { session: s.yeji }))
  const pairings = assertOk(await h.get(`/api/v1/pairings?program=${programs.items[0].id}&page_size=100`, { session: s.yeji }))
  const pairing = pairings.items.find((x) => x.recipient === sanyuanId)
  assertOk(await h.post('/api/v1/donations', { program: programs.items[0].id, pairing: pairing.id, kind: 'funds', donated_on: '2026-11-20', donor_kind: 'institution', donor_institution: pairing.supporter, amount_fen: 2_000_000, purpose: '维修教学楼' }, { session: s.yeji }), 201)
  const frozen = assertOk(await summary(scope, 2026, s.sanyuan))
  assert.equal(frozen.locked, true)
  assert.deepEqual(frozen.sections, before.sections)
  assertError(await h.api('PUT', `/api/v1/reports/written${q}`, { session: s.sanyuan, body: { feelings: '改' } }), 409, 'conflict')

  assertError(await h.post(`/api/v1/reports/unlock-requests${q}`, { reason: ' ' }, { session: s.sanyuan }), 422, 'validation', ['reason'])
  const req = assertOk(await h.post(`/api/v1/reports/unlock-requests${q}`, { reason: '11月20日的捐赠需补录' }, { session: s.sanyuan }), 201)
  assert.equal(req.status, 'pending')
  assertError(await h.post(`/api/v1/reports/unlock-requests/${req.id}/grant`, {}, { session: s.sanyuan }), 403, 'forbidden')
  const refused = assertOk(await h.post(`/api/v1/reports/unlock-requests/${req.id}/refuse`, { note: '请附证明' }, { session: s.yeji }))
  assert.equal(refused.status, 'refused')
  const again = assertOk(await h.post(`/api/v1/reports/unlock-requests${q}`, { reason: '已附捐赠证明' }, { session: s.sanyuan }), 201)
  assertOk(await h.post(`/api/v1/reports/unlock-requests/${again.id}/grant`, { note: '同意' }, { session: s.yeji }))
  const live = assertOk(await summary(scope, 2026, s.sanyuan))
  assert.equal(live.locked, false)
  assert.equal(figures(live)['donations.funds_fen'], figures(before)['donations.funds_fen'] + 2_000_000)
  assert.equal(live.written.feelings, '帮扶让我们成长')

  const list = assertOk(await h.get(`/api/v1/reports/unlock-requests${q}`, { session: s.sanyuan }))
  assert.deepEqual(list.items.map((x) => x.status), ['granted', 'refused'])
  const audit = assertOk(await h.get('/api/v1/audit?entity=report_unlock_request&page_size=50', { session: s.yeji }))
  assert.deepEqual(audit.items.map((x) => x.action).sort(), ['create', 'create', 'grant', 'refuse'])
  const reportAudit = assertOk(await h.get('/api/v1/audit?entity=yearly_report&page_size=50', { session: s.sanyuan }))
  assert.deepEqual(reportAudit.items.map((x) => x.action).sort(), ['lock', 'unlock', 'update'])
})

test('the dashboard agrees with the yearly summary and with the lists it links to', async () => {
  const d = assertOk(await h.get('/api/v1/reports/dashboard?scope=region:341504&year=2026', { session: s.yeji }))
  const f = figures(assertOk(await summary('region:341504', 2026, s.yeji)))
  assert.ok(d.figures.length >= 8)
  for (const x of d.figures) assert.equal(x.value, f[x.key], x.key)
  const sum = (rows, k) => rows.reduce((t, r) => t + r[k], 0)
  assert.equal(d.activities_by_month.length, 12)
  assert.equal(sum(d.activities_by_month, 'activities'), f['activities.count'])
  assert.equal(sum(d.activities_by_type, 'person_times'), f['activities.person_times'])
  // (The lock test above added a 20,000 yuan gift in 2026: the totals follow the records.)
  assert.equal(sum(d.donations_by_category, 'funds_fen'), f['donations.funds_fen'])
  assert.equal(sum(d.donations_by_category, 'materials_fen'), f['donations.materials_fen'])
  assert.equal(f['donations.materials_fen'], donationsFen(2026, 'materials'))
  // A month's link lists exactly that month's activities.
  const april = d.activities_by_month.find((m) => m.key === '2026-04')
  assert.equal(april.link, '/activities?region=341504&date_from=2026-04-01&date_to=2026-04-30')
  const listed = assertOk(await h.get(`/api/v1${april.link}`, { session: s.yeji }))
  assert.equal(listed.total, april.activities)
  // Today's four haves and overdue tasks, as their own lists count them.
  const nc = assertOk(await h.get('/api/v1/four-haves/non-compliant?region=341504', { session: s.yeji }))
  assert.equal(d.current.non_compliant_pairings, nc.total)
  assert.equal(d.current.active_pairings, yj(demo.pairings).filter((x) => x.status === 'active').length)
  const overdue = assertOk(await h.get('/api/v1/tasks?overdue=true', { session: s.yeji }))
  assert.equal(d.current.overdue_tasks, overdue.total)
  assert.equal(d.current.four_haves_link, '/four-haves?region=341504')
  assertError(await h.get('/api/v1/reports/dashboard?scope=region:341504&year=2026', { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get('/api/v1/reports/dashboard?scope=region:341504&year=x', { session: s.yeji }), 400, 'malformed', ['year'])
})
